package catalog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
)

func TestNormaliseArticle(t *testing.T) {
	for in, want := range map[string]string{
		"8":                            "8",
		" 8 ":                          "8",
		"08":                           "8",
		"Article 8":                    "8",
		"article 8":                    "8",
		"ARTICLE 8":                    "8",
		"art. 8":                       "8",
		"Art 8":                        "8",
		"art8":                         "8",
		"Art.8":                        "8",
		"Article No. 8":                "8",
		"14":                           "14",
		"Article 14":                   "14",
		"2":                            "2",
		"12":                           "12",
		"P1-1":                         "P1-1",
		"p1-1":                         "P1-1",
		"P1A1":                         "P1-1",
		"p1a1":                         "P1-1",
		"A1P1":                         "P1-1",
		"A2P1":                         "P1-2",
		"P1-3":                         "P1-3",
		"P1 A3":                        "P1-3",
		"Protocol 1 Article 1":         "P1-1",
		"Protocol 1, Article 1":        "P1-1",
		"Protocol 1, Article 2":        "P1-2",
		"protocol 1 art 3":             "P1-3",
		"Prot. 1 Art. 1":               "P1-1",
		"Article 1 of Protocol 1":      "P1-1",
		"article 2 of protocol 1":      "P1-2",
		"Article 1 of Protocol No. 13": "P13-1",
		"P13-1":                        "P13-1",
		"P13A1":                        "P13-1",
		"A1P13":                        "P13-1",
		"Protocol 13, Article 1":       "P13-1",
		"p13/1":                        "P13-1",
		"P-1-1":                        "P1-1", // punctuation is ignored
	} {
		got, err := catalog.NormaliseArticle(in)
		if err != nil || got != want {
			t.Errorf("NormaliseArticle(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"", " ", "Article", "Article 13", "13", "1", "15", "Article 1", "P1-4", "P12-1", "P13-2", "P1",
		"Protocol 1", "Protocol 13", "Article 8 of Protocol 1", "8a", "Article 8 and 9", "8 9", "A8P",
		"eight", "Article eight", "99999999999999999999", "Art 1000001", "Artikel 8",
	} {
		got, err := catalog.NormaliseArticle(in)
		if err == nil {
			t.Errorf("NormaliseArticle(%q) = %q, want an error", in, got)
			continue
		}
		if !strings.Contains(err.Error(), strings.Join(catalog.ArticleIDs, ", ")) {
			t.Errorf("NormaliseArticle(%q): the error does not list the valid ids: %v", in, err)
		}
	}
	// Every id is its own normal form.
	for _, id := range catalog.ArticleIDs {
		if got, err := catalog.NormaliseArticle(id); got != id || err != nil {
			t.Errorf("NormaliseArticle(%q) = %q, %v", id, got, err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	const (
		m = time.Minute
		h = time.Hour
		d = 24 * time.Hour
		w = 7 * d
	)
	for _, tc := range []struct {
		in   string
		want time.Duration
		str  string
	}{
		{"0m", 0, "0m"},
		{"0h", 0, "0m"},
		{"PT0M", 0, "0m"},
		{"90m", 90 * m, "1h30m"},
		{"2h", 2 * h, "2h"},
		{"2H", 2 * h, "2h"},
		{" 2h ", 2 * h, "2h"},
		{"24h", d, "1d"},
		{"1h30m", 90 * m, "1h30m"},
		{"3d", 3 * d, "3d"},
		{"1d12h", 36 * h, "1d12h"},
		{"1D12H", 36 * h, "1d12h"},
		{"2w", 2 * w, "14d"},
		{"1w1d1h1m", w + d + h + m, "8d1h1m"},
		{"1M", m, "1m"}, // units in any case (DESIGN.md section 3): m is minutes
		{"PT2H", 2 * h, "2h"},
		{"pt2h", 2 * h, "2h"},
		{"PT90M", 90 * m, "1h30m"},
		{"PT1H30M", 90 * m, "1h30m"},
		{"P3D", 3 * d, "3d"},
		{"P1W", w, "7d"},
		{"P1W2D", 9 * d, "9d"},
		{"P1DT12H", 36 * h, "1d12h"},
		{"p1dt12h", 36 * h, "1d12h"},
		{"P2DT30M", 2*d + 30*m, "2d30m"},
		{"521w", 521 * w, "3647d"},
	} {
		got, err := catalog.ParseDuration(tc.in)
		if err != nil || time.Duration(got) != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, time.Duration(got), err, tc.want)
			continue
		}
		if s := got.String(); s != tc.str {
			t.Errorf("ParseDuration(%q).String() = %q, want %q", tc.in, s, tc.str)
		}
		if back, err := catalog.ParseDuration(got.String()); err != nil || back != got {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", got.String(), back, err, got)
		}
	}
	for _, in := range []string{
		"", " ", "P", "PT", "P1DT", "p1d t2h", "2", "-2h", "+2h", "1.5h", "1,5h", "30s", "PT30S", "P1M", "P1Y", "1y",
		"2h1d", "30m2h", "1h1h", "2h 30m", "h", "2 hours", "PT2H30S", "P1D2W", "PT1D", "T2H", "P-1D",
		"1w2w", "2hP", "PT2HT", "100000w", "3660d1m", "87841h", "99999999999999999999m",
	} {
		if got, err := catalog.ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
}

func TestDurationWords(t *testing.T) {
	for in, want := range map[string]string{
		"0m":     "at once",
		"1m":     "1 minute",
		"90m":    "1 hour 30 minutes",
		"2h":     "2 hours",
		"1d":     "1 day",
		"1d12h":  "1 day 12 hours",
		"2w":     "14 days",
		"1d1h1m": "1 day 1 hour 1 minute",
	} {
		d, err := catalog.ParseDuration(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Words(); got != want {
			t.Errorf("%s.Words() = %q, want %q", in, got, want)
		}
		if b, _ := d.MarshalText(); string(b) != d.String() {
			t.Errorf("%s.MarshalText() = %q", in, b)
		}
	}
}

// TestParseTyped: at a question, a length of time may be typed in words as
// well as in the file forms; what is not one is refused, saying how to
// write it.
func TestParseTyped(t *testing.T) {
	const (
		m = time.Minute
		h = time.Hour
		d = 24 * time.Hour
	)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"2h", 2 * h},
		{"PT2H", 2 * h},
		{"2 hours", 2 * h},
		{"2 Hours", 2 * h},
		{"1 hour", h},
		{"an hour", h},
		{"a day", d},
		{"90 minutes", 90 * m},
		{"30 mins", 30 * m},
		{"1 hr 30 mins", 90 * m},
		{"1 hour and 30 minutes", 90 * m},
		{"1 day, 12 hours", d + 12*h},
		{"2 weeks", 14 * d},
		{"3 days", 3 * d},
		{"2hrs", 2 * h},
		{" 45 min ", 45 * m},
	} {
		got, err := catalog.ParseTyped(tc.in)
		if err != nil || time.Duration(got) != tc.want {
			t.Errorf("ParseTyped(%q) = %v, %v; want %v", tc.in, time.Duration(got), err, tc.want)
		}
	}
	for _, in := range []string{"", "soon", "2 months", "1 year", "30 seconds", "2.5 hours", "-2 hours", "30 minutes 1 hour", "2 hours 3 hours", "hours", "2", "two hours"} {
		if got, err := catalog.ParseTyped(in); err == nil {
			t.Errorf("ParseTyped(%q) = %v, want an error", in, time.Duration(got))
		} else if in != "" && !strings.Contains(err.Error(), "2 hours") {
			t.Errorf("ParseTyped(%q): %v; want the error to show the words form", in, err)
		}
	}
}
