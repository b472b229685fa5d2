package wizard_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// vt is a small terminal emulator: enough of VT100/xterm to replay what
// bubbletea's renderer writes (cursor moves, erasing, inserting and
// deleting lines and characters, scroll regions) into a grid of
// characters, so a test can read the screen the way the user would see it.
// Colours and other attributes are dropped. Newlines also return the
// carriage, as bubbletea assumes when its input is not a terminal.
type vt struct {
	mu       sync.Mutex
	w, h     int
	grid     [][]rune
	x, y     int
	top, bot int // the scroll region, inclusive
	wrapNext bool
	last     rune
	pending  []byte // an escape sequence or character cut by a write
	savedX   int
	savedY   int
}

func newVT(w, h int) *vt {
	v := &vt{w: w, h: h}
	v.reset()
	return v
}

func (v *vt) reset() {
	v.grid = make([][]rune, v.h)
	for i := range v.grid {
		v.grid[i] = blankLine(v.w)
	}
	v.x, v.y, v.top, v.bot, v.wrapNext = 0, 0, 0, v.h-1, false
}

func blankLine(w int) []rune {
	l := make([]rune, w)
	for i := range l {
		l[i] = ' '
	}
	return l
}

// Write replays p.
func (v *vt) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	data := append(v.pending, p...)
	v.pending = nil
	for i := 0; i < len(data); {
		n, ok := v.step(data[i:])
		if !ok {
			v.pending = append([]byte(nil), data[i:]...)
			break
		}
		i += n
	}
	return len(p), nil
}

// step handles one character or sequence at the start of b and says how
// many bytes it took; ok is false when b ends in the middle of it.
func (v *vt) step(b []byte) (n int, ok bool) {
	switch c := b[0]; {
	case c == 0x1b:
		return v.escape(b)
	case c == '\r':
		v.x, v.wrapNext = 0, false
	case c == '\n':
		v.x, v.wrapNext = 0, false
		v.lineFeed()
	case c == '\b':
		v.x, v.wrapNext = max(v.x-1, 0), false
	case c == '\t':
		v.x = min((v.x/8+1)*8, v.w-1)
	case c < 0x20 || c == 0x7f:
		// Other controls draw nothing.
	default:
		if !utf8.FullRune(b) {
			return 0, false
		}
		r, size := utf8.DecodeRune(b)
		v.print(r)
		return size, true
	}
	return 1, true
}

func (v *vt) print(r rune) {
	width := ansi.StringWidth(string(r))
	if width == 0 {
		return
	}
	if v.wrapNext || v.x+width > v.w {
		v.x, v.wrapNext = 0, false
		v.lineFeed()
	}
	v.grid[v.y][v.x] = r
	if width == 2 && v.x+1 < v.w {
		v.grid[v.y][v.x+1] = ' '
	}
	v.last = r
	v.x += width
	if v.x >= v.w {
		v.x, v.wrapNext = v.w-1, true
	}
}

func (v *vt) lineFeed() {
	if v.y == v.bot {
		v.scrollUp(1)
		return
	}
	v.y = min(v.y+1, v.h-1)
}

// scrollUp moves the lines of the scroll region up n, blank lines below.
func (v *vt) scrollUp(n int) { v.deleteLines(v.top, n) }

// scrollDown moves the lines of the scroll region down n, blank lines above.
func (v *vt) scrollDown(n int) { v.insertLines(v.top, n) }

func (v *vt) insertLines(at, n int) {
	if at < v.top || at > v.bot {
		return
	}
	for range min(n, v.bot-at+1) {
		copy(v.grid[at+1:v.bot+1], v.grid[at:v.bot])
		v.grid[at] = blankLine(v.w)
	}
}

func (v *vt) deleteLines(at, n int) {
	if at < v.top || at > v.bot {
		return
	}
	for range min(n, v.bot-at+1) {
		copy(v.grid[at:v.bot], v.grid[at+1:v.bot+1])
		v.grid[v.bot] = blankLine(v.w)
	}
}

func (v *vt) escape(b []byte) (int, bool) {
	if len(b) < 2 {
		return 0, false
	}
	switch b[1] {
	case '[':
		return v.csi(b)
	case ']', 'P', '_', '^', 'X':
		// A string: OSC, DCS, APC, PM, SOS; ends with BEL or ST.
		for i := 2; i < len(b); i++ {
			if b[i] == 0x07 && b[1] == ']' {
				return i + 1, true
			}
			if b[i] == 0x1b && i+1 < len(b) && b[i+1] == '\\' {
				return i + 2, true
			}
		}
		return 0, false
	case 'M': // reverse index
		if v.y == v.top {
			v.scrollDown(1)
		} else {
			v.y = max(v.y-1, 0)
		}
	case 'D': // index
		v.lineFeed()
	case 'E': // next line
		v.x = 0
		v.lineFeed()
	case '7':
		v.savedX, v.savedY = v.x, v.y
	case '8':
		v.x, v.y = v.savedX, v.savedY
	case '(', ')', '*', '+', '#', '%', ' ':
		if len(b) < 3 {
			return 0, false
		}
		return 3, true
	}
	v.wrapNext = false
	return 2, true
}

