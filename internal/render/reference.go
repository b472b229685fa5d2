package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/theme"
	"go.yaml.in/yaml/v3"
)

// WriteData writes reference data (rights, kinds) as JSON, or as YAML with
// the same keys in the same order.
func WriteData(w io.Writer, f Format, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if f == JSON {
		_, err = w.Write(append(data, '\n'))
		return err
	}
	// YAML is a superset of JSON: reading the JSON into a node keeps the key
	// order; clearing the flow styles writes it as block YAML.
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return err
	}
	blockStyle(&n)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return err
	}
	return enc.Close()
}

func blockStyle(n *yaml.Node) {
	n.Style &^= yaml.FlowStyle | yaml.DoubleQuotedStyle
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && needsQuotes(n.Value) {
		n.Style = yaml.SingleQuotedStyle
	}
	for _, c := range n.Content {
		blockStyle(c)
	}
}

// needsQuotes reports whether a string would read as another type unquoted
// (an article id such as "8" is a string).
func needsQuotes(s string) bool {
	var v any
	if err := yaml.Unmarshal([]byte(s), &v); err != nil {
		return true
	}
	_, isString := v.(string)
	return !isString
}

// WriteRights writes the reference card of the 16 rights, grouped by category.
func WriteRights(w io.Writer, f Format, c *catalog.Catalog) error {
	switch f {
	case YAML, JSON:
		return WriteData(w, f, c.Rights)
	}
	var b strings.Builder
	md := f == Markdown
	if md {
		b.WriteString("# The 16 rights of the Human Rights Act 1998\n")
	} else {
		b.WriteString("THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998\n")
	}
	for _, cat := range []string{catalog.Absolute, catalog.Limited, catalog.Qualified, catalog.Ancillary} {
		ct := c.Categories[cat]
		if md {
			fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", ct.Title, clean(ct.Meaning))
		} else {
			fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(ct.Title))
			wrap(&b, clean(ct.Meaning), "", "")
		}
		for _, r := range c.Rights {
			if r.Category != cat {
				continue
			}
			if md {
				fmt.Fprintf(&b, "- **%s** %s: %s\n", r.Reference, mdEscaper.Replace(r.Title), mdEscaper.Replace(clean(r.Summary)))
			} else {
				// A long title wraps under itself, within 80 columns.
				wrap(&b, r.Title, fmt.Sprintf("  %-24s ", r.Reference), strings.Repeat(" ", 27))
			}
		}
	}
	if md {
		b.WriteString("\nSee one right in full with `rightsaid rights ARTICLE` (for example `rightsaid rights 8` or `rightsaid rights P1-1`).\n")
	} else {
		b.WriteString("\nOne right in full: rightsaid rights ARTICLE (for example 8 or P1-1).\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRight writes one right in full.
func WriteRight(w io.Writer, f Format, c *catalog.Catalog, r *catalog.Right) error {
	switch f {
	case YAML, JSON:
		return WriteData(w, f, r)
	}
	ct := c.Categories[r.Category]
	doc := Rationale{Title: r.Reference + ": " + r.Title}
	main := Section{Heading: ct.Title + " right"}
	main.Lines = append(main.Lines, Line{Value: clean(ct.Meaning)})
	main.Lines = append(main.Lines, Line{Label: "In plain words", Value: clean(r.Summary)})
	doc.Sections = append(doc.Sections, main)
	if len(r.LegitimateAims) > 0 {
		doc.Sections = append(doc.Sections, bulletSection("Legitimate aims the article lists", r.LegitimateAims))
	}
	if len(r.Examples) > 0 {
		doc.Sections = append(doc.Sections, bulletSection("Engaged, for example, by", r.Examples))
	}
	if r.RarelyEngaged != "" {
		doc.Sections = append(doc.Sections, Section{Heading: "Rarely engaged", Lines: []Line{{Value: clean(r.RarelyEngaged)}}})
	}
	if r.Note != "" {
		doc.Sections = append(doc.Sections, Section{Heading: "Note", Lines: []Line{{Value: clean(r.Note)}}})
	}
	return writeCard(w, f, doc)
}

// WriteKinds writes the kinds of restriction as a table.
func WriteKinds(w io.Writer, f Format, c *catalog.Catalog) error {
	switch f {
	case YAML, JSON:
		return WriteData(w, f, c.Kinds)
	}
	var b strings.Builder
	if f == Markdown {
		b.WriteString("# Kinds of restriction\n\n| kind | title | intensity | review within | usual rights |\n|---|---|---|---|---|\n")
		for _, k := range c.Kinds {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", k.ID, mdEscaper.Replace(k.Title), k.Intensity, k.ReviewWithin, strings.Join(k.Rights, ", "))
		}
	} else {
		b.WriteString("KINDS OF RESTRICTION\n\n")
		fmt.Fprintf(&b, "%-29s %-9s %-7s %s\n", "KIND", "INTENSITY", "REVIEW", "USUAL RIGHTS")
		for _, k := range c.Kinds {
			fmt.Fprintf(&b, "%-29s %-9s %-7s %s\n", k.ID, k.Intensity, k.ReviewWithin, strings.Join(k.Rights, ", "))
		}
		b.WriteString("\nOne kind in full: rightsaid kinds KIND (for example seclusion).\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteKind writes one kind of restriction in full.
func WriteKind(w io.Writer, f Format, c *catalog.Catalog, k *catalog.Kind) error {
	switch f {
	case YAML, JSON:
		return WriteData(w, f, k)
	}
	doc := Rationale{Title: k.Title}
	main := Section{Heading: "What it is"}
	main.Lines = append(main.Lines, Line{Value: clean(k.Definition)})
	main.Lines = append(main.Lines, Line{Label: "Id in decision files", Value: k.ID})
	main.Lines = append(main.Lines, Line{Label: "Intensity", Value: k.Intensity})
	main.Lines = append(main.Lines, Line{Label: "Default review", Value: "within " + k.ReviewWithin.Words()})
	main.Lines = append(main.Lines, Line{Label: "Latest review for a complete record", Value: "within " + k.MaxReview.Words()})
	if k.OnlyIfLacksCapacity {
		main.Lines = append(main.Lines, Line{Value: "Only for a person assessed as lacking capacity for this decision."})
	}
	if k.NeverEmergency {
		main.Lines = append(main.Lines, Line{Value: "Never an emergency measure: it must be planned."})
	}
	if k.DoLCheck {
		main.Lines = append(main.Lines, Line{Value: "Check whether it amounts to a deprivation of liberty (Article 5)."})
	}
	doc.Sections = append(doc.Sections, main)
	var rights []string
	for _, a := range k.Rights {
		if r, ok := c.Right(a); ok {
			rights = append(rights, fmt.Sprintf("%s, %s (%s)", r.Reference, r.Title, r.Category))
		}
	}
	doc.Sections = append(doc.Sections, bulletSection("Rights it usually engages", rights))
	for _, in := range k.RightsIn {
		var there []string
		for _, a := range in.Rights {
			if r, ok := c.Right(a); ok {
				there = append(there, fmt.Sprintf("%s, %s (%s)", r.Reference, r.Title, r.Category))
			}
		}
		var settings []string
		for _, id := range in.Settings {
			if s, ok := c.Setting(id); ok {
				settings = append(settings, lowerFirst(s.Title))
			}
		}
		doc.Sections = append(doc.Sections, bulletSection("Rights it usually engages in a "+strings.Join(settings, " or "), there))
	}
	if len(k.Alternatives) > 0 {
		doc.Sections = append(doc.Sections, bulletSection("Less restrictive options to consider", k.AllAlternatives()))
	}
	if len(k.Advice) > 0 {
		doc.Sections = append(doc.Sections, bulletSection("Safeguards", k.AllAdvice()))
	}
	return writeCard(w, f, doc)
}

func bulletSection(heading string, items []string) Section {
	s := Section{Heading: heading}
	for _, it := range items {
		s.Lines = append(s.Lines, Line{Value: clean(it), Bullet: true})
	}
	return s
}

// writeCard writes a reference card: a title and sections, in text or
// Markdown.
func writeCard(w io.Writer, f Format, doc Rationale) error {
	var b bytes.Buffer
	if f == Markdown {
		b.WriteString("# " + md(doc.Title) + "\n")
		for _, s := range doc.Sections {
			b.WriteString("\n## " + md(s.Heading) + "\n\n")
			for _, l := range s.Lines {
				switch {
				case l.Bullet:
					b.WriteString("- " + mdBlock(l.Value, "  ") + "\n")
				case l.Label != "":
					b.WriteString("**" + md(l.Label) + ":** " + mdBlock(l.Value, "") + "\n\n")
				default:
					b.WriteString(mdBlock(l.Value, "") + "\n\n")
				}
			}
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	var sb strings.Builder
	sb.WriteString(strings.ToUpper(doc.Title) + "\n")
	for _, s := range doc.Sections {
		sb.WriteString("\n" + s.Heading + "\n" + strings.Repeat("-", len(s.Heading)) + "\n")
		for _, l := range s.Lines {
			writeTextLine(&sb, l)
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// The presenter card's layout: one column up to presenterMaxWidth columns
// wide; on a screen of presenterTwoColumns or more, two columns side by side,
// each at most presenterMaxColumn wide, so a wide projector shows more of
// the card at once without lines too long to read.
const (
	presenterMinWidth   = 40
	presenterMaxWidth   = 120
	presenterTwoColumns = 140
	presenterMaxColumn  = 100
	presenterColumnGap  = 4
)

// WriteRightsPresenter writes the reference card for a projector: every
// right with its plain summary, large spacing, headings in capitals, in the
// styles given (plain when colour is off). width is the screen's: a wide one
// gets the categories in two columns, balanced by height.
func WriteRightsPresenter(w io.Writer, c *catalog.Catalog, width int, s theme.Styles) error {
	width = max(width, presenterMinWidth)
	column := min(width, presenterMaxWidth)
	two := width >= presenterTwoColumns
	if two {
		column = min((width-presenterColumnGap)/2, presenterMaxColumn)
	}
	var blocks []string
	for _, cat := range []string{catalog.Absolute, catalog.Limited, catalog.Qualified, catalog.Ancillary} {
		blocks = append(blocks, presenterCategory(c, cat, column, s))
	}
	var body string
	if two {
		left, right := balanceColumns(blocks)
		body = lipgloss.JoinHorizontal(lipgloss.Top,
			lipgloss.NewStyle().Width(column).Render(left), strings.Repeat(" ", presenterColumnGap), right)
	} else {
		body = strings.Join(blocks, "")
	}
	title := lipgloss.NewStyle().Width(column).Render(s.Title.Render("THE 16 RIGHTS OF THE HUMAN RIGHTS ACT 1998"))
	out := TrimTrailingSpace(title + "\n\n" + strings.TrimRight(body, "\n") + "\n")
	_, err := io.WriteString(w, out)
	return err
}

// presenterCategory is one category of the presenter card: its heading, what
// it means, and each of its rights with its summary, width columns wide.
func presenterCategory(c *catalog.Catalog, cat string, width int, s theme.Styles) string {
	wrapTo := func(n int, text string) string { return lipgloss.NewStyle().Width(n).Render(text) }
	body := lipgloss.NewStyle().Width(width - 6).PaddingLeft(6)
	ct := c.Categories[cat]
	var b strings.Builder
	b.WriteString("\n" + wrapTo(width, s.Heading.Render(strings.ToUpper(ct.Title)+" RIGHTS")) + "\n")
	b.WriteString(wrapTo(width, clean(ct.Meaning)) + "\n\n")
	for _, r := range c.Rights {
		if r.Category != cat {
			continue
		}
		b.WriteString(wrapTo(width, s.Progress.Render(strings.ToUpper(r.Reference))+"   "+s.Heading.Render(r.Title)) + "\n")
		b.WriteString(body.Render(clean(r.Summary)) + "\n\n")
	}
	return b.String()
}

// balanceColumns splits blocks, in order, into a left and a right column
// whose taller is as short as it can be.
func balanceColumns(blocks []string) (left, right string) {
	best, split := -1, 1
	for k := 1; k < len(blocks); k++ {
		h := max(lipgloss.Height(strings.Join(blocks[:k], "")), lipgloss.Height(strings.Join(blocks[k:], "")))
		if best < 0 || h < best {
			best, split = h, k
		}
	}
	return strings.TrimRight(strings.Join(blocks[:split], ""), "\n"), strings.TrimRight(strings.Join(blocks[split:], ""), "\n")
}

// lowerFirst lower-cases a title's first letter, to use it mid-sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
