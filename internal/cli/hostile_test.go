package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Hostile text end to end (issue 7): text typed into a decision, or sent by
// another system, reaches terminals, Markdown and spreadsheets. Whatever it
// holds, no terminal rendering carries a control sequence (ANSI CSI, OSC
// hyperlinks, carriage returns that overwrite a line, bidi overrides that
// reorder it), CSV cells cannot start a formula, and Markdown keeps its own
// structure.

// hostile is free text as an attacker would write it: colour, a hidden
// hyperlink, a line overwritten by a carriage return, reversed and isolated
// text, bell, backspaces, delete, a C1 CSI, a line separator, and Markdown
// that tries to start a heading and a table of its own.
const hostile = "\x1b[31mRED\x1b[0m \x1b]8;;http://evil.example/\x07LINK\x1b]8;;\x07 line1\rOVERWRITE " +
	"\u202eDESREVER\u202c \u2066ISO\u2069 bell\x07 back\b\b\b del\x7f csi\u009b31m sep\u2028end\n" +
	"# Heading of its own\n| a | b |\n\x1b[2J\x1b[H cleared"

// firstControl returns the byte index and the rune of the first character
// a terminal would act on rather than show (-1 if there is none): C0 and C1
// controls but line feed and tab, DEL, bidi controls, line and paragraph
// separators, and bytes that are not UTF-8.
func firstControl(s string) (int, rune) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				return i, r
			}
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u2028', r == '\u2029':
			return i, r
		}
	}
	return -1, 0
}

func around(s string, i int) string { return s[max(0, i-30):min(len(s), i+30)] }

// noControls fails if out holds a control character, naming what printed it.
func noControls(t *testing.T, what, out string) {
	t.Helper()
	if out == "" {
		t.Errorf("%s printed nothing", what)
		return
	}
	if i, r := firstControl(out); i >= 0 {
		t.Errorf("%s printed the control character %U: %q", what, r, around(out, i))
	}
}

// yq writes s as a YAML double-quoted string: Go's escapes are YAML's.
func yq(s string) string { return strconv.Quote(s) }

// hostileAnswers returns the seclusion example with every free-text field
// set to hostile text, person.ref set to ref and review.by to by.
func hostileAnswers(t *testing.T, ref, by string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "examples", "seclusion.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, r := range [][2]string{
		{"  role: Nurse in charge\n", "  role: " + yq(hostile) + "\n  name: " + yq(hostile) + "\n"},
		{"  ref: P-0101\n", "  ref: " + yq(ref) + "\n"},
		{"  person: Says staff provoked him and he wants to be left alone.\n", "  person: " + yq(hostile) + "\n"},
		{"  others: Brother informed by phone.\n", "  others: " + yq(hostile) + "\n"},
		{"  description: Seclusion in the ward seclusion room after a brief seated hold; never prone.\n", "  description: " + yq(hostile) + "\n"},
		{"  reason: Assaulted a co-patient and kept advancing on him; serious and imminent harm to others.\n", "  reason: " + yq(hostile) + "\n"},
		{"  scope: individual\n", "  scope: group\n  blanket_justification: " + yq(hostile) + "\n"},
		{"- article: '8'\n", "- article: '8'\n  note: " + yq(hostile) + "\n"},
		{"    - mha-1983-detention\n", "    - mha-1983-detention\n    - " + yq(hostile) + "\n"},
		{"    note: Detained under s3; MHA Code chapter 26.\n", "    note: " + yq(hostile) + "\n"},
		{"    note: Punched a co-patient; continued to advance.\n", "    note: " + yq(hostile) + "\n"},
		{"    - talk-down\n", "    - talk-down\n    - " + yq(hostile) + "\n"},
		{"  by: Nurse in charge\n", "  by: " + yq(by) + "\n"},
	} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("the example has changed: %q is not in it", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return []byte(s)
}

var headingRE = regexp.MustCompile(`(?m)^#+ .*$`)

var savedRE = regexp.MustCompile(`Saved in the register as (RA-[0-9a-f-]+)\.`)

