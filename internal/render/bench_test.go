package render_test

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
)

// BenchmarkDecide is one decision decoded, evaluated and rendered, in each
// format: the work of `decide --answers` after start-up (budget: under 1 ms).
func BenchmarkDecide(b *testing.B) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("testdata/scenarios/s01-ward-restraint-then-seclusion.yaml")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	loc, _ := time.LoadLocation("Europe/London")
	for _, f := range render.Formats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := decision.Decode(c, "s01.yaml", data, decision.Options{Now: now})
				if err != nil {
					b.Fatal(err)
				}
				o := assess.Evaluate(c, d, now)
				if err := render.Write(io.Discard, f, c, d, o, loc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
