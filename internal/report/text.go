package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/theme"
)

// Layout is how the pictures are drawn.
type Layout struct {
	// Width is the number of columns: 80 for a standard terminal, 160 for a
	// wide one. Less than MinWidth is drawn at MinWidth.
	Width int
	// Styles colour the pictures; nil draws plain text with no escape
	// sequences, for files, pipes and NO_COLOR.
	Styles *theme.Styles
}

// MinWidth is the narrowest the pictures are drawn.
const MinWidth = 60

func (l Layout) width() int { return max(l.Width, MinWidth) }

// style applies a style only when colour is on.
func (l Layout) style(s func(theme.Styles) lipgloss.Style, text string) string {
	if l.Styles == nil || text == "" {
		return text
	}
	return s(*l.Styles).Render(text)
}

func (l Layout) heading(text string) string {
	return l.style(func(s theme.Styles) lipgloss.Style { return s.Heading }, text)
}

func (l Layout) bar(text string) string {
	return l.style(func(s theme.Styles) lipgloss.Style { return s.Progress }, text)
}

func (l Layout) faint(text string) string {
	return l.style(func(s theme.Styles) lipgloss.Style { return s.Help }, text)
}

// light is a traffic light's badge, "● AMBER": the word is always there, so
// the light never depends on colour alone.
func (l Layout) light(id, label string) string {
	if l.Styles == nil {
		return "● " + strings.ToUpper(label)
	}
	return l.Styles.Light(id, label)
}

// WriteText draws the figures for a terminal: headline counts, then a bar
// chart for each count, the monthly trend, reviews, the reasons, the
// blanket-restriction register and the people restricted repeatedly.
func WriteText(w io.Writer, c *catalog.Catalog, f *Figures, l Layout) error {
	t := &textWriter{c: c, f: f, l: l, width: l.width()}
	t.write()
	_, err := io.WriteString(w, t.b.String())
	return err
}

type textWriter struct {
	b     strings.Builder
	c     *catalog.Catalog
	f     *Figures
	l     Layout
	width int
	// Every chart has the same columns, so bars compare across charts:
	// labelW for the labels, countW for the counts, extraW for the shares.
	labelW, countW, extraW int
}

func (t *textWriter) line(s string) {
	t.b.WriteString(strings.TrimRight(s, " "))
	t.b.WriteByte('\n')
}

func (t *textWriter) section(title string) {
	t.line("")
	t.line(t.l.heading(title))
	t.line(t.l.heading(strings.Repeat("─", ansi.StringWidth(title))))
}

