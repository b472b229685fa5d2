// Package report computes the figures a service looks at to reduce
// restrictive practice, from the register of saved decisions, and draws them.
//
// # Figures
//
// [Compute] takes the records (as [Record], made from a decision by
// [FromDecision] or read from a register by [register.Summaries]), the clock and
// the filters, and returns [Figures]: totals; counts by traffic light, by
// verdict, by kind of restriction, by right engaged, by setting and by unit;
// a count for each month (the trend); whether reviews were made on time, late
// or not at all; restrictions ended and still open; the most frequent
// reasons; blanket rules (scope group or everyone) as a register of their
// own; and the people restricted three or more times in 28 days.
//
// # What is counted
//
// A restriction is a chain of records: a decision, the reviews that
// supersede it, and the record that ends it. What was restricted and where
// (kinds, rights, settings, units, and the blanket rules of the totals) is
// counted by restriction, each once, as its latest record selected stands: a
// restraint reviewed twice and then ended is one restraint, not four. How
// each decision came out (lights, verdicts, reasons, months and reviews) is
// counted by record, reviews included, since each review is a decision of
// its own.
//
// The report is as at now: a record made after now is left out, as if it had
// not been made yet, so a report run with an earlier --now gives the figures
// as they stood then. Filters (since, until, setting, kind) select the
// records counted; where a record stands in its chain (reviewed, ended) is
// worked out over the whole register, so a November record reviewed in
// December counts as reviewed.
//
// # Pictures
//
// [WriteText] draws the figures as horizontal bar charts and a monthly trend,
// for a terminal 80 or 160 columns wide; [WriteMarkdown] writes them as a
// governance paper; [WriteCSV] and [WriteData] give the same figures to
// spreadsheets and dashboards. Every bar starts at zero and has its count
// beside it. Colour is added through the theme's styles only when the caller
// says the stream shows it; otherwise the text is plain.
//
// The package is pure: it reads through an [fs.FS] and writes to an
// [io.Writer], and takes the clock as a parameter.
package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// Record is what the report needs to know about one saved decision: the
// register's summary of it.
type Record = register.Summary

// FromDecision returns what the report needs of a decision. A decision with
// no outcome (an answers file) is assessed as at its recorded_at.
func FromDecision(c *catalog.Catalog, d *decision.Decision) Record {
	o := d.Outcome
	if o == nil {
		out := assess.Evaluate(c, d, d.RecordedAt.Time())
		o = &out
	}
	return register.SummaryOf(d, *o)
}

// FromEntries returns what the report needs of the register's entries.
func FromEntries(c *catalog.Catalog, entries []register.Entry) []Record {
	out := make([]Record, len(entries))
	for i, e := range entries {
		out[i] = FromDecision(c, e.Record)
	}
	return out
}

