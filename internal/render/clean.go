package render

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// clean makes free text safe to show in a terminal or a document: it removes
// ANSI and OSC escape sequences and every other control character (a carriage
// return could overwrite a line a nurse has read), keeps line breaks and tabs
// as spaces, shows bytes that are not UTF-8 as U+FFFD (a lone 0x9b is a CSI
// to an 8-bit terminal), and trims the ends.
func clean(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = ansi.Strip(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Clean is clean for other packages that show free text.
func Clean(s string) string { return clean(s) }

// TrimTrailingSpace removes the spaces a layout pads lines with, so text
// pastes cleanly and golden files stay readable.
func TrimTrailingSpace(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// Plural counts n things in words: "1 record", "3 records".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
