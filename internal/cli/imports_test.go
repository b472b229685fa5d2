package cli

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/rightsaid/rightsaid/"

// allowedImports is DESIGN.md section 7's import rule: imports flow downward
// only. Each package may import the internal packages listed, and no other.
// yamlnode (positioned strict YAML) and atomicfile (atomic writes) are small
// helpers below the packages that use them.
var allowedImports = map[string][]string{
	"internal/cli":             {"*"},
	"internal/wizard":          {"internal/theme", "internal/render", "internal/assess", "internal/decision", "internal/catalog"},
	"internal/training":        {"internal/theme", "internal/render", "internal/register", "internal/assess", "internal/decision", "internal/catalog", "internal/wizard", "internal/yamlnode"},
	"internal/report":          {"internal/theme", "internal/render", "internal/register", "internal/assess", "internal/decision", "internal/catalog"},
	"internal/register":        {"internal/decision", "internal/catalog", "internal/atomicfile"},
	"internal/render":          {"internal/theme", "internal/decision", "internal/catalog"},
	"internal/assess":          {"internal/decision", "internal/catalog"},
	"internal/decision":        {"internal/catalog", "internal/yamlnode"},
	"internal/catalog":         {"internal/yamlnode"},
	"internal/catalog/builtin": {"internal/catalog"},
	"internal/theme":           {},
	"internal/yamlnode":        {},
	"internal/atomicfile":      {},
	"checklists":               {},
	"cmd/rightsaid":            {"internal/cli"},
}

// onlyIn names third-party packages that only some packages may use.
var onlyIn = map[string][]string{
	"github.com/spf13/cobra":   {"internal/cli"},
	"charm.land/bubbletea/v2":  {"internal/wizard"},
	"charm.land/huh/v2":        {"internal/wizard"},
	"charm.land/bubbles/v2":    {"internal/wizard"},
	"github.com/charmbracelet": {}, // v1 paths: never (x/ansi, colorprofile and x/term are allowed below)
}

var charmHelpers = []string{"github.com/charmbracelet/x/", "github.com/charmbracelet/colorprofile"}

// pure packages never touch the process or the clock.
var pure = []string{"internal/assess", "internal/decision", "internal/render", "internal/catalog", "internal/catalog/builtin", "internal/yamlnode", "internal/theme"}

func TestImportDirections(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		allowed, known := allowedImports[rel]
		if !known {
			if strings.HasPrefix(rel, "internal/") && !strings.Contains(strings.TrimPrefix(rel, "internal/"), "/") {
				t.Errorf("%s is not in the import rules of DESIGN.md section 7: add it to allowedImports", rel)
			}
			return nil
		}
		seen++
		for _, imp := range pkg.Imports {
			checkImport(t, rel, imp, allowed)
		}
		if slices.Contains(pure, rel) {
			if slices.Contains(pkg.Imports, "os") {
				t.Errorf("%s is pure but imports os: take an io.Writer or fs.FS instead", rel)
			}
			for _, f := range pkg.GoFiles {
				src, _ := os.ReadFile(filepath.Join(path, f))
				if strings.Contains(string(src), "time.Now(") {
					t.Errorf("%s/%s is pure but reads the clock: take now as a parameter", rel, f)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 8 {
		t.Fatalf("checked only %d packages: is the walk broken?", seen)
	}
}

func checkImport(t *testing.T, pkg, imp string, allowed []string) {
	t.Helper()
	if own, ok := strings.CutPrefix(imp, module); ok {
		if !slices.Contains(allowed, "*") && !slices.Contains(allowed, own) {
			t.Errorf("%s imports %s: not allowed by DESIGN.md section 7 (allowed: %v)", pkg, own, allowed)
		}
		return
	}
	for _, h := range charmHelpers {
		if strings.HasPrefix(imp, h) {
			return
		}
	}
	for prefix, users := range onlyIn {
		if strings.HasPrefix(imp, prefix) && !slices.Contains(users, pkg) {
			t.Errorf("%s imports %s: only %v may", pkg, imp, users)
		}
	}
}