// Options select the records a report covers and fix its clock.
type Options struct {
	// Now is the time the report is made as at.
	Now time.Time
	// Since and Until select the records made at or after Since and before
	// Until; zero means no limit.
	Since, Until time.Time
	// Setting and Kind select the records of one setting or kind (ids).
	Setting, Kind string
	// Unit selects the records of one ward, home or team (ignoring case
	// and spacing).
	Unit string
	// Location is where months and dates are counted and shown (nil: UTC).
	Location *time.Location
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Figures are everything a report shows, one field a section.
type Figures struct {
	Filter       Filter       `json:"filter"`
	Totals       Totals       `json:"totals"`
	Lights       []Count      `json:"lights"`
	Verdicts     []Count      `json:"verdicts"`
	Kinds        []Count      `json:"kinds"`
	Rights       []Count      `json:"rights"`
	Settings     []Count      `json:"settings"`
	Units        []Count      `json:"units"`
	Months       []Month      `json:"months"`
	Reviews      Reviews      `json:"reviews"`
	Restrictions Restrictions `json:"restrictions"`
	Reasons      []Count      `json:"reasons"`
	Blanket      []Blanket    `json:"blanket"`
	Repeats      []Repeat     `json:"repeats"`

	loc *time.Location
	now time.Time
}

// Filter says what the report covers. Times are RFC 3339, UTC; empty when
// not limited.
type Filter struct {
	Now     string `json:"now"`
	Since   string `json:"since"`
	Until   string `json:"until"`
	Setting string `json:"setting"`
	Unit    string `json:"unit"`
	Kind    string `json:"kind"`
	// AfterNow is how many records were made after now, and so left out.
	AfterNow int `json:"after_now"`
}

// Totals are the headline counts of the records selected.
type Totals struct {
	Records int `json:"records"`
	// Decisions are new decisions; Reviews are records that review another.
	Decisions int `json:"decisions"`
	Reviews   int `json:"reviews"`
	// People is how many different people the individual records are about.
	People int `json:"people"`
	// Restrictions is how many chains (a decision and its reviews) have a
	// record selected: what the kinds, rights, settings and units count.
	Restrictions int `json:"restrictions"`
	// Blanket is how many records are rules for a group or everyone
	// (reviews included).
	Blanket int `json:"blanket"`
	// BlanketRestrictions is how many restrictions are rules for a group or
	// everyone, each once, by its latest record selected.
	BlanketRestrictions int `json:"blanket_restrictions"`
}

// Count is how many records have one value (a light, a verdict or a rule),
// or how many restrictions do (a kind, a right by article, a setting or a
// unit; see the package's doc).
type Count struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Month is the records made in one month, in the report's zone.
type Month struct {
	Month   string `json:"month"` // 2026-11
	Records int    `json:"records"`
	Green   int    `json:"green"`
	Amber   int    `json:"amber"`
	Red     int    `json:"red"`
}

// Reviews says what happened to the review each selected record set. They
// add up to the records: a record that ended its chain needs no review.
type Reviews struct {
	// OnTime: the record that reviews it was made by its review_due.
	OnTime int `json:"on_time"`
	// Late: the record that reviews it was made after its review_due.
	Late int `json:"late"`
	// Missing: nothing reviews it and its review_due has passed.
	Missing int `json:"missing"`
	// NotYetDue: nothing reviews it yet and its review_due is still to come.
	NotYetDue int `json:"not_yet_due"`
	// NotNeeded: the record ended its chain.
	NotNeeded int `json:"not_needed"`
}

// Restrictions are the chains with a record selected, by where the latest
// record of each stands.
type Restrictions struct {
	Ended int `json:"ended"`
	Open  int `json:"open"`
}

// Blanket is one blanket rule in the blanket-restriction register.
type Blanket struct {
	ID            string `json:"id"`
	RecordedAt    string `json:"recorded_at"`
	Setting       string `json:"setting"`
	Unit          string `json:"unit"`
	Kind          string `json:"kind"`
	Scope         string `json:"scope"`
	Description   string `json:"description"`
	Justification string `json:"justification"`
	Light         string `json:"light"`
	// Status is open, ended, or reviewed (a later record replaces it).
	Status string `json:"status"`

	at time.Time
}

// Repeat is a person restricted three or more times within 28 days.
type Repeat struct {
	Person string `json:"person"`
	// Count is the most new restrictions within any 28 days; From and To are
	// when the first and last of them were recorded.
	Count int    `json:"count"`
	From  string `json:"from"`
	To    string `json:"to"`
	// Total is every new restriction on the person in the period.
	Total int `json:"total"`

	from, to time.Time
}

// RepeatWindow and RepeatThreshold define a person restricted repeatedly:
// three or more new restrictions within 28 days.
const (
	RepeatWindow    = 28 * 24 * time.Hour
	RepeatThreshold = 3
)

// Compute works out the figures for the records o selects, as at o.Now. A
// record given twice (the same id, in two exports) counts once.
func Compute(c *catalog.Catalog, recs []Record, o Options) *Figures {
	loc := o.loc()
	f := &Figures{loc: loc, now: o.Now}
	f.Filter = Filter{Now: stamp(o.Now), Since: stamp(o.Since), Until: stamp(o.Until), Setting: o.Setting, Unit: o.Unit, Kind: o.Kind}

	// The register as at now, each record linked to its chain.
	all := make([]*Record, 0, len(recs))
	seen := make(map[string]bool, len(recs))
	for i := range recs {
		r := &recs[i]
		switch {
		case r.RecordedAt.After(o.Now):
			f.Filter.AfterNow++
			continue
		case r.ID != "" && seen[r.ID]:
			continue
		}
		seen[r.ID] = true
		all = append(all, r)
	}
	ch := linkChains(all)

	t := newTally(len(all))
	for _, i := range selectRecords(all, o) {
		t.add(f, all, ch, i, o.Now)
	}
	t.finish(c, f, all, ch)
	f.Months = monthRange(t.months, o, t.span, loc)
	return f
}

// selectRecords returns the positions of the records o selects, in time
// order.
func selectRecords(all []*Record, o Options) []int32 {
	unit := unitKey(o.Unit)
	var sel []int32
	for i, r := range all {
		at := r.RecordedAt
		if !o.Since.IsZero() && at.Before(o.Since) || !o.Until.IsZero() && !at.Before(o.Until) ||
			o.Setting != "" && r.Setting != o.Setting || o.Kind != "" && r.Kind != o.Kind ||
			unit != "" && unitKey(r.Unit) != unit {
			continue
		}
		sel = append(sel, int32(i))
	}
	slices.SortStableFunc(sel, func(a, b int32) int {
		return cmp.Or(all[a].RecordedAt.Compare(all[b].RecordedAt), strings.Compare(all[a].ID, all[b].ID))
	})
	return sel
}

// tally counts the selected records as they are added, in time order, and
// then the restrictions they belong to.
type tally struct {
	lights, verdicts, kinds, rights, settings, units, rules map[string]int
	unitNames                                               map[string]string // a unit as compared: as first written
	people                                                  map[string]string // a reference as written: as compared
	starts                                                  map[string][]*Record
	months                                                  map[string]*Month
	span                                                    []time.Time // the first and last records
	// latest holds, at the position of the first record of each chain, the
	// position of the chain's latest record selected (-1: none selected):
	// the record the restriction is counted by.
	latest []int32
}

func newTally(n int) *tally {
	t := &tally{lights: map[string]int{}, verdicts: map[string]int{}, kinds: map[string]int{}, rights: map[string]int{},
		settings: map[string]int{}, units: map[string]int{}, rules: map[string]int{}, unitNames: map[string]string{},
		people: map[string]string{}, starts: map[string][]*Record{}, months: map[string]*Month{}, latest: make([]int32, n)}
	for i := range t.latest {
		t.latest[i] = -1
	}
	return t
}

func (t *tally) add(f *Figures, all []*Record, ch chains, i int32, now time.Time) {
	r := all[i]
	f.Totals.Records++
	if r.Supersedes == "" {
		f.Totals.Decisions++
	} else {
		f.Totals.Reviews++
	}
	if len(t.span) == 0 {
		t.span = []time.Time{r.RecordedAt, r.RecordedAt}
	}
	t.span[1] = r.RecordedAt
	t.lights[r.Light]++
	t.verdicts[r.Verdict]++
	if k := unitKey(r.Unit); k != "" {
		if _, ok := t.unitNames[k]; !ok {
			t.unitNames[k] = strings.Join(strings.Fields(r.Unit), " ")
		}
	}
	for _, id := range r.Rules {
		t.rules[id]++
	}
	// Records come in time order: the last of a chain to come is its
	// latest selected.
	t.latest[ch.root[i]] = i
	key := r.RecordedAt.In(f.loc).Format("2006-01")
	m := t.months[key]
	if m == nil {
		m = &Month{Month: key}
		t.months[key] = m
	}
	m.Records++
	switch r.Light {
	case "green":
		m.Green++
	case "amber":
		m.Amber++
	case "red":
		m.Red++
	}

	var next *Record
	if n := ch.reviewedBy[i]; n >= 0 {
		next = all[n]
	}
	switch {
	case next != nil && !next.RecordedAt.After(r.ReviewDue):
		f.Reviews.OnTime++
	case next != nil:
		f.Reviews.Late++
	case r.Ended:
		f.Reviews.NotNeeded++
	case !r.ReviewDue.After(now):
		f.Reviews.Missing++
	default:
		f.Reviews.NotYetDue++
	}

	if r.IsBlanket() {
		// The person of a blanket rule names the group: not a person
		// counted, nor restricted repeatedly.
		f.Totals.Blanket++
		status := "open"
		switch {
		case next != nil:
			status = "reviewed"
		case r.Ended:
			status = "ended"
		}
		f.Blanket = append(f.Blanket, Blanket{ID: r.ID, RecordedAt: stamp(r.RecordedAt), Setting: r.Setting, Unit: r.Unit, Kind: r.Kind,
			Scope: r.Scope, Description: r.Description, Justification: r.Justification, Light: r.Light, Status: status, at: r.RecordedAt})
		return
	}
	person, ok := t.people[r.Person]
	if !ok {
		person = strings.ToLower(strings.TrimSpace(r.Person))
		t.people[r.Person] = person
	}
	if r.Supersedes == "" {
		t.starts[person] = append(t.starts[person], r)
	}
}

// finish turns the tally into the figures' lists, labelled from the
// catalog.
func (t *tally) finish(c *catalog.Catalog, f *Figures, all []*Record, ch chains) {
	distinct := map[string]bool{}
	for _, p := range t.people {
		distinct[p] = true
	}
	f.Totals.People = len(distinct)
	// Each restriction once: where it stands now by its latest record, and
	// what and where by its latest record selected.
	for first, i := range t.latest {
		if i < 0 {
			continue
		}
		f.Totals.Restrictions++
		if l := ch.latest[first]; l >= 0 && all[l].Ended {
			f.Restrictions.Ended++
		} else {
			f.Restrictions.Open++
		}
		r := all[i]
		if r.IsBlanket() {
			f.Totals.BlanketRestrictions++
		}
		t.kinds[r.Kind]++
		t.settings[r.Setting]++
		if k := unitKey(r.Unit); k != "" {
			t.units[k]++
		}
		for _, a := range r.Rights {
			t.rights[a]++
		}
	}
	for _, l := range catalog.Lights {
		f.Lights = append(f.Lights, Count{ID: l, Label: labelOr(c.Rules.Lights[l], l), Count: t.lights[l]})
	}
	for _, v := range catalog.Verdicts {
		f.Verdicts = append(f.Verdicts, Count{ID: v, Label: labelOr(c.Rules.Verdicts[v].Label, v), Count: t.verdicts[v]})
	}
	f.Kinds = counts(t.kinds, func(id string) (string, int) {
		for i, k := range c.Kinds {
			if k.ID == id {
				return k.Title, i
			}
		}
		return id, len(c.Kinds)
	})
	f.Settings = counts(t.settings, func(id string) (string, int) {
		for i, s := range c.Settings {
			if s.ID == id {
				return s.Title, i
			}
		}
		return id, len(c.Settings)
	})
	f.Units = counts(t.units, func(id string) (string, int) { return t.unitNames[id], 0 })
	for i := range f.Units {
		f.Units[i].ID = f.Units[i].Label
	}
	f.Rights = counts(t.rights, func(id string) (string, int) {
		for i, r := range c.Rights {
			if r.Article == id {
				return r.Title, i
			}
		}
		return id, len(c.Rights)
	})
	f.Reasons = counts(t.rules, func(id string) (string, int) {
		return labelOr(c.Rules.Rules[id].Title, id), catalog.RuleOrder(id)
	})
	f.Repeats = repeats(t.starts)
	if f.Blanket == nil {
		f.Blanket = []Blanket{}
	}
}

// chains links each record to its chain, by position in the register: the
// record that reviews it (the first made, if a hand-made export has two),
// the first record of its chain, and for each first record the latest.
// -1 where there is none.
type chains struct {
	reviewedBy, root, latest []int32
}

func linkChains(all []*Record) chains {
	n := len(all)
	ch := chains{reviewedBy: make([]int32, n), root: make([]int32, n), latest: make([]int32, n)}
	byID := make(map[string]int32, n)
	for i, r := range all {
		ch.reviewedBy[i], ch.root[i], ch.latest[i] = -1, -1, -1
		if r.ID != "" {
			byID[r.ID] = int32(i)
		}
	}
	parent := make([]int32, n)
	for i, r := range all {
		parent[i] = -1
		if p, ok := byID[r.Supersedes]; ok && r.Supersedes != "" && int(p) != i {
			parent[i] = p
			if prev := ch.reviewedBy[p]; prev < 0 || r.RecordedAt.Before(all[prev].RecordedAt) {
				ch.reviewedBy[p] = int32(i)
			}
		}
	}
	// The first record of each chain: walk up, then note it on the way. A
	// walk longer than the register is a loop (only in a hand-made export):
	// it stops there.
	var path []int32
	for i := range all {
		if ch.root[i] >= 0 {
			continue
		}
		path = append(path[:0], int32(i))
		cur := int32(i)
		for steps := 0; steps < n && parent[cur] >= 0; steps++ {
			if r := ch.root[parent[cur]]; r >= 0 {
				cur = r
				break
			}
			cur = parent[cur]
			path = append(path, cur)
		}
		for _, p := range path {
			ch.root[p] = cur
		}
	}
	for i := range all {
		if ch.reviewedBy[i] < 0 {
			ch.latest[ch.root[i]] = int32(i)
		}
	}
	return ch
}

// counts turns a tally into counts, most first; ties in the catalog's order.
func counts(tally map[string]int, label func(id string) (string, int)) []Count {
	type ranked struct {
		Count
		order int
	}
	rs := make([]ranked, 0, len(tally))
	for id, n := range tally {
		if id == "" {
			continue
		}
		l, order := label(id)
		rs = append(rs, ranked{Count{ID: id, Label: l, Count: n}, order})
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(b.Count.Count-a.Count.Count, a.order-b.order, strings.Compare(a.ID, b.ID))
	})
	out := make([]Count, len(rs))
	for i, r := range rs {
		out[i] = r.Count
	}
	return out
}

