package cli

// Streams, as rightsaid uses them:
//   - stdout carries results only: the rationale, the record, the reference
//     card. It may be a file or a pipe (`rightsaid decide > note.md`).
//   - stderr carries everything a person reads along the way: the wizard and
//     the accessible questions, problems found in input, warnings.
//   - stdin carries answers (`decide --answers -`) and the accessible mode's
//     replies.
// Colour is used only when the stream written to is a terminal, never with
// NO_COLOR, never in a file or pipe.

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// IOStreams are the process's streams and the facts about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	StdinTTY  bool
	StdoutTTY bool
	StderrTTY bool
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		StdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		StdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		StderrTTY: term.IsTerminal(os.Stderr.Fd()),
	}
}

// Env reads environment variables; tests pass a map.
type Env func(string) string

// set reports whether an environment variable is set to a value that means
// on: non-empty and not "0".
func (e Env) set(name string) bool {
	v := strings.TrimSpace(e(name))
	return v != "" && v != "0"
}

// Mode is how a command that asks questions runs.
type Mode int

// The modes, decided before anything is drawn (DESIGN.md section 2).
const (
	NonInteractive Mode = iota
	Accessible
	FullScreen
)

func (m Mode) String() string {
	switch m {
	case Accessible:
		return "accessible"
	case FullScreen:
		return "full-screen"
	}
	return "non-interactive"
}

// DecideMode works out the mode: --no-prompt (or RIGHTSAID_NO_PROMPT) rules
// out both interactive modes; --accessible or ACCESSIBLE choose the line
// prompter on any stdin; TERM=dumb chooses it when stdin is a terminal; the
// full-screen wizard needs stdin and stderr to be terminals.
func DecideMode(io *IOStreams, env Env, accessibleFlag, noPromptFlag bool) Mode {
	switch {
	case noPromptFlag || env.set("RIGHTSAID_NO_PROMPT"):
		return NonInteractive
	case accessibleFlag || env.set("ACCESSIBLE"):
		return Accessible
	case io.StdinTTY && env("TERM") == "dumb":
		return Accessible
	case io.StdinTTY && io.StderrTTY:
		return FullScreen
	}
	return NonInteractive
}