func TestHostileTextEndToEnd(t *testing.T) {
	home := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(home, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// A person.ref and a reviewer for each character that starts a
	// formula, some hidden behind an escape or a tab that is stripped.
	refs := []struct{ ref, by string }{
		{"=HYPERLINK(\"http://evil.example\",\"P-1\")", "=1+2"},
		{"\x1b[8m+SUM(1,2)", "+cmd|' /C calc'!A0"},
		{"\t-3+3 P-3", "-2+3"},
		{"@SUM(1) P-4\r", "\x1b[31m@A1"},
	}
	answers := make([]string, len(refs))
	for i, r := range refs {
		answers[i] = write("hostile"+strconv.Itoa(i)+".yaml", hostileAnswers(t, r.ref, r.by))
	}

	plain := runBounded(t, home, nil, "decide", "--answers", filepath.Join("testdata", "examples", "seclusion.yaml"), "--format", "markdown")

	for _, format := range []string{"text", "markdown"} {
		r := runBounded(t, home, nil, "decide", "--answers", answers[0], "--format", format)
		if r.code != 0 {
			t.Fatalf("decide --format %s: exit %d\n%s", format, r.code, r.stderr)
		}
		noControls(t, "decide --format "+format, r.stdout)
		for _, keep := range []string{"RED", "LINK", "OVERWRITE", "DESREVER", "cleared"} {
			if !strings.Contains(r.stdout, keep) {
				t.Errorf("decide --format %s lost the visible text %q", format, keep)
			}
		}
		if strings.Contains(r.stdout, "evil.example/") {
			t.Errorf("decide --format %s shows a hyperlink's hidden target", format)
		}
		if format == "markdown" {
			got, want := headingRE.FindAllString(r.stdout, -1), headingRE.FindAllString(plain.stdout, -1)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("free text changed the Markdown's headings:\n got  %q\n want %q", got, want)
			}
			if regexp.MustCompile(`(?m)^\s*\| a \|`).MatchString(r.stdout) {
				t.Error("free text started a Markdown table")
			}
		}
	}

	// The record keeps the text as given (it is evidence), escaped: the
	// YAML and JSON hold no raw escape or carriage return.
	for _, format := range []string{"yaml", "json"} {
		r := runBounded(t, home, nil, "decide", "--answers", answers[0], "--format", format)
		if r.code != 0 {
			t.Fatalf("decide --format %s: exit %d\n%s", format, r.code, r.stderr)
		}
		if strings.ContainsAny(r.stdout, "\x1b\r\x07\b") {
			t.Errorf("decide --format %s wrote a raw control character", format)
		}
	}

	// Saved in the register, the records are listed, due and shown.
	var ids []string
	for _, a := range answers {
		r := runBounded(t, home, nil, "decide", "--answers", a, "--save")
		if r.code != 0 {
			t.Fatalf("decide --save: exit %d\n%s", r.code, r.stderr)
		}
		noControls(t, "decide --save (stderr)", r.stderr)
		m := savedRE.FindStringSubmatch(r.stderr)
		if m == nil {
			t.Fatalf("decide --save did not say where it saved: %q", r.stderr)
		}
		ids = append(ids, m[1])
	}

	r := runBounded(t, home, nil, "records", "list")
	noControls(t, "records list", r.stdout)
	r = runBounded(t, home, nil, "records", "due", "--now", "2026-11-24T00:00:00Z")
	noControls(t, "records due", r.stdout)
	if strings.Count(r.stdout, "RA-") != len(ids) {
		t.Errorf("records due lists %d records, want %d:\n%s", strings.Count(r.stdout, "RA-"), len(ids), r.stdout)
	}
	for _, id := range ids {
		for _, format := range []string{"text", "markdown"} {
			r = runBounded(t, home, nil, "records", "show", id, "--format", format)
			if r.code != 0 {
				t.Fatalf("records show %s: exit %d\n%s", id, r.code, r.stderr)
			}
			noControls(t, "records show --format "+format, r.stdout)
		}
	}

	// CSV: no cell starts a formula, whatever hid the = + - or @.
	for _, args := range [][]string{
		{"records", "list", "--format", "csv"},
		{"records", "due", "--format", "csv", "--now", "2026-11-24T00:00:00Z"},
	} {
		r = runBounded(t, home, nil, args...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		noControls(t, strings.Join(args, " "), strings.ReplaceAll(r.stdout, "\r\n", "\n"))
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatalf("%s: not CSV: %v", strings.Join(args, " "), err)
		}
		if len(rows) != len(ids)+1 {
			t.Errorf("%s: %d rows, want a header and %d", strings.Join(args, " "), len(rows), len(ids))
		}
		neutralised := 0
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: the cell %q starts a formula", strings.Join(args, " "), cell)
				}
				if strings.HasPrefix(cell, "'") {
					neutralised++
				}
			}
		}
		if want := len(ids); neutralised < want {
			t.Errorf("%s: %d cells neutralised, want at least %d (one person a row)", strings.Join(args, " "), neutralised, want)
		}
	}

	// The accessible wizard echoes the answers it was given: at the
	// summary (the rationale), then while step 1 is changed (Enter keeps
	// each answer, shown in the question), then saved. Enters left over
	// after step 1 are re-asked at the summary, until 1 saves.
	in := "2\n1\n" + strings.Repeat("\n", 15) + "1\n"
	r = runBounded(t, home, []byte(in), "decide", "--accessible", "--answers", answers[0], "--edit", "--no-save")
	if r.code != 0 {
		t.Fatalf("decide --accessible --edit: exit %d\n%s", r.code, r.stderr)
	}
	noControls(t, "the accessible wizard (stderr)", r.stderr)
	noControls(t, "the accessible wizard (stdout)", r.stdout)
	if !strings.Contains(r.stderr, "Enter keeps") {
		t.Errorf("the accessible wizard did not echo the answers it kept:\n%s", r.stderr)
	}
}

// TestAccessibleNotUTF8: text typed into the accessible wizard that is not
// UTF-8 (a script or terminal sending Latin-1) is kept as U+FFFD, and the
// decision is saved and verifies. It used to panic while keeping the draft,
// losing the step (decision.Canonical could not encode the bytes).
func TestAccessibleNotUTF8(t *testing.T) {
	home := t.TempDir()
	in := "2\nViews and review\nCaf\xe9 au lait \xc2\x9b31m red\n.\n.\n" + strings.Repeat("\n", 15) + "1\n"
	r := runBounded(t, home, []byte(in), "decide", "--accessible", "--answers", filepath.Join("testdata", "examples", "seclusion.yaml"), "--edit")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, firstLines(r.stderr[max(0, len(r.stderr)-2000):], 30))
	}
	noControls(t, "the rationale", r.stdout)
	if !strings.Contains(r.stdout, "Caf\ufffd au lait") {
		t.Errorf("the text typed is not in the rationale:\n%s", r.stdout)
	}
	if v := runBounded(t, home, nil, "records", "verify"); v.code != 0 || !strings.Contains(v.stdout, "1 record checked") {
		t.Errorf("records verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
}
