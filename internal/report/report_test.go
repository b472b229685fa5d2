package report_test

import (
	"reflect"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London on any machine

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/report"
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureNow is when the fixture register is reported on.
var fixtureNow = at("2026-12-01T09:00:00Z")

// fixture is a small register whose figures are worked out by hand in the
// tests below. P-1 is restricted three times in November (A1, B1, C1); A1 is
// reviewed on time by A2, which is reviewed late by A3, which ends the
// restriction; D1 (October) is reviewed late by D2 (November); E1 is a
// blanket rule; F1 is a past incident with no review (it ends at once); G1 is
// made after now.
func fixture() []report.Record {
	return []report.Record{
		{ID: "RA-20261102-100000-aaaaa1", RecordedAt: at("2026-11-02T10:00:00Z"), Setting: "mental-health-inpatient", Unit: "Ward 7",
			Kind: "physical-restraint", Stage: "in-place", Scope: "individual", Person: "P-1", Rights: []string{"3", "8", "2", "14"},
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-11-03T10:00:00Z"), Rules: []string{"A5", "A7"}},
		{ID: "RA-20261103-090000-aaaaa2", Supersedes: "RA-20261102-100000-aaaaa1", RecordedAt: at("2026-11-03T09:00:00Z"),
			Setting: "mental-health-inpatient", Unit: "Ward 7", Kind: "physical-restraint", Stage: "in-place", Scope: "individual", Person: "P-1",
			Rights: []string{"3", "8", "2", "14"}, Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-11-04T09:00:00Z"), Rules: []string{"A5"}},
		{ID: "RA-20261105-120000-aaaaa3", Supersedes: "RA-20261103-090000-aaaaa2", RecordedAt: at("2026-11-05T12:00:00Z"), Ended: true,
			Setting: "mental-health-inpatient", Unit: "Ward 7", Kind: "physical-restraint", Stage: "past", Scope: "individual", Person: "P-1",
			Rights: []string{"3", "8", "2", "14"}, Light: "green", Verdict: "proceed", ReviewDue: at("2026-11-05T12:00:00Z")},
		{ID: "RA-20261110-080000-bbbbb1", RecordedAt: at("2026-11-10T08:00:00Z"), Setting: "mental-health-inpatient", Unit: " ward  7 ",
			Kind: "seclusion", Stage: "in-place", Scope: "individual", Person: "p-1", Rights: []string{"3", "5", "8"},
			Light: "red", Verdict: "do-not-proceed", ReviewDue: at("2026-11-10T09:00:00Z"), Rules: []string{"R6", "A5"}},
		{ID: "RA-20261120-140000-ccccc1", RecordedAt: at("2026-11-20T14:00:00Z"), Setting: "mental-health-inpatient", Unit: "Ward 8",
			Kind: "physical-restraint", Stage: "proposed", Scope: "individual", Person: "P-1", Rights: []string{"3", "8"},
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-12-05T14:00:00Z"), Rules: []string{"A5"}},
		{ID: "RA-20261015-100000-ddddd1", RecordedAt: at("2026-10-15T10:00:00Z"), Setting: "care-home", Kind: "exit-restriction",
			Stage: "in-place", Scope: "individual", Person: "P-2", Rights: []string{"5", "8"},
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-10-18T10:00:00Z"), Rules: []string{"A12"}},
		{ID: "RA-20261101-100000-ddddd2", Supersedes: "RA-20261015-100000-ddddd1", RecordedAt: at("2026-11-01T10:00:00Z"),
			Setting: "care-home", Kind: "exit-restriction", Stage: "in-place", Scope: "individual", Person: "P-2", Rights: []string{"5", "8"},
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-11-04T10:00:00Z"), Rules: []string{"A12"}},
		{ID: "RA-20261115-120000-eeeee1", RecordedAt: at("2026-11-15T12:00:00Z"), Setting: "mental-health-inpatient", Unit: "Ward 7",
			Kind: "communication-restriction", Stage: "proposed", Scope: "everyone", Person: "Ward 7 patients",
			Description: "Every patient's phone kept in the office.", Rights: []string{"8", "10"},
			Light: "red", Verdict: "do-not-proceed", ReviewDue: at("2026-11-22T12:00:00Z"), Rules: []string{"R11", "A7"}},
		{ID: "RA-20261125-160000-fffff1", RecordedAt: at("2026-11-25T16:00:00Z"), Ended: true, Setting: "school", Kind: "removal-from-class",
			Stage: "past", Scope: "individual", Person: "C-9", Rights: []string{"8", "P1-2"},
			Light: "green", Verdict: "proceed", ReviewDue: at("2026-11-25T16:00:00Z")},
		{ID: "RA-20261202-100000-ggggg1", RecordedAt: at("2026-12-02T10:00:00Z"), Setting: "school", Kind: "search",
			Stage: "proposed", Scope: "individual", Person: "C-9", Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: at("2026-12-03T10:00:00Z")},
	}
}

func november(t testing.TB) report.Options {
	loc := london(t)
	return report.Options{Now: fixtureNow, Location: loc,
		Since: time.Date(2026, 11, 1, 0, 0, 0, 0, loc), Until: time.Date(2026, 12, 1, 0, 0, 0, 0, loc)}
}

func counts(pairs ...any) []report.Count {
	var out []report.Count
	for i := 0; i < len(pairs); i += 3 {
		out = append(out, report.Count{ID: pairs[i].(string), Label: pairs[i+1].(string), Count: pairs[i+2].(int)})
	}
	return out
}

func TestComputeNovember(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))

	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	check("filter", f.Filter, report.Filter{Now: "2026-12-01T09:00:00Z", Since: "2026-11-01T00:00:00Z", Until: "2026-12-01T00:00:00Z", AfterNow: 1})
	// D1 is before the period and G1 after now: 8 records, 3 of them reviews.
	// People: P-1 (p-1 is the same reference), P-2, C-9; the blanket rule's
	// "person" is a group. Chains: A, B, C, D, E, F.
	check("totals", f.Totals, report.Totals{Records: 8, Decisions: 5, Reviews: 3, People: 3, Restrictions: 6, Blanket: 1, BlanketRestrictions: 1})
	check("lights", f.Lights, counts("green", "Green", 2, "amber", "Amber", 4, "red", "Red", 2))
	check("verdicts", f.Verdicts, counts("proceed", "Proceed", 2, "proceed-with-safeguards", "Proceed with safeguards", 4,
		"not-established", "Not established", 0, "do-not-proceed", "Do not proceed", 2))
	// Kinds, settings, units and rights count the 6 restrictions, each as
	// its latest record in November stands: A by A3, B, C, D by D2, E, F.
	// Most first; ties in the catalog's order (so 3 before 8, 10 before 14).
	check("kinds", f.Kinds, counts("physical-restraint", "Physical restraint", 2, "seclusion", "Seclusion", 1,
		"exit-restriction", "Stopping someone leaving", 1, "communication-restriction", "Phone, internet or post restriction", 1,
		"removal-from-class", "Removal from class", 1))
	check("settings", f.Settings, counts("mental-health-inpatient", "Mental health in-patient ward", 4, "care-home", "Care home", 1, "school", "School", 1))
	// " ward  7 " is Ward 7: case and spacing do not count. D and F have
	// no unit.
	check("units", f.Units, counts("Ward 7", "Ward 7", 3, "Ward 8", "Ward 8", 1))
	check("rights", f.Rights, counts("8", "Right to respect for private and family life", 6, "3", "Prohibition of torture and inhuman or degrading treatment", 3,
		"5", "Right to liberty and security", 2, "2", "Right to life", 1, "10", "Freedom of expression", 1,
		"14", "Prohibition of discrimination", 1, "P1-2", "Right to education", 1))
	check("months", f.Months, []report.Month{{Month: "2026-11", Records: 8, Green: 2, Amber: 4, Red: 2}})
	// A1 reviewed on time by A2; A2 late by A3; A3 and F1 ended; B1, D2
	// and E1 overdue; C1 due on 5 December.
	check("reviews", f.Reviews, report.Reviews{OnTime: 1, Late: 1, Missing: 3, NotYetDue: 1, NotNeeded: 2})
	// A ended with A3, F at once; B, C, D, E open.
	check("restrictions", f.Restrictions, report.Restrictions{Ended: 2, Open: 4})
	check("reasons", f.Reasons, counts("A5", "High-intensity restriction", 4, "A7", "Objection", 2,
		"R6", "Not shown to be lawful", 1, "R11", "Blanket rule without individual assessment", 1, "A12", "Record incomplete", 1))
	check("blanket", len(f.Blanket), 1)
	if len(f.Blanket) == 1 {
		b := f.Blanket[0]
		check("blanket[0]", []string{b.ID, b.RecordedAt, b.Setting, b.Unit, b.Kind, b.Scope, b.Description, b.Justification, b.Light, b.Status},
			[]string{"RA-20261115-120000-eeeee1", "2026-11-15T12:00:00Z", "mental-health-inpatient", "Ward 7", "communication-restriction",
				"everyone", "Every patient's phone kept in the office.", "", "red", "open"})
	}
	check("repeats", len(f.Repeats), 1)
	if len(f.Repeats) == 1 {
		r := f.Repeats[0]
		check("repeats[0]", []any{r.Person, r.Count, r.From, r.To, r.Total}, []any{"P-1", 3, "2026-11-02T10:00:00Z", "2026-11-20T14:00:00Z", 3})
	}
}

// What was restricted and where (kinds, rights, settings, units) counts
// each restriction once, as its latest record selected stands; lights
// still count every record.
func TestComputeCountsEachRestrictionOnce(t *testing.T) {
	c := loadCatalog(t)
	loc := london(t)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC) }
	rec := func(id, supersedes string, d int, kind, unit string, rights ...string) report.Record {
		return report.Record{ID: id, Supersedes: supersedes, RecordedAt: day(d), Setting: "mental-health-inpatient", Unit: unit,
			Kind: kind, Stage: "in-place", Scope: "individual", Person: "P-" + id[:1], Rights: rights,
			Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: day(d).Add(24 * time.Hour)}
	}
	// A restraint reviewed twice, then ended: four records, one restraint.
	restraint := []report.Record{
		rec("a1", "", 2, "physical-restraint", "Ward 7", "3", "8"),
		rec("a2", "a1", 3, "physical-restraint", "Ward 7", "3", "8"),
		rec("a3", "a2", 4, "physical-restraint", "Ward 7", "3", "8"),
		rec("a4", "a3", 5, "physical-restraint", "Ward 7", "3", "8"),
	}
	restraint[3].Ended = true
	// Seclusion on Ward 7 that became long-term segregation on Ward 8 at
	// its review in December, engaging Article 5 as well.
	moved := []report.Record{
		rec("b1", "", 10, "seclusion", "Ward 7", "3", "8"),
		rec("b2", "b1", 11, "seclusion", "Ward 7", "3", "8"),
		rec("b3", "b2", 33, "long-term-segregation", "Ward 8", "3", "5", "8"),
	}
	// A ward's phone rule, reviewed twice.
	phones := []report.Record{
		rec("c1", "", 12, "communication-restriction", "Ward 7", "8", "10"),
		rec("c2", "c1", 15, "communication-restriction", "Ward 7", "8", "10"),
		rec("c3", "c2", 18, "communication-restriction", "Ward 7", "8", "10"),
	}
	for i := range phones {
		phones[i].Scope, phones[i].Person = "everyone", "Ward 7 patients"
	}
	novemberOnly := report.Options{Now: day(40), Location: loc, Until: time.Date(2026, 12, 1, 0, 0, 0, 0, loc)}
	tests := []struct {
		name                        string
		recs                        []report.Record
		opts                        report.Options
		records, restrictions       int
		kinds, rights, units, light []report.Count
		// blanket is the records about blanket rules, and the rules.
		blanket [2]int
	}{
		{"a chain counts once", restraint, report.Options{Now: day(40), Location: loc}, 4, 1,
			counts("physical-restraint", "Physical restraint", 1),
			counts("3", "Prohibition of torture and inhuman or degrading treatment", 1, "8", "Right to respect for private and family life", 1),
			counts("Ward 7", "Ward 7", 1),
			counts("green", "Green", 0, "amber", "Amber", 4, "red", "Red", 0), [2]int{}},
		{"by its latest record", moved, report.Options{Now: day(40), Location: loc}, 3, 1,
			counts("long-term-segregation", "Long-term segregation", 1),
			counts("3", "Prohibition of torture and inhuman or degrading treatment", 1, "5", "Right to liberty and security", 1,
				"8", "Right to respect for private and family life", 1),
			counts("Ward 8", "Ward 8", 1),
			counts("green", "Green", 0, "amber", "Amber", 3, "red", "Red", 0), [2]int{}},
		{"by its latest record in the period", moved, novemberOnly, 2, 1,
			counts("seclusion", "Seclusion", 1),
			counts("3", "Prohibition of torture and inhuman or degrading treatment", 1, "8", "Right to respect for private and family life", 1),
			counts("Ward 7", "Ward 7", 1),
			counts("green", "Green", 0, "amber", "Amber", 2, "red", "Red", 0), [2]int{}},
		{"by its latest record of the kind selected", moved, report.Options{Now: day(40), Location: loc, Kind: "seclusion"}, 2, 1,
			counts("seclusion", "Seclusion", 1),
			counts("3", "Prohibition of torture and inhuman or degrading treatment", 1, "8", "Right to respect for private and family life", 1),
			counts("Ward 7", "Ward 7", 1),
			counts("green", "Green", 0, "amber", "Amber", 2, "red", "Red", 0), [2]int{}},
		{"two chains", append(slices.Clone(restraint), moved...), report.Options{Now: day(40), Location: loc}, 7, 2,
			counts("physical-restraint", "Physical restraint", 1, "long-term-segregation", "Long-term segregation", 1),
			counts("3", "Prohibition of torture and inhuman or degrading treatment", 2, "8", "Right to respect for private and family life", 2,
				"5", "Right to liberty and security", 1),
			counts("Ward 7", "Ward 7", 1, "Ward 8", "Ward 8", 1),
			counts("green", "Green", 0, "amber", "Amber", 7, "red", "Red", 0), [2]int{}},
		{"a blanket rule reviewed twice", phones, report.Options{Now: day(40), Location: loc}, 3, 1,
			counts("communication-restriction", "Phone, internet or post restriction", 1),
			counts("8", "Right to respect for private and family life", 1, "10", "Freedom of expression", 1),
			counts("Ward 7", "Ward 7", 1),
			counts("green", "Green", 0, "amber", "Amber", 3, "red", "Red", 0), [2]int{3, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Compute(c, tt.recs, tt.opts)
			if f.Totals.Records != tt.records || f.Totals.Restrictions != tt.restrictions ||
				f.Totals.Blanket != tt.blanket[0] || f.Totals.BlanketRestrictions != tt.blanket[1] {
				t.Errorf("totals %+v, want %d records and %d restrictions, blanket %v", f.Totals, tt.records, tt.restrictions, tt.blanket)
			}
			for _, got := range []struct {
				name      string
				got, want []report.Count
			}{{"kinds", f.Kinds, tt.kinds}, {"rights", f.Rights, tt.rights}, {"units", f.Units, tt.units}, {"lights", f.Lights, tt.light}} {
				if !reflect.DeepEqual(got.got, got.want) {
					t.Errorf("%s %+v, want %+v", got.name, got.got, got.want)
				}
			}
			kinds, settings := 0, 0
			for _, k := range f.Kinds {
				kinds += k.Count
			}
			for _, s := range f.Settings {
				settings += s.Count
			}
			if kinds != f.Totals.Restrictions || settings != f.Totals.Restrictions {
				t.Errorf("kinds add up to %d and settings to %d, not the %d restrictions", kinds, settings, f.Totals.Restrictions)
			}
		})
	}
}

// The rule titles the test expects are the catalog's: if a trust rewords
// them, only the labels change.
func TestReasonLabelsAreTheCatalogs(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), november(t))
	for _, r := range f.Reasons {
		if want := c.Rules.Rules[r.ID].Title; r.Label != want {
			t.Errorf("%s: label %q, want the catalog's title %q", r.ID, r.Label, want)
		}
	}
}

