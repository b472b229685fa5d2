package render

import (
	"io"
	"strings"
)

// textWidth is the width plain text is wrapped to: it pastes into notes and
// reads at 80 columns.
const textWidth = 78

// WriteText writes the rationale as plain text.
func WriteText(w io.Writer, r Rationale) error {
	var b strings.Builder
	b.WriteString(strings.ToUpper(r.Title) + "\n")
	b.WriteString(strings.Repeat("=", len(r.Title)) + "\n")
	b.WriteString("Outcome: " + strings.ToUpper(r.LightLabel) + ", " + r.Verdict + "\n")
	b.WriteString("Review due: " + r.ReviewDue + "\n")
	for _, s := range r.Sections {
		b.WriteString("\n" + s.Heading + "\n" + strings.Repeat("-", len(s.Heading)) + "\n")
		for _, l := range s.Lines {
			writeTextLine(&b, l)
		}
	}
	b.WriteString("\n")
	wrap(&b, r.Footer, "", "")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTextLine(b *strings.Builder, l Line) {
	switch {
	case l.Bullet:
		wrap(b, l.Value, "  - ", "    ")
		for _, d := range l.Detail {
			wrap(b, d, "    ", "    ")
		}
	case l.Label != "":
		wrap(b, l.Label+": "+l.Value, "", "    ")
		for _, d := range l.Detail {
			wrap(b, d, "    ", "    ")
		}
	default:
		wrap(b, l.Value, "", "")
	}
}

// wrap writes text word-wrapped to textWidth, the first line after first and
// the rest after rest; line breaks in the text are kept.
func wrap(b *strings.Builder, text, first, rest string) {
	for i, para := range strings.Split(text, "\n") {
		prefix := first
		if i > 0 {
			prefix = rest
		}
		words := strings.Fields(para)
		line := prefix
		empty := true
		for _, w := range words {
			if !empty && len([]rune(line))+1+len([]rune(w)) > textWidth {
				b.WriteString(line + "\n")
				line, empty = rest, true
			}
			if empty {
				line += w
				empty = false
			} else {
				line += " " + w
			}
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}
