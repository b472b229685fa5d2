package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/render"
)

// markdownBar is the longest bar of a Markdown table, in characters: short
// enough to sit in a table cell of a printed paper.
const markdownBar = 20

// WriteMarkdown writes the figures as a governance paper: a heading for each
// section, tables with counts, shares and short text bars, the blanket
// restriction register and the people restricted repeatedly.
func WriteMarkdown(w io.Writer, c *catalog.Catalog, f *Figures) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Restrictive practice report\n\n")
	p("%s Figures as at %s.", mdText(periodWords(c, f)), f.now.In(f.loc).Format("Mon 2 Jan 2006, 15:04 MST"))
	if f.Filter.AfterNow > 0 {
		p(" %s made after that time %s not counted.", render.Plural(f.Filter.AfterNow, "record", "records"), isAre(f.Filter.AfterNow))
	}
	p("\n\n## Summary\n\n")
	tot := f.Totals
	p("| Measure | Count |\n|---|---:|\n")
	p("| Records | %d |\n| New decisions | %d |\n| Reviews | %d |\n", tot.Records, tot.Decisions, tot.Reviews)
	p("| Restrictions | %d |\n| Ended | %d |\n| Still open | %d |\n", tot.Restrictions, f.Restrictions.Ended, f.Restrictions.Open)
	p("| People | %d |\n| Blanket rules | %s |\n", tot.People, blanketWords(tot, " "))
	if tot.Records == 0 {
		p("\nNo records match: there is nothing to chart.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	p("\n%s\n", countedWords)
	r := f.Reviews
	if due := r.OnTime + r.Late + r.Missing; due > 0 {
		p("\n%s\n", dueWords(r))
	}

	// A table of counts: unit is what is counted (Records or
	// Restrictions), and total what the shares, and the bars with them,
	// are of.
	table := func(title, column, unit string, total int, cs []Count, label func(Count) string, note string) {
		p("\n## %s\n\n", title)
		if note != "" {
			p("%s\n\n", note)
		}
		if len(cs) == 0 {
			p("None.\n")
			return
		}
		p("| %s | %s | Share | |\n|---|---:|---:|---|\n", column, unit)
		for _, c := range cs {
			p("| %s | %d | %s | %s |\n", mdText(label(c)), c.Count, share(c.Count, total), shortBar(c.Count, total))
		}
	}
	plainLabel := func(c Count) string { return c.Label }
	records, restrictions := tot.Records, tot.Restrictions
	table("Traffic lights", "Light", "Records", records, f.Lights, plainLabel, byRecordWords(records))
	table("Verdicts", "Verdict", "Records", records, f.Verdicts, plainLabel, byRecordWords(records))
	table("Kinds of restriction", "Kind", "Restrictions", restrictions, f.Kinds, plainLabel, byRestrictionWords(restrictions))
	table("Rights engaged", "Right", "Restrictions", restrictions, f.Rights, func(c Count) string { return articleLabel(c.ID) + " " + c.Label },
		byRestrictionWords(restrictions)+" "+severalRightsWords)
	table("Settings", "Setting", "Restrictions", restrictions, f.Settings, plainLabel, byRestrictionWords(restrictions))
	if len(f.Units) > 0 {
		withUnit := withUnit(f)
		table("Units", "Ward, home or team", "Restrictions", withUnit, f.Units, plainLabel, byUnitWords(withUnit, restrictions))
	}

	p("\n## Records by month\n\n")
	if len(f.Months) == 0 {
		p("None.\n")
	} else {
		p("%s\n\n", monthsWords)
		most := 0
		for _, m := range f.Months {
			most = max(most, m.Records)
		}
		p("| Month | Records | Green | Amber | Red | |\n|---|---:|---:|---:|---:|---|\n")
		for _, m := range f.Months {
			p("| %s | %d | %d | %d | %d | %s |\n", monthLabel(m.Month), m.Records, m.Green, m.Amber, m.Red, shortBar(m.Records, most))
		}
	}

	reviews := []Count{
		{Label: "On time", Count: r.OnTime}, {Label: "Late", Count: r.Late}, {Label: "Missing (overdue)", Count: r.Missing},
		{Label: "Not yet due", Count: r.NotYetDue}, {Label: "Not needed (ended)", Count: r.NotNeeded},
	}
	table("Reviews", "Review", "Records", records, reviews, plainLabel, reviewsWords(records))

	table("Most frequent reasons", "Rule", "Records", records, f.Reasons, func(c Count) string { return c.ID + " " + c.Label },
		reasonsWords(records))

	p("\n## Blanket restrictions\n\n")
	if len(f.Blanket) == 0 {
		p("No rule for a group or everyone was recorded.\n")
	} else {
		p("%s\n\n", blanketListWords(tot))
		p("| Record | Date | Setting | Kind | Applies to | Light | Status | What | Why a rule |\n|---|---|---|---|---|---|---|---|---|\n")
		for _, bl := range f.Blanket {
			setting, kind := bl.Setting, bl.Kind
			if s, ok := c.Setting(bl.Setting); ok {
				setting = s.Title
			}
			if u := oneLine(bl.Unit); u != "" {
				setting += ", " + u
			}
			if k, ok := c.Kind(bl.Kind); ok {
				kind = k.Title
			}
			j := oneLine(bl.Justification)
			if j == "" {
				j = "*none given*"
			} else {
				j = mdText(j)
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", bl.ID, bl.at.In(f.loc).Format("2 Jan 2006"), mdText(setting), mdText(kind),
				scopeWords(bl.Scope), labelOr(c.Rules.Lights[bl.Light], bl.Light), bl.Status, mdText(oneLine(bl.Description)), j)
		}
	}

	p("\n## People restricted %d or more times in %d days\n\n", RepeatThreshold, int(RepeatWindow.Hours()/24))
	if len(f.Repeats) == 0 {
		p("Nobody.\n")
	} else {
		p("New restrictions on one person (not reviews, not blanket rules): the most within any 28 days, when they were, and the total in the period.\n\n")
		p("| Person | In 28 days | From | To | In period |\n|---|---:|---|---|---:|\n")
		for _, rp := range f.Repeats {
			p("| %s | %d | %s | %s | %d |\n", mdText(oneLine(rp.Person)), rp.Count, rp.from.In(f.loc).Format("2 Jan 2006"), rp.to.In(f.loc).Format("2 Jan 2006"), rp.Total)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shortBar is a bar of count against scale, markdownBar characters for the
// whole of it, for a table cell; a count above nought always shows.
func shortBar(count, scale int) string {
	if count <= 0 || scale <= 0 {
		return ""
	}
	n := min(max(count*markdownBar/scale, 1), markdownBar)
	return strings.Repeat("█", n)
}

// mdEscaper keeps free text from being read as Markdown (or breaking a
// table cell).
var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`)

func mdText(s string) string { return mdEscaper.Replace(oneLine(s)) }
