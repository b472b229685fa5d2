package wizard

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// BenchmarkRenderStep is the wizard drawing one screen (the rights step, the
// busiest) at 80 and 200 columns.
func BenchmarkRenderStep(b *testing.B) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	dark := true
	for _, w := range []int{80, 200} {
		b.Run(fmt.Sprint(w), func(b *testing.B) {
			d := decision.New(now)
			d.Restriction.Kind = "seclusion"
			m := newModel(Options{Catalog: c, Loc: time.UTC, Now: func() time.Time { return now }, Width: w, Height: 40, Dark: &dark}, d, 2)
			m.Update(tea.WindowSizeMsg{Width: w, Height: 40})
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkFirstScreen is the wizard built and its first screen drawn, as
// when `rightsaid decide` starts: the model, the first question's form, the
// terminal's size arriving, and the draw.
func BenchmarkFirstScreen(b *testing.B) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		m := newModel(Options{Catalog: c, Loc: time.UTC, Now: func() time.Time { return now }}, decision.New(now), 0)
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = m.View()
	}
}