func TestComputeFilters(t *testing.T) {
	c := loadCatalog(t)
	loc := london(t)
	tests := []struct {
		name string
		opts report.Options
		want report.Totals
		rev  report.Reviews
	}{
		{"everything as at now", report.Options{Now: fixtureNow, Location: loc},
			// D1 joins: reviewed late by D2.
			report.Totals{Records: 9, Decisions: 6, Reviews: 3, People: 3, Restrictions: 6, Blanket: 1, BlanketRestrictions: 1},
			report.Reviews{OnTime: 1, Late: 2, Missing: 3, NotYetDue: 1, NotNeeded: 2}},
		{"setting", report.Options{Now: fixtureNow, Location: loc, Setting: "care-home"},
			report.Totals{Records: 2, Decisions: 1, Reviews: 1, People: 1, Restrictions: 1},
			report.Reviews{Late: 1, Missing: 1}},
		{"kind", report.Options{Now: fixtureNow, Location: loc, Kind: "physical-restraint"},
			report.Totals{Records: 4, Decisions: 2, Reviews: 2, People: 1, Restrictions: 2},
			report.Reviews{OnTime: 1, Late: 1, NotYetDue: 1, NotNeeded: 1}},
		{"unit, any case", report.Options{Now: fixtureNow, Location: loc, Unit: "WARD 7"},
			report.Totals{Records: 5, Decisions: 3, Reviews: 2, People: 1, Restrictions: 3, Blanket: 1, BlanketRestrictions: 1},
			report.Reviews{OnTime: 1, Late: 1, Missing: 2, NotNeeded: 1}},
		{"until is not included", report.Options{Now: fixtureNow, Location: loc, Until: at("2026-11-02T10:00:00Z")},
			report.Totals{Records: 2, Decisions: 1, Reviews: 1, People: 1, Restrictions: 1},
			report.Reviews{Late: 1, Missing: 1}},
		{"since is included", report.Options{Now: fixtureNow, Location: loc, Since: at("2026-11-25T16:00:00Z")},
			report.Totals{Records: 1, Decisions: 1, People: 1, Restrictions: 1},
			report.Reviews{NotNeeded: 1}},
		// As at 10 November 09:00: B1 (due 09:00) is missing; A2's review
		// (A3, made 5 November) is late; what came later is not counted.
		{"an earlier now", report.Options{Now: at("2026-11-10T09:00:00Z"), Location: loc},
			report.Totals{Records: 6, Decisions: 3, Reviews: 3, People: 2, Restrictions: 3},
			report.Reviews{OnTime: 1, Late: 2, Missing: 2, NotNeeded: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := report.Compute(c, fixture(), tt.opts)
			if f.Totals != tt.want {
				t.Errorf("totals %+v, want %+v", f.Totals, tt.want)
			}
			if f.Reviews != tt.rev {
				t.Errorf("reviews %+v, want %+v", f.Reviews, tt.rev)
			}
			r := f.Reviews
			if sum := r.OnTime + r.Late + r.Missing + r.NotYetDue + r.NotNeeded; sum != f.Totals.Records {
				t.Errorf("the reviews add up to %d, not the %d records", sum, f.Totals.Records)
			}
		})
	}
}

