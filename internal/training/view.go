package training

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/theme"
)

// Layout is how workshop screens are drawn: the width, the styles, and the
// presenter look (more space, for a projector).
type Layout struct {
	Width  int
	Styles theme.Styles
}

func (l Layout) width() int { return max(min(l.Width, 120), 40) }

// gap is the blank space between blocks: more for a projector.
func (l Layout) gap() string {
	if l.Styles.Presenter {
		return "\n\n"
	}
	return "\n"
}

func (l Layout) wrap(s string, indent int) string {
	return render.TrimTrailingSpace(lipgloss.NewStyle().Width(l.width() - indent).PaddingLeft(indent).Render(render.Clean(s)))
}

// hang wraps s to the width after prefix, the lines after the first
// indented to line up under it: "  1. " and a long option.
func (l Layout) hang(prefix, s string) string {
	indent := ansi.StringWidth(prefix)
	lines := strings.Split(render.TrimTrailingSpace(lipgloss.NewStyle().Width(l.width()-indent).Render(render.Clean(s))), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else if lines[i] != "" {
			lines[i] = strings.Repeat(" ", indent) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

func (l Layout) heading(s string) string {
	if l.Styles.Presenter {
		s = strings.ToUpper(s)
	}
	return l.styleLines(l.Styles.Heading, l.wrap(s, 0))
}

// styleLines styles each line of s on its own, so a wrapped block is not
// padded out to its widest line.
func (l Layout) styleLines(st lipgloss.Style, s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = st.Render(line)
	}
	return strings.Join(lines, "\n")
}

// fit wraps text that may already be styled to the width.
func (l Layout) fit(s string) string {
	return render.TrimTrailingSpace(ansi.Wrap(s, l.width(), ""))
}

// WriteList writes the scenario library.
func WriteList(w io.Writer, scenarios []*Scenario, c *catalog.Catalog, l Layout) error {
	var b strings.Builder
	b.WriteString(l.heading("Training scenarios") + "\n\n")
	for _, s := range scenarios {
		setting := s.Setting
		if st, ok := c.Setting(s.Setting); ok {
			setting = st.Title
		}
		b.WriteString(l.Styles.Heading.Render(s.ID) + "\n")
		b.WriteString(l.wrap(render.Clean(s.Title), 4) + "\n")
		if t := duration(s.Minutes); t != "" {
			setting += ", " + t
		}
		b.WriteString(l.wrap(setting, 4) + "\n\n")
	}
	b.WriteString("\nRun one: rightsaid train SCENARIO (the id, or its start: rightsaid train s01)\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteNarrative writes a scenario's story in the presenter layout.
func WriteNarrative(w io.Writer, s *Scenario, c *catalog.Catalog, l Layout) error {
	var b strings.Builder
	b.WriteString(l.Styles.Title.Render("rightsaid workshop") + l.gap())
	b.WriteString(l.heading(s.Title) + l.gap())
	meta := s.ID
	if t := duration(s.Minutes); t != "" {
		meta += " · " + t
	}
	if st, ok := c.Setting(s.Setting); ok {
		meta = st.Title + " · " + meta
	}
	b.WriteString(l.styleLines(l.Styles.Help, l.wrap(meta, 0)) + l.gap() + "\n")
	for _, para := range strings.Split(strings.TrimSpace(s.Narrative), "\n\n") {
		b.WriteString(l.wrap(strings.Join(strings.Fields(para), " "), 2) + "\n" + l.gap())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteComparison writes the group's answers beside the model's, step by
// step, the teaching points where they differ, and both outcomes. It says
// the group matches the model only where it does: a step whose answers
// differ, or whose typed words change the outcome's reasons, says so, and
// each difference that changes the outcome says which rule it brings in.
func WriteComparison(w io.Writer, cmp Comparison, c *catalog.Catalog, l Layout) error {
	var b strings.Builder
	b.WriteString(l.heading("Your answers and the model answer: "+cmp.Scenario.Title) + l.gap())
	b.WriteString(fmt.Sprintf("\n%-14s %s  %s\n", "Your outcome:", l.Styles.Light(cmp.GroupOutcome.Light, c.Rules.Lights[cmp.GroupOutcome.Light]), c.Rules.Verdicts[cmp.GroupOutcome.Verdict].Label))
	b.WriteString(fmt.Sprintf("%-14s %s  %s\n", "Model outcome:", l.Styles.Light(cmp.ModelOutcome.Light, c.Rules.Lights[cmp.ModelOutcome.Light]), c.Rules.Verdicts[cmp.ModelOutcome.Verdict].Label))
	b.WriteString(fmt.Sprintf("%-14s %s\n", "Model's rules:", ruleIDs(cmp.ModelOutcome.Reasons)))
	b.WriteString(fmt.Sprintf("%-14s %s\n", "Your rules:", ruleIDs(cmp.GroupOutcome.Reasons)))
	b.WriteString(l.gap() + outcomeSummary(cmp, l))
	wide := l.width() >= 100
	col := (l.width() - 34) / 2
	said := map[string]bool{} // each effect is told in full once
	for _, st := range cmp.Steps {
		mark := "matches the model"
		if st.Differs {
			mark = "differs from the model"
		}
		b.WriteString("\n" + l.gap() + l.heading(st.Title) + "  " + l.Styles.Help.Render(mark) + "\n")
		if wide {
			b.WriteString(render.TrimTrailingSpace(fmt.Sprintf("  %-30s %-*s %-*s", "", col, "YOUR GROUP", col, "MODEL")) + "\n")
		}
		for _, r := range st.Rows {
			sign := " "
			if r.Compared {
				sign = "✓"
				if !r.Same {
					sign = "✗"
				}
			}
			if wide {
				// The answers wrap in their columns: cutting them off would
				// hide the very difference the row is there to show.
				cell := func(s string, w int) string { return lipgloss.NewStyle().Width(w).Render(render.Clean(s)) }
				row := lipgloss.JoinHorizontal(lipgloss.Top, sign+" ", cell(shorten(render.Clean(r.Question), 30), 30), " ", cell(r.Group, col), " ", cell(r.Model, col))
				b.WriteString(render.TrimTrailingSpace(row) + "\n")
			} else {
				b.WriteString(sign + strings.TrimPrefix(l.wrap(r.Question, 2), " ") + "\n")
				b.WriteString(l.wrap("yours: "+r.Group, 4) + "\n")
				b.WriteString(l.wrap("model: "+r.Model, 4) + "\n")
			}
			if r.AlsoAccepted != "" && (r.Accepted || r.Compared && !r.Same) {
				b.WriteString(l.wrap("Also accepted: "+r.AlsoAccepted+" (see the teaching point)", 4) + "\n")
			}
			for _, e := range r.Effects {
				text := effectText(e)
				if said[text] {
					text = effectWho(e) + " rule " + e.Rule + ", as above."
				}
				said[effectText(e)] = true
				b.WriteString(l.wrap("Why it matters: "+text, 4) + "\n")
			}
		}
		if st.Explained() {
			b.WriteString(teachingBlock(st.Teaching, l))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// outcomeSummary says in words whether the group's outcome and its reasons
// are the model's, and names each reason only one of them gives.
func outcomeSummary(cmp Comparison, l Layout) string {
	var b strings.Builder
	switch {
	case cmp.Matches():
		b.WriteString(l.wrap("Your outcome is the model's, for the same reasons.", 0) + "\n")
	case cmp.SameOutcome():
		b.WriteString(l.wrap("Your outcome is the model's, but not for the same reasons.", 0) + "\n")
	default:
		b.WriteString(l.wrap("Your outcome differs from the model's.", 0) + "\n")
	}
	for _, part := range []struct {
		head    string
		reasons []decision.Reason
	}{{"Only your answers bring in:", cmp.OnlyGroup}, {"Only the model's answers bring in:", cmp.OnlyModel}} {
		if len(part.reasons) == 0 {
			continue
		}
		b.WriteString(l.wrap(part.head, 0) + "\n")
		for _, r := range part.reasons {
			b.WriteString(l.hang("  "+r.Rule+": ", r.Text) + "\n")
		}
	}
	return b.String()
}

// effectText says which answer brings a rule in, and the rule's sentence.
func effectText(e Effect) string {
	return fmt.Sprintf("%s rule %s. %s", effectWho(e), e.Rule, e.Text)
}

func effectWho(e Effect) string {
	if e.Model {
		return "the model's answer would bring in"
	}
	return "your answer brings in"
}

func teachingBlock(t Teaching, l Layout) string {
	var b strings.Builder
	for _, p := range []struct{ label, text string }{{"Why", t.Why}, {"The law", t.Law}, {"Common mistake", t.Mistake}} {
		if strings.TrimSpace(p.text) != "" {
			b.WriteString(l.gap() + l.wrap(p.label+": "+p.text, 2) + "\n")
		}
	}
	return b.String()
}

func ruleIDs(reasons []decision.Reason) string {
	if len(reasons) == 0 {
		return "none"
	}
	ids := make([]string, len(reasons))
	for i, r := range reasons {
		ids[i] = r.Rule
	}
	return strings.Join(ids, ", ")
}

func shorten(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:max(n-1, 1)]) + "…"
}

// RevealPages returns the model answer one page a step, with the teaching
// points, for --reveal.
func RevealPages(cmp Comparison, c *catalog.Catalog, l Layout) []string {
	var pages []string
	for _, st := range cmp.Steps {
		var b strings.Builder
		b.WriteString(l.heading("Model answer: "+st.Title) + l.gap() + "\n")
		for _, r := range st.Rows {
			b.WriteString(l.wrap(r.Question, 2) + "\n")
			b.WriteString(l.Styles.Heading.Render(l.wrap(r.Model, 6)) + "\n")
			if r.AlsoAccepted != "" {
				b.WriteString(l.wrap("Also accepted: "+r.AlsoAccepted, 6) + "\n")
			}
			b.WriteString(l.gap())
		}
		b.WriteString(teachingBlock(st.Teaching, l))
		pages = append(pages, b.String())
	}
	var b strings.Builder
	o := cmp.ModelOutcome
	b.WriteString(l.heading("The model outcome") + l.gap() + "\n")
	b.WriteString("  " + l.Styles.Light(o.Light, c.Rules.Lights[o.Light]) + "  " + c.Rules.Verdicts[o.Verdict].Label + "\n" + l.gap())
	for _, r := range o.Reasons {
		b.WriteString(l.wrap(r.Rule+": "+r.Text, 2) + "\n")
	}
	pages = append(pages, b.String())
	return pages
}

// WriteRoom writes how the room answered: a bar for each answer, where the
// room split, the model's answer, and the spread of outcomes.
func WriteRoom(w io.Writer, r RoomSummary, c *catalog.Catalog, l Layout) error {
	var b strings.Builder
	b.WriteString(l.heading(fmt.Sprintf("How the room answered: %s (%s)", r.Scenario.Title, render.Plural(r.Files, "answer file", "answer files"))) + l.gap())
	b.WriteString("\n" + l.Styles.Heading.Render("Outcomes") + "\n")
	for _, light := range catalog.Lights {
		mark := ""
		if light == r.Model.Light {
			mark = "  ◀ model"
		}
		b.WriteString(bar(c.Rules.Lights[light], r.Lights[light], r.Files, l) + mark + "\n")
	}
	verdicts := make([]string, 0, len(r.Verdicts))
	for v := range r.Verdicts {
		verdicts = append(verdicts, v)
	}
	sort.Strings(verdicts)
	for _, v := range verdicts {
		fmt.Fprintf(&b, "  %s: %d\n", c.Rules.Verdicts[v].Label, r.Verdicts[v])
	}
	step := ""
	for _, t := range r.Tallies {
		if t.Step != step {
			step = t.Step
			b.WriteString(l.gap() + "\n" + l.heading(stepTitle(step)) + "\n")
		}
		split := ""
		if t.Split {
			split = l.Styles.Error.Render("  the room split")
		}
		gave := "the model answer"
		if t.AlsoAccepted {
			gave = "the model answer, allowing for answers also accepted"
		}
		b.WriteString(l.fit(fmt.Sprintf("%s%s  (%d of %d gave %s)", render.Clean(t.Question), split, t.AgreeWithModel, t.Answered, gave)) + "\n")
		for _, o := range t.Options {
			if t.Multi && o.Count == 0 && !o.Model {
				continue
			}
			mark := ""
			switch {
			case o.Model:
				mark = "  ◀ model"
			case o.Accepted:
				mark = "  ◀ also accepted"
			}
			b.WriteString(bar(render.Clean(o.Label), o.Count, t.Answered, l) + mark + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func stepTitle(id string) string {
	titles := map[string]string{"context": "Who and where", "restriction": "The restriction", "rights": "Rights engaged",
		"screen": "Red-line screen", "lawful": "Lawful", "justified": "Justified", "proportionate": "Proportionate",
		"least_restrictive": "Least restrictive", "review": "Views and review"}
	if t, ok := titles[id]; ok {
		return t
	}
	return id
}

// bar draws a labelled horizontal bar that starts at zero, with its count.
// The line leaves room for a count of up to three digits and "  ◀ also
// accepted"; on a screen too narrow for that, the bar keeps a few cells.
func bar(label string, n, total int, l Layout) string {
	labelW := 28
	barW := max(l.width()-labelW-24, 8)
	filled := 0
	if total > 0 {
		filled = n * barW / total
	}
	if n > 0 && filled == 0 {
		filled = 1
	}
	return fmt.Sprintf("  %-*s %s %d", labelW, shorten(label, labelW), strings.Repeat("█", filled)+strings.Repeat("·", barW-filled), n)
}

// duration is how long a scenario takes, in words; "" where the scenario
// does not say.
func duration(minutes int) string {
	if minutes <= 0 {
		return ""
	}
	return "about " + render.Plural(minutes, "minute", "minutes")
}
