package cli_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/cli"
)

// TestDecideMode follows DESIGN.md section 2: --no-prompt or
// RIGHTSAID_NO_PROMPT rule out both interactive modes; --accessible or
// ACCESSIBLE (any value but empty or 0) choose the line prompter on any
// stdin; TERM=dumb chooses it when stdin is a terminal; the full-screen
// wizard needs stdin and stderr to be terminals, whatever stdout is.
func TestDecideMode(t *testing.T) {
	tty := func(in, out, errOut bool) *cli.IOStreams {
		return &cli.IOStreams{StdinTTY: in, StdoutTTY: out, StderrTTY: errOut}
	}
	cases := []struct {
		name                 string
		io                   *cli.IOStreams
		env                  map[string]string
		accessible, noPrompt bool
		want                 cli.Mode
	}{
		{"no terminal", tty(false, false, false), nil, false, false, cli.NonInteractive},
		{"all terminals", tty(true, true, true), nil, false, false, cli.FullScreen},
		{"stdout to a file", tty(true, false, true), nil, false, false, cli.FullScreen},
		{"stderr redirected", tty(true, true, false), nil, false, false, cli.NonInteractive},
		{"stdin piped", tty(false, true, true), nil, false, false, cli.NonInteractive},
		{"--accessible on a pipe", tty(false, false, false), nil, true, false, cli.Accessible},
		{"--accessible in a terminal", tty(true, true, true), nil, true, false, cli.Accessible},
		{"ACCESSIBLE=1 on a pipe", tty(false, false, false), map[string]string{"ACCESSIBLE": "1"}, false, false, cli.Accessible},
		{"ACCESSIBLE=true", tty(true, true, true), map[string]string{"ACCESSIBLE": "true"}, false, false, cli.Accessible},
		{"ACCESSIBLE=0", tty(true, true, true), map[string]string{"ACCESSIBLE": "0"}, false, false, cli.FullScreen},
		{"ACCESSIBLE empty", tty(false, false, false), map[string]string{"ACCESSIBLE": ""}, false, false, cli.NonInteractive},
		{"TERM=dumb in a terminal", tty(true, true, true), map[string]string{"TERM": "dumb"}, false, false, cli.Accessible},
		{"TERM=dumb, stdin piped", tty(false, true, true), map[string]string{"TERM": "dumb"}, false, false, cli.NonInteractive},
		{"--no-prompt in a terminal", tty(true, true, true), nil, false, true, cli.NonInteractive},
		{"--no-prompt beats --accessible", tty(true, true, true), nil, true, true, cli.NonInteractive},
		{"RIGHTSAID_NO_PROMPT=1", tty(true, true, true), map[string]string{"RIGHTSAID_NO_PROMPT": "1"}, false, false, cli.NonInteractive},
		{"RIGHTSAID_NO_PROMPT beats ACCESSIBLE", tty(false, false, false), map[string]string{"RIGHTSAID_NO_PROMPT": "1", "ACCESSIBLE": "1"}, false, false, cli.NonInteractive},
		{"RIGHTSAID_NO_PROMPT beats TERM=dumb", tty(true, true, true), map[string]string{"RIGHTSAID_NO_PROMPT": "yes", "TERM": "dumb"}, false, false, cli.NonInteractive},
		{"RIGHTSAID_NO_PROMPT=0", tty(true, true, true), map[string]string{"RIGHTSAID_NO_PROMPT": "0"}, false, false, cli.FullScreen},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := func(k string) string { return tc.env[k] }
			if got := cli.DecideMode(tc.io, env, tc.accessible, tc.noPrompt); got != tc.want {
				t.Errorf("DecideMode = %s, want %s", got, tc.want)
			}
		})
	}
}

// run calls cli.Run with buffers for streams and a fixed clock.
func run(t *testing.T, streams *cli.IOStreams, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	streams.Out, streams.ErrOut = &out, &errOut
	if streams.In == nil {
		streams.In = strings.NewReader("")
	}
	lookup := func(k string) string { return env[k] }
	clock := func() time.Time { return time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC) }
	code = cli.Run(context.Background(), streams, args, lookup, clock)
	return code, out.String(), errOut.String()
}