func (v *vt) csi(b []byte) (int, bool) {
	i := 2
	for i < len(b) && b[i] >= 0x30 && b[i] <= 0x3f {
		i++
	}
	params := string(b[2:i])
	for i < len(b) && b[i] >= 0x20 && b[i] <= 0x2f {
		i++
	}
	if i >= len(b) {
		return 0, false
	}
	final := b[i]
	n := i + 1
	if params != "" && strings.ContainsAny(params[:1], "?<>=") {
		// Private modes: only the alternate screen matters.
		if (final == 'h' || final == 'l') && (params == "?1049" || params == "?47" || params == "?1047") {
			v.reset()
		}
		return n, true
	}
	if i > 2 && b[i-1] >= 0x20 && b[i-1] <= 0x2f {
		return n, true // with intermediates: DECSCUSR, DECRQM...: nothing drawn
	}
	var ps []int
	for _, f := range strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' }) {
		p, _ := strconv.Atoi(f)
		ps = append(ps, p)
	}
	arg := func(k, def int) int {
		if k < len(ps) && ps[k] > 0 {
			return ps[k]
		}
		return def
	}
	clampX := func(x int) int { return min(max(x, 0), v.w-1) }
	clampY := func(y int) int { return min(max(y, 0), v.h-1) }
	v.wrapNext = false
	switch final {
	case 'H', 'f':
		v.y, v.x = clampY(arg(0, 1)-1), clampX(arg(1, 1)-1)
	case 'A':
		v.y = max(v.y-arg(0, 1), min(v.top, v.y))
	case 'B':
		v.y = min(v.y+arg(0, 1), max(v.bot, v.y))
	case 'C':
		v.x = clampX(v.x + arg(0, 1))
	case 'D':
		v.x = clampX(v.x - arg(0, 1))
	case 'E':
		v.x, v.y = 0, clampY(v.y+arg(0, 1))
	case 'F':
		v.x, v.y = 0, clampY(v.y-arg(0, 1))
	case 'G', '`':
		v.x = clampX(arg(0, 1) - 1)
	case 'd':
		v.y = clampY(arg(0, 1) - 1)
	case 'J':
		switch arg(0, 0) {
		case 0:
			v.eraseLine(v.y, v.x, v.w)
			for y := v.y + 1; y < v.h; y++ {
				v.grid[y] = blankLine(v.w)
			}
		case 1:
			for y := 0; y < v.y; y++ {
				v.grid[y] = blankLine(v.w)
			}
			v.eraseLine(v.y, 0, v.x+1)
		default:
			for y := range v.grid {
				v.grid[y] = blankLine(v.w)
			}
		}
	case 'K':
		switch arg(0, 0) {
		case 0:
			v.eraseLine(v.y, v.x, v.w)
		case 1:
			v.eraseLine(v.y, 0, v.x+1)
		default:
			v.eraseLine(v.y, 0, v.w)
		}
	case 'X':
		v.eraseLine(v.y, v.x, min(v.x+arg(0, 1), v.w))
	case 'P':
		l := v.grid[v.y]
		k := min(arg(0, 1), v.w-v.x)
		copy(l[v.x:], l[v.x+k:])
		for j := v.w - k; j < v.w; j++ {
			l[j] = ' '
		}
	case '@':
		l := v.grid[v.y]
		k := min(arg(0, 1), v.w-v.x)
		copy(l[v.x+k:], l[v.x:v.w-k])
		for j := v.x; j < v.x+k; j++ {
			l[j] = ' '
		}
	case 'L':
		v.insertLines(v.y, arg(0, 1))
	case 'M':
		v.deleteLines(v.y, arg(0, 1))
	case 'S':
		v.scrollUp(arg(0, 1))
	case 'T':
		v.scrollDown(arg(0, 1))
	case 'b':
		for range arg(0, 1) {
			v.print(v.last)
		}
	case 'r':
		v.top, v.bot = clampY(arg(0, 1)-1), clampY(arg(1, v.h)-1)
		if v.top >= v.bot {
			v.top, v.bot = 0, v.h-1
		}
		v.x, v.y = 0, 0
	}
	// m (colours), h and l (modes), n (reports), t, q and the rest draw
	// nothing.
	return n, true
}

func (v *vt) eraseLine(y, from, to int) {
	for x := from; x < to; x++ {
		v.grid[y][x] = ' '
	}
}

// screen is what the screen shows, each line without its trailing spaces.
func (v *vt) screen() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	lines := make([]string, v.h)
	for i, l := range v.grid {
		lines[i] = strings.TrimRight(string(l), " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

func TestVT(t *testing.T) {
	v := newVT(10, 4)
	for _, s := range []string{
		"\x1b[?1049h\x1b[H\x1b[2Jhello\r\nworld",
		"\x1b[1;3H\x1b[1mLL\x1b[m\x1b[K", // overwrite and erase to the end
		"\x1b[3;1Hthird\x1b[2;1H\x1b[L",  // insert a line above line 2
		"\x1b[4;1H\x1b[M",                // delete line 4
		"\x1b[1;10Hx",                    // the last column, no wrap yet
		"\x1b]11;?\x07\x1b[?25l",         // nothing drawn
		"\x1b[2;2Hab\x1b[D\x1b[3XZ",      // erase characters, back one
	} {
		// Byte by byte: sequences cut between writes still work.
		for i := range len(s) {
			if _, err := v.Write([]byte{s[i]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := "heLL     x\n aZ\nworld"
	if got := v.screen(); got != want {
		t.Errorf("screen =\n%q\nwant\n%q", got, want)
	}
}
