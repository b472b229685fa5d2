package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/rightsaid/rightsaid/internal/render"
)

// WriteData writes the figures as YAML or JSON: one key a section, in the
// order of Figures.
func WriteData(w io.Writer, format render.Format, f *Figures) error {
	return render.WriteData(w, format, f)
}

// WriteCSV writes the figures as CSV, one table a section, for spreadsheets.
//
// Every row, the header rows included, begins with the section's name (the
// section column), so a spreadsheet filter on the first column picks out one
// table; a blank line separates the sections, and each section has its own
// header row. A reader of the whole file must allow rows of different
// lengths (in Go, csv.Reader.FieldsPerRecord = -1). The sections, with their
// columns after section:
//
//	report        key, value            (now, since, until, setting, unit, kind, after_now)
//	totals        id, label, count      (records, decisions, reviews, people, restrictions, blanket, blanket_restrictions)
//	lights        id, label, count
//	verdicts      id, label, count
//	kinds         id, label, count      (restrictions, each once: see the package's doc)
//	rights        id, label, count      (restrictions; id is the article)
//	settings      id, label, count      (restrictions)
//	units         id, label, count      (restrictions; the ward, home or team, as written)
//	months        month, records, green, amber, red
//	reviews       id, label, count      (on_time, late, missing, not_yet_due, not_needed)
//	restrictions  id, label, count      (ended, open)
//	reasons       id, label, count      (id is the rule)
//	blanket       id, recorded_at, setting, unit, kind, scope, light, status, description, justification
//	repeats       person, count, from, to, total
func WriteCSV(w io.Writer, f *Figures) error {
	cw := csv.NewWriter(w)
	first := true
	table := func(section string, header []string, rows [][]string) {
		if !first {
			_ = cw.Write(nil) // a blank line between sections
		}
		first = false
		_ = cw.Write(append([]string{"section"}, header...))
		for _, r := range rows {
			_ = cw.Write(render.CSVRow(append([]string{section}, r...)))
		}
	}
	n := strconv.Itoa
	counts := func(section string, cs []Count) {
		rows := make([][]string, len(cs))
		for i, c := range cs {
			rows[i] = []string{c.ID, c.Label, n(c.Count)}
		}
		table(section, []string{"id", "label", "count"}, rows)
	}
	fl := f.Filter
	table("report", []string{"key", "value"}, [][]string{
		{"now", fl.Now}, {"since", fl.Since}, {"until", fl.Until}, {"setting", fl.Setting}, {"unit", fl.Unit}, {"kind", fl.Kind}, {"after_now", n(fl.AfterNow)},
	})
	t := f.Totals
	counts("totals", []Count{
		{"records", "Records", t.Records}, {"decisions", "New decisions", t.Decisions}, {"reviews", "Reviews", t.Reviews},
		{"people", "People", t.People}, {"restrictions", "Restrictions", t.Restrictions}, {"blanket", "Blanket rule records", t.Blanket},
		{"blanket_restrictions", "Blanket rules", t.BlanketRestrictions},
	})
	counts("lights", f.Lights)
	counts("verdicts", f.Verdicts)
	counts("kinds", f.Kinds)
	counts("rights", f.Rights)
	counts("settings", f.Settings)
	counts("units", f.Units)
	months := make([][]string, len(f.Months))
	for i, m := range f.Months {
		months[i] = []string{m.Month, n(m.Records), n(m.Green), n(m.Amber), n(m.Red)}
	}
	table("months", []string{"month", "records", "green", "amber", "red"}, months)
	r := f.Reviews
	counts("reviews", []Count{
		{"on_time", "On time", r.OnTime}, {"late", "Late", r.Late}, {"missing", "Missing (overdue)", r.Missing},
		{"not_yet_due", "Not yet due", r.NotYetDue}, {"not_needed", "Not needed (ended)", r.NotNeeded},
	})
	counts("restrictions", []Count{{"ended", "Ended", f.Restrictions.Ended}, {"open", "Still open", f.Restrictions.Open}})
	counts("reasons", f.Reasons)
	blanket := make([][]string, len(f.Blanket))
	for i, b := range f.Blanket {
		blanket[i] = []string{b.ID, b.RecordedAt, b.Setting, b.Unit, b.Kind, b.Scope, b.Light, b.Status, b.Description, b.Justification}
	}
	table("blanket", []string{"id", "recorded_at", "setting", "unit", "kind", "scope", "light", "status", "description", "justification"}, blanket)
	rep := make([][]string, len(f.Repeats))
	for i, p := range f.Repeats {
		rep[i] = []string{p.Person, n(p.Count), p.From, p.To, n(p.Total)}
	}
	table("repeats", []string{"person", "count", "from", "to", "total"}, rep)
	cw.Flush()
	return cw.Error()
}
