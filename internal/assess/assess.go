// Package assess applies rightsaid's outcome rules to a decision.
//
// # The test
//
// Under the Human Rights Act 1998 a restriction on what a person can do is
// lawful only when it passes a test that the Restraint Reduction Network
// states in four parts: it must be lawful (a law permits it, for this person,
// here, and its steps were followed), justified (it prevents a real harm the
// law accepts as a reason), proportionate (it does less harm than it
// prevents) and least restrictive (nothing gentler would work). Some rights
// are absolute and can never be infringed: no treatment may be inhuman or
// degrading (Article 3), no method may put life at unmitigated risk (Article
// 2, treated as a red line), and no one may be treated differently without
// objective justification (Article 14, likewise). Punishment, convenience,
// staffing and cost are never reasons.
//
// # The rules
//
// [Evaluate] checks every rule of DESIGN.md section 4 and lists every one that
// fires, each with a sentence naming every clause that applies:
//
//   - Red rules R1–R12 (do not proceed): a red-line screen answer of yes
//     (R1 degrading, R2 risk to life, R3 discriminatory, R4 punitive),
//     covert medication for a person with capacity (R5), not shown to be
//     lawful (R6), a deprivation of liberty nothing authorises (R7), not
//     justified (R8), not proportionate (R9), not the least restrictive
//     option outside an emergency (R10), a blanket rule without a
//     justification (R11), and capacity law for a person who has capacity
//     (R12).
//   - Amber rules A1–A15: unsure answers (A1, A2), a deprivation of liberty to
//     check (A3), an emergency before gentler options (A4), high intensity
//     (A5), lack of capacity (A6), objection (A7), ongoing (A8), a child (A9),
//     a justified setting-wide rule (A10), an authorised deprivation of
//     liberty (A11), an incomplete record (A12), capacity unknown (A13), a
//     basis that is not a legal power (A14) or does not fit (A15).
//
// The light is red if any R rule fired, otherwise amber if any A rule fired,
// otherwise green. An amber outcome is not-established when any of A1–A4 or
// A12–A15 fired, and proceed-with-safeguards otherwise.
//
// The package is pure: the catalog, the decision and the clock are parameters,
// and it does no I/O.
package assess

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// Finding is one rule that fired, with the clauses that apply (for a rule
// that has several) and the values its words need.
type Finding struct {
	Rule    string
	Clauses []string
	Values  map[string]string
}

// Facts are the terms the rules are written in, derived once from a decision.
type Facts struct {
	Kind          *catalog.Kind // nil when the kind is unknown (a draft)
	Emergency     bool
	Known         []*catalog.Basis
	FreeText      []string
	Unfit         map[string][]catalog.Misfit // known bases that do not fit, by id
	DoLAuthorised []*catalog.Basis            // known bases that fit and authorise a deprivation of liberty
	Powers        []*catalog.Basis
	RecordedAt    time.Time
}

// Derive works out the terms of DESIGN.md section 4 for a decision.
func Derive(c *catalog.Catalog, d *decision.Decision, now time.Time) Facts {
	f := Facts{Unfit: map[string][]catalog.Misfit{}, RecordedAt: now.UTC().Truncate(time.Second)}
	if !d.RecordedAt.IsZero() {
		f.RecordedAt = d.RecordedAt.Time()
	}
	f.Kind, _ = c.Kind(string(d.Restriction.Kind))
	f.Emergency = d.Restriction.Emergency.Yes() && !d.Restriction.Ongoing.Yes() && (f.Kind == nil || !f.Kind.NeverEmergency)
	f.Known, f.FreeText = d.KnownBases(c)
	for _, b := range f.Known {
		misfits := b.Fits(string(d.Nation), string(d.Setting), string(d.Person.Age), string(d.Person.Capacity))
		if len(misfits) > 0 {
			f.Unfit[b.ID] = misfits
			continue
		}
		if b.AuthorisesDeprivationOfLiberty {
			f.DoLAuthorised = append(f.DoLAuthorised, b)
		}
	}
	for _, b := range f.Known {
		if b.Power {
			f.Powers = append(f.Powers, b)
		}
	}
	return f
}