func (t *textWriter) write() {
	f := t.f
	title := "RESTRICTIVE PRACTICE REPORT"
	t.line(t.l.heading(title))
	t.line(t.l.heading(strings.Repeat("═", len(title))))
	for _, s := range wrap(periodWords(t.c, f), t.width) {
		t.line(s)
	}
	t.line(t.l.faint(fmt.Sprintf("As at %s.", f.now.In(f.loc).Format("Mon 2 Jan 2006, 15:04 MST"))))
	if f.Filter.AfterNow > 0 {
		t.line(t.l.faint(fmt.Sprintf("%s made after that time %s not counted.", render.Plural(f.Filter.AfterNow, "record", "records"), isAre(f.Filter.AfterNow))))
	}
	t.line("")
	tot := f.Totals
	rows := [][2]string{
		{"Records", fmt.Sprintf("%d   (%s, %s)", tot.Records, render.Plural(tot.Decisions, "new decision", "new decisions"), render.Plural(tot.Reviews, "review", "reviews"))},
		{"Restrictions", fmt.Sprintf("%d   (%d ended, %d still open)", tot.Restrictions, f.Restrictions.Ended, f.Restrictions.Open)},
		{"People", strconv.Itoa(tot.People)},
		{"Blanket rules", blanketWords(tot, "   ")},
	}
	for _, r := range rows {
		t.line(fmt.Sprintf("  %-14s %s", r[0], r[1]))
	}
	if tot.Records == 0 {
		t.line("")
		t.line("No records match: there is nothing to chart.")
		return
	}
	t.line("")
	t.note(countedWords)
	t.columns()

	t.section("Traffic lights")
	t.note(byRecordWords(tot.Records))
	t.chart(countBars(f.Lights, func(c Count) string { return t.l.light(c.ID, c.Label) }, func(c Count) string { return "● " + strings.ToUpper(c.Label) }), tot.Records)
	t.section("Verdicts")
	t.note(byRecordWords(tot.Records))
	t.chart(countBars(f.Verdicts, nil, nil), tot.Records)
	t.section("Kinds of restriction")
	t.note(byRestrictionWords(tot.Restrictions))
	t.chart(countBars(f.Kinds, nil, nil), tot.Restrictions)
	t.section("Rights engaged")
	t.note(byRestrictionWords(tot.Restrictions) + " " + severalRightsWords)
	t.chart(countBars(f.Rights, nil, func(c Count) string { return articleLabel(c.ID) + " " + c.Label }), tot.Restrictions)
	t.section("Settings")
	t.note(byRestrictionWords(tot.Restrictions))
	t.chart(countBars(f.Settings, nil, nil), tot.Restrictions)
	if len(f.Units) > 0 {
		t.section("Units (wards, homes, teams)")
		withUnit := withUnit(f)
		t.note(byUnitWords(withUnit, tot.Restrictions))
		t.chart(countBars(f.Units, nil, nil), withUnit)
	}
	t.months()
	t.reviews()
	t.section("Most frequent reasons")
	if len(f.Reasons) == 0 {
		t.line("No rule fired: every record selected is green.")
	} else {
		t.note(reasonsWords(tot.Records))
		t.chart(countBars(f.Reasons, nil, func(c Count) string { return c.ID + " " + c.Label }), tot.Records)
	}
	t.blanket()
	t.repeats()
}

func (t *textWriter) note(s string) {
	for _, line := range wrap(s, t.width) {
		t.line(t.l.faint(line))
	}
}

// barRow is one bar of a chart: its label (plain, for measuring, and as
// drawn) and its count.
type barRow struct {
	plain, drawn string
	count        int
	extra        string // what follows the count; empty: its share
}

func countBars(cs []Count, drawn, plain func(Count) string) []barRow {
	out := make([]barRow, len(cs))
	for i, c := range cs {
		p := c.Label
		if plain != nil {
			p = plain(c)
		}
		p = render.Clean(p)
		out[i] = barRow{plain: p, drawn: p, count: c.Count}
		if drawn != nil {
			out[i].drawn = drawn(c)
		}
	}
	return out
}

// columns works out the widths every chart shares: the longest label (up to
// two fifths of the width), the largest count (none is larger than the
// records, nor than the restrictions' total), and the widest share or count
// of red records in a month.
func (t *textWriter) columns() {
	f := t.f
	var labels []string
	add := func(cs []Count, label func(Count) string) {
		for _, c := range cs {
			labels = append(labels, render.Clean(label(c)))
		}
	}
	plain := func(c Count) string { return c.Label }
	add(f.Lights, func(c Count) string { return "● " + strings.ToUpper(c.Label) })
	add(f.Verdicts, plain)
	add(f.Kinds, plain)
	add(f.Rights, func(c Count) string { return articleLabel(c.ID) + " " + c.Label })
	add(f.Settings, plain)
	add(f.Units, plain)
	add(f.Reasons, func(c Count) string { return c.ID + " " + c.Label })
	labels = append(labels, "Jan 2026", "Missing (overdue)", "Not needed (ended)")
	for _, l := range labels {
		t.labelW = max(t.labelW, ansi.StringWidth(l))
	}
	t.labelW = min(t.labelW, t.width*2/5)
	t.countW = len(strconv.Itoa(max(f.Totals.Records, f.Totals.Restrictions)))
	red := 0
	for _, m := range f.Months {
		red = max(red, m.Red)
	}
	t.extraW = max(len("100%"), len(strconv.Itoa(red))+len(" red"))
}

// share is count as a percentage of total, to the nearest whole one; but
// never 0% for a count above nought, nor 100% for one short of the total.
func share(count, total int) string {
	if total <= 0 {
		return ""
	}
	pc := (count*100 + total/2) / total
	switch {
	case pc == 0 && count > 0:
		return "<1%"
	case pc == 100 && count < total:
		return ">99%"
	}
	return strconv.Itoa(pc) + "%"
}

