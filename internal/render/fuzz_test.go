package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
)

// FuzzRender decodes fuzz data as an answers file and, when it is a valid
// decision, puts the fuzz text in every free-text field (as the wizard would
// with whatever is typed, bytes that are not UTF-8 included), evaluates it
// and renders it in every format: rendering never panics; the text and
// Markdown a person reads hold no control character (no escape sequence,
// carriage return or bidi control); the Markdown has only its own headings;
// the JSON is JSON; and the YAML record reads back as the same decision,
// with the same outcome, and writes the same bytes again.
func FuzzRender(f *testing.F) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		f.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range renderSeeds(f) {
		f.Add(seed, "")
	}
	scenario := renderSeeds(f)[0]
	for _, text := range []string{
		"\x1b[31mred\x1b[0m\r\u202eover", "caf\xe9 \x9b31m", "  lead\n\ttab\n", "# heading\n- item\n| a |", "=1+2", "\u2028\u0085x",
	} {
		f.Add(scenario, text)
	}
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		d, err := decision.Decode(c, "f.yaml", data, decision.Options{Now: now})
		if err != nil {
			return
		}
		if text != "" {
			setFreeText(d, text)
		}
		o := assess.Evaluate(c, d, now)
		out := map[render.Format][]byte{}
		for _, format := range render.Formats {
			var b bytes.Buffer
			if err := render.Write(&b, format, c, d, o, loc); err != nil {
				t.Fatalf("render %s: %v", format, err)
			}
			out[format] = b.Bytes()
		}
		for _, format := range []render.Format{render.Text, render.Markdown} {
			s := string(out[format])
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not UTF-8: %q", format, s)
			}
			for i, r := range s {
				if r == '\n' {
					continue
				}
				if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
					t.Fatalf("%s holds the control character %U: %q", format, r, s[max(0, i-30):min(len(s), i+30)])
				}
			}
		}
		heads := regexp.MustCompile(`(?m)^#+ `).FindAllIndex(out[render.Markdown], -1)
		if want := 1 + len(render.Build(c, d, o, loc).Sections); len(heads) != want {
			t.Fatalf("the Markdown has %d headings, want its own %d:\n%s", len(heads), want, out[render.Markdown])
		}
		if !json.Valid(out[render.JSON]) {
			t.Fatalf("the JSON is not JSON:\n%s", out[render.JSON])
		}

		// The record read back: same decision, same outcome, same bytes.
		later := now.Add(time.Hour)
		d2, err := decision.Decode(c, "record.yaml", out[render.YAML], decision.Options{Now: later})
		if err != nil {
			t.Fatalf("the YAML record does not read back: %v\n%s", err, out[render.YAML])
		}
		stored, ok, err := d2.ReadStoredOutcome()
		if err != nil || !ok {
			t.Fatalf("the stored outcome does not read back: %v, %t", err, ok)
		}
		if stored.Light != o.Light || stored.Verdict != o.Verdict || !stored.ReviewDue.Equal(o.ReviewDue) ||
			!slices.EqualFunc(stored.Reasons, o.Reasons, func(a, b decision.Reason) bool { return a.Rule == b.Rule }) {
			t.Fatalf("the stored outcome %+v is not the one written %+v", stored, o)
		}
		o2 := assess.Evaluate(c, d2, now)
		var again bytes.Buffer
		if err := render.Write(&again, render.YAML, c, d2, o2, loc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), out[render.YAML]) {
			t.Fatalf("the record changes when read back and written again:\n--- first\n%s\n--- again\n%s", out[render.YAML], again.Bytes())
		}
		if !bytes.Equal(decision.Canonical(d2), decision.Canonical(d)) {
			t.Fatalf("the decision changes when its record is read back:\n--- first\n%s\n--- again\n%s", decision.Canonical(d), decision.Canonical(d2))
		}
	})
}

// setFreeText puts text in every free-text field of d; the required ones
// only when it is not blank, as the wizard insists.
func setFreeText(d *decision.Decision, text string) {
	d.DecidedBy.Name, d.DecidedBy.Role = text, text
	d.Views.Person, d.Views.Others = text, text
	d.Restriction.BlanketJustification = text
	d.Test.Lawful.Note, d.Test.Justified.Note, d.Test.Proportionate.Note, d.Test.LeastRestrictive.Note = text, text, text, text
	d.Review.By = text
	for i := range d.Rights {
		d.Rights[i].Note = text
	}
	if strings.TrimSpace(text) != "" {
		d.Person.Ref = text
		d.Restriction.Description, d.Restriction.Reason = text, text
		d.Test.Lawful.Basis = append(d.Test.Lawful.Basis, strings.TrimSpace(text))
		d.Test.LeastRestrictive.Alternatives = append(d.Test.LeastRestrictive.Alternatives, strings.TrimSpace(text))
	}
}

// renderSeeds are the scenarios, and the first of them with hostile text in
// its free-text fields: valid decisions, so the fuzzer starts from inputs
// that reach the renderers.
func renderSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "scenarios", "*.yaml"))
	if len(files) == 0 {
		tb.Fatal("no scenarios in testdata/scenarios")
	}
	var seeds [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	hostile := []byte(strconv.Quote("\x1b[31mred\x1b[0m\r\u202eover\x1b]8;;http://x\x07link\x1b]8;;\x07\n# heading\n| a |\n1. item\n---"))
	data := seeds[0]
	for _, key := range []string{"description", "reason", "person", "others", "note"} {
		data = regexp.MustCompile(`(?m)^(\s+`+key+`:) .*$`).ReplaceAll(data, append([]byte("${1} "), hostile...))
	}
	if bytes.Equal(data, seeds[0]) {
		tb.Fatal("the hostile seed has no free text replaced")
	}
	return append(seeds, data)
}

// TestFuzzRenderSeedsValid checks that FuzzRender's seeds are valid.
func TestFuzzRenderSeedsValid(t *testing.T) {
	c := loadCatalog(t)
	for i, seed := range renderSeeds(t) {
		if _, err := decision.Decode(c, "seed.yaml", seed, decision.Options{Now: now}); err != nil {
			t.Errorf("seed %d: %v", i, err)
		}
	}
}
