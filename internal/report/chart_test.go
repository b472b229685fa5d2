package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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

// section returns the lines of the text's section headed title, from the
// line after its underline to the first blank line.
func section(text, title string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != title || i+2 > len(lines) {
			continue
		}
		var out []string
		for _, l := range lines[i+2:] {
			if l == "" {
				break
			}
			out = append(out, l)
		}
		return out
	}
	return nil
}

// The units' shares are of the restrictions with a unit recorded, as the
// words above the chart say: not of every record, nor of every restriction.
func TestUnitSharesAreOfRestrictionsWithAUnit(t *testing.T) {
	c := loadCatalog(t)
	now := at("2026-12-01T09:00:00Z")
	rec := func(id, supersedes, unit string) report.Record {
		when := at("2026-11-02T10:00:00Z")
		if supersedes != "" {
			when = when.Add(time.Hour)
		}
		return report.Record{ID: id, Supersedes: supersedes, RecordedAt: when, Setting: "care-home", Unit: unit, Kind: "exit-restriction",
			Stage: "in-place", Scope: "individual", Person: id, Rights: []string{"5"}, Light: "amber", Verdict: "proceed-with-safeguards",
			ReviewDue: when.Add(24 * time.Hour)}
	}
	tests := []struct {
		name string
		recs []report.Record
		note string
		// The shares of the units, in the chart's order (ties by name), in
		// the text and in the Markdown.
		text, markdown []string
	}{
		{"every restriction has a unit", []report.Record{rec("a", "", "Oak"), rec("b", "", "Oak"), rec("c", "", "Elm"), rec("d", "", "Elm")},
			"Shares of 4 restrictions, each counted once.",
			[]string{"Elm 2 50%", "Oak 2 50%"}, []string{"| Oak | 2 | 50% |", "| Elm | 2 | 50% |"}},
		{"some have none", []report.Record{rec("a", "", "Oak"), rec("b", "", "Oak"), rec("c", "", "Elm"), rec("d", "", "")},
			"Shares of the 3 restrictions with a unit recorded (1 has none).",
			[]string{"Oak 2 67%", "Elm 1 33%"}, []string{"| Oak | 2 | 67% |", "| Elm | 1 | 33% |"}},
		{"reviews add no restriction", []report.Record{rec("a", "", "Oak"), rec("a2", "a", "Oak"), rec("a3", "a2", "Oak"),
			rec("c", "", "Elm"), rec("d", "", ""), rec("e", "", "")},
			"Shares of the 2 restrictions with a unit recorded (2 have none).",
			[]string{"Elm 1 50%", "Oak 1 50%"}, []string{"| Oak | 1 | 50% |", "| Elm | 1 | 50% |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Compute(c, tt.recs, report.Options{Now: now})
			var text, md bytes.Buffer
			if err := report.WriteText(&text, c, f, report.Layout{Width: 160}); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteMarkdown(&md, c, f); err != nil {
				t.Fatal(err)
			}
			lines := section(text.String(), "Units (wards, homes, teams)")
			if len(lines) == 0 || lines[0] != tt.note {
				t.Errorf("the units' chart begins %q, want the note %q", lines, tt.note)
			}
			var got []string
			for _, l := range lines {
				if !strings.HasSuffix(l, "%") {
					continue // the note
				}
				fields := strings.Fields(strings.Map(func(r rune) rune {
					if strings.ContainsRune("█▏▎▍▌▋▊▉", r) {
						return ' '
					}
					return r
				}, l))
				got = append(got, strings.Join(fields, " "))
			}
			if !slices.Equal(got, tt.text) {
				t.Errorf("text: units %q, want %q", got, tt.text)
			}
			if !strings.Contains(md.String(), "## Units\n\n"+tt.note+"\n") {
				t.Errorf("Markdown: no note %q above the units", tt.note)
			}
			for _, row := range tt.markdown {
				if !strings.Contains(md.String(), "\n"+row) {
					t.Errorf("Markdown: no row %q in\n%s", row, md.String())
				}
			}
		})
	}
}

