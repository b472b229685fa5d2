package builtin_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/catalog/builtin"
	"github.com/rightsaid/rightsaid/internal/catalog/gosource"
)

// TestDataIsCurrent: the catalog rightsaid is built with holds exactly what
// the embedded YAML says. After changing a checklist file, run
// `go generate ./checklists`.
func TestDataIsCurrent(t *testing.T) {
	fromYAML, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	want, err := gosource.Write(fromYAML, "gencatalog", "builtin", "data")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("data.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("internal/catalog/builtin/data.go does not match the checklists' YAML: run go generate ./checklists")
	}
	// And what was written reads back as what was loaded.
	again, err := gosource.Write(builtin.Catalog(), "gencatalog", "builtin", "data")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, want) {
		t.Fatal("the built-in catalog does not write back as data.go")
	}
}

// TestLookups: the built-in catalog is indexed, as a loaded one is.
func TestLookups(t *testing.T) {
	c := builtin.Catalog()
	if r, ok := c.Right("3"); !ok || r.Category != catalog.Absolute {
		t.Errorf("Right(3) = %+v, %v; want the absolute right", r, ok)
	}
	if _, ok := c.Kind("seclusion"); !ok {
		t.Error("Kind(seclusion) not found")
	}
	if len(c.Rights) != 16 {
		t.Errorf("%d rights, want 16", len(c.Rights))
	}
}

func BenchmarkCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = catalog.Indexed(*builtin.Catalog())
	}
}