// TestBareRightsaidPrintsHelp: bare rightsaid runs decide only when it can
// ask questions; otherwise it prints help on stdout and exits 0.
func TestBareRightsaidPrintsHelp(t *testing.T) {
	cases := []struct {
		name string
		io   *cli.IOStreams
		env  map[string]string
		args []string
	}{
		{"no terminal", &cli.IOStreams{}, nil, nil},
		{"terminals, RIGHTSAID_NO_PROMPT", &cli.IOStreams{StdinTTY: true, StdoutTTY: true, StderrTTY: true}, map[string]string{"RIGHTSAID_NO_PROMPT": "1"}, nil},
		{"terminals, --no-prompt", &cli.IOStreams{StdinTTY: true, StdoutTTY: true, StderrTTY: true}, nil, []string{"--no-prompt"}},
		{"stdin only", &cli.IOStreams{StdinTTY: true}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.io, tc.env, tc.args...)
			if code != 0 {
				t.Errorf("exit %d, want 0; stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stdout, "Usage:") {
				t.Errorf("no help on stdout:\n%s", stdout)
			}
			if stderr != "" {
				t.Errorf("stderr not empty:\n%s", stderr)
			}
		})
	}
}

// TestAnswersNeverPrompt: decide --answers never asks, even in a terminal,
// and draws nothing on stderr.
func TestAnswersNeverPrompt(t *testing.T) {
	answers := filepath.Join("testdata", "examples", "seclusion.yaml")
	io := &cli.IOStreams{StdinTTY: true, StdoutTTY: true, StderrTTY: true}
	code, stdout, stderr := run(t, io, map[string]string{"TZ": "Europe/London"}, "decide", "--answers", answers)
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Outcome: AMBER") {
		t.Errorf("no rationale on stdout:\n%s", stdout)
	}
	if stderr != "" {
		t.Errorf("stderr not empty:\n%s", stderr)
	}
}

// TestNoColor: with NO_COLOR, even a terminal gets no escape sequences.
func TestNoColor(t *testing.T) {
	answers := filepath.Join("testdata", "examples", "ward-phone-ban.yaml")
	for _, args := range [][]string{
		{"decide", "--answers", answers},
		{"decide", "--answers", answers, "--format", "markdown"},
		{"rights"},
		{"kinds", "seclusion"},
	} {
		io := &cli.IOStreams{StdinTTY: true, StdoutTTY: true, StderrTTY: true}
		code, stdout, stderr := run(t, io, map[string]string{"NO_COLOR": "1"}, args...)
		if code != 0 {
			t.Errorf("%q: exit %d; stderr:\n%s", args, code, stderr)
		}
		if strings.ContainsRune(stdout+stderr, '\x1b') {
			t.Errorf("%q: escape sequences with NO_COLOR set", args)
		}
	}
}

// TestLocationFromTZ: times a person reads follow TZ; Europe/London by
// default.
func TestLocationFromTZ(t *testing.T) {
	answers := filepath.Join("testdata", "examples", "seclusion.yaml")
	for _, tc := range []struct{ tz, want string }{
		{"", "Review due: Mon 23 Nov 2026, 16:00 GMT"},
		{"Europe/London", "Review due: Mon 23 Nov 2026, 16:00 GMT"},
		{"America/New_York", "Review due: Mon 23 Nov 2026, 11:00 EST"},
	} {
		code, stdout, stderr := run(t, &cli.IOStreams{}, map[string]string{"TZ": tc.tz}, "decide", "--answers", answers)
		if code != 0 {
			t.Fatalf("TZ=%q: exit %d; stderr:\n%s", tc.tz, code, stderr)
		}
		if !strings.Contains(stdout, tc.want) {
			t.Errorf("TZ=%q: want %q in:\n%.300s", tc.tz, tc.want, stdout)
		}
	}
}
