package cli_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/cli"
)

// terminal is streams that say stdin, stdout and stderr are terminals, with
// keys for stdin: what a person at a terminal types, without the terminal.
func terminal(keys string) *cli.IOStreams {
	return &cli.IOStreams{In: strings.NewReader(keys), StdinTTY: true, StdoutTTY: true, StderrTTY: true}
}

// screenEnv is the environment of a terminal of the given size, without
// colour so that the output can be read.
func screenEnv(width, height int) map[string]string {
	return map[string]string{"COLUMNS": fmt.Sprint(width), "LINES": fmt.Sprint(height), "NO_COLOR": "1", "TZ": "Europe/London"}
}

const morePrompt = "Space or Enter for more, q to quit"

// TestRightsPresenterPages: `rights --presenter` on a terminal shows the card
// a screen at a time, each screen no taller or wider than the terminal;
// space, Enter, Down or Page Down shows the next, q stops. Where stdout or
// stdin is not a terminal, or RIGHTSAID_NO_PROMPT is set, it is written at
// once.
func TestRightsPresenterPages(t *testing.T) {
	cases := []struct {
		name          string
		io            *cli.IOStreams
		width, height int
		env           map[string]string
		prompts       int  // the times the pager asked for a key
		last          bool // the end of the card is shown
	}{
		{name: "80x24, space and Enter to the end", io: terminal(" \n \n"), width: 80, height: 24, prompts: 3, last: true},
		{name: "80x24, q on the first screen", io: terminal("q"), width: 80, height: 24, prompts: 1},
		{name: "80x24, other keys are ignored", io: terminal("xz\x1b[A q"), width: 80, height: 24, prompts: 2},
		{name: "80x24, Down and Page Down", io: terminal("\x1b[B\x1b[6~q"), width: 80, height: 24, prompts: 3},
		{name: "80x24, the input ends", io: terminal(" "), width: 80, height: 24, prompts: 2},
		{name: "200x50 fits, in two columns", io: terminal(""), width: 200, height: 50, last: true},
		{name: "stdout to a file or pipe", io: &cli.IOStreams{StdinTTY: true, StderrTTY: true}, width: 80, height: 24, last: true},
		{name: "stdin piped", io: &cli.IOStreams{In: strings.NewReader("q"), StdoutTTY: true, StderrTTY: true}, width: 80, height: 24, last: true},
		{name: "RIGHTSAID_NO_PROMPT", io: terminal("q"), width: 80, height: 24, env: map[string]string{"RIGHTSAID_NO_PROMPT": "1"}, last: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := screenEnv(tc.width, tc.height)
			for k, v := range tc.env {
				env[k] = v
			}
			code, stdout, stderr := run(t, tc.io, env, "rights", "--presenter")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if n := strings.Count(stdout, morePrompt); n != tc.prompts {
				t.Errorf("asked for a key %d times, want %d:\n%s", n, tc.prompts, stdout)
			}
			// Each screen ends where the prompt was cleared.
			for i, s := range strings.Split(stdout, "\r"+ansi.EraseEntireLine) {
				lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
				if paged := tc.prompts > 0 || tc.width == 200; paged && len(lines) > tc.height {
					t.Errorf("screen %d is %d lines, more than %d", i+1, len(lines), tc.height)
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > tc.width {
						t.Errorf("screen %d: a line of %d columns: %q", i+1, w, l)
					}
				}
			}
			if got := strings.Contains(stdout, "ARTICLE 14   Prohibition of discrimination"); got != tc.last {
				t.Errorf("the end of the card shown = %v, want %v", got, tc.last)
			}
			if tc.width == 200 && !strings.Contains(stdout, "ABSOLUTE RIGHTS") || tc.width == 200 && !strings.Contains(stdout, " QUALIFIED RIGHTS\n") {
				t.Errorf("at 200 columns the card is not in two columns:\n%s", stdout)
			}
		})
	}
}

// TestRightsPresenterInterrupt: Ctrl-C at the prompt stops the command as
// an interrupt (exit 130).
func TestRightsPresenterInterrupt(t *testing.T) {
	code, stdout, _ := run(t, terminal("\x03"), screenEnv(80, 24), "rights", "--presenter")
	if code != cli.ExitCancelled {
		t.Errorf("exit %d, want %d", code, cli.ExitCancelled)
	}
	if strings.Contains(stdout, "ARTICLE 14") {
		t.Error("the card went on after Ctrl-C")
	}
}

