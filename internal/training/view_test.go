package training

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/theme"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the output the tests get")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test -update rewrites it); got:\n%s", path, got)
	}
}

// screen is one size a trainer's terminal or projector may have.
type screen struct {
	width, height int
}

// screens are the sizes of the issue: a laptop at 80x24 and a wide
// projector at 200x50. The writers print a document, not a screen, so only
// the width shapes the layout; the golden files are named by width.
var screens = []screen{{80, 24}, {200, 50}}

// plainLayout is the layout of a file, a pipe or NO_COLOR, with or without
// the presenter's spacing.
func plainLayout(width int, presenter bool) Layout {
	s := theme.Plain()
	s.Presenter = presenter
	return Layout{Width: width, Styles: s}
}

// checkLayout checks what every layout must do whatever its text: no line
// wider than the screen, no spaces at the ends of lines (the text pastes
// cleanly), and no escape sequences in plain output.
func checkLayout(t *testing.T, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d columns wide, more than %d:\n%s", i+1, w, width, line)
		}
		if strings.TrimRight(line, " ") != line {
			t.Errorf("line %d ends in spaces: %q", i+1, line)
		}
		if strings.ContainsRune(line, '\x1b') {
			t.Errorf("line %d holds an escape sequence: %q", i+1, line)
		}
	}
}

type view struct {
	name  string
	write func(l Layout) string
}

// views are the workshop's screens for s01: its story, a group's answers
// beside the model's (table 5 of testdata/room, which differs on the rights,
// the screen and the lawful part), the whole room's answers, and the model
// answer revealed page by page.
func views(t *testing.T) []view {
	c, s := scenario(t, "s01")
	room := roomFiles(t, c)
	group := room[4]
	write := func(f func(*bytes.Buffer, Layout) error) func(Layout) string {
		return func(l Layout) string {
			var b bytes.Buffer
			if err := f(&b, l); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	return []view{
		{"narrative", write(func(b *bytes.Buffer, l Layout) error { return WriteNarrative(b, s, c, l) })},
		{"comparison", write(func(b *bytes.Buffer, l Layout) error {
			return WriteComparison(b, Compare(c, s, group, time.UTC, now), c, l)
		})},
		{"room", write(func(b *bytes.Buffer, l Layout) error {
			return WriteRoom(b, Room(c, s, room, time.UTC, now), c, l)
		})},
		{"reveal", func(l Layout) string {
			pages := RevealPages(Compare(c, s, s.Model, time.UTC, now), c, l)
			var b strings.Builder
			for i, p := range pages {
				fmt.Fprintf(&b, "---- page %d of %d ----\n%s", i+1, len(pages), p)
			}
			return b.String()
		}},
	}
}

// TestPresenterLayoutGolden holds each workshop screen at 80 and 200
// columns, with and without the presenter's spacing, in golden files.
func TestPresenterLayoutGolden(t *testing.T) {
	for _, v := range views(t) {
		for _, sc := range screens {
			for _, presenter := range []bool{false, true} {
				name := fmt.Sprintf("%s-%d", v.name, sc.width)
				if presenter {
					name += "-presenter"
				}
				t.Run(name, func(t *testing.T) {
					got := v.write(plainLayout(sc.width, presenter))
					checkLayout(t, got, sc.width)
					golden(t, name+".golden", got)
				})
			}
		}
	}
}

// TestPresenterSpacing: the presenter look is the same text with more space
// and headings in capitals.
func TestPresenterSpacing(t *testing.T) {
	for _, v := range views(t) {
		t.Run(v.name, func(t *testing.T) {
			plain, big := v.write(plainLayout(80, false)), v.write(plainLayout(80, true))
			if strings.Count(big, "\n") <= strings.Count(plain, "\n") {
				t.Errorf("the presenter layout has %d lines, no more than the plain one's %d", strings.Count(big, "\n"), strings.Count(plain, "\n"))
			}
			if strings.Join(strings.Fields(strings.ToUpper(big)), " ") != strings.Join(strings.Fields(strings.ToUpper(plain)), " ") {
				t.Error("the presenter layout says something the plain one does not")
			}
		})
	}
}

// TestComparisonColumns: a wide screen sets the group's answers and the
// model's side by side; a narrow one one under the other.
func TestComparisonColumns(t *testing.T) {
	v := views(t)[1]
	if wide := v.write(plainLayout(200, false)); !strings.Contains(wide, "YOUR GROUP") || strings.Contains(wide, "\n    yours: ") {
		t.Errorf("at 200 columns the answers are not in columns:\n%s", wide)
	}
	if narrow := v.write(plainLayout(80, false)); strings.Contains(narrow, "YOUR GROUP") || !strings.Contains(narrow, "\n    yours: ") {
		t.Errorf("at 80 columns the answers are not one under the other:\n%s", narrow)
	}
}

// TestComparisonMultiLineAnswer: an answer typed on several lines keeps its
// row in the side-by-side table.
func TestComparisonMultiLineAnswer(t *testing.T) {
	c, s := scenario(t, "s01")
	group := modelCopy(t, c, s)
	group.Test.Justified.Note = "Hit him.\nStill advancing."
	var b bytes.Buffer
	if err := WriteComparison(&b, Compare(c, s, group, time.UTC, now), c, plainLayout(200, false)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "Still advancing.") {
			t.Errorf("a line of the group's answer broke out of its row:\n%s", b.String())
		}
	}
}

// TestStyledMatchesPlain: the colour styles change only the colour: with
// the escape sequences stripped, the presenter look on a terminal says what
// the plain presenter layout says, at the same width.
func TestStyledMatchesPlain(t *testing.T) {
	for _, v := range views(t) {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%d", v.name, sc.width), func(t *testing.T) {
				styled := v.write(Layout{Width: sc.width, Styles: theme.Presenter(true)})
				if !strings.Contains(styled, "\x1b[") {
					t.Fatal("no escape sequences in the styled output")
				}
				stripped := ansi.Strip(styled)
				plain := v.write(plainLayout(sc.width, true))
				if render.TrimTrailingSpace(stripped) != plain {
					t.Errorf("styled and plain differ:\n--- styled, stripped\n%s\n--- plain\n%s", stripped, plain)
				}
				for i, line := range strings.Split(stripped, "\n") {
					if w := ansi.StringWidth(line); w > sc.width {
						t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
					}
				}
			})
		}
	}
}

