package cli

// The workshop screens (a scenario's story, the model answer revealed step
// by step, the reference card and the comparison in the presenter look) are
// read from a screen at the front of a room. Text for a terminal is wrapped
// to the terminal's width and, where it is longer than the screen, shown a
// screen at a time, as more(1) does. A file or a pipe gets all of it at once,
// wrapped at 80 columns (or COLUMNS), so scripts and tests see everything.

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// screenSize is the size of what a stream is shown on, in columns and lines.
type screenSize struct{ width, height int }

// screenOf is the size of the terminal out writes to, when tty says it is
// one and its size can be read; otherwise COLUMNS and LINES where they are
// set, or 80 by 24.
func (f *Factory) screenOf(out io.Writer, tty bool) screenSize {
	sc := screenSize{width: positive(f.Env("COLUMNS"), 80), height: positive(f.Env("LINES"), 24)}
	if !tty {
		return sc
	}
	if file, ok := out.(interface{ Fd() uintptr }); ok {
		if w, h, err := term.GetSize(file.Fd()); err == nil && w > 0 && h > 0 {
			sc = screenSize{width: w, height: h}
		}
	}
	return sc
}

// positive reads a positive whole number, or returns def.
func positive(s string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
		return n
	}
	return def
}

// key is what a key press asks for.
type key int

const (
	keyNext      key = iota // space, Enter, Down or Page Down
	keyQuit                 // q
	keyInterrupt            // Ctrl-C
	keyEnd                  // the input ended, or Ctrl-D
)

// keyReader reads single key presses from stdin: from a terminal as each key
// is pressed, without waiting for Enter; from a pipe (tests) a byte at a
// time, so that what follows is left for whoever reads next.
type keyReader struct {
	in      io.Reader
	fd      uintptr
	raw     bool
	pending []byte
}

func newKeyReader(in io.Reader) *keyReader {
	k := &keyReader{in: in}
	if file, ok := in.(interface{ Fd() uintptr }); ok && term.IsTerminal(file.Fd()) {
		k.fd, k.raw = file.Fd(), true
	}
	return k
}

// next waits for a key that asks for something, and ignores the others.
func (k *keyReader) next() (key, error) {
	for {
		if len(k.pending) == 0 {
			if err := k.fill(); errors.Is(err, io.EOF) {
				return keyEnd, nil
			} else if err != nil {
				return keyEnd, err
			}
		}
		b := k.pending[0]
		k.pending = k.pending[1:]
		switch b {
		case ' ', '\r', '\n':
			return keyNext, nil
		case 'q', 'Q':
			return keyQuit, nil
		case 3:
			return keyInterrupt, nil
		case 4:
			return keyEnd, nil
		case 0x1b:
			// A terminal sends an arrow or Page Down in one read: ESC [ B,
			// ESC O B (application mode) or ESC [ 6 ~.
			if seq := k.escape(); seq == "[B" || seq == "OB" || seq == "[6~" {
				return keyNext, nil
			}
		}
	}
}

// escape takes the rest of an escape sequence: from what was read with its
// ESC on a terminal, or byte by byte from a pipe.
func (k *keyReader) escape() string {
	more := func() (byte, bool) {
		if len(k.pending) == 0 && (k.raw || k.fill() != nil) {
			return 0, false
		}
		b := k.pending[0]
		k.pending = k.pending[1:]
		return b, true
	}
	b, ok := more()
	if !ok || (b != '[' && b != 'O') {
		return ""
	}
	seq := []byte{b}
	for {
		b, ok := more()
		if !ok {
			return string(seq)
		}
		seq = append(seq, b)
		if b >= 0x40 && b <= 0x7e { // the final byte
			return string(seq)
		}
	}
}

// fill reads what is there to read: on a terminal, in raw mode for the
// length of the read only, so that text written between key presses is
// shown as usual.
func (k *keyReader) fill() error {
	if !k.raw {
		b := make([]byte, 1)
		n, err := k.in.Read(b)
		k.pending = append(k.pending, b[:n]...)
		if n > 0 {
			return nil
		}
		if err == nil {
			err = io.EOF
		}
		return err
	}
	state, err := term.MakeRaw(k.fd)
	if err != nil {
		return err
	}
	defer func() { _ = term.Restore(k.fd, state) }()
	b := make([]byte, 32)
	n, err := k.in.Read(b)
	k.pending = append(k.pending, b[:n]...)
	if n > 0 {
		return nil
	}
	if err == nil {
		err = io.EOF
	}
	return err
}

// pager shows text a screen at a time on a terminal.
type pager struct {
	out io.Writer
	// paging is false where text is written at once: out is not a
	// terminal, stdin is not one either (there are no keys to read), or
	// RIGHTSAID_NO_PROMPT rules out asking.
	paging bool
	keys   *keyReader
	sc     screenSize
	// erase is false on a terminal that cannot clear a line (TERM=dumb):
	// the prompt is left in place and the text goes on below it.
	erase bool
}

// pager returns the pager for out; tty says whether out is a terminal.
func (f *Factory) pager(out io.Writer, tty bool, keys *keyReader) *pager {
	return &pager{out: out, keys: keys, sc: f.screenOf(out, tty), erase: f.Env("TERM") != "dumb",
		paging: tty && f.IO.StdinTTY && !f.Env.set("RIGHTSAID_NO_PROMPT")}
}

// show writes text, a screen at a time where it is longer than the screen,
// keeping a line free for what comes next. Space or Enter shows the next
// screen; q stops and reports quit; Ctrl-C stops the command (exit 130). A
// pager that is not paging writes the text at once.
func (p *pager) show(text string) (quit bool, err error) {
	if !p.paging {
		_, err := io.WriteString(p.out, text)
		return false, err
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	rows := func(line string) int {
		return max(1, (ansi.StringWidth(strings.TrimSuffix(line, "\n"))+p.sc.width-1)/p.sc.width)
	}
	// Blank lines at the end are space before what comes next: they do not
	// need a screen of their own.
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	room := max(p.sc.height-1, 1)
	total := 0
	for _, l := range lines[:end] {
		total += rows(l)
	}
	if total <= room {
		_, err := io.WriteString(p.out, text)
		return false, err
	}
	shown := 0
	for i := 0; i < end; {
		var page strings.Builder
		for used := 0; i < end && (used == 0 || used+rows(lines[i]) <= room); i++ {
			used += rows(lines[i])
			shown += rows(lines[i])
			page.WriteString(lines[i])
		}
		if i == end {
			page.WriteString(strings.Join(lines[end:], ""))
		}
		if _, err := io.WriteString(p.out, page.String()); err != nil {
			return false, err
		}
		if i == end {
			return false, nil
		}
		prompt := fmt.Sprintf("Space or Enter for more, q to quit (%d of %d lines)", shown, total)
		fmt.Fprint(p.out, ansi.Truncate(prompt, p.sc.width-1, ""))
		k, err := p.keys.next()
		if p.erase {
			fmt.Fprint(p.out, "\r"+ansi.EraseEntireLine)
		} else {
			fmt.Fprint(p.out, "\n")
		}
		switch {
		case err != nil:
			return true, err
		case k == keyInterrupt:
			return true, &CancelError{Msg: "Stopped."}
		case k != keyNext:
			return true, nil
		}
	}
	return false, nil
}