// Findings checks every rule and returns those that fire, in rule order.
func Findings(c *catalog.Catalog, d *decision.Decision, f Facts) []Finding {
	var out []Finding
	fire := func(rule string, clauses ...string) {
		out = append(out, Finding{Rule: rule, Clauses: clauses})
	}
	sc, t, r, p := &d.Screen, &d.Test, &d.Restriction, &d.Person
	lawful, justified := t.Lawful.Answer, t.Justified.Answer
	proportionate, least := t.Proportionate.Answer, t.LeastRestrictive.Answer
	dol := sc.DeprivationOfLiberty
	authorised := len(f.DoLAuthorised) > 0
	hasFree := len(f.FreeText) > 0
	capacity := string(p.Capacity)

	// Red.
	if sc.Degrading.Is(decision.Yes) {
		fire("R1")
	}
	if sc.RiskToLife.Is(decision.Yes) {
		fire("R2")
	}
	if sc.Discriminatory.Is(decision.Yes) {
		fire("R3")
	}
	if sc.Punitive.Is(decision.Yes) {
		fire("R4")
	}
	if f.Kind != nil && f.Kind.OnlyIfLacksCapacity && capacity == "has" {
		fire("R5")
	}
	switch {
	case lawful.Is(decision.No):
		fire("R6", "no")
	case lawful.Is(decision.Unsure) && !f.Emergency:
		fire("R6", "unsure")
	}
	if dol.Is(decision.Yes) && !authorised && !hasFree {
		fire("R7")
	}
	if justified.Is(decision.No) {
		fire("R8")
	}
	if proportionate.Is(decision.No) {
		fire("R9")
	}
	if least.Is(decision.No) && !f.Emergency {
		fire("R10")
	}
	blanketJustified := strings.TrimSpace(r.BlanketJustification) != ""
	if d.IsBlanket() && !blanketJustified {
		fire("R11")
	}
	if capacity == "has" && len(f.Powers) > 0 && !hasFree &&
		!slices.ContainsFunc(f.Powers, func(b *catalog.Basis) bool { return b.Capacity != "lacks" }) {
		fire("R12")
	}

	// Amber.
	var clauses []string
	for _, id := range []string{"degrading", "risk_to_life", "discriminatory", "punitive"} {
		if sc.Get(id).Is(decision.Unsure) {
			clauses = append(clauses, id)
		}
	}
	if len(clauses) > 0 {
		fire("A1", clauses...)
	}
	clauses = nil
	for _, id := range []string{"justified", "proportionate", "least_restrictive"} {
		if t.Answer(id).Is(decision.Unsure) {
			clauses = append(clauses, id)
		}
	}
	if lawful.Is(decision.Unsure) && f.Emergency {
		clauses = append(clauses, "lawful_emergency")
	}
	if len(clauses) > 0 {
		fire("A2", clauses...)
	}
	if !authorised {
		switch {
		case dol.Is(decision.Unsure):
			fire("A3", "unsure")
		case dol.Is(decision.Yes) && hasFree:
			fire("A3", "free_text")
		case dol.Is(decision.No) && f.Kind != nil && f.Kind.DoLCheck:
			fire("A3", "dol_check_kind")
		}
	}
	if least.Is(decision.No) && f.Emergency {
		fire("A4")
	}
	if f.Kind != nil && f.Kind.Intensity == catalog.High {
		fire("A5")
	}
	if capacity == "lacks" {
		fire("A6")
	}
	if p.Objects.Is(decision.Yes) || p.Objects.Is(decision.Unsure) {
		fire("A7")
	}
	if r.Ongoing.Yes() {
		fire("A8")
	}
	if p.Age == "child" && f.Kind != nil && f.Kind.Intensity != catalog.Minor {
		fire("A9")
	}
	if d.IsBlanket() && blanketJustified {
		fire("A10")
	}
	if dol.Is(decision.Yes) && authorised {
		fire("A11")
	}
	if cl := incomplete(d, f); len(cl) > 0 {
		fire("A12", cl...)
	}
	if capacity == "unknown" {
		fire("A13")
	}
	if lawful.Is(decision.Yes) && len(d.Test.Lawful.Basis) > 0 && !hasFree &&
		!slices.ContainsFunc(f.Known, func(b *catalog.Basis) bool { return b.Power }) {
		fire("A14")
	}
	if len(f.Unfit) > 0 {
		fire("A15")
	}
	return out
}