// TestTrainNarrativePages: a scenario's story in the presenter look is
// longer than an 80x24 screen; it is shown a screen at a time, from its
// title, and q ends the workshop before it starts.
func TestTrainNarrativePages(t *testing.T) {
	code, _, stderr := run(t, terminal("q"), screenEnv(80, 24), "train", "s01", "--presenter")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	first, _, _ := strings.Cut(stderr, "\r"+ansi.EraseEntireLine)
	lines := strings.Split(first, "\n")
	if len(lines) > 24 || !strings.HasPrefix(stderr, "rightsaid workshop\n") || !strings.Contains(lines[len(lines)-1], morePrompt) {
		t.Errorf("the first screen is not the story's start with the prompt under it (%d lines):\n%s", len(lines), first)
	}
	if strings.Contains(stderr, "Press Enter when the group is ready") {
		t.Errorf("the workshop went on after q:\n%s", stderr)
	}
}

// TestTrainRevealKeys: with a terminal for stdin, --reveal moves on with a
// single key, space or Enter, and q alone stops: it does not wait for Enter
// after it. The keys come from a pipe that stays open, as a terminal does.
func TestTrainRevealKeys(t *testing.T) {
	cases := []struct {
		name  string
		keys  string
		shown []string
		not   []string
	}{
		{name: "q alone", keys: "q", not: []string{"Model answer: Who and where"}},
		{name: "space, then q", keys: " q", shown: []string{"Model answer: Who and where"}, not: []string{"Model answer: The restriction"}},
		{name: "Enter, space, then q", keys: "\r q", shown: []string{"Model answer: Who and where", "Model answer: The restriction"}, not: []string{"Model answer: Rights engaged"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, keys := io.Pipe()
			defer keys.Close()
			go func() { _, _ = io.WriteString(keys, tc.keys) }()
			streams := &cli.IOStreams{In: in, StdinTTY: true, StderrTTY: true}
			type result struct {
				code           int
				stdout, stderr string
			}
			done := make(chan result, 1)
			go func() {
				code, stdout, stderr := run(t, streams, screenEnv(80, 500), "train", "s01", "--reveal")
				done <- result{code, stdout, stderr}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("--reveal still waits after the keys %q", tc.keys)
			}
			if r.code != 0 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q", r.code, r.stdout)
			}
			if !strings.Contains(r.stderr, "[1 of 10] Press Enter or space to reveal the next step, q to stop.") {
				t.Errorf("no prompt naming the keys:\n%s", r.stderr)
			}
			for _, s := range tc.shown {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("%q not shown:\n%s", s, r.stderr)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(r.stderr, s) {
					t.Errorf("%q shown:\n%s", s, r.stderr)
				}
			}
		})
	}
}

// TestQuizScoreOnce: the quiz says the score once. Where stdout is the
// terminal the person reads, it is said there in words; otherwise in words
// on stderr, with a line for the file or the pipe on stdout.
func TestQuizScoreOnce(t *testing.T) {
	answers := "2\n4\n4\n" // --seed 7 --rounds 3, every answer right
	cases := []struct {
		name           string
		stdoutTTY      bool
		stdout, stderr string
	}{
		{name: "stdout a terminal", stdoutTTY: true, stdout: "\nYou scored 3 out of 3.\n"},
		{name: "stdout a pipe", stdout: "score: 3/3\n", stderr: "You scored 3 out of 3."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streams := &cli.IOStreams{In: strings.NewReader(answers), StdoutTTY: tc.stdoutTTY}
			code, stdout, stderr := run(t, streams, screenEnv(80, 24), "quiz", "--accessible", "--seed", "7", "--rounds", "3")
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			if stdout != tc.stdout {
				t.Errorf("stdout %q, want %q", stdout, tc.stdout)
			}
			// What the person reads: stderr, and stdout where it is the
			// terminal.
			read := stderr
			if tc.stdoutTTY {
				read += stdout
			}
			if n := strings.Count(read, "scored") + strings.Count(read, "score:"); n != 1 {
				t.Errorf("the score is said %d times:\nstdout:\n%s\nstderr:\n%s", n, stdout, stderr)
			}
			if tc.stderr != "" && !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
		})
	}
}

// TestQuizWidth: the quiz is wrapped to the width of the terminal it is
// asked on (COLUMNS here, where the streams are not real terminals), and at
// 80 columns where that is not known.
func TestQuizWidth(t *testing.T) {
	answers := "1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n"
	for _, width := range []int{50, 80, 100} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			streams := &cli.IOStreams{In: strings.NewReader(answers)}
			_, _, stderr := run(t, streams, screenEnv(width, 24), "quiz", "--accessible", "--seed", "7")
			widest := 0
			for _, l := range strings.Split(stderr, "\n") {
				widest = max(widest, ansi.StringWidth(l))
			}
			if widest > width || widest < width-15 {
				t.Errorf("the widest line is %d columns, want up to %d and close to it:\n%s", widest, width, stderr)
			}
		})
	}
}