func TestComputeMonthsHaveNoGaps(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, fixture(), report.Options{Now: fixtureNow, Location: london(t)})
	want := []report.Month{
		{Month: "2026-10", Records: 1, Amber: 1},
		{Month: "2026-11", Records: 8, Green: 2, Amber: 4, Red: 2},
		{Month: "2026-12"}, // to now: nothing yet
	}
	if !reflect.DeepEqual(f.Months, want) {
		t.Errorf("months %+v, want %+v", f.Months, want)
	}
	// From --since, even before the first record.
	loc := london(t)
	f = report.Compute(c, fixture(), report.Options{Now: fixtureNow, Location: loc,
		Since: time.Date(2026, 8, 1, 0, 0, 0, 0, loc), Until: time.Date(2026, 11, 1, 0, 0, 0, 0, loc)})
	var keys []string
	for _, m := range f.Months {
		keys = append(keys, m.Month)
	}
	if want := []string{"2026-08", "2026-09", "2026-10"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("months %v, want %v", keys, want)
	}
}

// A month is counted where the reader is: 00:30 on 1 June in London is
// 23:30 on 31 May in UTC.
func TestComputeMonthsInLocalTime(t *testing.T) {
	c := loadCatalog(t)
	r := fixture()[0]
	r.RecordedAt = at("2026-05-31T23:30:00Z")
	r.ReviewDue = r.RecordedAt.Add(time.Hour)
	f := report.Compute(c, []report.Record{r}, report.Options{Now: at("2026-06-01T09:00:00Z"), Location: london(t)})
	if len(f.Months) != 1 || f.Months[0].Month != "2026-06" {
		t.Errorf("months %+v, want June only", f.Months)
	}
}