// incomplete returns the clauses of A12 that apply.
func incomplete(d *decision.Decision, f Facts) []string {
	var out []string
	past := d.Restriction.Stage == "past"
	if len(d.Rights) == 0 {
		out = append(out, "no_rights")
	}
	if d.Test.Lawful.Answer.Is(decision.Yes) && len(d.Test.Lawful.Basis) == 0 {
		out = append(out, "no_basis")
	}
	if d.Test.LeastRestrictive.Answer.Is(decision.Yes) && len(d.Test.LeastRestrictive.Alternatives) == 0 {
		out = append(out, "no_alternatives")
	}
	if strings.TrimSpace(d.Views.Person) == "" {
		out = append(out, "no_views")
	}
	at, given := reviewTime(d, f.RecordedAt)
	if !given && !past {
		out = append(out, "no_review")
	}
	if !d.Restriction.Duration.Set && !past {
		out = append(out, "no_duration")
	}
	if given && f.Kind != nil && at.Sub(f.RecordedAt) > time.Duration(f.Kind.MaxReview) {
		out = append(out, "review_too_late")
	}
	return out
}

// reviewTime is review.at, or recorded_at plus review.within.
func reviewTime(d *decision.Decision, recorded time.Time) (time.Time, bool) {
	switch {
	case !d.Review.At.IsZero():
		return d.Review.At.Time(), true
	case d.Review.Within.Set:
		return recorded.Add(d.Review.Within.Duration()), true
	}
	return time.Time{}, false
}

// ReviewDue is when the decision must be reviewed: review.at, or recorded_at
// plus review.within, or recorded_at plus the kind's default review interval.
func ReviewDue(d *decision.Decision, f Facts) time.Time {
	if t, ok := reviewTime(d, f.RecordedAt); ok {
		return t
	}
	if f.Kind != nil {
		return f.RecordedAt.Add(time.Duration(f.Kind.ReviewWithin))
	}
	return f.RecordedAt
}

// Light returns the light and verdict for the rules that fired.
func Light(findings []Finding) (light, verdict string) {
	red, amber, notEstablished := false, false, false
	for _, f := range findings {
		switch {
		case strings.HasPrefix(f.Rule, "R"):
			red = true
		default:
			amber = true
			switch f.Rule {
			case "A1", "A2", "A3", "A4", "A12", "A13", "A14", "A15":
				notEstablished = true
			}
		}
	}
	switch {
	case red:
		return "red", "do-not-proceed"
	case amber && notEstablished:
		return "amber", "not-established"
	case amber:
		return "amber", "proceed-with-safeguards"
	}
	return "green", "proceed"
}

