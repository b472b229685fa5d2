package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/cli"
)

// Bad input gets a clear error and nothing else (issue 7): every file in
// testdata/badinput and testdata/badchecklists, and the cases too big to
// keep there, gives exit 2 and its problems on stderr, named by file, line
// and field; nothing on stdout, no --out file and nothing in the register;
// within a time bound and bounded memory.

const (
	// hangAfter is how long one run may take before it counts as a hang.
	// It is a hang detector, not a benchmark: each run takes milliseconds.
	hangAfter = 5 * time.Second
	// allocBound bounds the bytes allocated by one run: an alias bomb or
	// deep nesting that was walked or copied would blow through it.
	allocBound = 200 << 20
)

// bounded is the outcome of one in-process run of rightsaid.
type bounded struct {
	code           int
	stdout, stderr string
}

// runBounded runs rightsaid in-process with stdin, a fixed clock and an
// environment of its own (data folder and register under home), failing the
// test if the run hangs or allocates more than allocBound.
func runBounded(t *testing.T, home string, stdin []byte, args ...string) bounded {
	t.Helper()
	env := map[string]string{
		"TZ":                "Europe/London",
		"NO_COLOR":          "1",
		"HOME":              home,
		"XDG_DATA_HOME":     home,
		"RIGHTSAID_RECORDS": filepath.Join(home, "records"),
	}
	var out, errOut bytes.Buffer
	streams := &cli.IOStreams{In: bytes.NewReader(stdin), Out: &out, ErrOut: &errOut}
	clock := func() time.Time { return time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC) }

	ctx, cancel := context.WithTimeout(context.Background(), hangAfter)
	defer cancel()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan int, 1)
	go func() { done <- cli.Run(ctx, streams, args, func(k string) string { return env[k] }, clock) }()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		t.Fatalf("rightsaid %s did not finish within %s: it hangs", strings.Join(args, " "), hangAfter)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > allocBound {
		t.Errorf("rightsaid %s allocated %d MiB, over the bound of %d MiB", strings.Join(args, " "), alloc>>20, allocBound>>20)
	}
	return bounded{code: code, stdout: out.String(), stderr: errOut.String()}
}

// corpusCase is one bad file: its bytes, what is wrong and the line its
// errors must hold after "NAME:".
type corpusCase struct {
	name  string // a file name, as given on the command line
	data  []byte
	about string
	want  string // a regexp
}

var commentRE = regexp.MustCompile(`\A(?:\x{feff})?# (.*)\r?\n# want: (.*?)\r?\n`)

// readCorpus reads the bad files of dir (*.yaml and *.remove), with the
// comment and the want line of each; files that cannot carry a comment get
// theirs from uncommented.
func readCorpus(t *testing.T, dir string, uncommented map[string][2]string) []corpusCase {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	for _, e := range entries {
		if e.IsDir() || (filepath.Ext(e.Name()) != ".yaml" && filepath.Ext(e.Name()) != ".remove") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c := corpusCase{name: filepath.ToSlash(path), data: data}
		if m := commentRE.FindSubmatch(data); m != nil {
			c.about, c.want = string(m[1]), string(m[2])
		} else if u, ok := uncommented[e.Name()]; ok {
			c.about, c.want = u[0], u[1]
		} else {
			t.Errorf("%s: the first line must say what is wrong and the second what to expect (# want: REGEXP)", path)
			continue
		}
		cases = append(cases, c)
	}
	if len(cases) < 20 {
		t.Fatalf("%s holds %d cases: the corpus is missing", dir, len(cases))
	}
	return cases
}

// generatedAnswers are the bad answers files too big to keep in the
// repository, built from a valid one.
func generatedAnswers(t *testing.T, valid []byte) []corpusCase {
	t.Helper()
	const mib = 1 << 20
	padded := append(append([]byte{}, valid...), bytes.Repeat([]byte("# padding to go over the limit\n"), mib/30+1)...)
	oneLine := append([]byte("# "), bytes.Repeat([]byte("x"), mib+10)...)
	unterminated := bytes.Replace(valid, []byte("  others: Brother informed by phone."),
		append([]byte(`  others: "`), bytes.Repeat([]byte("x"), 900_000)...), 1)
	fanout := bytes.Replace(valid, []byte("rights:\n- article: '3'\n"),
		append([]byte("rights:\n- &r {article: '3', note: an anchored right}\n"), bytes.Repeat([]byte("- *r\n"), 100_000)...), 1)
	rights := []byte("rights:\n- article: '3'\n- article: '8'\n- article: '2'\n- article: '14'\n")
	tenThousand := bytes.Replace(valid, rights,
		append([]byte("rights: ["), append(bytes.Repeat([]byte("'5', "), 10_000), []byte("]\n")...)...), 1)
	for _, b := range [][]byte{unterminated, fanout, tenThousand} {
		if bytes.Equal(b, valid) {
			t.Fatal("a generated case did not change the valid file: its base has changed")
		}
	}
	return []corpusCase{
		{name: "too-large.yaml", data: padded, about: "over the 1 MiB limit", want: `too large \(\d+ bytes\): a decision file may be at most 1 MiB`},
		{name: "huge-single-line.yaml", data: oneLine, about: "one line over the 1 MiB limit", want: `too large \(\d+ bytes\)`},
		{name: "huge-line-unterminated.yaml", data: unterminated, about: "a 900,000-character line that never closes its quote", want: `\d+:\d+: not valid YAML`},
		{name: "alias-fanout.yaml", data: fanout, about: "one alias used 100,000 times in rights", want: `\d+:\d+: rights\[\d+\]: the document is too large or its aliases expand too far`},
		{name: "rights-10000-items.yaml", data: tenThousand, about: "a rights list of 10,000 items", want: `\d+:\d+: rights\[1\]\.article: article 5 is already listed`},
	}
}

