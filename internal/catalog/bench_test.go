package catalog_test

import (
	"testing"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
)

// BenchmarkLoadEmbedded is the cost of reading and validating the embedded
// checklists, paid once by every command that needs them.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := catalog.Load(checklists.FS, ""); err != nil {
			b.Fatal(err)
		}
	}
}