// monthRange lists every month from the first to the last the report covers,
// with no gaps, so the trend starts and ends where the period does: from
// since (or the first record selected, span[0]) to until (or now).
func monthRange(months map[string]*Month, o Options, span []time.Time, loc *time.Location) []Month {
	if len(span) == 0 && o.Since.IsZero() {
		return []Month{}
	}
	var start time.Time
	if !o.Since.IsZero() {
		start = o.Since
	} else {
		start = span[0]
	}
	end := o.Now
	if !o.Until.IsZero() && !o.Until.After(end) {
		end = o.Until.Add(-time.Nanosecond)
	}
	if len(span) > 0 && span[1].After(end) {
		end = span[1]
	}
	first := monthOf(start, loc)
	last := monthOf(end, loc)
	const most = 600 // fifty years: an early --since must not print forever
	if n := monthsBetween(first, last); n >= most {
		first = last.AddDate(0, -(most - 1), 0)
	}
	out := []Month{}
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		if got := months[key]; got != nil {
			out = append(out, *got)
		} else {
			out = append(out, Month{Month: key})
		}
	}
	return out
}

func monthOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// repeats finds the people with RepeatThreshold or more new restrictions
// within any RepeatWindow. Each person's records are in time order.
func repeats(starts map[string][]*Record) []Repeat {
	out := []Repeat{}
	for _, rs := range starts {
		if len(rs) < RepeatThreshold {
			continue
		}
		best, from := 0, 0
		lo := 0
		for hi := range rs {
			for rs[hi].RecordedAt.Sub(rs[lo].RecordedAt) >= RepeatWindow {
				lo++
			}
			if n := hi - lo + 1; n > best {
				best, from = n, lo
			}
		}
		if best < RepeatThreshold {
			continue
		}
		a, b := rs[from].RecordedAt, rs[from+best-1].RecordedAt
		out = append(out, Repeat{Person: rs[0].Person, Count: best, From: stamp(a), To: stamp(b), Total: len(rs), from: a, to: b})
	}
	slices.SortFunc(out, func(a, b Repeat) int {
		return cmp.Or(b.Count-a.Count, b.Total-a.Total, a.from.Compare(b.from), strings.Compare(a.Person, b.Person))
	})
	return out
}

// stamp writes a time as the records do: RFC 3339, UTC, to the second; empty
// for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// unitKey is a unit as compared: case and spacing do not count.
func unitKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func labelOr(label, id string) string {
	if strings.TrimSpace(label) == "" {
		return id
	}
	return label
}