// TestRightsPresenterGolden holds the reference card for a projector, in
// plain styles, at 80 and 200 columns.
func TestRightsPresenterGolden(t *testing.T) {
	c, _ := embedded(t)
	for _, sc := range screens {
		name := fmt.Sprintf("rights-presenter-%d", sc.width)
		t.Run(name, func(t *testing.T) {
			s := theme.Plain()
			s.Presenter = true
			var b bytes.Buffer
			if err := render.WriteRightsPresenter(&b, c, sc.width, s); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			checkLayout(t, got, sc.width)
			// Each right and heading ends its line, or its column: at 200
			// columns the card is in two.
			ends := `( {4,}|\n)`
			for i := range c.Rights {
				r := &c.Rights[i]
				if !regexp.MustCompile(regexp.QuoteMeta(strings.ToUpper(r.Reference)+"   "+r.Title) + ends).MatchString(got) {
					t.Errorf("%s is not on the card", r.Reference)
				}
			}
			for _, cat := range []string{catalog.Absolute, catalog.Limited, catalog.Qualified, catalog.Ancillary} {
				if !regexp.MustCompile(`(\n| {4})` + strings.ToUpper(c.Categories[cat].Title) + " RIGHTS" + ends).MatchString(got) {
					t.Errorf("no heading for the %s rights", cat)
				}
			}
			lines := strings.Count(got, "\n")
			twoColumns := regexp.MustCompile(`(?m)^ABSOLUTE RIGHTS {4,}QUALIFIED RIGHTS$`).MatchString(got)
			switch {
			case sc.width == 80 && twoColumns:
				t.Error("two columns at 80 columns")
			case sc.width == 200 && !twoColumns:
				t.Error("one column at 200 columns")
			case sc.width == 200 && lines > sc.height:
				t.Errorf("%d lines: more than a %dx%d screen", lines, sc.width, sc.height)
			}
			golden(t, name+".golden", got)
		})
	}
}

