package report

import (
	"strings"
	"testing"
)

// A chart with a total draws each bar as the share beside it of the full
// width (here 40 cells, 320 eighths), not as a part of the largest bar; a
// chart without one (the months) draws the largest count full width.
func TestChartBarIsItsShare(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		total  int
		shares []string
		// eighths of a cell in each bar
		eighths []int
	}{
		{"the largest is a third", []int{1, 2, 3, 3}, 9, []string{"11%", "22%", "33%", "33%"}, []int{35, 71, 106, 106}},
		{"the whole fills the width", []int{5, 0}, 5, []string{"100%", "0%"}, []int{320, 0}},
		{"a sliver still shows", []int{1, 99_999}, 100_000, []string{"<1%", ">99%"}, []int{1, 319}},
		{"no total: the largest is full width", []int{2, 4, 1}, 0, []string{"x", "x", "x"}, []int{160, 320, 80}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// 2 + 25 + 2 + 40 + 2 + 3 + 2 + 4 = 80 columns.
			w := &textWriter{width: 80, labelW: 25, countW: 3, extraW: 4}
			rows := make([]barRow, len(tt.counts))
			for i, n := range tt.counts {
				rows[i] = barRow{plain: "row", drawn: "row", count: n, extra: "x"}
			}
			w.chart(rows, tt.total)
			lines := strings.Split(strings.TrimSuffix(w.b.String(), "\n"), "\n")
			if len(lines) != len(rows) {
				t.Fatalf("%d lines for %d rows:\n%s", len(lines), len(rows), w.b.String())
			}
			for i, line := range lines {
				got := 0
				for _, r := range line {
					switch {
					case r == '█':
						got += 8
					case r >= '▉' && r <= '▏':
						got += int('▏'-r) + 1
					}
				}
				fields := strings.Fields(line)
				if got != tt.eighths[i] || fields[len(fields)-1] != tt.shares[i] {
					t.Errorf("row %d (%d of %d): a bar of %d eighths beside %q, want %d beside %q\n%s",
						i, tt.counts[i], tt.total, got, fields[len(fields)-1], tt.eighths[i], tt.shares[i], line)
				}
			}
		})
	}
}