// chart draws horizontal bars that start at zero, with each count beside its
// bar.
//
// Given a total (the records or restrictions the chart counts), each count's
// share of it follows the count, and its bar is that share of the full
// width: the bar and the number beside it say the same, and a bar of one
// chart compares with a bar of another. Given none (0), the rows bring their
// own extra column, and the longest bar is the largest count.
func (t *textWriter) chart(rows []barRow, total int) {
	if len(rows) == 0 {
		t.line("None.")
		return
	}
	scale := total
	if total <= 0 {
		for _, r := range rows {
			scale = max(scale, r.count)
		}
	}
	labelW, countW, extraW := t.labelW, t.countW, t.extraW
	barW := t.width - 2 - labelW - 2 - 2 - countW - 2 - extraW
	for _, r := range rows {
		label := r.drawn
		if ansi.StringWidth(r.plain) > labelW {
			label = ansi.Truncate(r.plain, labelW, "…")
		}
		pad := labelW - ansi.StringWidth(ansi.Strip(label))
		b := barOf(r.count, scale, barW)
		e := r.extra
		if total > 0 {
			e = share(r.count, total)
		}
		t.line(fmt.Sprintf("  %s%s  %s%s  %*d  %*s", label, strings.Repeat(" ", max(pad, 0)), t.l.bar(b),
			strings.Repeat(" ", barW-ansi.StringWidth(b)), countW, r.count, extraW, e))
	}
}

// eighths are the partial blocks, one eighth of a cell to seven.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// barOf draws count against scale (the full width) in width cells, to an
// eighth of a cell; a count above zero always shows, and none is longer than
// the width.
func barOf(count, scale, width int) string {
	if count <= 0 || scale <= 0 || width <= 0 {
		return ""
	}
	cells := min(count*width*8/scale, width*8)
	if cells == 0 {
		cells = 1
	}
	return strings.Repeat("█", cells/8) + eighths[cells%8]
}

// sparks are the eight heights of a sparkline, a space being zero.
var sparks = []rune("▁▂▃▄▅▆▇█")

func sparkline(values []int) string {
	most := 0
	for _, v := range values {
		most = max(most, v)
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case v <= 0 || most == 0:
			b.WriteByte(' ')
		default:
			i := (v*len(sparks) - 1) / most
			b.WriteRune(sparks[min(i, len(sparks)-1)])
		}
	}
	return b.String()
}

func (t *textWriter) months() {
	f := t.f
	t.section("Records by month")
	if len(f.Months) == 0 {
		t.line("None.")
		return
	}
	values := make([]int, len(f.Months))
	rows := make([]barRow, len(f.Months))
	for i, m := range f.Months {
		values[i] = m.Records
		label := monthLabel(m.Month)
		rows[i] = barRow{plain: label, drawn: label, count: m.Records, extra: fmt.Sprintf("%d red", m.Red)}
	}
	t.note(monthsWords)
	if len(values) > 1 && len(values)+40 <= t.width {
		first, last := monthLabel(f.Months[0].Month), monthLabel(f.Months[len(f.Months)-1].Month)
		t.line(fmt.Sprintf("  Trend  %s %s %s", first, t.l.bar(sparkline(values)), last))
		t.line("")
	}
	t.chart(rows, 0)
}

func monthLabel(key string) string {
	m, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return m.Format("Jan 2006")
}

func (t *textWriter) reviews() {
	r := t.f.Reviews
	t.section("Reviews")
	t.note(dueWords(r))
	t.note(reviewsWords(t.f.Totals.Records))
	rows := []barRow{
		{plain: "On time", count: r.OnTime},
		{plain: "Late", count: r.Late},
		{plain: "Missing (overdue)", count: r.Missing},
		{plain: "Not yet due", count: r.NotYetDue},
		{plain: "Not needed (ended)", count: r.NotNeeded},
	}
	for i := range rows {
		rows[i].drawn = rows[i].plain
	}
	t.chart(rows, t.f.Totals.Records)
	s := t.f.Restrictions
	t.section("Restrictions ended and still open")
	t.note(standingWords(t.f.Totals.Restrictions))
	t.chart([]barRow{{plain: "Ended", drawn: "Ended", count: s.Ended}, {plain: "Still open", drawn: "Still open", count: s.Open}},
		t.f.Totals.Restrictions)
}

