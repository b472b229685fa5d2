package assess_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

var (
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
)

func checklistsCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = catalog.Load(checklists.FS, "") })
	if catErr != nil {
		t.Fatalf("the embedded checklists do not load:\n%v", catErr)
	}
	return cat
}

// recorded is when every test decision is recorded; now is a different
// time, so a test notices if the clock is used where recorded_at should be.
var (
	recorded = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	now      = recorded.Add(37 * time.Minute)
)

func dur(d time.Duration) decision.Duration { return decision.NewDuration(catalog.Duration(d)) }

// green returns a decision that no rule fires on: an adult with capacity, in
// the community, a community-access restriction (standard intensity, review
// 72h, at most 7d) by consent, views given, duration and review set, Article
// 8 engaged, every screen answer no and every part of the test yes with
// alternatives. Each test case changes it as little as the rule needs.
func green() *decision.Decision {
	return &decision.Decision{
		Schema:     decision.Schema,
		RecordedAt: decision.NewTime(recorded),
		Setting:    "community",
		Nation:     "england",
		Person:     decision.Person{Ref: "P-0412", Age: "adult", Capacity: "has", Objects: decision.No},
		Views:      decision.Views{Person: "Happy to try it for a week."},
		Restriction: decision.Restriction{
			Kind:        "community-access-restriction",
			Description: "Escorted trips to town.",
			Reason:      "Got lost twice last week.",
			Stage:       "proposed",
			Scope:       "individual",
			Emergency:   decision.No,
			Ongoing:     decision.No,
			Duration:    dur(24 * time.Hour),
		},
		Screen: decision.Screen{Degrading: "no", RiskToLife: "no", Discriminatory: "no", Punitive: "no", DeprivationOfLiberty: "no"},
		Rights: []decision.RightRef{{Article: "8"}},
		Test: decision.Test{
			Lawful:           decision.Lawful{Answer: "yes", Basis: decision.StringList{"consent"}},
			Justified:        decision.Part{Answer: "yes"},
			Proportionate:    decision.Part{Answer: "yes"},
			LeastRestrictive: decision.LeastRestrictive{Answer: "yes", Alternatives: decision.StringList{"phone with location sharing"}},
		},
		Review: decision.Review{Within: dur(24 * time.Hour), By: "Nurse in charge"},
	}
}

// Changes to the green decision, combined by the cases.
func kind(id string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Restriction.Kind = decision.Enum(id) }
}
func capacity(c string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Person.Capacity = decision.Enum(c) }
}
func basis(b ...string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Test.Lawful.Basis = b }
}
func screen(id, answer string) func(*decision.Decision) {
	return func(d *decision.Decision) { *d.Screen.Get(id) = decision.Answer(answer) }
}
func part(id, answer string) func(*decision.Decision) {
	return func(d *decision.Decision) { *d.Test.Answer(id) = decision.Answer(answer) }
}
func emergency(d *decision.Decision) { d.Restriction.Emergency = decision.Yes }
func ongoing(d *decision.Decision)   { d.Restriction.Ongoing = decision.Yes }
func within(w time.Duration) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Review.Within = dur(w) }
}
func reviewAt(after time.Duration) func(*decision.Decision) {
	return func(d *decision.Decision) {
		d.Review.Within = decision.Duration{}
		d.Review.At = decision.NewTime(recorded.Add(after))
	}
}
func noReview(d *decision.Decision) { d.Review = decision.Review{} }
func stage(s string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Restriction.Stage = decision.Enum(s) }
}
func scope(s, justification string) func(*decision.Decision) {
	return func(d *decision.Decision) {
		d.Restriction.Scope = decision.Enum(s)
		d.Restriction.BlanketJustification = justification
	}
}
func setting(s string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Setting = decision.Enum(s) }
}
func nation(n string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Nation = decision.Enum(n) }
}
func child(d *decision.Decision) { d.Person.Age = "child" }
func objects(a string) func(*decision.Decision) {
	return func(d *decision.Decision) { d.Person.Objects = decision.Answer(a) }
}

// ruleCase is a decision and the outcome the rules of DESIGN.md section 4
// give it.
type ruleCase struct {
	name    string
	change  []func(*decision.Decision)
	rules   string // the rule ids that fire, in rule order, with each rule's clauses: "A3(unsure) A5"
	light   string // "" means: red if any R rule, amber if any A rule, else green
	verdict string // "" means: as the light, with the amber verdict worked out from the rules
}

