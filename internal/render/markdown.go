package render

import (
	"io"
	"regexp"
	"strings"
	"sync"
)

// WriteMarkdown writes the rationale as Markdown, for a governance paper or a
// records system that shows it.
func WriteMarkdown(w io.Writer, r Rationale) error {
	var b strings.Builder
	b.WriteString("# " + r.Title + "\n\n")
	b.WriteString("**Outcome: " + md(r.LightLabel) + ", " + md(r.Verdict) + "**  \n")
	b.WriteString("**Review due:** " + md(r.ReviewDue) + "\n")
	for _, s := range r.Sections {
		b.WriteString("\n## " + md(s.Heading) + "\n\n")
		inList := false
		for _, l := range s.Lines {
			isItem := l.Bullet || l.Label != ""
			if inList && !isItem {
				b.WriteString("\n")
			}
			switch {
			case l.Bullet:
				b.WriteString("- " + mdBlock(l.Value, "  ") + "\n")
			case l.Label != "":
				b.WriteString("- **" + md(l.Label) + ":** " + mdBlock(l.Value, "  ") + "\n")
			default:
				b.WriteString(mdBlock(l.Value, "") + "\n")
			}
			for _, d := range l.Detail {
				b.WriteString("  - " + mdBlock(d, "    ") + "\n")
			}
			if !isItem {
				b.WriteString("\n")
			}
			inList = isItem
		}
	}
	b.WriteString("\n---\n\n_" + md(r.Footer) + "_\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscaper escapes the characters that would let free text change a
// document's structure: emphasis, links, HTML, tables, code and headings.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`, "~", `\~`, "!", `\!`,
)

// orderedItem matches a line that Markdown would read as a numbered item.
var orderedItem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+[.)]`) })

func md(s string) string { return mdEscaper.Replace(s) }

// mdBlock escapes text and keeps its line breaks inside the list item or
// paragraph it belongs to, so a line of free text cannot start a heading, a
// list or a rule of its own.
func mdBlock(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = md(strings.TrimSpace(l))
		// A line that would start a list or a rule is escaped too.
		if l != "" && strings.ContainsRune("-+=", rune(l[0])) {
			l = `\` + l
		}
		if m := orderedItem().FindStringIndex(l); m != nil {
			l = l[:m[1]-1] + `\` + l[m[1]-1:]
		}
		lines[i] = l
	}
	return strings.Join(lines, "  \n"+indent)
}