func (t *textWriter) blanket() {
	f := t.f
	t.section(fmt.Sprintf("Blanket restrictions (%d)", f.Totals.BlanketRestrictions))
	if len(f.Blanket) == 0 {
		t.line("No rule for a group or everyone was recorded.")
		return
	}
	t.note(blanketListWords(f.Totals))
	for _, b := range f.Blanket {
		t.line("")
		head := fmt.Sprintf("%s  %s  %s  %s, applies to %s", b.ID, b.at.In(f.loc).Format("2 Jan 2006"),
			t.l.light(b.Light, labelOr(t.c.Rules.Lights[b.Light], b.Light)), b.Status, scopeWords(b.Scope))
		for _, line := range wrap(head, t.width-2) {
			t.line("  " + line)
		}
		setting, kind := b.Setting, b.Kind
		if s, ok := t.c.Setting(b.Setting); ok {
			setting = s.Title
		}
		if k, ok := t.c.Kind(b.Kind); ok {
			kind = k.Title
		}
		if u := oneLine(b.Unit); u != "" {
			setting += " · " + u
		}
		t.indented(setting + " · " + kind)
		t.indented("What: " + oneLine(b.Description))
		j := oneLine(b.Justification)
		if j == "" {
			j = "none given"
		}
		t.indented("Why a rule: " + j)
	}
}

func (t *textWriter) indented(s string) {
	for _, line := range wrap(s, t.width-4) {
		t.line("    " + line)
	}
}

func (t *textWriter) repeats() {
	f := t.f
	t.section(fmt.Sprintf("People restricted %d or more times in %d days (%d)", RepeatThreshold, int(RepeatWindow/(24*time.Hour)), len(f.Repeats)))
	if len(f.Repeats) == 0 {
		t.line("Nobody.")
		return
	}
	t.note("New restrictions on one person (not reviews, not blanket rules): the most within any 28 days, when they were, and the total in the period.")
	refW := len("PERSON")
	for _, r := range f.Repeats {
		refW = max(refW, ansi.StringWidth(oneLine(r.Person)))
	}
	refW = min(refW, 24)
	t.line(fmt.Sprintf("  %-*s  %11s  %-25s  %s", refW, "PERSON", "IN 28 DAYS", "FROM - TO", "IN PERIOD"))
	for _, r := range f.Repeats {
		ref := ansi.Truncate(oneLine(r.Person), refW, "…")
		span := r.from.In(f.loc).Format("2 Jan 2006") + " - " + r.to.In(f.loc).Format("2 Jan 2006")
		t.line(fmt.Sprintf("  %s%s  %11d  %-25s  %d", ref, strings.Repeat(" ", refW-ansi.StringWidth(ref)), r.Count, span, r.Total))
	}
}

// What each chart counts, and what its shares are of, in the words the
// text and the Markdown both use.

// countedWords says once, under the totals, what the charts count.
const countedWords = "A restriction is a new decision with the records that review or end it. Kinds, rights, " +
	"settings and units count each restriction once, by its latest record in this report; " +
	"the other charts count every record, reviews included."

func byRecordWords(records int) string {
	return "Shares of " + render.Plural(records, "record", "records") + ", reviews included."
}

func byRestrictionWords(restrictions int) string {
	return "Shares of " + render.Plural(restrictions, "restriction", "restrictions") + ", each counted once."
}

const severalRightsWords = "A restriction may engage several rights: the shares add up to more than 100%."

func byUnitWords(withUnit, restrictions int) string {
	if withUnit == restrictions {
		return byRestrictionWords(restrictions)
	}
	none := restrictions - withUnit
	return fmt.Sprintf("Shares of the %s with a unit recorded (%d %s none).",
		render.Plural(withUnit, "restriction", "restrictions"), none, hasHave(none))
}