// lineRE matches what must follow the file's name in a problem that has a
// position: LINE:COLUMN.
var lineRE = regexp.MustCompile(`^\d+:\d+: `)

// checkProblems checks that every line of stderr names the file, that one of
// them is the line wanted, and that a position is given wherever the wanted
// line has one.
func checkProblems(t *testing.T, stderr, file, want string) {
	t.Helper()
	if strings.TrimSpace(stderr) == "" {
		t.Fatalf("no message on stderr")
	}
	if i, r := firstControl(stderr); i >= 0 {
		t.Errorf("stderr holds the control character %U, which a terminal would act on: %q", r, around(stderr, i))
	}
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, file+":") {
			t.Errorf("a line of stderr does not name the file %s: %q", file, line)
		}
	}
	re, err := regexp.Compile(`(?m)^` + regexp.QuoteMeta(file) + `: ?` + want)
	if err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	if !re.MatchString(stderr) {
		t.Errorf("stderr holds no line %s: %s\ngot:\n%s", file, want, firstLines(stderr, 8))
	}
	if lineRE.MatchString(want) {
		first := strings.TrimPrefix(strings.SplitN(stderr, "\n", 2)[0], file+": ")
		first = strings.TrimPrefix(first, file+":")
		if !lineRE.MatchString(first) {
			t.Errorf("the first problem gives no line and column: %q", first)
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines[n] = "..."
	}
	return strings.Join(lines, "\n")
}

// registerEmpty fails if the register under home holds any record.
func registerEmpty(t *testing.T, home string) {
	t.Helper()
	recs, _ := filepath.Glob(filepath.Join(home, "records", "*.yaml"))
	if len(recs) > 0 {
		t.Errorf("the register holds %d records after invalid input", len(recs))
	}
}