func TestRepeats(t *testing.T) {
	c := loadCatalog(t)
	base := at("2026-03-01T10:00:00Z")
	person := func(ref string, days ...float64) []report.Record {
		var out []report.Record
		for i, d := range days {
			when := base.Add(time.Duration(d * float64(24*time.Hour)))
			out = append(out, report.Record{ID: ref + "-" + string(rune('a'+i)), RecordedAt: when, Setting: "care-home", Kind: "exit-restriction",
				Stage: "in-place", Scope: "individual", Person: ref, Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: when.Add(time.Hour)})
		}
		return out
	}
	var recs []report.Record
	recs = append(recs, person("exactly-28-days", 0, 14, 28)...)  // the third is 28 days on: not within
	recs = append(recs, person("under-28-days", 0, 14, 27.99)...) // within
	recs = append(recs, person("five-then-two", 0, 1, 2, 3, 4, 60, 61)...)
	recs = append(recs, person("two", 0, 1)...)
	// A review is not a new restriction.
	rev := person("reviewed", 0, 1, 2)
	rev[1].Supersedes, rev[2].Supersedes = rev[0].ID, rev[1].ID
	recs = append(recs, rev...)
	f := report.Compute(c, recs, report.Options{Now: at("2026-12-01T00:00:00Z")})
	var got []string
	for _, r := range f.Repeats {
		got = append(got, r.Person)
	}
	if want := []string{"five-then-two", "under-28-days"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("repeats %v, want %v", got, want)
	}
	if r := f.Repeats[0]; r.Count != 5 || r.Total != 7 || r.From != "2026-03-01T10:00:00Z" || r.To != "2026-03-05T10:00:00Z" {
		t.Errorf("five-then-two: %+v", r)
	}
}