// blanketWords is the blanket rules' total: restrictions, and after gap the
// records about them when their reviews make those more.
func blanketWords(tot Totals, gap string) string {
	if tot.Blanket == tot.BlanketRestrictions {
		return strconv.Itoa(tot.BlanketRestrictions)
	}
	return fmt.Sprintf("%d%s(%s, reviews included)", tot.BlanketRestrictions, gap, render.Plural(tot.Blanket, "record", "records"))
}

// blanketListWords introduces the blanket-restriction register, which lists
// every record, reviews included.
func blanketListWords(tot Totals) string {
	s := "Rules for a group or for everyone, which need a justification of their own."
	if tot.Blanket != tot.BlanketRestrictions {
		s += fmt.Sprintf(" Every record is listed, reviews included: %s.", render.Plural(tot.Blanket, "record", "records"))
	}
	return s
}

// withUnit is how many restrictions have a unit: a restriction is counted
// under one unit at most.
func withUnit(f *Figures) int {
	n := 0
	for _, u := range f.Units {
		n += u.Count
	}
	return n
}

const monthsWords = "Records made each month, reviews included; the longest bar is the busiest month."

func reasonsWords(records int) string {
	return "How many records (reviews included) each rule fired for: shares of " + render.Plural(records, "record.", "records.")
}

// dueWords sums up the reviews that have fallen due; its share is of those
// due, not of every record.
func dueWords(r Reviews) string {
	due := r.OnTime + r.Late + r.Missing
	if due == 0 {
		return "No review has fallen due yet."
	}
	return fmt.Sprintf("Of %s due by now: %d on time (%s of those due), %d late, %d not made.",
		render.Plural(due, "review", "reviews"), r.OnTime, share(r.OnTime, due), r.Late, r.Missing)
}

func reviewsWords(records int) string {
	return "What became of the review each record set: shares of " + render.Plural(records, "record.", "records.")
}

func standingWords(restrictions int) string {
	return "Shares of " + render.Plural(restrictions, "restriction", "restrictions") + ", as each stands now."
}

// periodWords says which records the report covers.
func periodWords(c *catalog.Catalog, f *Figures) string {
	var b strings.Builder
	since, until := parseStamp(f.Filter.Since), parseStamp(f.Filter.Until)
	switch {
	case !since.IsZero() && !until.IsZero():
		b.WriteString("Records made " + fromWords(since, f.loc) + " " + toWords(until, f.loc))
	case !since.IsZero():
		b.WriteString("Records made " + fromWords(since, f.loc) + " to now")
	case !until.IsZero():
		b.WriteString("Records made " + toWords(until, f.loc))
	default:
		b.WriteString("All records")
	}
	if id := f.Filter.Setting; id != "" {
		title := id
		if s, ok := c.Setting(id); ok {
			title = s.Title
		}
		b.WriteString("; setting: " + title)
	}
	if u := oneLine(f.Filter.Unit); u != "" {
		b.WriteString("; unit: " + u)
	}
	if id := f.Filter.Kind; id != "" {
		title := id
		if k, ok := c.Kind(id); ok {
			title = k.Title
		}
		b.WriteString("; kind: " + title)
	}
	b.WriteString(".")
	return b.String()
}

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func midnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
}

func fromWords(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if midnight(t) {
		return "from " + t.Format("2 Jan 2006")
	}
	return "from " + t.Format("2 Jan 2006 15:04")
}

// toWords says the end of a period that ends before until: "to 30 Nov 2026"
// for midnight on 1 December.
func toWords(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if midnight(t) {
		return "to " + t.AddDate(0, 0, -1).Format("2 Jan 2006")
	}
	return "before " + t.Format("2 Jan 2006 15:04")
}

func scopeWords(scope string) string {
	if scope == "everyone" {
		return "everyone"
	}
	return "a group"
}

// oneLine is free text cleaned of control characters, on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(render.Clean(s)), " ")
}

// articleLabel is a short name for an article: "Art 8", "P1-1".
func articleLabel(id string) string {
	if id != "" && id[0] >= '0' && id[0] <= '9' {
		return "Art " + id
	}
	return id
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// wrap breaks text into lines of at most width columns, at spaces.
func wrap(s string, width int) []string {
	return strings.Split(ansi.Wordwrap(s, width, ""), "\n")
}
