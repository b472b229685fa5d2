package decision_test

import (
	"strings"
	"testing"

	"github.com/rightsaid/rightsaid/internal/decision"
)

// TestDecodeEmptyListEntry: a dash with nothing after it in rights or
// protects is an error at its line. It used to decode to a right with no
// article, written back as "- {}", which no reader accepts: a record saved
// from it made the whole register unreadable (found by FuzzDecode).
func TestDecodeEmptyListEntry(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, path string
	}{
		{"rights dash", "rights:\n  - article: \"8\"\n", "rights:\n  - article: \"8\"\n  -\n", "rights[1]"},
		{"rights null", "rights:\n  - article: \"8\"\n", "rights:\n  - ~\n  - article: \"8\"\n", "rights[0]"},
		{"protects null", "rights:\n", "protects: [null]\nrights:\n", "protects[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := edit(t, valid, tc.old, tc.new)
			_, err := decode(t, src)
			es := wantProblems(t, err, problem{path: tc.path, msg: "an empty entry"})
			if len(es) != 1 {
				t.Errorf("want one problem, got:\n%v", err)
			}
			if es[0].Line == 0 {
				t.Errorf("the problem has no line: %v", es[0])
			}
			// In a draft too: the wizard's drafts are written canonically.
			if _, err := decision.Decode(checklistsCatalog(t), "a.yaml", []byte(src), decision.Options{Now: now, Draft: true}); err == nil {
				t.Error("a draft with an empty entry decodes")
			}
		})
	}
	// An entry without an article is still reported once, at the article.
	_, err := decode(t, edit(t, valid, "  - article: \"8\"\n", "  - note: no article\n"))
	if es := wantProblems(t, err, problem{path: "rights[0].article", msg: "required"}); len(es) != 1 {
		t.Errorf("want one problem, got:\n%v", err)
	}
}

// TestDecodeAliasFanout: one alias used a hundred thousand times is refused
// with one problem, not walked and then validated entry by entry.
func TestDecodeAliasFanout(t *testing.T) {
	src := edit(t, valid, "rights:\n  - article: \"8\"\n",
		"rights:\n  - &r {article: \"8\"}\n"+strings.Repeat("  - *r\n", 100_000))
	_, err := decode(t, src)
	es := wantProblems(t, err)
	if len(es) != 1 || !strings.Contains(es[0].Msg, "aliases expand too far") {
		t.Errorf("want the one problem that the document is too large, got %d:\n%v", len(es), firstOf(es.Error(), 5))
	}
}

// TestDecodeManyProblems: ten thousand of the same mistake are reported as
// the first hundred and a count of the rest.
func TestDecodeManyProblems(t *testing.T) {
	src := edit(t, valid, "rights:\n  - article: \"8\"\n", "rights: ["+strings.Repeat("\"8\", ", 10_000)+"]\n")
	_, err := decode(t, src)
	es := wantProblems(t, err, problem{path: "rights[1].article", msg: "already listed"})
	if len(es) != 101 || !strings.Contains(es[100].Msg, "and 9899 more problems") {
		t.Errorf("want 100 problems and a count, got %d, the last %q", len(es), es[len(es)-1].Msg)
	}
}

// TestDecodeTags: a value tagged as something other than YAML's core types
// is refused, not read as the text of its tag's encoding.
func TestDecodeTags(t *testing.T) {
	for _, tc := range []struct{ name, old, new, path string }{
		{"binary", "  person: Happy to try it for a week.\n", "  person: !!binary SGFwcHk=\n", "views.person"},
		{"local", "  ref: P-0412\n", "  ref: !secret P-0412\n", "person.ref"},
		{"set", "views:\n  person: Happy to try it for a week.\n", "views: !!set {person}\n", "views"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(t, edit(t, valid, tc.old, tc.new))
			wantProblems(t, err, problem{path: tc.path, msg: "is not read here"})
		})
	}
	// The core tags are fine.
	mustDecode(t, edit(t, valid, "  ref: P-0412\n", "  ref: !!str P-0412\n"))
}

func firstOf(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// TestDecodeHostileKeyIsPrintable: a key made of escape sequences is named
// in the message as Go would quote it, so printing the problem on a
// terminal cannot colour, link or reorder it.
func TestDecodeHostileKeyIsPrintable(t *testing.T) {
	_, err := decode(t, edit(t, valid, "views:\n", "views:\n  \"\\e[31m\\e]8;;http://x\\a\\u202e\\r\": x\n"))
	if err == nil {
		t.Fatal("an unknown key decodes")
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\x07\r\u202e") {
		t.Errorf("the message holds a control character: %q", msg)
	}
	if !strings.Contains(msg, `views.\x1b[31m\x1b]8;;http://x\a\u202e\r: unknown key`) {
		t.Errorf("the message does not name the key printably: %q", msg)
	}
	if !strings.HasPrefix(msg, "a.yaml:") {
		t.Errorf("no file: %q", msg)
	}
}
