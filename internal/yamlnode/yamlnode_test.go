package yamlnode_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

type shape struct {
	Name    string            `yaml:"name"`
	Count   int               `yaml:"count"`
	On      bool              `yaml:"on"`
	Tags    []string          `yaml:"tags"`
	Inner   *inner            `yaml:"inner"`
	Extra   map[string]string `yaml:"extra"`
	Upper   upper             `yaml:"upper"`
	Raw     *yaml.Node        `yaml:"raw"`
	Kept    yaml.Node         `yaml:"kept"`
	Skipped string            `yaml:"-"`
	Default string
	private string //lint:ignore U1000 an unexported field the decoder must never fill
}

type inner struct {
	Value string `yaml:"value"`
}

// upper decodes itself, and refuses lower-case text.
type upper string

func (u *upper) UnmarshalYAMLNode(n *yaml.Node) error {
	if strings.ToUpper(n.Value) != n.Value {
		return fmt.Errorf("%s is not upper case", yamlnode.Describe(n))
	}
	*u = upper(n.Value)
	return nil
}

func decode(t *testing.T, src string) (shape, yamlnode.Positions, yamlnode.Errors) {
	t.Helper()
	root, err := yamlnode.Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var v shape
	d := &yamlnode.Decoder{File: "s.yaml"}
	errs := d.Decode(root, &v)
	return v, d.Positions, errs
}

func TestDecode(t *testing.T) {
	src := `name: box
count: 3
on: true
tags: [a, b]
inner:
  value: x
extra: {k: v}
upper: ABC
raw:
  anything: [goes, {here: 1}]
kept: 12
default: d
`
	v, pos, errs := decode(t, src)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if v.Name != "box" || v.Count != 3 || !v.On || strings.Join(v.Tags, ",") != "a,b" || v.Inner == nil ||
		v.Inner.Value != "x" || v.Extra["k"] != "v" || v.Upper != "ABC" || v.Default != "d" {
		t.Errorf("decoded %+v", v)
	}
	if v.Raw == nil || v.Raw.Kind != yaml.MappingNode || v.Raw.Content[0].Value != "anything" {
		t.Errorf("a *yaml.Node field does not keep the node: %+v", v.Raw)
	}
	if v.Kept.Kind != yaml.ScalarNode || v.Kept.Value != "12" || v.Kept.Line != 11 {
		t.Errorf("a yaml.Node field does not keep the node: %+v", v.Kept)
	}
	for path, want := range map[string]yamlnode.Pos{
		"":            {1, 1},
		"name":        {1, 7},
		"tags":        {4, 7},
		"tags[1]":     {4, 11},
		"inner":       {6, 3},
		"inner.value": {6, 10},
		"extra.k":     {7, 12},
		"raw":         {10, 3},
	} {
		if pos[path] != want {
			t.Errorf("Positions[%q] = %v, want %v", path, pos[path], want)
		}
	}
}