// Evaluate applies the rules to a decision and returns the outcome: the
// light, the verdict, the review due, every rule that fired with its sentence,
// and the advice that follows. now stands for recorded_at when the decision
// has none.
func Evaluate(c *catalog.Catalog, d *decision.Decision, now time.Time) decision.Outcome {
	f := Derive(c, d, now)
	findings := Findings(c, d, f)
	light, verdict := Light(findings)
	o := decision.Outcome{Light: light, Verdict: verdict, ReviewDue: ReviewDue(d, f)}
	w := words{c: c, d: d, f: f}
	var advice []string
	addAdvice := func(lines []string, values map[string]string) {
		for _, a := range lines {
			a = sentence(catalog.Fill(a, values))
			if !slices.Contains(advice, a) {
				advice = append(advice, a)
			}
		}
	}
	for _, fd := range findings {
		rt := c.Rules.Rules[fd.Rule]
		values := w.values(fd.Rule)
		var parts []string
		for _, cl := range fd.Clauses {
			parts = append(parts, catalog.Fill(rt.Clauses[cl].Text, values))
		}
		values["clauses"] = strings.Join(parts, c.Rules.Phrases.ClauseJoin)
		o.Reasons = append(o.Reasons, decision.Reason{Rule: fd.Rule, Text: sentence(catalog.Fill(rt.Text, values))})
		addAdvice(rt.Advice, values)
		for _, cl := range fd.Clauses {
			addAdvice(rt.Clauses[cl].Advice, values)
		}
	}
	if f.Kind != nil && light != "red" && d.EndedAt.IsZero() {
		// A record that ends a restriction needs no safeguards for its use.
		addAdvice(f.Kind.AdviceFor(string(d.Setting), string(d.Nation)), nil)
	}
	for _, b := range f.FreeText {
		addAdvice([]string{c.Rules.Phrases.FreeTextBasis}, map[string]string{"basis": b})
	}
	o.Advice = advice
	return o
}

// words fills the placeholders of the rules' sentences.
type words struct {
	c *catalog.Catalog
	d *decision.Decision
	f Facts
}

func (w words) values(rule string) map[string]string {
	v := map[string]string{}
	if k := w.f.Kind; k != nil {
		v["kind"] = lowerFirst(k.Title)
		v["max_review"] = k.MaxReview.Words()
		v["review_within"] = k.ReviewWithin.Words()
	}
	switch rule {
	case "A11":
		v["bases"] = titles(w.f.DoLAuthorised, " or ")
	case "A14":
		v["bases"] = titles(w.f.Known, "; ")
	case "A15":
		var parts []string
		for _, b := range w.f.Known {
			misfits, ok := w.f.Unfit[b.ID]
			if !ok {
				continue
			}
			var why []string
			for _, m := range misfits {
				why = append(why, catalog.Fill(w.c.Rules.Misfits[string(m)], w.misfitValues(b)))
			}
			parts = append(parts, b.Title+" "+strings.Join(why, " and "))
		}
		v["bases"] = strings.Join(parts, "; ")
	}
	return v
}

func (w words) misfitValues(b *catalog.Basis) map[string]string {
	v := map[string]string{
		"nation":   catalog.NationTitles[string(w.d.Nation)],
		"setting":  string(w.d.Setting),
		"age":      string(w.d.Person.Age),
		"capacity": string(w.d.Person.Capacity),
	}
	if s, ok := w.c.Setting(string(w.d.Setting)); ok {
		v["setting"] = lowerFirst(s.Title)
	}
	switch {
	case b.Ages.Any:
		v["basis_ages"] = "any age"
	case slices.Equal(b.Ages.Values, []string{"adult"}):
		v["basis_ages"] = "adults"
	case slices.Equal(b.Ages.Values, []string{"child"}):
		v["basis_ages"] = "children"
	default:
		v["basis_ages"] = b.Ages.String()
	}
	switch b.Capacity {
	case "lacks":
		v["basis_capacity"] = "lacks capacity"
	case "has":
		v["basis_capacity"] = "has capacity"
	default:
		v["basis_capacity"] = "has or lacks capacity"
	}
	return v
}

func titles(bases []*catalog.Basis, sep string) string {
	out := make([]string, len(bases))
	for i, b := range bases {
		out[i] = b.Title
	}
	return strings.Join(out, sep)
}

// lowerFirst lower-cases the first letter of a title, unless it begins an
// acronym ("CCTV").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// sentence capitalises the first letter and ends the text with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, ":") {
		s += "."
	}
	return s
}