// TestComparisonSaysWhatDiffers: the comparison says the group matches the
// model only where it does. A review set later than the kind allows (rule
// A12) makes the review step differ, names the rule the answer brings in and
// why, and the summary says the outcomes differ; a group that gives the
// model's answers is told it matches, for the same reasons.
func TestComparisonSaysWhatDiffers(t *testing.T) {
	c, s := scenario(t, "s01")
	tests := []struct {
		name    string
		change  func(*decision.Decision)
		want    []string
		notWant []string
	}{
		{name: "late review and another reviewer",
			change: func(d *decision.Decision) {
				d.Review.Within, d.Review.By = decision.NewDuration(catalog.Duration(24*time.Hour)), "Ward manager"
			},
			want: []string{
				"Your outcome differs from the model's.",
				"Only your answers bring in: A12: The record is incomplete: the review is set later than 2 hours after the decision, the longest for seclusion.",
				"Views and review differs from the model",
				"✗ When will it be reviewed?",
				"Why it matters: your answer brings in rule A12. The record is incomplete: the review is set later than 2 hours",
				"✗ Who will review it?",
			},
			notWant: []string{"Views and review matches the model", "for the same reasons"},
		},
		{name: "no review at all",
			change: func(d *decision.Decision) { d.Review = decision.Review{} },
			want: []string{
				"Your outcome differs from the model's.",
				"A12: The record is incomplete: no review time is set.",
				"Views and review differs from the model",
			},
			notWant: []string{"Views and review matches the model"},
		},
		{name: "the model's answers",
			change:  func(*decision.Decision) {},
			want:    []string{"Your outcome is the model's, for the same reasons.", "Views and review matches the model"},
			notWant: []string{"differs from the model", "Why it matters", "Only your answers", "✗"},
		},
	}
	for _, tt := range tests {
		group := modelCopy(t, c, s)
		tt.change(group)
		cmp := Compare(c, s, group, time.UTC, now)
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%d", tt.name, sc.width), func(t *testing.T) {
				var b bytes.Buffer
				if err := WriteComparison(&b, cmp, c, plainLayout(sc.width, false)); err != nil {
					t.Fatal(err)
				}
				checkLayout(t, b.String(), sc.width)
				got := words(b.String())
				for _, w := range tt.want {
					if !strings.Contains(got, words(w)) {
						t.Errorf("no %q in:\n%s", w, b.String())
					}
				}
				for _, w := range tt.notWant {
					if strings.Contains(got, words(w)) {
						t.Errorf("%q in:\n%s", w, b.String())
					}
				}
			})
		}
	}
}

// TestScenarioDuration: the list and the story say how long a scenario
// takes in words that fit the number, and nothing where it does not say.
func TestScenarioDuration(t *testing.T) {
	c, s := scenario(t, "s01")
	for _, tt := range []struct {
		minutes int
		want    string // "" for no duration at all
	}{{15, "about 15 minutes"}, {1, "about 1 minute"}, {0, ""}} {
		t.Run(fmt.Sprint(tt.minutes), func(t *testing.T) {
			one := *s
			one.Minutes = tt.minutes
			var list, story bytes.Buffer
			if err := WriteList(&list, []*Scenario{&one}, c, plainLayout(80, false)); err != nil {
				t.Fatal(err)
			}
			if err := WriteNarrative(&story, &one, c, plainLayout(80, false)); err != nil {
				t.Fatal(err)
			}
			for name, out := range map[string]string{"list": list.String(), "story": story.String()} {
				// Words, not lines: the story's heading wraps at 80.
				words := strings.Join(strings.Fields(out), " ") + " "
				if tt.want != "" && !strings.Contains(words, tt.want+" ") {
					t.Errorf("the %s does not say %q:\n%s", name, tt.want, out)
				}
				if tt.want == "" && (strings.Contains(words, ", about") || strings.Contains(words, "· about")) {
					t.Errorf("the %s gives a duration the scenario does not:\n%s", name, out)
				}
			}
		})
	}
}

// TestComparisonTellsAnEffectOnce: a rule brought in by several answers
// (A12, for a record left incomplete in several places) is told in full
// once; the other rows point back to it.
func TestComparisonTellsAnEffectOnce(t *testing.T) {
	c, s := scenario(t, "s01")
	group := modelCopy(t, c, s)
	group.Review = decision.Review{}
	group.Views.Person = ""
	cmp := Compare(c, s, group, time.UTC, now)
	var b bytes.Buffer
	if err := WriteComparison(&b, cmp, c, plainLayout(200, false)); err != nil {
		t.Fatal(err)
	}
	got := words(b.String())
	full := words("Why it matters: your answer brings in rule A12. The record is incomplete")
	if n := strings.Count(got, full); n != 1 {
		t.Errorf("A12 told in full %d times, want once:\n%s", n, b.String())
	}
	if !strings.Contains(got, words("Why it matters: your answer brings in rule A12, as above.")) {
		t.Errorf("the other rows do not point back to it:\n%s", b.String())
	}
}
