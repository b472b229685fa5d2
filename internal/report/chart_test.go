package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/report"
	"github.com/rightsaid/rightsaid/internal/theme"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it; review the diff):\n%s", name, got)
	}
}

// single is one record, alone in its register.
func single() []report.Record { return fixture()[:1] }

func TestGolden(t *testing.T) {
	c := loadCatalog(t)
	loc := london(t)
	nov := november(t)
	cases := []struct {
		name string
		recs []report.Record
		opts report.Options
	}{
		{"november", fixture(), nov},
		{"all", fixture(), report.Options{Now: fixtureNow, Location: loc}},
		{"empty", nil, report.Options{Now: fixtureNow, Location: loc}},
		{"single", single(), report.Options{Now: fixtureNow, Location: loc}},
	}
	for _, tc := range cases {
		f := report.Compute(c, tc.recs, tc.opts)
		for _, width := range []int{80, 160} {
			var b bytes.Buffer
			if err := report.WriteText(&b, c, f, report.Layout{Width: width}); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name+"-"+strconv.Itoa(width)+".txt", b.Bytes())
		}
		var md, cs, js, ym bytes.Buffer
		if err := report.WriteMarkdown(&md, c, f); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.name+".md", md.Bytes())
		if err := report.WriteCSV(&cs, f); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.name+".csv", cs.Bytes())
		if err := report.WriteData(&js, render.JSON, f); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.name+".json", js.Bytes())
		if err := report.WriteData(&ym, render.YAML, f); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.name+".yaml", ym.Bytes())
	}
}

// The charts fit the width asked for, and plain text has no escape
// sequences.
func TestTextFitsItsWidth(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), report.Options{Now: fixtureNow, Location: london(t)})
	for _, width := range []int{60, 80, 120, 160} {
		var b bytes.Buffer
		if err := report.WriteText(&b, c, f, report.Layout{Width: width}); err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsRune(b.Bytes(), '\x1b') {
			t.Errorf("width %d: plain text holds an escape sequence", width)
		}
		for i, line := range strings.Split(b.String(), "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Errorf("width %d: line %d is %d columns: %q", width, i+1, w, line)
			}
		}
	}
}

// In colour, the text is the same once the colour is taken out.
func TestTextInColour(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))
	var plain, colour bytes.Buffer
	if err := report.WriteText(&plain, c, f, report.Layout{Width: 80}); err != nil {
		t.Fatal(err)
	}
	styles := theme.New(true)
	if err := report.WriteText(&colour, c, f, report.Layout{Width: 80, Styles: &styles}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(colour.Bytes(), []byte("\x1b[")) {
		t.Fatal("no colour in the coloured text")
	}
	if got := ansi.Strip(colour.String()); got != plain.String() {
		t.Errorf("the coloured text, without its colour, differs from the plain text:\n%s", got)
	}
}

// Bars start at zero: the largest count has the longest bar, a count twice
// another has a bar twice as long (to an eighth of a cell), and zero has
// none.
func TestBarsStartAtZero(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))
	var b bytes.Buffer
	if err := report.WriteText(&b, c, f, report.Layout{Width: 80}); err != nil {
		t.Fatal(err)
	}
	bars := map[string]float64{}
	for _, line := range strings.Split(b.String(), "\n") {
		for _, light := range []string{"● GREEN", "● AMBER", "● RED"} {
			if strings.HasPrefix(strings.TrimSpace(line), light) {
				bars[light] = cells(line)
			}
		}
	}
	// Green 2, amber 4, red 2.
	if bars["● AMBER"] == 0 || bars["● GREEN"] != bars["● RED"] || abs(bars["● AMBER"]-2*bars["● GREEN"]) > 0.25 {
		t.Errorf("bars %v: want amber twice green and red", bars)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Not established") && cells(line) != 0 {
			t.Errorf("a count of 0 has a bar: %q", line)
		}
	}
}

// cells measures a bar in cells, eighths included.
func cells(line string) float64 {
	n := 0.0
	for _, r := range line {
		if r == '█' {
			n++
		}
		for i, e := range []rune("▏▎▍▌▋▊▉") {
			if r == e {
				n += float64(i+1) / 8
			}
		}
	}
	return n
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// The CSV is one table a section: every row names its section, each section
// has a header row, and sections are separated by a blank line.
func TestCSVShape(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))
	var b bytes.Buffer
	if err := report.WriteCSV(&b, f); err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n\n")
	var sections []string
	for _, block := range blocks {
		r := csv.NewReader(strings.NewReader(block))
		rows, err := r.ReadAll() // one section: every row the same length
		if err != nil {
			t.Fatalf("section %q: %v", block[:min(len(block), 40)], err)
		}
		if rows[0][0] != "section" {
			t.Errorf("a section begins with %q, not its header", rows[0])
		}
		name := ""
		for _, row := range rows[1:] {
			if name == "" {
				name = row[0]
			}
			if row[0] != name {
				t.Errorf("section %s holds a row of %s", name, row[0])
			}
		}
		sections = append(sections, name)
	}
	want := []string{"report", "totals", "lights", "verdicts", "kinds", "rights", "settings", "units", "months", "reviews", "restrictions", "reasons", "blanket", "repeats"}
	if !slices.Equal(sections, want) {
		t.Errorf("sections %q, want %q", sections, want)
	}
	// The whole file reads with rows of different lengths allowed.
	r := csv.NewReader(&b)
	r.FieldsPerRecord = -1
	if _, err := r.ReadAll(); err != nil {
		t.Error(err)
	}
}

// A description that would run as a spreadsheet formula is written as text.
func TestCSVNoFormulas(t *testing.T) {
	c := loadCatalog(t)
	recs := fixture()
	recs[7].Description = "=HYPERLINK(\"http://evil\")"
	f := report.Compute(c, recs, november(t))
	var b bytes.Buffer
	if err := report.WriteCSV(&b, f); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(""http://evil"")"`) {
		t.Errorf("the formula is not neutralised:\n%s", b.String())
	}
}

// JSON and YAML hold one key a section, in the same order, with the same
// figures.
func TestDataShape(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))
	var js, ym bytes.Buffer
	if err := report.WriteData(&js, render.JSON, f); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteData(&ym, render.YAML, f); err != nil {
		t.Fatal(err)
	}
	var fromJSON, fromYAML map[string]any
	if err := json.Unmarshal(js.Bytes(), &fromJSON); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(ym.Bytes(), &fromYAML); err != nil {
		t.Fatal(err)
	}
	want := []string{"filter", "totals", "lights", "verdicts", "kinds", "rights", "settings", "units", "months", "reviews", "restrictions", "reasons", "blanket", "repeats"}
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(js.Bytes()))
	dec.Token() // {
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(keys, want) {
		t.Errorf("JSON keys %q, want %q", keys, want)
	}
	if len(fromYAML) != len(want) {
		t.Errorf("YAML has %d keys, want %d", len(fromYAML), len(want))
	}
	totals := fromJSON["totals"].(map[string]any)
	if totals["records"] != 8.0 || fromYAML["totals"].(map[string]any)["records"] != 8 {
		t.Errorf("totals: JSON %v, YAML %v", totals, fromYAML["totals"])
	}
}