func TestComputeEmpty(t *testing.T) {
	c := loadCatalog(t)
	f := report.Compute(c, nil, report.Options{Now: fixtureNow})
	if f.Totals != (report.Totals{}) || f.Reviews != (report.Reviews{}) || f.Restrictions != (report.Restrictions{}) {
		t.Errorf("figures of an empty register: %+v %+v %+v", f.Totals, f.Reviews, f.Restrictions)
	}
	// Every list is there, empty or all zero, never null.
	if f.Kinds == nil || f.Rights == nil || f.Settings == nil || f.Units == nil || f.Months == nil || f.Reasons == nil || f.Blanket == nil || f.Repeats == nil {
		t.Errorf("a nil list in the figures of an empty register: %+v", f)
	}
	if len(f.Lights) != 3 || len(f.Verdicts) != 4 {
		t.Errorf("lights %v and verdicts %v: want every one, with 0", f.Lights, f.Verdicts)
	}
}

// A chain broken by a missing record (an export of part of the register),
// and one that loops (only possible by hand), are still counted.
func TestComputeOddChains(t *testing.T) {
	c := loadCatalog(t)
	recs := fixture()[:3]
	recs[0].ID = "RA-gone" // A2 now reviews a record that is not there
	loop := fixture()[3:5]
	loop[0].Supersedes, loop[1].Supersedes = loop[1].ID, loop[0].ID
	f := report.Compute(c, append(recs, loop...), report.Options{Now: fixtureNow})
	if f.Totals.Records != 5 || f.Totals.Restrictions < 2 {
		t.Errorf("totals %+v", f.Totals)
	}
}
