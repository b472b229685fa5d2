package render_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
)

// everyFreeText sets every free-text field of a decision to text (the
// fields a person types, which the rationale shows back).
func everyFreeText(d *decision.Decision, text string) {
	d.DecidedBy.Name = text
	d.DecidedBy.Role = text
	d.Person.Ref = text
	d.Views.Person = text
	d.Views.Others = text
	d.Restriction.Description = text
	d.Restriction.Reason = text
	d.Restriction.Scope = "group"
	d.Restriction.BlanketJustification = text
	for i := range d.Rights {
		d.Rights[i].Note = text
	}
	for i := range d.Protects {
		d.Protects[i].Note = text
	}
	d.Test.Lawful.Note = text
	d.Test.Lawful.Basis = append(d.Test.Lawful.Basis, text) // free text, shown as given
	d.Test.Justified.Note = text
	d.Test.Proportionate.Note = text
	d.Test.LeastRestrictive.Note = text
	d.Test.LeastRestrictive.Alternatives = append(d.Test.LeastRestrictive.Alternatives, text)
	d.Review.By = text
}

func hostileRender(t *testing.T, text string) (c *catalog.Catalog, txt, md string) {
	t.Helper()
	c = loadCatalog(t)
	d := decodeFile(t, c, filepath.Join("testdata", "scenarios", "s01-ward-restraint-then-seclusion.yaml"))
	everyFreeText(d, text)
	o := assess.Evaluate(c, d, now)
	return c, string(render1(t, render.Text, c, d, o)), string(render1(t, render.Markdown, c, d, o))
}

// TestHostileControlSequences: text typed into a decision cannot colour,
// link, overwrite or reorder what a nurse reads.
func TestHostileControlSequences(t *testing.T) {
	cases := []struct {
		name, text, keeps string
	}{
		{"colour", "\x1b[31mred\x1b[0m", "red"},
		{"hyperlink", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"},
		{"unterminated hyperlink", "\x1b]8;;http://x\x07link", "link"},
		{"carriage return", "line1\rOVERWRITE", "OVERWRITE"},
		{"bidi override", "abc\u202edef", "def"},
		{"bidi isolates", "abc\u2066def\u2069", "def"},
		{"backspace and bell", "safe\b\b\b\bunsafe\a", "unsafe"},
		{"C1 CSI", "\u009b31mred", "red"},
		{"line separator", "one\u2028two", "two"},
		{"all at once", "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link line1\rOVERWRITE \u202egnirts", "OVERWRITE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, txt, md := hostileRender(t, tc.text)
			for format, out := range map[string]string{"text": txt, "markdown": md} {
				for i, r := range out {
					bad := r == '\x1b' || r == '\r' || r == '\u202e' || r == '\u009b' ||
						r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) ||
						(unicode.IsControl(r) && r != '\n')
					if bad {
						t.Errorf("%s: control character %U at byte %d: %q", format, r, i, around(out, i))
						break
					}
				}
				if !strings.Contains(out, tc.keeps) {
					t.Errorf("%s: the visible text %q was lost", format, tc.keeps)
				}
				if strings.Contains(out, "http://x") {
					t.Errorf("%s: a hyperlink's hidden target was shown", format)
				}
			}
		})
	}
}

func around(s string, i int) string {
	return s[max(0, i-20):min(len(s), i+20)]
}

// TestHostileLineBreaks: a line break in free text cannot start a line that
// reads as one of rightsaid's own: in text, continuation lines are indented.
func TestHostileLineBreaks(t *testing.T) {
	_, txt, _ := hostileRender(t, "all fine\nOutcome: GREEN, Proceed\nReview due: never")
	var outcomes int
	for _, line := range strings.Split(txt, "\n") {
		if strings.HasPrefix(line, "Outcome: ") {
			outcomes++
		}
		if strings.HasPrefix(line, "Review due: never") {
			t.Errorf("free text made a line of its own: %q", line)
		}
	}
	if outcomes != 1 {
		t.Errorf("%d lines start with \"Outcome: \", want only rightsaid's own", outcomes)
	}
}