// The cases: for every rule, one that fires it with as few others as the
// catalog allows, one for every clause of a rule that has several, and at
// least one where its condition is not met.
var ruleCases = []ruleCase{
	{name: "green", rules: "", light: "green", verdict: "proceed"},

	// R1–R4: a red-line screen answer of yes.
	{name: "R1 degrading yes", change: fs(screen("degrading", "yes")), rules: "R1", light: "red", verdict: "do-not-proceed"},
	{name: "R2 risk to life yes", change: fs(screen("risk_to_life", "yes")), rules: "R2"},
	{name: "R3 discriminatory yes", change: fs(screen("discriminatory", "yes")), rules: "R3"},
	{name: "R4 punitive yes", change: fs(screen("punitive", "yes")), rules: "R4"},
	{name: "R1 silent: degrading no", rules: ""},
	{name: "R1 silent: degrading unsure", change: fs(screen("degrading", "unsure")), rules: "A1(degrading)"},
	{name: "R2 silent: risk to life unsure", change: fs(screen("risk_to_life", "unsure")), rules: "A1(risk_to_life)"},
	{name: "R3 silent: discriminatory unsure", change: fs(screen("discriminatory", "unsure")), rules: "A1(discriminatory)"},
	{name: "R4 silent: punitive unsure", change: fs(screen("punitive", "unsure")), rules: "A1(punitive)"},
	{name: "R1-R4 all yes", change: fs(screen("degrading", "yes"), screen("risk_to_life", "yes"), screen("discriminatory", "yes"), screen("punitive", "yes")), rules: "R1 R2 R3 R4"},

	// R5: covert medication for a person with capacity.
	{name: "R5 covert medication with capacity", change: fs(kind("covert-medication")), rules: "R5 A5"},
	{name: "R5 silent: covert medication, lacks capacity", change: fs(kind("covert-medication"), capacity("lacks"), basis("mca-2005-s5-s6")), rules: "A5 A6"},
	{name: "R5 silent: capacity unknown", change: fs(kind("covert-medication"), capacity("unknown"), basis("common-law-necessity")), rules: "A5 A13"},

	// R6: not lawful, or unsure outside an emergency.
	{name: "R6 lawful no", change: fs(part("lawful", "no")), rules: "R6(no)"},
	{name: "R6 lawful no in an emergency", change: fs(part("lawful", "no"), emergency), rules: "R6(no)"},
	{name: "R6 lawful no without a basis", change: fs(part("lawful", "no"), basis()), rules: "R6(no)"},
	{name: "R6 lawful unsure, not an emergency", change: fs(part("lawful", "unsure")), rules: "R6(unsure)"},
	{name: "R6 silent: lawful unsure in an emergency", change: fs(part("lawful", "unsure"), emergency), rules: "A2(lawful_emergency)"},
	{name: "R6 unsure: emergency yes but ongoing is not an emergency", change: fs(part("lawful", "unsure"), emergency, ongoing), rules: "R6(unsure) A8"},
	{name: "R6 unsure: a never_emergency kind is not an emergency", change: fs(part("lawful", "unsure"), emergency, kind("surveillance")), rules: "R6(unsure) A5"},
	{name: "R6 silent: an emergency at any stage", change: fs(part("lawful", "unsure"), emergency, stage("past")), rules: "A2(lawful_emergency)"},
	{name: "R6 silent: lawful yes", rules: ""},

	// R7: a deprivation of liberty nothing authorises.
	{name: "R7 DoL yes, consent does not authorise it", change: fs(screen("deprivation_of_liberty", "yes")), rules: "R7"},
	{name: "R7 DoL yes, no basis at all", change: fs(screen("deprivation_of_liberty", "yes"), part("lawful", "unsure"), basis(), emergency), rules: "R7 A2(lawful_emergency)"},
	{name: "R7 DoL yes, a DoL basis that does not fit", change: fs(screen("deprivation_of_liberty", "yes"), basis("mha-1983-detention")), rules: "R7 A15"},
	{name: "R7 DoL yes, a care order does not authorise it", change: fs(screen("deprivation_of_liberty", "yes"), child, basis("care-order")), rules: "R7 A9"},
	{name: "R7 silent: a fitting DoL basis", change: fs(screen("deprivation_of_liberty", "yes"), basis("inherent-jurisdiction-order")), rules: "A11"},
	{name: "R7 silent: a free-text basis", change: fs(screen("deprivation_of_liberty", "yes"), basis("consent", "Some Act 2020 s12")), rules: "A3(free_text)"},
	{name: "R7 silent: DoL no", change: fs(basis("inherent-jurisdiction-order")), rules: ""},

	// R8, R9: not justified, not proportionate.
	{name: "R8 justified no", change: fs(part("justified", "no")), rules: "R8"},
	{name: "R8 justified no in an emergency", change: fs(part("justified", "no"), emergency), rules: "R8"},
	{name: "R8 silent: justified unsure", change: fs(part("justified", "unsure")), rules: "A2(justified)"},
	{name: "R9 proportionate no", change: fs(part("proportionate", "no")), rules: "R9"},
	{name: "R9 silent: proportionate unsure", change: fs(part("proportionate", "unsure")), rules: "A2(proportionate)"},

	// R10: not least restrictive outside an emergency.
	{name: "R10 least restrictive no", change: fs(part("least_restrictive", "no")), rules: "R10"},
	{name: "R10 silent in an emergency", change: fs(part("least_restrictive", "no"), emergency), rules: "A4"},
	{name: "R10 emergency yes but ongoing", change: fs(part("least_restrictive", "no"), emergency, ongoing), rules: "R10 A8"},
	{name: "R10 emergency yes but long-term segregation", change: fs(part("least_restrictive", "no"), emergency, kind("long-term-segregation"), setting("mental-health-inpatient"), basis("mha-1983-detention")), rules: "R10 A5"},
	{name: "R10 silent: least restrictive unsure", change: fs(part("least_restrictive", "unsure")), rules: "A2(least_restrictive)"},

	// R11: a blanket rule without a justification.
	{name: "R11 group, no justification", change: fs(scope("group", "")), rules: "R11"},
	{name: "R11 everyone, blank justification", change: fs(scope("everyone", "  \n ")), rules: "R11"},
	{name: "R11 silent: justified group", change: fs(scope("group", "Every resident is at the same risk.")), rules: "A10"},
	{name: "R11 silent: individual", change: fs(scope("individual", "")), rules: ""},

	// R12: capacity law for a person who has capacity.
	{name: "R12 MCA for a person with capacity", change: fs(basis("mca-2005-s5-s6")), rules: "R12 A15"},
	{name: "R12 every power basis needs lack of capacity", change: fs(basis("mca-2005-s5-s6", "welfare-attorney", "care-plan")), rules: "R12 A15"},
	{name: "R12 silent: a free-text basis", change: fs(basis("mca-2005-s5-s6", "Some Act 2020 s12")), rules: "A15"},
	{name: "R12 silent: another power given", change: fs(basis("mca-2005-s5-s6", "consent")), rules: "A15"},
	{name: "R12 silent: the person lacks capacity", change: fs(basis("mca-2005-s5-s6"), capacity("lacks")), rules: "A6"},
	{name: "R12 silent: no power basis", change: fs(basis("care-plan")), rules: "A14"},

	// A1: a red-line screen answer of unsure.
	{name: "A1 degrading unsure", change: fs(screen("degrading", "unsure")), rules: "A1(degrading)", light: "amber", verdict: "not-established"},
	{name: "A1 risk to life unsure", change: fs(screen("risk_to_life", "unsure")), rules: "A1(risk_to_life)"},
	{name: "A1 discriminatory unsure", change: fs(screen("discriminatory", "unsure")), rules: "A1(discriminatory)"},
	{name: "A1 punitive unsure", change: fs(screen("punitive", "unsure")), rules: "A1(punitive)"},
	{name: "A1 every clause", change: fs(screen("punitive", "unsure"), screen("degrading", "unsure"), screen("discriminatory", "unsure"), screen("risk_to_life", "unsure")), rules: "A1(degrading,risk_to_life,discriminatory,punitive)"},
	{name: "A1 silent: every screen answer no or yes", change: fs(screen("punitive", "yes")), rules: "R4"},
	{name: "A1 silent: DoL unsure is not A1", change: fs(screen("deprivation_of_liberty", "unsure")), rules: "A3(unsure)"},
	{name: "A1 with R1", change: fs(screen("degrading", "yes"), screen("risk_to_life", "unsure")), rules: "R1 A1(risk_to_life)"},

	// A2: a part of the test unsure; lawful unsure in an emergency.
	{name: "A2 justified unsure", change: fs(part("justified", "unsure")), rules: "A2(justified)", verdict: "not-established"},
	{name: "A2 proportionate unsure", change: fs(part("proportionate", "unsure")), rules: "A2(proportionate)"},
	{name: "A2 least restrictive unsure", change: fs(part("least_restrictive", "unsure")), rules: "A2(least_restrictive)"},
	{name: "A2 lawful unsure in an emergency", change: fs(part("lawful", "unsure"), emergency), rules: "A2(lawful_emergency)"},
	{name: "A2 every clause", change: fs(part("lawful", "unsure"), emergency, part("justified", "unsure"), part("proportionate", "unsure"), part("least_restrictive", "unsure")), rules: "A2(justified,proportionate,least_restrictive,lawful_emergency)"},
	{name: "A2 silent: lawful unsure outside an emergency", change: fs(part("lawful", "unsure")), rules: "R6(unsure)"},

	// A3: a deprivation of liberty to check.
	{name: "A3 DoL unsure", change: fs(screen("deprivation_of_liberty", "unsure")), rules: "A3(unsure)"},
	{name: "A3 DoL yes with a free-text basis", change: fs(screen("deprivation_of_liberty", "yes"), basis("Some Act 2020 s12")), rules: "A3(free_text)"},
	{name: "A3 DoL no, a dol_check kind (exit restriction)", change: fs(kind("exit-restriction")), rules: "A3(dol_check_kind) A5"},
	{name: "A3 DoL no, a dol_check kind (seclusion)", change: fs(kind("seclusion"), within(time.Hour)), rules: "A3(dol_check_kind) A5"},
	{name: "A3 silent: DoL unsure but authorised", change: fs(screen("deprivation_of_liberty", "unsure"), basis("inherent-jurisdiction-order")), rules: ""},
	{name: "A3 silent: a dol_check kind authorised", change: fs(kind("exit-restriction"), basis("inherent-jurisdiction-order")), rules: "A5"},
	{name: "A3 silent: DoL yes with free text but authorised", change: fs(screen("deprivation_of_liberty", "yes"), basis("inherent-jurisdiction-order", "Some Act 2020 s12")), rules: "A11"},
	{name: "A3 DoL unsure, a DoL basis that does not fit", change: fs(screen("deprivation_of_liberty", "unsure"), basis("mha-1983-detention")), rules: "A3(unsure) A15"},
	{name: "A3 silent: DoL no, not a dol_check kind", rules: ""},

	// A4: least restrictive no in an emergency.
	{name: "A4 least restrictive no in an emergency", change: fs(part("least_restrictive", "no"), emergency), rules: "A4", verdict: "not-established"},
	{name: "A4 silent: least restrictive yes in an emergency", change: fs(emergency), rules: ""},

	// A5: high intensity.
	{name: "A5 physical restraint", change: fs(kind("physical-restraint")), rules: "A5", light: "amber", verdict: "proceed-with-safeguards"},
	{name: "A5 silent: standard intensity", change: fs(kind("search")), rules: ""},
	{name: "A5 silent: minor intensity", change: fs(kind("possessions-restriction")), rules: ""},

	// A6: lacks capacity.
	{name: "A6 lacks capacity", change: fs(capacity("lacks"), basis("welfare-attorney")), rules: "A6", verdict: "proceed-with-safeguards"},
	{name: "A6 silent: has capacity", rules: ""},

	// A7: the person objects, or may.
	{name: "A7 objects", change: fs(objects("yes")), rules: "A7", verdict: "proceed-with-safeguards"},
	{name: "A7 may object", change: fs(objects("unsure")), rules: "A7"},
	{name: "A7 silent: does not object", change: fs(objects("no")), rules: ""},

	// A8: ongoing.
	{name: "A8 ongoing", change: fs(ongoing), rules: "A8", verdict: "proceed-with-safeguards"},
	{name: "A8 silent: an emergency, not ongoing", change: fs(emergency), rules: ""},

	// A9: a child, not a minor kind.
	{name: "A9 child, standard kind", change: fs(child), rules: "A9", verdict: "proceed-with-safeguards"},
	{name: "A9 child, high kind", change: fs(child, kind("physical-restraint")), rules: "A5 A9"},
	{name: "A9 silent: child, minor kind", change: fs(child, kind("possessions-restriction")), rules: ""},
	{name: "A9 silent: adult", rules: ""},

	// A10: a justified setting-wide rule.
	{name: "A10 group with a justification", change: fs(scope("group", "Every resident is at the same risk.")), rules: "A10", verdict: "proceed-with-safeguards"},
	{name: "A10 everyone with a justification", change: fs(scope("everyone", "A ward-wide ligature risk.")), rules: "A10"},
	{name: "A10 silent: individual with a justification", change: fs(scope("individual", "Not needed.")), rules: ""},

	// A11: an authorised deprivation of liberty.
	{name: "A11 DoL authorised", change: fs(screen("deprivation_of_liberty", "yes"), basis("inherent-jurisdiction-order")), rules: "A11", verdict: "proceed-with-safeguards"},
	{name: "A11 DoLS in a care home", change: fs(setting("care-home"), capacity("lacks"), screen("deprivation_of_liberty", "yes"), basis("dols-authorisation")), rules: "A6 A11"},
	{name: "A11 secure accommodation", change: fs(setting("secure-childrens-home"), child, kind("exit-restriction"), screen("deprivation_of_liberty", "yes"), basis("children-act-1989-s25")), rules: "A5 A9 A11"},
	{name: "A11 silent: DoL no with a DoL basis", change: fs(basis("inherent-jurisdiction-order")), rules: ""},
	{name: "A11 silent: DoL basis in another nation", change: fs(nation("scotland"), screen("deprivation_of_liberty", "yes"), basis("inherent-jurisdiction-order")), rules: "R7 A15"},

	// A12: an incomplete record, clause by clause.
	{name: "A12 no rights", change: fs(func(d *decision.Decision) { d.Rights = nil }), rules: "A12(no_rights)", verdict: "not-established"},
	{name: "A12 no basis", change: fs(basis()), rules: "A12(no_basis)"},
	{name: "A12 no alternatives", change: fs(func(d *decision.Decision) { d.Test.LeastRestrictive.Alternatives = nil }), rules: "A12(no_alternatives)"},
	{name: "A12 no views", change: fs(func(d *decision.Decision) { d.Views = decision.Views{Person: " \n", Others: "Mother agrees."} }), rules: "A12(no_views)"},
	{name: "A12 no review", change: fs(noReview), rules: "A12(no_review)"},
	{name: "A12 no duration", change: fs(func(d *decision.Decision) { d.Restriction.Duration = decision.Duration{} }), rules: "A12(no_duration)"},
	{name: "A12 review too late (within)", change: fs(within(7*24*time.Hour + time.Minute)), rules: "A12(review_too_late)"},
	{name: "A12 review too late (at)", change: fs(reviewAt(7*24*time.Hour + time.Minute)), rules: "A12(review_too_late)"},
	{name: "A12 review too late for seclusion", change: fs(kind("seclusion"), within(2*time.Hour+time.Minute)), rules: "A3(dol_check_kind) A5 A12(review_too_late)"},
	{name: "A12 review too late in the past", change: fs(stage("past"), within(8*24*time.Hour)), rules: "A12(review_too_late)"},
	{name: "A12 every clause", change: fs(func(d *decision.Decision) {
		d.Rights, d.Views = nil, decision.Views{}
		d.Test.LeastRestrictive.Alternatives, d.Test.Lawful.Basis = nil, nil
		d.Restriction.Duration = decision.Duration{}
	}, noReview), rules: "A12(no_rights,no_basis,no_alternatives,no_views,no_review,no_duration)"},
	{name: "A12 silent: review exactly at max_review (within)", change: fs(within(7 * 24 * time.Hour)), rules: ""},
	{name: "A12 silent: review exactly at max_review (at)", change: fs(reviewAt(7 * 24 * time.Hour)), rules: ""},
	{name: "A12 silent: seclusion reviewed at 2h", change: fs(kind("seclusion"), within(2*time.Hour)), rules: "A3(dol_check_kind) A5"},
	{name: "A12 silent: review at once", change: fs(within(0)), rules: ""},
	{name: "A12 silent: past, no review and no duration", change: fs(stage("past"), noReview, func(d *decision.Decision) { d.Restriction.Duration = decision.Duration{} }), rules: ""},
	{name: "A12 silent: no basis when lawful is no", change: fs(part("lawful", "no"), basis()), rules: "R6(no)"},
	{name: "A12 silent: no basis when lawful is unsure", change: fs(part("lawful", "unsure"), emergency, basis()), rules: "A2(lawful_emergency)"},
	{name: "A12 silent: no alternatives when least restrictive is no", change: fs(part("least_restrictive", "no"), func(d *decision.Decision) { d.Test.LeastRestrictive.Alternatives = nil }), rules: "R10"},
	{name: "A12 silent: only others' views are missing", change: fs(func(d *decision.Decision) { d.Views.Others = "" }), rules: ""},
	{name: "A12 silent: rights protected are not needed", change: fs(func(d *decision.Decision) { d.Protects = nil }), rules: ""},
	{name: "A12 only protects is not rights engaged", change: fs(func(d *decision.Decision) { d.Rights, d.Protects = nil, []decision.RightRef{{Article: "2"}} }), rules: "A12(no_rights)"},

	// A13: capacity unknown.
	{name: "A13 capacity unknown", change: fs(capacity("unknown"), basis("common-law-necessity")), rules: "A13", verdict: "not-established"},
	{name: "A13 capacity unknown, consent does not fit", change: fs(capacity("unknown")), rules: "A13 A15"},
	{name: "A13 silent: capacity has", rules: ""},
	{name: "A13 silent: capacity lacks", change: fs(capacity("lacks"), basis("common-law-necessity")), rules: "A6"},

	// A14: every basis given is not a power.
	{name: "A14 a care plan", change: fs(basis("care-plan")), rules: "A14", verdict: "not-established"},
	{name: "A14 a care plan and a regulation", change: fs(basis("care-plan", "care-regulation-13")), rules: "A14"},
	{name: "A14 silent: a care plan and consent", change: fs(basis("care-plan", "consent")), rules: ""},
	{name: "A14 silent: a care plan and free text", change: fs(basis("care-plan", "Some Act 2020 s12")), rules: ""},
	{name: "A14 silent: lawful unsure", change: fs(basis("care-plan"), part("lawful", "unsure"), emergency), rules: "A2(lawful_emergency)"},
	{name: "A14 silent: lawful no", change: fs(basis("care-plan"), part("lawful", "no")), rules: "R6(no)"},

	// A15: a known basis that does not fit.
	{name: "A15 setting", change: fs(basis("mha-1983-detention")), rules: "A15", verdict: "not-established"},
	{name: "A15 nation", change: fs(basis("mhcta-2003-other")), rules: "A15"},
	{name: "A15 age", change: fs(basis("care-order")), rules: "A15"},
	{name: "A15 capacity", change: fs(capacity("lacks"), basis("welfare-attorney", "consent")), rules: "A6 A15"},
	{name: "A15 with a fitting basis besides", change: fs(basis("consent", "eia-2006-s93")), rules: "A15"},
	{name: "A15 silent: consent fits in Northern Ireland", change: fs(nation("northern-ireland")), rules: ""},
	{name: "A15 silent: free text only", change: fs(basis("The Something Act")), rules: ""},
}

