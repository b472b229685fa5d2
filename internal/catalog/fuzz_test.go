package catalog_test

import (
	"maps"
	"testing"
	"testing/fstest"

	"github.com/rightsaid/rightsaid/internal/catalog"
)

// FuzzLoadCatalog replaces one file of the embedded checklists with fuzz
// data: loading must not panic, and a folder that loads must survive
// CheckAgainst and the lookups the rest of rightsaid makes. Each run takes
// milliseconds (seven files are parsed), so minimising a large interesting
// input takes long: run it with -fuzzminimizetime 3s.
func FuzzLoadCatalog(f *testing.F) {
	base := embedded(f)
	orig := folder(f)
	for i, name := range catalog.Files {
		f.Add(uint8(i), orig[name].Data)
	}
	// Small files, quicker to mutate, that load: what a mutation breaks is
	// then found by the validation, not the parser.
	f.Add(uint8(3), []byte("kinds:\n  - id: seclusion\n    title: S\n    definition: D\n    intensity: high\n    rights: [\"8\", art 5]\n    review_within: PT1H\n    max_review: 2h\n    dol_check: true\n"))
	f.Add(uint8(4), []byte("settings:\n  - id: community\n    title: C\n  - id: school\n    title: S\n"))
	f.Add(uint8(5), []byte("bases:\n  - id: consent\n    title: C\n    power: true\n    authorises_deprivation_of_liberty: false\n    nations: [england, wales]\n    ages: [adult, child]\n    capacity: has\n    settings: [community, school]\n"))
	f.Add(uint8(0), []byte(""))
	f.Add(uint8(1), []byte("parts: [{id: lawful}]"))
	f.Add(uint8(2), []byte("questions: &a [*a]"))
	f.Add(uint8(3), []byte("kinds:\n  - id: x\n    intensity: high\n    review_within: 9999999w\n    max_review: P1D\n"))
	f.Add(uint8(4), []byte("settings:\n  - id: a\n    title: A\n---\nsettings: []\n"))
	f.Add(uint8(5), []byte("bases:\n  - id: b\n    title: B\n    ages: [any]\n    settings: any\n    nations: [england]\n    capacity: any\n"))
	f.Add(uint8(6), []byte("rules:\n  R1: {title: t, text: t, clauses: {x: {text: y}}}\n"))
	f.Add(uint8(3), []byte("a: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nkinds: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"))
	f.Add(uint8(0), []byte("\x00\xff"))

	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := maps.Clone(orig)
		m[catalog.Files[int(which)%len(catalog.Files)]] = &fstest.MapFile{Data: data}
		c, err := catalog.Load(m, "fuzz")
		if err != nil {
			if c != nil {
				t.Fatal("Load returned a catalog and an error")
			}
			if err.Error() == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		_ = c.CheckAgainst(base, "fuzz")
		for _, k := range c.Kinds {
			if k.ReviewWithin > k.MaxReview {
				t.Fatalf("kind %s: review_within %s over max_review %s", k.ID, k.ReviewWithin, k.MaxReview)
			}
			if _, ok := c.Kind(k.ID); !ok {
				t.Fatalf("Kind(%q) not found", k.ID)
			}
		}
		for _, b := range c.Bases {
			_ = c.BasesThatFit("england", "community", "adult", "has")
			_ = b.Fits("wales", "school", "child", "lacks")
		}
		for _, id := range catalog.RuleIDs {
			if _, ok := c.Rules.Rules[id]; !ok {
				t.Fatalf("a loaded catalog lacks rule %s", id)
			}
		}
	})
}

// FuzzNormaliseArticle checks that normalising never panics, gives a valid
// id or an error, and that an id is its own normal form.
func FuzzNormaliseArticle(f *testing.F) {
	for _, s := range []string{"8", "Article 8", "art. 8", "P1A1", "A1P1", "Protocol 1, Article 1", "Article 1 of Protocol 1", "P13-1", "Article 13", "P1-4", "", "99999999999999999999999", "p", "a1p", "٨"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := catalog.NormaliseArticle(s)
		if err != nil {
			if id != "" {
				t.Fatalf("NormaliseArticle(%q) = %q and an error", s, id)
			}
			return
		}
		valid := false
		for _, a := range catalog.ArticleIDs {
			valid = valid || a == id
		}
		if !valid {
			t.Fatalf("NormaliseArticle(%q) = %q, not an article id", s, id)
		}
		if again, err := catalog.NormaliseArticle(id); again != id || err != nil {
			t.Fatalf("NormaliseArticle(%q) = %q, %v; want %q", id, again, err, id)
		}
	})
}

// FuzzParseDuration checks that parsing never panics, never gives a negative
// or overlong duration, and that a duration's String parses back to it.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90m", "2h", "1d12h", "2w", "PT2H", "P3D", "P1W2D", "P1DT12H", "0m", "-2h", "1.5h", "30s", "1M", "P1Y", "2h1d", "1h1h", "", "PT", "521w", "9223372036854775807m", "P99999999999999999999W"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := catalog.ParseDuration(s)
		if err != nil {
			if d != 0 {
				t.Fatalf("ParseDuration(%q) = %v and an error", s, d)
			}
			return
		}
		if d < 0 || d > catalog.MaxDuration {
			t.Fatalf("ParseDuration(%q) = %v: out of range", s, d)
		}
		back, err := catalog.ParseDuration(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDuration(%q) = %s; that parses back as %v, %v", s, d, back, err)
		}
	})
}
