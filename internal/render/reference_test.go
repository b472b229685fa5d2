package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
	"go.yaml.in/yaml/v3"
)

// TestGoldenReference renders the reference cards: the 16 rights, one right,
// the kinds, one kind; as text and Markdown.
func TestGoldenReference(t *testing.T) {
	c := loadCatalog(t)
	right, ok := c.Right("8")
	if !ok {
		t.Fatal("no Article 8 in the catalog")
	}
	protocol, ok := c.Right("P1-1")
	if !ok {
		t.Fatal("no Protocol 1 Article 1 in the catalog")
	}
	kind, ok := c.Kind("seclusion")
	if !ok {
		t.Fatal("no seclusion in the catalog")
	}
	covert, ok := c.Kind("covert-medication")
	if !ok {
		t.Fatal("no covert-medication in the catalog")
	}
	cards := []struct {
		name  string
		write func(*bytes.Buffer, render.Format) error
	}{
		{"rights", func(b *bytes.Buffer, f render.Format) error { return render.WriteRights(b, f, c) }},
		{"right-8", func(b *bytes.Buffer, f render.Format) error { return render.WriteRight(b, f, c, right) }},
		{"right-P1-1", func(b *bytes.Buffer, f render.Format) error { return render.WriteRight(b, f, c, protocol) }},
		{"kinds", func(b *bytes.Buffer, f render.Format) error { return render.WriteKinds(b, f, c) }},
		{"kind-seclusion", func(b *bytes.Buffer, f render.Format) error { return render.WriteKind(b, f, c, kind) }},
		{"kind-covert-medication", func(b *bytes.Buffer, f render.Format) error { return render.WriteKind(b, f, c, covert) }},
	}
	for _, card := range cards {
		t.Run(card.name, func(t *testing.T) {
			for _, f := range []struct {
				format render.Format
				ext    string
			}{{render.Text, ".txt"}, {render.Markdown, ".md"}} {
				var b bytes.Buffer
				if err := card.write(&b, f.format); err != nil {
					t.Fatal(err)
				}
				if bytes.ContainsAny(b.Bytes(), "\x1b\r") {
					t.Errorf("%s: control characters in the reference card", f.format)
				}
				golden(t, "ref-"+card.name+f.ext, b.Bytes())
			}
		})
	}
}

// TestRightsJSON: `rights --format json` is a list of the 16 rights, each an
// object with its article, title and category.
func TestRightsJSON(t *testing.T) {
	c := loadCatalog(t)
	var b bytes.Buffer
	if err := render.WriteRights(&b, render.JSON, c); err != nil {
		t.Fatal(err)
	}
	var rights []map[string]any
	if err := json.Unmarshal(b.Bytes(), &rights); err != nil {
		t.Fatalf("not a JSON list of objects: %v\n%s", err, b.Bytes())
	}
	if len(rights) != 16 {
		t.Fatalf("%d rights, want 16", len(rights))
	}
	categories := map[string]bool{catalog.Absolute: true, catalog.Limited: true, catalog.Qualified: true, catalog.Ancillary: true}
	var articles []string
	for i, r := range rights {
		for _, key := range []string{"article", "title", "category"} {
			if s, _ := r[key].(string); strings.TrimSpace(s) == "" {
				t.Errorf("right %d: %q is missing or not a string: %v", i, key, r[key])
			}
		}
		if cat, _ := r["category"].(string); !categories[cat] {
			t.Errorf("right %d: category %q is not one of absolute, limited, qualified, ancillary", i, cat)
		}
		a, _ := r["article"].(string)
		articles = append(articles, a)
	}
	if got, want := strings.Join(articles, " "), strings.Join(catalog.ArticleIDs, " "); got != want {
		t.Errorf("articles %s, want %s", got, want)
	}
}

// TestReferenceYAMLMatchesJSON: YAML and JSON of reference data hold the
// same values (article ids stay strings in YAML: "8", not 8).
func TestReferenceYAMLMatchesJSON(t *testing.T) {
	c := loadCatalog(t)
	right, _ := c.Right("P1-1")
	kind, _ := c.Kind("seclusion")
	for name, write := range map[string]func(*bytes.Buffer, render.Format) error{
		"rights": func(b *bytes.Buffer, f render.Format) error { return render.WriteRights(b, f, c) },
		"right":  func(b *bytes.Buffer, f render.Format) error { return render.WriteRight(b, f, c, right) },
		"kinds":  func(b *bytes.Buffer, f render.Format) error { return render.WriteKinds(b, f, c) },
		"kind":   func(b *bytes.Buffer, f render.Format) error { return render.WriteKind(b, f, c, kind) },
	} {
		var y, j bytes.Buffer
		if err := write(&y, render.YAML); err != nil {
			t.Fatal(err)
		}
		if err := write(&j, render.JSON); err != nil {
			t.Fatal(err)
		}
		var fromYAML, fromJSON any
		if err := yaml.Unmarshal(y.Bytes(), &fromYAML); err != nil {
			t.Fatalf("%s: YAML does not parse: %v", name, err)
		}
		if err := json.Unmarshal(j.Bytes(), &fromJSON); err != nil {
			t.Fatalf("%s: JSON does not parse: %v", name, err)
		}
		a, err := json.Marshal(fromYAML)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := json.Marshal(fromJSON)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: YAML and JSON differ:\nyaml: %.400s\njson: %.400s", name, a, b)
		}
	}
}

// TestRightsCard: the card lists every right under its category.
func TestRightsCard(t *testing.T) {
	c := loadCatalog(t)
	for _, f := range []render.Format{render.Text, render.Markdown} {
		var b bytes.Buffer
		if err := render.WriteRights(&b, f, c); err != nil {
			t.Fatal(err)
		}
		for _, r := range c.Rights {
			if !strings.Contains(b.String(), r.Reference) {
				t.Errorf("%s: %s is not on the card", f, r.Reference)
			}
		}
	}
}

// TestReferenceCardsFit80Columns: the text reference cards read at 80
// columns: a long title wraps under itself.
func TestReferenceCardsFit80Columns(t *testing.T) {
	c := loadCatalog(t)
	right, _ := c.Right("3")
	kind, _ := c.Kind("seclusion")
	for name, write := range map[string]func(*bytes.Buffer) error{
		"rights":  func(b *bytes.Buffer) error { return render.WriteRights(b, render.Text, c) },
		"right 3": func(b *bytes.Buffer) error { return render.WriteRight(b, render.Text, c, right) },
		"kinds":   func(b *bytes.Buffer) error { return render.WriteKinds(b, render.Text, c) },
		"kind":    func(b *bytes.Buffer) error { return render.WriteKind(b, render.Text, c, kind) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%s: a line of %d columns: %q", name, n, line)
			}
		}
	}
}