func TestBadAnswers(t *testing.T) {
	valid, err := os.ReadFile(filepath.Join("testdata", "examples", "seclusion.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := runBounded(t, t.TempDir(), nil, "decide", "--answers", filepath.Join("testdata", "examples", "seclusion.yaml"), "--format", "yaml")
	if want.code != 0 {
		t.Fatalf("the valid example fails: %d\n%s", want.code, want.stderr)
	}

	cases := readCorpus(t, filepath.Join("testdata", "badinput"), map[string][2]string{
		"empty.yaml":           {"nothing at all", `1:1: the file is empty: expected a YAML mapping`},
		"whitespace-only.yaml": {"spaces, tabs and blank lines", `1:1: the file is empty: expected a YAML mapping`},
		"binary-png.yaml":      {"the first bytes of a PNG image", `1:1: not a text file`},
	})
	dir := t.TempDir()
	for _, c := range generatedAnswers(t, valid) {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		c.name = filepath.ToSlash(path)
		cases = append(cases, c)
	}

	for _, c := range cases {
		t.Run(filepath.Base(c.name), func(t *testing.T) {
			home := t.TempDir()
			out := filepath.Join(home, "out.yaml")
			if strings.HasPrefix(filepath.Base(c.name), "ok-") {
				r := runBounded(t, home, nil, "decide", "--answers", c.name, "--format", "yaml", "--out", out)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("%s: exit %d, want 0 (it is accepted)\n%s", c.about, r.code, r.stderr)
				}
				got, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if c.want == "same as seclusion.yaml" {
					if string(got) != want.stdout {
						t.Errorf("the record differs from the one for examples/seclusion.yaml:\n%s", got)
					}
				} else if !regexp.MustCompile(c.want).Match(got) {
					t.Errorf("the record does not hold %s:\n%s", c.want, got)
				}
				return
			}

			// The file given by name, with --out and --save: nothing is
			// written anywhere.
			r := runBounded(t, home, nil, "decide", "--answers", c.name, "--format", "yaml", "--out", out, "--save")
			if r.code != 2 {
				t.Errorf("%s: decide exited %d, want 2\n%s", c.about, r.code, firstLines(r.stderr, 8))
			}
			if r.stdout != "" {
				t.Errorf("decide wrote on stdout: %q", firstLines(r.stdout, 4))
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("decide wrote --out %s", out)
			}
			checkProblems(t, r.stderr, c.name, c.want)
			registerEmpty(t, home)

			// The same bytes on stdin are named <stdin>.
			r = runBounded(t, home, c.data, "decide", "--answers", "-", "--format", "yaml", "--out", out)
			if r.code != 2 || r.stdout != "" {
				t.Errorf("decide --answers -: exit %d, stdout %q; want 2 and nothing", r.code, firstLines(r.stdout, 4))
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("decide --answers - wrote --out")
			}
			checkProblems(t, r.stderr, "<stdin>", c.want)

			// check names the same problems, and says on stdout only that
			// the file is not valid.
			r = runBounded(t, home, nil, "check", c.name)
			if r.code != 2 {
				t.Errorf("check exited %d, want 2", r.code)
			}
			if r.stdout != c.name+": not valid\n" {
				t.Errorf("check wrote on stdout %q, want only %q", firstLines(r.stdout, 4), c.name+": not valid\n")
			}
			checkProblems(t, r.stderr, c.name, c.want)
		})
	}
}

func TestBadChecklists(t *testing.T) {
	answers := filepath.Join("testdata", "examples", "seclusion.yaml")
	cases := readCorpus(t, filepath.Join("testdata", "badchecklists"), map[string][2]string{
		"screen--empty.yaml": {"nothing at all", `1:1: the file is empty: expected a YAML mapping`},
	})
	cases = append(cases, corpusCase{
		name:  "rights--too-large.yaml",
		about: "over the 1 MiB limit",
		want:  `too large: a checklist file may be at most 1 MiB`,
	})

	for _, c := range cases {
		base := filepath.Base(c.name)
		t.Run(base, func(t *testing.T) {
			home := t.TempDir()
			dir := filepath.Join(home, "checklists")
			if err := copyChecklists(dir); err != nil {
				t.Fatal(err)
			}
			target, _, ok := strings.Cut(base, "--")
			if !ok {
				t.Fatalf("%s: name it TARGET--CASE.yaml", base)
			}
			target += ".yaml"
			path := filepath.Join(dir, target)
			switch {
			case filepath.Ext(base) == ".remove":
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			case c.data == nil: // too large: the shipped file, padded
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				data = append(data, bytes.Repeat([]byte("# padding to go over the limit\n"), (1<<20)/30+1)...)
				if err := os.WriteFile(path, data, 0o600); err != nil {
					t.Fatal(err)
				}
			default:
				if err := os.WriteFile(path, c.data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			file := filepath.ToSlash(dir) + "/" + target
			out := filepath.Join(home, "out.yaml")

			r := runBounded(t, home, nil, "--checklists", dir, "decide", "--answers", answers, "--format", "yaml", "--out", out)
			if r.code != 2 {
				t.Errorf("%s: decide exited %d, want 2\n%s", c.about, r.code, firstLines(r.stderr, 8))
			}
			if r.stdout != "" {
				t.Errorf("decide wrote on stdout: %q", firstLines(r.stdout, 4))
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("decide wrote --out %s", out)
			}
			checkProblems(t, r.stderr, file, c.want)

			r = runBounded(t, home, nil, "--checklists", dir, "check", answers)
			if r.code != 2 || r.stdout != "" {
				t.Errorf("check: exit %d, stdout %q; want 2 and nothing", r.code, firstLines(r.stdout, 4))
			}
			checkProblems(t, r.stderr, file, c.want)
		})
	}
}

// TestOddButValidChecklists: a folder saved on Windows (CRLF line endings,
// a byte order mark at the start of each file) works as the shipped one.
func TestOddButValidChecklists(t *testing.T) {
	home := t.TempDir()
	dir := filepath.Join(home, "checklists")
	if err := copyChecklists(dir); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		data = append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	answers := filepath.Join("testdata", "examples", "seclusion.yaml")
	want := runBounded(t, home, nil, "decide", "--answers", answers)
	got := runBounded(t, home, nil, "--checklists", dir, "decide", "--answers", answers)
	if got.code != 0 || got.stdout != want.stdout {
		t.Errorf("exit %d; the rationale differs from the shipped checklists'\n%s\n%s", got.code, got.stderr, got.stdout)
	}
}
