package decision_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// FuzzDecode checks that decoding never panics, that every problem is a
// positioned yamlnode error, and that a decision that decodes re-encodes to
// a canonical form that decodes to the same canonical form.
func FuzzDecode(f *testing.F) {
	c := checklistsCatalog(f)
	f.Add([]byte(valid))
	for _, dir := range []string{"testdata/conformance", "testdata/invalid"} {
		names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		"",
		"schema: rightsaid/v1\n",
		"- a\n",
		"a: 1\n---\nb: 2\n",
		"schema: rightsaid/v1\nrecorded_at: 9999-12-31T23:30:00-01:00\n",
		"schema: rightsaid/v1\nreview: {at: 2026-11-23 14:00:00.5, within: PT2H}\n",
		"schema: rightsaid/v1\nrights: [P1A1, {article: art. 8, note: x}, \"Article 1 of Protocol 1\"]\n",
		"schema: rightsaid/v1\nviews: {person: \"  a\\n b \\t\\n\"}\n",
		"schema: rightsaid/v1\ntest: {lawful: {basis: [\" CONSENT \", Policy, \"\"]}}\n",
		"schema: rightsaid/v1\nperson: &p {ref: *p}\n",
		"schema: rightsaid/v1\noutcome: &o {light: *o}\nrationale: [1]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, draft := range []bool{false, true} {
			opts := decision.Options{Now: now, Draft: draft}
			d, err := decision.Decode(c, "f.yaml", data, opts)
			if err != nil {
				if d != nil {
					t.Fatal("a decision and an error")
				}
				es, ok := yamlnode.AsErrors(err)
				if !ok || len(es) == 0 {
					t.Fatalf("the error is a %T: %v", err, err)
				}
				for _, e := range es {
					if e.File != "f.yaml" || e.Msg == "" {
						t.Fatalf("a problem without a file or a message: %#v", e)
					}
				}
				continue
			}
			_, _, _ = d.ReadStoredOutcome()
			_ = d.Missing()
			first := decision.Canonical(d)
			// Read back an hour later: recorded_at is written, so the clock
			// must not matter.
			opts.Now = now.Add(time.Hour)
			d2, err := decision.Decode(c, "f.yaml", first, opts)
			if err != nil {
				t.Fatalf("the canonical form does not decode: %v\n%s", err, first)
			}
			if second := decision.Canonical(d2); !bytes.Equal(first, second) {
				t.Fatalf("the canonical form changes when read back:\n--- first\n%s\n--- second\n%s", first, second)
			}
			var b bytes.Buffer
			if err := decision.EncodeJSON(&b, d); err != nil {
				t.Fatalf("EncodeJSON: %v", err)
			}
		}
	})
}

// FuzzCanonicalText builds a decision in code, as the wizard does, with
// free text from the fuzzer in every kind of text field, and checks that its
// canonical form decodes to the same text and the same canonical form.
func FuzzCanonicalText(f *testing.F) {
	c := checklistsCatalog(f)
	for _, s := range []string{"no", "  lead", "trail ", "a\nb", "a\n\n", "\n", "#", "- x", "key: v", "'", "\"", "\t", "\r\n", "\u0085", "\ufeff", "🙂", "null", "~", "0x10", "2026-11-23"} {
		f.Add(s, s+"x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || strings.TrimSpace(a) == "" {
			t.Skip()
		}
		d := mustDecode(t, valid)
		d.Person.Ref = a
		d.Restriction.Description = b + "."
		d.Views.Person, d.Views.Others = a, b
		d.DecidedBy.Name = b
		d.Test.Justified.Note = a + "\n" + b
		d.Rights = append(d.Rights, decision.RightRef{Article: "5", Note: b})
		d.Test.LeastRestrictive.Alternatives = decision.StringList{strings.TrimSpace(a)}
		d.Rationale = a
		out := decision.Canonical(d)
		d2, err := decision.Decode(c, "f.yaml", out, decision.Options{Now: now})
		if err != nil {
			t.Fatalf("the canonical form does not decode: %v\n%s", err, out)
		}
		// Blank optional text is left out, and so reads back as absent.
		blankIsAbsent := func(s string) string {
			if strings.TrimSpace(s) == "" {
				return ""
			}
			return s
		}
		for _, pair := range [][2]string{
			{d2.Person.Ref, a},
			{d2.Restriction.Description, d.Restriction.Description},
			{d2.Views.Person, blankIsAbsent(d.Views.Person)},
			{d2.Views.Others, blankIsAbsent(d.Views.Others)},
			{d2.DecidedBy.Name, blankIsAbsent(d.DecidedBy.Name)},
			{d2.Test.Justified.Note, blankIsAbsent(d.Test.Justified.Note)},
			{d2.Rights[1].Note, blankIsAbsent(d.Rights[1].Note)},
		} {
			if pair[0] != pair[1] {
				t.Fatalf("%q reads back as %q from:\n%s", pair[1], pair[0], out)
			}
		}
		d2.Rationale = d.Rationale
		if again := decision.Canonical(d2); !bytes.Equal(out, again) {
			t.Fatalf("the canonical form changes when read back:\n--- first\n%s\n--- second\n%s", out, again)
		}
	})
}