// fs gathers changes.
func fs(changes ...func(*decision.Decision)) []func(*decision.Decision) { return changes }

// describe writes the findings as a case writes its rules.
func describe(findings []assess.Finding) string {
	var parts []string
	for _, f := range findings {
		s := f.Rule
		if len(f.Clauses) > 0 {
			s += "(" + strings.Join(f.Clauses, ",") + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func expectedLight(rules string) (light, verdict string) {
	var red, amber, notEstablished bool
	for _, r := range strings.Fields(rules) {
		id, _, _ := strings.Cut(r, "(")
		if strings.HasPrefix(id, "R") {
			red = true
			continue
		}
		amber = true
		if slices.Contains([]string{"A1", "A2", "A3", "A4", "A12", "A13", "A14", "A15"}, id) {
			notEstablished = true
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

func TestRules(t *testing.T) {
	c := checklistsCatalog(t)
	names := map[string]bool{}
	for _, tc := range ruleCases {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			d := green()
			for _, change := range tc.change {
				change(d)
			}
			f := assess.Derive(c, d, now)
			if got := describe(assess.Findings(c, d, f)); got != tc.rules {
				t.Errorf("rules %q, want %q", got, tc.rules)
			}
			o := assess.Evaluate(c, d, now)
			wantLight, wantVerdict := expectedLight(tc.rules)
			if tc.light != "" && tc.light != wantLight || tc.verdict != "" && tc.verdict != wantVerdict {
				t.Fatalf("the case contradicts itself: %s %s, but its rules give %s %s", tc.light, tc.verdict, wantLight, wantVerdict)
			}
			if o.Light != wantLight || o.Verdict != wantVerdict {
				t.Errorf("light %s, verdict %s; want %s, %s", o.Light, o.Verdict, wantLight, wantVerdict)
			}
			var ids []string
			for _, r := range strings.Fields(tc.rules) {
				id, _, _ := strings.Cut(r, "(")
				ids = append(ids, id)
			}
			var got []string
			for _, r := range o.Reasons {
				got = append(got, r.Rule)
			}
			if !slices.Equal(got, ids) {
				t.Errorf("outcome reasons %v, want %v", got, ids)
			}
			checkWords(t, c, d, o)
		})
	}
}

// checkWords checks the words of an outcome: one reason a rule, in rule
// order, each a sentence naming the clauses that apply, every placeholder
// filled, and no advice given twice.
func checkWords(t *testing.T, c *catalog.Catalog, d *decision.Decision, o decision.Outcome) {
	t.Helper()
	if !slices.IsSortedFunc(o.Reasons, func(a, b decision.Reason) int {
		return catalog.RuleOrder(a.Rule) - catalog.RuleOrder(b.Rule)
	}) {
		t.Errorf("reasons not in rule order: %v", o.Reasons)
	}
	seen := map[string]bool{}
	findings := assess.Findings(c, d, assess.Derive(c, d, now))
	for i, r := range o.Reasons {
		if seen[r.Rule] {
			t.Errorf("rule %s listed twice", r.Rule)
		}
		seen[r.Rule] = true
		if strings.TrimSpace(r.Text) == "" || !strings.HasSuffix(r.Text, ".") {
			t.Errorf("reason %s is not a sentence ending with a full stop: %q", r.Rule, r.Text)
		}
		if strings.ContainsAny(r.Text, "{}") {
			t.Errorf("reason %s has a placeholder left: %q", r.Rule, r.Text)
		}
		if first := []rune(r.Text)[0]; first >= 'a' && first <= 'z' {
			t.Errorf("reason %s does not begin with a capital: %q", r.Rule, r.Text)
		}
		// Every clause that applies is named, and no other.
		rt := c.Rules.Rules[r.Rule]
		for _, cl := range catalog.RuleClauses[r.Rule] {
			text := clauseWords(rt.Clauses[cl].Text)
			named := strings.Contains(r.Text, text)
			applies := slices.Contains(findings[i].Clauses, cl)
			if named != applies {
				t.Errorf("reason %s: clause %s applies %t, named %t: %q", r.Rule, cl, applies, named, r.Text)
			}
		}
	}
	advice := map[string]bool{}
	for _, a := range o.Advice {
		if advice[a] {
			t.Errorf("advice given twice: %q", a)
		}
		advice[a] = true
		if strings.TrimSpace(a) == "" || strings.ContainsAny(a, "{}") {
			t.Errorf("advice blank or with a placeholder left: %q", a)
		}
	}
}

// clauseWords returns the longest part of a clause's text without a
// placeholder, to look for in a reason.
func clauseWords(text string) string {
	best := ""
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == '{' || r == '}' }) {
		if len(part) > len(best) && !strings.Contains(text, "{"+part+"}") {
			best = part
		}
	}
	return best
}

// TestEveryRuleHasCases checks that the table has, for every rule, a case
// that fires it alone or with as few others as the catalog allows, and one
// named for where it is silent; and a case for every clause.
func TestEveryRuleHasCases(t *testing.T) {
	for _, id := range catalog.RuleIDs {
		fires, silent := false, false
		for _, tc := range ruleCases {
			fired := slices.ContainsFunc(strings.Fields(tc.rules), func(r string) bool {
				rid, _, _ := strings.Cut(r, "(")
				return rid == id
			})
			if fired && strings.HasPrefix(tc.name, id+" ") {
				fires = true
			}
			if !fired && strings.HasPrefix(tc.name, id+" silent") {
				silent = true
			}
		}
		if !fires {
			t.Errorf("no case fires %s", id)
		}
		if !silent {
			t.Errorf("no case where %s is silent", id)
		}
		for _, cl := range catalog.RuleClauses[id] {
			found := slices.ContainsFunc(ruleCases, func(tc ruleCase) bool {
				return tc.rules == id+"("+cl+")" || strings.Contains(tc.rules, id+"("+cl+")")
			})
			if !found {
				t.Errorf("no case fires %s for clause %s alone", id, cl)
			}
		}
	}
}

func TestReasonWords(t *testing.T) {
	c := checklistsCatalog(t)
	for _, tc := range []struct {
		name   string
		change []func(*decision.Decision)
		rule   string
		want   []string
	}{
		{"R5 names the kind", fs(kind("covert-medication")), "R5", []string{"Covert medication may only be used"}},
		{"R6 names its clause", fs(part("lawful", "unsure")), "R6", []string{"The restriction is not shown to be lawful: the legal basis is unsure and this is not an emergency, so there is time to find out."}},
		{"A1 joins its clauses", fs(screen("degrading", "unsure"), screen("punitive", "unsure")), "A1", []string{"The red-line screen is unsure for degrading or inhuman treatment (Article 3); whether the real purpose is punishment, convenience, staffing or cost."}},
		{"A3 names the kind", fs(kind("exit-restriction")), "A3", []string{"A deprivation of liberty is not authorised, and stopping someone leaving can amount to a deprivation of liberty"}},
		{"A5 names the kind", fs(kind("physical-restraint")), "A5", []string{"Physical restraint is a high-intensity restriction."}},
		{"A9 names the kind", fs(child), "A9", []string{"The person is a child, and restriction on going out is not a minor restriction."}},
		{"A11 names the basis", fs(screen("deprivation_of_liberty", "yes"), basis("inherent-jurisdiction-order")), "A11", []string{"This is a deprivation of liberty, and ", " authorises it."}},
		{"A12 names the maximum", fs(within(8 * 24 * time.Hour)), "A12", []string{"The record is incomplete: the review is set later than 7 days after the decision, the longest for restriction on going out."}},
		{"A12 joins its clauses", fs(noReview, func(d *decision.Decision) { d.Views.Person = "" }), "A12", []string{"The record is incomplete: the person's views are not recorded; no review time is set."}},
		{"A14 names the bases", fs(basis("care-plan", "care-regulation-13")), "A14", []string{"Every basis given (Care plan or PBS plan; "}},
		{"A14 names a basis given twice once", fs(basis("care-plan", " Care-Plan ")), "A14", []string{"Every basis given (Care plan or PBS plan) "}},
		{"A15 names why", fs(nation("scotland"), child, basis("mha-1983-detention", "dols-authorisation")), "A15", []string{
			"A basis given does not fit this decision: ",
			"does not apply in Scotland and does not apply in this setting (community)",
			"does not apply in Scotland and does not apply in this setting (community) and is only for adults and is only for a person who lacks capacity for this decision",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := green()
			for _, change := range tc.change {
				change(d)
			}
			o := assess.Evaluate(c, d, now)
			i := slices.IndexFunc(o.Reasons, func(r decision.Reason) bool { return r.Rule == tc.rule })
			if i < 0 {
				t.Fatalf("%s did not fire: %v", tc.rule, o.Reasons)
			}
			for _, w := range tc.want {
				if !strings.Contains(o.Reasons[i].Text, w) {
					t.Errorf("reason %q\nlacks %q", o.Reasons[i].Text, w)
				}
			}
		})
	}
}

func TestAdvice(t *testing.T) {
	c := checklistsCatalog(t)
	count := func(advice []string, text string) int {
		n := 0
		for _, a := range advice {
			if strings.Contains(a, text) {
				n++
			}
		}
		return n
	}
	// Free text: noted once per distinct entry.
	d := green()
	d.Test.Lawful.Basis = decision.StringList{"Some Act 2020 s12", "consent", "Some Act 2020 s12", "Another Act"}
	o := assess.Evaluate(c, d, now)
	if n := count(o.Advice, "Check this is a law that permits the restriction: Some Act 2020 s12."); n != 1 {
		t.Errorf("the free-text advice for one entry given twice appears %d times: %v", n, o.Advice)
	}
	if n := count(o.Advice, "Check this is a law that permits the restriction: Another Act."); n != 1 {
		t.Errorf("the free-text advice for another entry appears %d times: %v", n, o.Advice)
	}
	if o.Light != "green" {
		t.Errorf("a free-text basis beside consent: %s, want green", o.Light)
	}

	// A rule's advice follows it; a clause's advice follows the clause.
	d = green()
	d.Test.Lawful.Answer = "unsure"
	d.Restriction.Emergency = decision.Yes
	o = assess.Evaluate(c, d, now)
	for _, want := range append(c.Rules.Rules["A2"].Advice, c.Rules.Rules["A2"].Clauses["lawful_emergency"].Advice...) {
		if !slices.Contains(o.Advice, want) {
			t.Errorf("advice lacks %q: %v", want, o.Advice)
		}
	}

	// The kind's advice is given unless the light is red.
	d = green()
	d.Restriction.Kind = "seclusion"
	d.Review.Within = dur(time.Hour)
	k, _ := c.Kind("seclusion")
	first := k.AdviceFor(string(d.Setting), string(d.Nation))[0]
	o = assess.Evaluate(c, d, now)
	if !slices.Contains(o.Advice, first) {
		t.Errorf("the kind's advice is not given: %v", o.Advice)
	}
	ended := *d
	ended.EndedAt = decision.NewTime(now)
	if o := assess.Evaluate(c, &ended, now); slices.Contains(o.Advice, first) {
		t.Errorf("the kind's safeguards are given for a restriction that has ended: %v", o.Advice)
	}
	d.Screen.Degrading = "yes"
	o = assess.Evaluate(c, d, now)
	if slices.Contains(o.Advice, first) {
		t.Errorf("the kind's advice is given for a red outcome: %v", o.Advice)
	}

	// Green with no free text and a kind with no advice of its own gives
	// nothing to do beyond the routine.
	d = green()
	d.Restriction.Kind = "community-access-restriction"
	o = assess.Evaluate(c, d, now)
	ck, _ := c.Kind("community-access-restriction")
	if len(o.Reasons) != 0 || len(o.Advice) != len(ck.AdviceFor(string(d.Setting), string(d.Nation))) {
		t.Errorf("green: reasons %v, advice %v", o.Reasons, o.Advice)
	}
}

// TestKindAdviceBySettingAndNation: a kind's safeguards that are for some
// settings or nations only (a school's duty to tell parents, another
// nation's code) are given for decisions there, and not on a ward in
// England; the rest are given everywhere.
func TestKindAdviceBySettingAndNation(t *testing.T) {
	c := checklistsCatalog(t)
	const (
		school   = "In a school in England, record the seclusion"
		nations  = "In Wales, Scotland and Northern Ireland, check the review timetable"
		mhaCode  = "The MHA Code of Practice (England) chapter 26 sets a first medical review"
		useForce = "Mental Health Units (Use of Force) Act 2018"
		// The English Mental Health Act Code's timetable, another nation's
		// code and a hospital's informal patients are for hospitals.
		notDetained = "Seclusion of a person who is not detained"
	)
	has := func(advice []string, s string) bool {
		return slices.ContainsFunc(advice, func(a string) bool { return strings.Contains(a, s) })
	}
	for _, tc := range []struct {
		kind, setting, nation string
		want, not             []string
	}{
		{"seclusion", "mental-health-inpatient", "england", []string{mhaCode}, []string{school, nations}},
		{"seclusion", "acute-hospital", "england", []string{mhaCode}, []string{school, nations}},
		{"seclusion", "school", "england", []string{school}, []string{mhaCode, nations, notDetained}},
		{"seclusion", "mental-health-inpatient", "wales", []string{nations, notDetained}, []string{school, mhaCode}},
		{"seclusion", "special-school", "wales", nil, []string{school, nations, mhaCode, notDetained}},
		{"seclusion", "care-home", "england", nil, []string{mhaCode, school}},
		{"physical-restraint", "mental-health-inpatient", "england", []string{useForce}, nil},
		{"physical-restraint", "care-home", "england", nil, []string{useForce}},
		{"physical-restraint", "mental-health-inpatient", "scotland", nil, []string{useForce}},
	} {
		d := green()
		d.Restriction.Kind = decision.Enum(tc.kind)
		d.Setting, d.Nation = decision.Enum(tc.setting), decision.Enum(tc.nation)
		d.Review.Within = dur(time.Hour)
		o := assess.Evaluate(c, d, now)
		for _, w := range tc.want {
			if !has(o.Advice, w) {
				t.Errorf("%s in a %s in %s: no advice %q in %q", tc.kind, tc.setting, tc.nation, w, o.Advice)
			}
		}
		for _, n := range tc.not {
			if has(o.Advice, n) {
				t.Errorf("%s in a %s in %s: advice %q given", tc.kind, tc.setting, tc.nation, n)
			}
		}
	}
}

func TestReviewDue(t *testing.T) {
	c := checklistsCatalog(t)
	for _, tc := range []struct {
		name   string
		change []func(*decision.Decision)
		want   time.Time
	}{
		{"review.at", fs(reviewAt(5 * time.Hour)), recorded.Add(5 * time.Hour)},
		{"review.at later than max_review", fs(reviewAt(30 * 24 * time.Hour)), recorded.Add(30 * 24 * time.Hour)},
		{"recorded_at + within", fs(within(90 * time.Minute)), recorded.Add(90 * time.Minute)},
		{"recorded_at + within 0", fs(within(0)), recorded},
		{"the kind's default", fs(noReview), recorded.Add(72 * time.Hour)},
		{"the kind's default for seclusion", fs(noReview, kind("seclusion")), recorded.Add(time.Hour)},
		{"the kind's default for covert medication", fs(noReview, kind("covert-medication"), capacity("lacks"), basis("mca-2005-s5-s6")), recorded.Add(7 * 24 * time.Hour)},
		{"the kind's default at stage past", fs(noReview, stage("past")), recorded.Add(72 * time.Hour)},
		{"now when there is no recorded_at", fs(noReview, func(d *decision.Decision) { d.RecordedAt = decision.Time{} }), now.Add(72 * time.Hour)},
		{"now + within when there is no recorded_at", fs(within(time.Hour), func(d *decision.Decision) { d.RecordedAt = decision.Time{} }), now.Add(time.Hour)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := green()
			for _, change := range tc.change {
				change(d)
			}
			if got := assess.Evaluate(c, d, now).ReviewDue; !got.Equal(tc.want) {
				t.Errorf("review_due %v, want %v", got, tc.want)
			}
		})
	}
	// When there is no recorded_at, now (truncated to the second) is taken
	// as recorded_at for A12 too.
	d := green()
	d.RecordedAt = decision.Time{}
	d.Review.Within = decision.Duration{}
	d.Review.At = decision.NewTime(now.Add(7 * 24 * time.Hour))
	if o := assess.Evaluate(c, d, now.Add(999*time.Millisecond)); len(o.Reasons) != 0 {
		t.Errorf("review exactly 7d after now: %v", o.Reasons)
	}
}

// TestUnknownKind checks that a draft with no kind yet is evaluated without
// a panic, with none of the rules that need the kind.
func TestUnknownKind(t *testing.T) {
	c := checklistsCatalog(t)
	d := green()
	d.Restriction.Kind = ""
	d.Person.Age = "child"
	d.Review = decision.Review{}
	o := assess.Evaluate(c, d, now)
	if !o.ReviewDue.Equal(recorded) {
		t.Errorf("review_due %v, want recorded_at", o.ReviewDue)
	}
	for _, r := range o.Reasons {
		if r.Rule == "A5" || r.Rule == "A9" || r.Rule == "R5" {
			t.Errorf("%s fired without a kind", r.Rule)
		}
	}
}

// TestConformanceCases evaluates the conformance suite's cases (copies of
// ../shared/conformance/cases in testdata) and compares the light, the
// verdict, the set of rules and review_due with each case's first line.
func TestConformanceCases(t *testing.T) {
	c := checklistsCatalog(t)
	suiteNow := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	names, _ := filepath.Glob("testdata/conformance/*.yaml")
	if len(names) == 0 {
		t.Fatal("no conformance cases in testdata")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			head, _, _ := strings.Cut(string(data), "\n")
			want := map[string]string{}
			for _, f := range strings.Fields(strings.TrimPrefix(head, "# expect:")) {
				k, v, _ := strings.Cut(f, "=")
				want[k] = v
			}
			d, err := decision.Decode(c, name, data, decision.Options{Now: suiteNow})
			if err != nil {
				t.Fatal(err)
			}
			o := assess.Evaluate(c, d, suiteNow)
			var rules []string
			for _, r := range o.Reasons {
				rules = append(rules, r.Rule)
			}
			slices.Sort(rules)
			got := map[string]string{
				"light": o.Light, "verdict": o.Verdict, "rules": strings.Join(rules, ","),
				"review_due": o.ReviewDue.UTC().Format(time.RFC3339),
			}
			for _, k := range []string{"light", "verdict", "rules", "review_due"} {
				if got[k] != want[k] {
					t.Errorf("%s = %s, want %s", k, got[k], want[k])
				}
			}
			checkWords(t, c, d, o)
		})
	}
}
