package yamlnode_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// TestParseHardening: the messages for the ways a file can fail to be YAML
// name the line and, where there is one, the fix.
func TestParseHardening(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"whitespace only", "  \n\t\n\r\n", 1, 1, "the file is empty"},
		{"a byte order mark alone", "\ufeff\n", 1, 1, "the file is empty"},
		{"tab indentation", "a:\n  b: 1\n\tc: 2\n", 3, 1, "line 3 is indented with a tab; YAML indents with spaces only"},
		{"unknown anchor, later line", "a: 1\nb: 2\nc: *nowhere\n", 3, 1, "unknown anchor 'nowhere'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := yamlnode.Parse("p.yaml", []byte(tc.src))
			var e *yamlnode.Error
			if !errors.As(err, &e) {
				t.Fatalf("the error is a %T: %v", err, err)
			}
			if e.Line != tc.line || e.Column != tc.col || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %q, want p.yaml:%d:%d: ...%s", e.Error(), tc.line, tc.col, tc.msg)
			}
		})
	}
	// A byte order mark before a document is allowed.
	if _, err := yamlnode.Parse("p.yaml", []byte("\ufeffa: 1\n")); err != nil {
		t.Errorf("a byte order mark: %v", err)
	}
}

func TestDecodeHardening(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // "line:col path: message" of the first problem
	}{
		{"binary tag", "name: !!binary aGk=\n", `1:7 name: the tag !!binary is not read here`},
		{"local tag", "tags: [!x a]\n", `1:8 tags[0]: the tag !x is not read here`},
		{"list as a key", "? [a]\n: b\n", `1:3 : a key must be text, found a list`},
		{"mapping as a key", "extra:\n  ? {a: b}\n  : c\n", `2:5 extra: a key must be text, found a mapping`},
		{"merge key", "inner:\n  <<: {value: x}\n", `2:3 inner.<<: merge keys (<<) are not read`},
		{"alias named where it stands", "raw: &a [x]\nname: *a\n", `2:7 name: expected text, found a list`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, errs := decode(t, tc.src)
			if len(errs) == 0 {
				t.Fatal("no problem")
			}
			errs.Sort()
			e := errs[0]
			got := strings.Join([]string{itoa(e.Line) + ":" + itoa(e.Column), e.Path + ": " + e.Msg}, " ")
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// TestErrorIsPrintable: a problem's text never carries what a terminal
// would act on, whatever the file's name, the field path or the message.
func TestErrorIsPrintable(t *testing.T) {
	e := &yamlnode.Error{File: "a\x1b[2J.yaml", Line: 1, Column: 2, Path: "views.\x1b]8;;http://x\x07\u202e\r", Msg: "unknown key \u009b \xff"}
	got := e.Error()
	want := `a\x1b[2J.yaml:1:2: views.\x1b]8;;http://x\a\u202e\r: unknown key \u009b ` + "\ufffd" // a byte that is not UTF-8 is shown as U+FFFD
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	plain := &yamlnode.Error{File: "a.yaml", Path: "p", Msg: "ünïcode — “quotes” …"}
	if plain.Error() != "a.yaml: p: ünïcode — “quotes” …" {
		t.Errorf("printable text was changed: %q", plain.Error())
	}
}

// TestErrLimit: after MaxReported problems the rest are counted.
func TestErrLimit(t *testing.T) {
	var es yamlnode.Errors
	for i := range 250 {
		es = append(es, &yamlnode.Error{File: "a.yaml", Line: i + 1, Column: 1, Msg: "m"})
	}
	got, _ := yamlnode.AsErrors(es.Err())
	if len(got) != yamlnode.MaxReported+1 {
		t.Fatalf("%d problems, want %d", len(got), yamlnode.MaxReported+1)
	}
	last := got[len(got)-1]
	if last.Line != yamlnode.MaxReported+1 || !strings.Contains(last.Msg, "and 150 more problems") {
		t.Errorf("the count: %q", last.Error())
	}
	if len(es) != 250 {
		t.Error("Err changed its receiver's length")
	}
}

// TestPlainText: with PlainText, text holding a control character is a
// problem at its line; line breaks and tabs are fine.
func TestPlainText(t *testing.T) {
	type doc struct {
		Title string `yaml:"title"`
		Body  string `yaml:"body"`
	}
	root, err := yamlnode.Parse("c.yaml", []byte("title: \"Seclusion\\e[31m\"\nbody: \"line\\n\\tnext\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	var v doc
	errs := (&yamlnode.Decoder{File: "c.yaml", PlainText: true}).Decode(root, &v)
	if len(errs) != 1 || errs[0].Path != "title" || errs[0].Line != 1 || !strings.Contains(errs[0].Msg, "U+001B") {
		t.Errorf("got %v", errs)
	}
	for _, bad := range []string{"\\r", "\\u202e", "\\u2028", "\\x9b", "\\a"} {
		root, _ := yamlnode.Parse("c.yaml", []byte("title: \"a"+bad+"b\"\n"))
		if errs := (&yamlnode.Decoder{File: "c.yaml", PlainText: true}).Decode(root, &v); len(errs) != 1 {
			t.Errorf("%s: %d problems, want 1", bad, len(errs))
		}
		if errs := (&yamlnode.Decoder{File: "c.yaml"}).Decode(root, &v); len(errs) != 0 {
			t.Errorf("%s without PlainText: %v", bad, errs)
		}
	}
}

// TestExhausted: when the node budget runs out, Decode reports that alone.
func TestExhausted(t *testing.T) {
	type doc struct {
		Tags []string `yaml:"tags"`
	}
	src := "a: &a x\ntags: [" + strings.Repeat("*a, ", 250_000) + "]\nunknown: 1\n"
	root, err := yamlnode.Parse("b.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := &yamlnode.Decoder{File: "b.yaml"}
	var v doc
	errs := d.Decode(root, &v)
	if !d.Exhausted() || len(errs) != 1 || !strings.Contains(errs[0].Msg, "aliases expand too far") {
		t.Errorf("Exhausted %t, %d problems: %v", d.Exhausted(), len(errs), errs.Err())
	}
}