// Every bar beside a share is that share of the same full width, in every
// chart: a bar and the number beside it say the same, and bars compare
// across charts (a review missed by 38% of records has a bar three quarters
// as long as the 50% of records that are amber).
func TestBarsFollowTheirShares(t *testing.T) {
	c := loadCatalog(t)
	loc := london(t)
	tests := []struct {
		name  string
		opts  report.Options
		width int
	}{
		{"november at 80", november(t), 80},
		{"november at 160", november(t), 160},
		{"all at 80", report.Options{Now: fixtureNow, Location: loc}, 80},
		{"all at 160", report.Options{Now: fixtureNow, Location: loc}, 160},
	}
	shareRE := regexp.MustCompile(`  (\d+)%$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Compute(c, fixture(), tt.opts)
			var b bytes.Buffer
			if err := report.WriteText(&b, c, f, report.Layout{Width: tt.width}); err != nil {
				t.Fatal(err)
			}
			// Cells per percent, for shares large enough that rounding
			// (half a percent, an eighth of a cell) stays small.
			lo, hi := 0.0, 0.0
			var loLine, hiLine string
			n := 0
			for _, line := range strings.Split(b.String(), "\n") {
				m := shareRE.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				pc, _ := strconv.Atoi(m[1])
				if pc < 20 {
					continue
				}
				k := cells(line) / float64(pc)
				if n == 0 || k < lo {
					lo, loLine = k, line
				}
				if n == 0 || k > hi {
					hi, hiLine = k, line
				}
				n++
			}
			if n < 10 {
				t.Fatalf("only %d bars with a share of 20%% or more", n)
			}
			if hi > lo*1.1 {
				t.Errorf("bars on different scales:\n%q\n%q", loLine, hiLine)
			}
		})
	}
}

// A blanket rule counts once however often it is reviewed: the totals and
// the heading of the blanket-restriction register say how many rules, and
// how many records are listed when reviews make those more.
func TestBlanketRulesCountOnce(t *testing.T) {
	c := loadCatalog(t)
	rule := func(id, supersedes string, day int) report.Record {
		when := time.Date(2026, 11, day, 12, 0, 0, 0, time.UTC)
		return report.Record{ID: id, Supersedes: supersedes, RecordedAt: when, Setting: "mental-health-inpatient", Unit: "Ward 7",
			Kind: "communication-restriction", Stage: "in-place", Scope: "everyone", Person: "Ward 7 patients",
			Description: "Phones kept in the office.", Justification: "Patients were filmed.", Rights: []string{"8"},
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: when.Add(72 * time.Hour)}
	}
	tests := []struct {
		name string
		recs []report.Record
		want []string // lines of the text, in order
		// markdown is the summary's row
		markdown string
	}{
		{"one rule, never reviewed", []report.Record{rule("a", "", 2)},
			[]string{"  Blanket rules  1", "Blanket restrictions (1)",
				"Rules for a group or for everyone, which need a justification of their own."},
			"| Blanket rules | 1 |"},
		{"one rule, reviewed twice", []report.Record{rule("a", "", 2), rule("b", "a", 5), rule("c", "b", 8)},
			[]string{"  Blanket rules  1   (3 records, reviews included)", "Blanket restrictions (1)",
				"Rules for a group or for everyone, which need a justification of their own.",
				"Every record is listed, reviews included: 3 records."},
			"| Blanket rules | 1 (3 records, reviews included) |"},
		{"two rules, one reviewed", []report.Record{rule("a", "", 2), rule("b", "a", 5), rule("z", "", 9)},
			[]string{"  Blanket rules  2   (3 records, reviews included)", "Blanket restrictions (2)",
				"Rules for a group or for everyone, which need a justification of their own.",
				"Every record is listed, reviews included: 3 records."},
			"| Blanket rules | 2 (3 records, reviews included) |"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Compute(c, tt.recs, report.Options{Now: at("2026-12-01T09:00:00Z")})
			var b bytes.Buffer
			if err := report.WriteText(&b, c, f, report.Layout{Width: 80}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(b.String(), "\n")
			next := 0
			for _, l := range lines {
				if next < len(tt.want) && l == tt.want[next] {
					next++
				}
			}
			if next < len(tt.want) {
				t.Errorf("no line %q (in order) in:\n%s", tt.want[next], b.String())
			}
			var md bytes.Buffer
			if err := report.WriteMarkdown(&md, c, f); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), "\n"+tt.markdown+"\n") {
				t.Errorf("Markdown: no row %q", tt.markdown)
			}
		})
	}
}

// Every section of the text report has its title underlined, as wide as the
// title: a reader scanning the page finds each the same way.
func TestTextSectionsUnderlined(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), report.Options{Now: fixtureNow, Location: london(t)})
	var b bytes.Buffer
	if err := report.WriteText(&b, c, f, report.Layout{Width: 80}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	for _, title := range []string{"Traffic lights", "Verdicts", "Kinds of restriction", "Rights engaged", "Settings",
		"Units (wards, homes, teams)", "Records by month", "Reviews", "Restrictions ended and still open",
		"Most frequent reasons", "Blanket restrictions (1)", "People restricted 3 or more times in 28 days (1)"} {
		i := slices.Index(lines, title)
		switch {
		case i < 0:
			t.Errorf("no section %q in the report:\n%s", title, b.String())
		case i+1 == len(lines) || lines[i+1] != strings.Repeat("─", ansi.StringWidth(title)):
			t.Errorf("the section %q is not underlined:\n%s", title, strings.Join(lines[i:min(i+3, len(lines))], "\n"))
		}
	}
}
