package pg_test

import (
	"go/build"
	"strings"
	"testing"
)

// The PostgreSQL register sits beside the folder register in DESIGN.md
// section 7's layering: it may use register, decision and catalog, and pgx;
// nothing above them.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/rightsaid/rightsaid/internal/register": true,
		"github.com/rightsaid/rightsaid/internal/decision": true,
		"github.com/rightsaid/rightsaid/internal/catalog":  true,
	}
	for _, imp := range pkg.Imports {
		switch {
		case allowed[imp], strings.HasPrefix(imp, "github.com/jackc/pgx/v5/"):
		case strings.Contains(imp, "."):
			t.Errorf("internal/register/pg imports %s: only register, decision, catalog and pgx are allowed", imp)
		}
	}
}