func TestDecodeNull(t *testing.T) {
	v, pos, errs := decode(t, "name: ~\ninner: null\ncount:\nraw: ~\ntags: ~\nupper: ~\n")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if v.Name != "" || v.Inner != nil || v.Count != 0 || v.Raw != nil || v.Tags != nil || v.Upper != "" {
		t.Errorf("null is not absent: %+v", v)
	}
	// An absent value's position is its key's.
	if pos["inner"] != (yamlnode.Pos{Line: 2, Column: 1}) {
		t.Errorf("Positions[inner] = %v, want the key's 2:1", pos["inner"])
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // "line:col path: message"
	}{
		{"unknown key", "nmae: x\n", []string{`1:1 nmae: unknown key "nmae" (did you mean "name"?)`}},
		{"unknown key, no suggestion", "colour: x\n", []string{`1:1 colour: unknown key "colour"`}},
		{"a swap of letters", "conut: 1\n", []string{`1:1 conut: unknown key "conut" (did you mean "count"?)`}},
		{"skipped field", "skipped: x\n", []string{`1:1 skipped: unknown key "skipped"`}},
		{"private field", "private: x\n", []string{`1:1 private: unknown key "private"`}},
		{"duplicate key", "name: a\ncount: 1\nname: b\n", []string{`3:1 name: duplicate key "name" (first given on line 1)`}},
		{"duplicate map key", "extra:\n  k: a\n  k: b\n", []string{`3:3 extra.k: duplicate key "k" (first given on line 2)`}},
		{"nested unknown key", "inner:\n  valeu: x\n", []string{`2:3 inner.valeu: unknown key "valeu" (did you mean "value"?)`}},
		{"text as a mapping", "name: {a: b}\n", []string{`1:7 name: expected text, found a mapping`}},
		{"list as text", "tags: a\n", []string{`1:7 tags: expected a list, found "a"`}},
		{"list item as a list", "tags: [[a]]\n", []string{`1:8 tags[0]: expected text, found a list`}},
		{"number", "count: three\n", []string{`1:8 count: expected a whole number, found "three"`}},
		{"boolean", "on: yes\n", []string{`1:5 on: expected true or false, found "yes"`}},
		{"struct as a list", "inner: [1]\n", []string{`1:8 inner: expected a mapping of keys to values, found a list`}},
		{"map as text", "extra: x\n", []string{`1:8 extra: expected a mapping of keys to values, found "x"`}},
		{"unmarshaler", "upper: abc\n", []string{`1:8 upper: "abc" is not upper case`}},
		{"long value", "count: " + strings.Repeat("x", 50) + "\n", []string{`1:8 count: expected a whole number, found "` + strings.Repeat("x", 40) + `…"`}},
		{"several", "count: x\nname: [a]\nnmae: y\n", []string{
			`1:8 count: expected a whole number, found "x"`,
			`2:7 name: expected text, found a list`,
			`3:1 nmae: unknown key "nmae" (did you mean "name"?)`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errs := decode(t, tc.src)
			errs.Sort()
			var got []string
			for _, e := range errs {
				got = append(got, fmt.Sprintf("%d:%d %s: %s", e.Line, e.Column, e.Path, e.Msg))
				if e.File != "s.yaml" {
					t.Errorf("file %q", e.File)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestAliasBomb checks that a small document whose aliases expand
// exponentially is refused rather than walked.
func TestAliasBomb(t *testing.T) {
	type bomb struct {
		L [][][][][][][]string `yaml:"l"`
	}
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f"} {
		src += name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = name
	}
	src += "l: [" + strings.Repeat("*f, ", 9) + "*f]\n"
	root, err := yamlnode.Parse("b.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	// Decode only l: the other keys are unknown, and unknown keys are not
	// walked.
	var v bomb
	errs := (&yamlnode.Decoder{File: "b.yaml"}).Decode(root, &v)
	found := false
	for _, e := range errs {
		found = found || strings.Contains(e.Msg, "too large or its aliases expand too far")
	}
	if !found {
		t.Errorf("the alias bomb was walked: %d problems", len(errs))
	}
}

func TestRecursiveAlias(t *testing.T) {
	type loop struct {
		L []inner `yaml:"l"`
	}
	root, err := yamlnode.Parse("r.yaml", []byte("l: &l [*l]\n"))
	if err != nil {
		return // refusing it at parse time is as good
	}
	var v loop
	errs := (&yamlnode.Decoder{File: "r.yaml"}).Decode(root, &v)
	if len(errs) == 0 {
		t.Error("a list that holds itself decoded without a problem")
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string // "" when it parses
	}{
		{"mapping", "a: 1\n", 0, 0, ""},
		{"empty", "", 1, 1, "the file is empty: expected a YAML mapping"},
		{"comment only", "# nothing\n", 1, 1, "the file is empty"},
		{"null", "null\n", 1, 1, "the file is empty"},
		{"explicit empty document", "---\n...\n", 1, 1, "the file is empty"},
		{"list", "\n- a\n", 2, 1, "expected a mapping of keys to values at the top, found a list"},
		{"scalar", "hello\n", 1, 1, `expected a mapping of keys to values at the top, found "hello"`},
		{"two documents", "a: 1\n---\nb: 2\n", 2, 1, "a second YAML document: this file must hold exactly one (remove the '---' separator)"},
		{"two documents, second broken", "a: 1\n---\nb: [\n", 4, 1, "not valid YAML"}, // at the end, where the parser gives up
		{"scanner error, first line", "a: b: c\n", 1, 1, "not valid YAML: mapping values are not allowed in this context"},
		{"scanner error, later line", "a: 1\nb: 'x\n", 2, 1, "not valid YAML"},
		{"tab", "a:\n\tb: 1\n", 2, 1, "not valid YAML"},
		{"parser error: unclosed flow list", "a: 1\nb: [x, y\nc: 2\n", 2, 1, "not valid YAML: did not find expected ',' or ']'"},
		{"parser error: unclosed flow mapping", "a: 1\n\nb: {x: y\n", 3, 1, "not valid YAML: did not find expected ',' or '}'"},
		{"parser error: block mapping", "a: 1\nb:\n  c: 1\n  - d\n", 3, 1, "not valid YAML: did not find expected key"},
		{"undefined alias", "a: *x\n", 1, 1, "not valid YAML"},
		{"invalid UTF-8", "a: 1\nb: ok\nc: \xc3\x28\n", 3, 4, "not valid YAML"},
		{"control character", "a: 1\nb: x\x07y\n", 2, 5, "not valid YAML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, err := yamlnode.Parse("p.yaml", []byte(tc.src))
			if tc.msg == "" {
				if err != nil || root == nil || root.Kind != yaml.MappingNode {
					t.Fatalf("Parse = %v, %v", root, err)
				}
				return
			}
			var e *yamlnode.Error
			if !errors.As(err, &e) {
				t.Fatalf("the error is a %T: %v", err, err)
			}
			if e.File != "p.yaml" || e.Line != tc.line || e.Column != tc.col || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %q\nwant p.yaml:%d:%d: ...%s", e.Error(), tc.line, tc.col, tc.msg)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	es := yamlnode.Errors{
		{File: "b.yaml", Line: 1, Column: 1, Msg: "b"},
		{File: "a.yaml", Line: 9, Column: 2, Path: "x.y", Msg: "second"},
		{File: "a.yaml", Line: 9, Column: 1, Msg: "first"},
		{File: "a.yaml", Msg: "no line"},
	}
	err := es.Err()
	want := "a.yaml: no line\na.yaml:9:1: first\na.yaml:9:2: x.y: second\nb.yaml:1:1: b"
	if err == nil || err.Error() != want {
		t.Errorf("Errors.Err() =\n%v\nwant\n%s", err, want)
	}
	if yamlnode.Errors(nil).Err() != nil {
		t.Error("no problems is not nil")
	}
	got, ok := yamlnode.AsErrors(fmt.Errorf("wrapped: %w", err))
	if !ok || len(got) != 4 {
		t.Errorf("AsErrors(wrapped Errors) = %v, %t", got, ok)
	}
	one := &yamlnode.Error{Path: "p", Msg: "m"}
	if got, ok := yamlnode.AsErrors(one); !ok || len(got) != 1 || got[0] != one {
		t.Errorf("AsErrors(*Error) = %v, %t", got, ok)
	}
	if one.Error() != "p: m" {
		t.Errorf("an Error without a file or line: %q", one.Error())
	}
	if _, ok := yamlnode.AsErrors(errors.New("plain")); ok {
		t.Error("AsErrors took a plain error")
	}
	if yamlnode.Join("", "a") != "a" || yamlnode.Join("a", "b") != "a.b" {
		t.Error("Join")
	}
}