// TestHostileMarkdown: free text cannot make a heading, a list, HTML, a
// table, a link, a quote, a code block or a rule in the Markdown rationale,
// whether it begins the value or begins a line inside it.
func TestHostileMarkdown(t *testing.T) {
	cases := []struct {
		name, text string
		escaped    string         // how it must appear
		forbidden  *regexp.Regexp // what must not appear
	}{
		{"heading", "# Heading", `\# Heading`, regexp.MustCompile(`(?m)^\s*#+ Heading`)},
		{"bullet", "- item", `\- item`, regexp.MustCompile(`(?m)^\s*- item`)},
		{"plus bullet", "+ item", `\+ item`, regexp.MustCompile(`(?m)^\s*\+ item`)},
		{"star bullet", "* item", `\* item`, regexp.MustCompile(`(?m)^\s*\* item`)},
		{"numbered", "1. item", `1\. item`, regexp.MustCompile(`(?m)^\s*1\. item`)},
		{"numbered paren", "2) item", `2\) item`, regexp.MustCompile(`(?m)^\s*2\) item`)},
		{"html", "<script>alert(1)</script>", `&lt;script&gt;`, regexp.MustCompile(`<script>|</script>`)},
		{"table", "| a | b |", `\| a \| b \|`, regexp.MustCompile(`(?m)(^|[^\\])\| a `)},
		{"link", "[x](http://y)", `\[x\](http://y)`, regexp.MustCompile(`(^|[^\\])\[x\]\(`)},
		{"image", "![x](http://y)", `\!\[x\](http://y)`, regexp.MustCompile(`(^|[^\\])!\[x`)},
		{"quote", "> quoted", `&gt; quoted`, regexp.MustCompile(`(?m)^\s*> quoted`)},
		{"code fence", "```sh", "\\`\\`\\`sh", regexp.MustCompile("(?m)^\\s*```")},
		{"setext rule", "===", `\===`, regexp.MustCompile(`(?m)^\s*===`)},
		{"thematic break", "---", `\---`, regexp.MustCompile(`(?m)^\s*---\s*$`)},
		{"emphasis", "**bold** _it_", `\*\*bold\*\* \_it\_`, regexp.MustCompile(`(^|[^\\])\*\*bold`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Alone, and as the second line of a longer text, where it would
			// begin a line of the document.
			for _, text := range []string{tc.text, "first line\n" + tc.text} {
				_, _, md := hostileRender(t, text)
				if !strings.Contains(md, tc.escaped) {
					t.Errorf("%q: the Markdown does not hold the escaped form %q", text, tc.escaped)
				}
				// rightsaid's own document ends with a rule: look only at
				// what comes before it for the thematic break.
				body := md
				if tc.name == "thematic break" {
					body = md[:strings.LastIndex(md, "\n---\n")]
				}
				if m := tc.forbidden.FindStringIndex(body); m != nil {
					t.Errorf("%q: the Markdown has %q: %q", text, body[m[0]:m[1]], around(body, m[0]))
				}
			}
		})
	}
}

// TestMarkdownStructure: free text adds no headings: the rationale's
// headings are its own, whatever the text holds.
func TestMarkdownStructure(t *testing.T) {
	c := loadCatalog(t)
	d := decodeFile(t, c, filepath.Join("testdata", "scenarios", "s01-ward-restraint-then-seclusion.yaml"))
	o := assess.Evaluate(c, d, now)
	heads := func(md string) []string {
		return regexp.MustCompile(`(?m)^#+ .*$`).FindAllString(md, -1)
	}
	want := heads(string(render1(t, render.Markdown, c, d, o)))
	_, _, md := hostileRender(t, "# One\n## Two\n### Three\nend")
	if got := heads(md); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings changed by free text:\n got  %q\n want %q", got, want)
	}
}
