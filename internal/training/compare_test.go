package training

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// scenario returns the embedded scenario whose id starts with id.
func scenario(t testing.TB, id string) (*catalog.Catalog, *Scenario) {
	t.Helper()
	c, scenarios := embedded(t)
	s, ok := Find(scenarios, id)
	if !ok {
		t.Fatalf("no scenario %q", id)
	}
	return c, s
}

// modelCopy returns a copy of the scenario's model answers that a test may
// change without touching the scenario.
func modelCopy(t testing.TB, c *catalog.Catalog, s *Scenario) *decision.Decision {
	t.Helper()
	d, err := decision.Decode(c, s.ID+"-copy.yaml", decision.Canonical(s.Model), decision.Options{Now: now})
	if err != nil {
		t.Fatalf("the model does not read back: %v", err)
	}
	return d
}

// ruleList is the rule ids of an outcome, in order.
func ruleList(o decision.Outcome) []string {
	var out []string
	for _, r := range o.Reasons {
		out = append(out, r.Rule)
	}
	return out
}

// TestCompareModelWithItself: a group that gives exactly the model answers
// matches it on every question, in every scenario, and both outcomes are the
// engine's.
func TestCompareModelWithItself(t *testing.T) {
	c, scenarios := embedded(t)
	for _, s := range scenarios {
		t.Run(s.ID, func(t *testing.T) {
			group := modelCopy(t, c, s)
			cmp := Compare(c, s, group, time.UTC, now)
			if cmp.Scenario != s {
				t.Errorf("Scenario = %v, want the scenario compared", cmp.Scenario)
			}
			if len(cmp.Steps) != len(StepIDs) {
				t.Fatalf("%d steps, want one a wizard step (%d)", len(cmp.Steps), len(StepIDs))
			}
			compared := 0
			for i, st := range cmp.Steps {
				if st.ID != StepIDs[i] {
					t.Errorf("step %d is %q, want %q", i, st.ID, StepIDs[i])
				}
				if st.Differs {
					t.Errorf("step %s differs from the model, which is the group's answer", st.ID)
				}
				if st.Teaching != s.Teaching[st.ID] {
					t.Errorf("step %s carries teaching %+v, want the scenario's", st.ID, st.Teaching)
				}
				for _, r := range st.Rows {
					if r.Step != st.ID {
						t.Errorf("row %q of step %s says step %q", r.Question, st.ID, r.Step)
					}
					if r.Group != r.Model {
						t.Errorf("%s: group %q, model %q", r.Question, r.Group, r.Model)
					}
					if r.Compared {
						compared++
						if !r.Same {
							t.Errorf("%s: not the same as itself", r.Question)
						}
					}
				}
			}
			if compared == 0 {
				t.Error("no row was compared")
			}
			want := assess.Evaluate(c, s.Model, now)
			if !reflect.DeepEqual(cmp.ModelOutcome, want) {
				t.Errorf("ModelOutcome = %+v, want the engine's %+v", cmp.ModelOutcome, want)
			}
			if !reflect.DeepEqual(cmp.GroupOutcome, want) {
				t.Errorf("GroupOutcome = %+v, want the model's %+v", cmp.GroupOutcome, want)
			}
		})
	}
}

// TestCompareScreenDiffers: a group that calls the seclusion punitive
// differs from the model on the red-line screen, and only there; that step
// carries the scenario's teaching; the group's outcome is its own (red, R4)
// and the model's is unchanged (amber, A5 and A7).
func TestCompareScreenDiffers(t *testing.T) {
	c, s := scenario(t, "s01")
	group := modelCopy(t, c, s)
	group.Screen.Punitive = decision.Answer(decision.Yes)
	before := decision.Canonical(s.Model)

	cmp := Compare(c, s, group, time.UTC, now)

	for _, st := range cmp.Steps {
		if got, want := st.Differs, st.ID == "screen"; got != want {
			t.Errorf("step %s: Differs = %v, want %v", st.ID, got, want)
		}
		if st.ID != "screen" {
			continue
		}
		if st.Teaching != s.Teaching["screen"] || st.Teaching.Why == "" {
			t.Errorf("the screen step carries %+v, want the scenario's teaching for it", st.Teaching)
		}
		var differing []string
		for _, r := range st.Rows {
			if r.Compared && !r.Same {
				differing = append(differing, r.Question)
				if r.Group != "Yes" || r.Model != "No" {
					t.Errorf("%s: group %q, model %q; want Yes and No", r.Question, r.Group, r.Model)
				}
			}
		}
		if len(differing) != 1 || differing[0] != "Punishment or convenience" {
			t.Errorf("the rows that differ are %q, want only the punitive question", differing)
		}
	}
	if cmp.GroupOutcome.Light != "red" || cmp.GroupOutcome.Verdict != "do-not-proceed" || !slices.Contains(ruleList(cmp.GroupOutcome), "R4") {
		t.Errorf("group outcome %s %s %v, want red do-not-proceed with R4", cmp.GroupOutcome.Light, cmp.GroupOutcome.Verdict, ruleList(cmp.GroupOutcome))
	}
	if o := cmp.ModelOutcome; o.Light != "amber" || o.Verdict != "proceed-with-safeguards" || !slices.Equal(ruleList(o), []string{"A5", "A7"}) {
		t.Errorf("model outcome %s %s %v, want amber proceed-with-safeguards A5, A7", o.Light, o.Verdict, ruleList(o))
	}
	if !reflect.DeepEqual(cmp.GroupOutcome, assess.Evaluate(c, group, now)) {
		t.Error("the group's outcome is not the engine's")
	}
	if string(decision.Canonical(s.Model)) != string(before) {
		t.Error("Compare changed the scenario's model")
	}
}

// TestCompareUnanswered: a group that has answered only what the scenario
// gave it differs on every step it was not given: on the choices, and on the
// views and review, where its blanks leave the record incomplete (A12). Its
// blanks show as (none).
func TestCompareUnanswered(t *testing.T) {
	c, s := scenario(t, "s07")
	cmp := Compare(c, s, s.Start(decision.NewTime(now)), time.UTC, now)
	for _, st := range cmp.Steps {
		if want := !slices.Contains(s.Given, st.ID); st.Differs != want {
			t.Errorf("step %s: Differs = %v, want %v", st.ID, st.Differs, want)
		}
	}
	for _, st := range cmp.Steps {
		if st.ID != "screen" && st.ID != "review" {
			continue
		}
		for _, r := range st.Rows {
			if r.Question == "Who will review it?" || r.Question == "Others' views (family, carer, advocate)" {
				// The model names no reviewer; others' views left blank
				// change no rule.
				if r.Compared {
					t.Errorf("%s: marked, though nothing the model says or the rules need is missing", r.Question)
				}
				continue
			}
			if r.Group != "(none)" || !r.Compared || r.Same {
				t.Errorf("%s: group %q, compared %v, same %v; want an unanswered difference", r.Question, r.Group, r.Compared, r.Same)
			}
		}
	}
	if cmp.Matches() || cmp.SameOutcome() {
		t.Error("a group that answered nothing matches the model")
	}
}

// TestCompareTextAnswers covers the typed answers, which Compare marks only
// where the difference is one of fact (the planned duration, the review time
// and the reviewer) or changes the outcome's reasons: a group whose review
// fired A12 is never told it matches the model, and is told which rule its
// answer brought in.
func TestCompareTextAnswers(t *testing.T) {
	tests := []struct {
		name     string
		scenario string
		change   func(*decision.Decision)
		question string // the row changed
		marked   bool   // shown as differing from the model
		effects  string // the rules the row brings in: "A12" by the group, "model:A7" by the model
		matches  bool   // the group's outcome and reasons are the model's
	}{
		{name: "review later than the kind allows", scenario: "s01", question: "When will it be reviewed?",
			change: func(d *decision.Decision) { d.Review.Within = decision.NewDuration(catalog.Duration(24 * time.Hour)) },
			marked: true, effects: "A12"},
		{name: "no review time", scenario: "s01", question: "When will it be reviewed?",
			change: func(d *decision.Decision) { d.Review.Within = decision.Duration{} },
			marked: true, effects: "A12"},
		{name: "a shorter review", scenario: "s01", question: "When will it be reviewed?",
			change: func(d *decision.Decision) { d.Review.Within = decision.NewDuration(catalog.Duration(time.Hour)) },
			marked: true, matches: true},
		{name: "review time and reviewer both differ", scenario: "s01", question: "When will it be reviewed?",
			change: func(d *decision.Decision) {
				d.Review.Within, d.Review.By = decision.NewDuration(catalog.Duration(24*time.Hour)), "Ward manager"
			},
			marked: true, effects: "A12"},
		{name: "another reviewer", scenario: "s01", question: "Who will review it?",
			change: func(d *decision.Decision) { d.Review.By = "Ward manager" },
			marked: true, matches: true},
		{name: "no reviewer", scenario: "s01", question: "Who will review it?",
			change: func(d *decision.Decision) { d.Review.By = "" },
			marked: true, matches: true},
		{name: "the reviewer in other case and punctuation", scenario: "s01", question: "Who will review it?",
			change:  func(d *decision.Decision) { d.Review.By = "nurse-in-charge" },
			matches: true},
		{name: "a reviewer where the model names none", scenario: "s07", question: "Who will review it?",
			change:  func(d *decision.Decision) { d.Review.By = "Head of year" },
			matches: true},
		{name: "no planned duration", scenario: "s01", question: "How long, until it ends or is reviewed?",
			change: func(d *decision.Decision) { d.Restriction.Duration = decision.Duration{} },
			marked: true, effects: "A12"},
		{name: "the person's views left blank", scenario: "s01", question: "The person's views, in their words",
			change: func(d *decision.Decision) { d.Views.Person = "" },
			marked: true, effects: "A12"},
		{name: "the person's views in other words", scenario: "s01", question: "The person's views, in their words",
			change:  func(d *decision.Decision) { d.Views.Person = "Wants to be left alone." },
			matches: true},
		{name: "an evidence note left blank", scenario: "s01", question: "The harm being prevented (what, to whom, how serious, how soon) and the evidence for it",
			change:  func(d *decision.Decision) { d.Test.Justified.Note = "" },
			matches: true},
		{name: "a choice that keeps a rule out", scenario: "s01", question: "Does the person, or their representative, object?",
			change: func(d *decision.Decision) { d.Person.Objects = decision.Answer(decision.No) },
			marked: true, effects: "model:A7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := scenario(t, tt.scenario)
			group := modelCopy(t, c, s)
			tt.change(group)
			cmp := Compare(c, s, group, time.UTC, now)
			var row *Row
			var step StepComparison
			for _, st := range cmp.Steps {
				for i := range st.Rows {
					if st.Rows[i].Question == tt.question {
						row, step = &st.Rows[i], st
					}
				}
			}
			if row == nil {
				t.Fatalf("no row %q", tt.question)
			}
			if got := row.Compared && !row.Same; got != tt.marked {
				t.Errorf("%s: marked as differing = %v, want %v (group %q, model %q)", tt.question, got, tt.marked, row.Group, row.Model)
			}
			if step.Differs != tt.marked {
				t.Errorf("step %s: Differs = %v, want %v", step.ID, step.Differs, tt.marked)
			}
			var effects []string
			for _, e := range row.Effects {
				id := e.Rule
				if e.Model {
					id = "model:" + id
				}
				effects = append(effects, id)
				if e.Text == "" {
					t.Errorf("effect %s has no sentence", id)
				}
			}
			if got := strings.Join(effects, " "); got != tt.effects {
				t.Errorf("effects %q, want %q", got, tt.effects)
			}
			if cmp.Matches() != tt.matches {
				t.Errorf("Matches() = %v, want %v: group %v, model %v", cmp.Matches(), tt.matches, ruleList(cmp.GroupOutcome), ruleList(cmp.ModelOutcome))
			}
			// Only the differences in the rows named may show: nothing else
			// was changed.
			for _, st := range cmp.Steps {
				if st.ID != step.ID && st.Differs {
					t.Errorf("step %s differs, though only %q was changed", st.ID, tt.question)
				}
			}
		})
	}
}

// TestCompareReasons: the rules only one side's outcome gives are listed,
// each side's on its own; a rule both give for other clauses is on both.
func TestCompareReasons(t *testing.T) {
	c, s := scenario(t, "s01")
	late := modelCopy(t, c, s)
	late.Review.Within = decision.NewDuration(catalog.Duration(24 * time.Hour))
	cmp := Compare(c, s, late, time.UTC, now)
	if got := ruleList(decision.Outcome{Reasons: cmp.OnlyGroup}); !slices.Equal(got, []string{"A12"}) {
		t.Errorf("OnlyGroup %v, want [A12]", got)
	}
	if len(cmp.OnlyModel) != 0 {
		t.Errorf("OnlyModel %v, want none", ruleList(decision.Outcome{Reasons: cmp.OnlyModel}))
	}
	if cmp.SameOutcome() {
		t.Error("not established and proceed with safeguards are the same outcome")
	}

	// Both records incomplete, for other gaps: A12 on both sides.
	model := modelCopy(t, c, s)
	model.Views.Person = ""
	s2 := *s
	s2.Model = model
	cmp = Compare(c, &s2, late, time.UTC, now)
	if !slices.Equal(ruleList(decision.Outcome{Reasons: cmp.OnlyGroup}), []string{"A12"}) || !slices.Equal(ruleList(decision.Outcome{Reasons: cmp.OnlyModel}), []string{"A12"}) {
		t.Errorf("OnlyGroup %v, OnlyModel %v; want A12 on both", ruleList(decision.Outcome{Reasons: cmp.OnlyGroup}), ruleList(decision.Outcome{Reasons: cmp.OnlyModel}))
	}
	if !cmp.SameOutcome() || cmp.Matches() {
		t.Errorf("SameOutcome %v, Matches %v; want the same outcome for other reasons", cmp.SameOutcome(), cmp.Matches())
	}
}

// roomFiles reads the answer files in testdata/room: five tables' answers to
// s01, small variations of the model:
//
//	table  lawful  rights           punitive  outcome
//	1      yes     3, 8, 2, 14      no        amber, proceed with safeguards (A5, A7)
//	2      yes     3, 8             no        amber, proceed with safeguards
//	3      yes     3, 8, 2, 14, 5   no        amber, proceed with safeguards
//	4      unsure  3, 8, 2, 14      no        amber, not established (A2: unsure in an emergency)
//	5      unsure  8, 5             yes       red, do not proceed (R4)
//
// Table 3's rights are the model's with Article 5, which s01 also accepts.
func roomFiles(t testing.TB, c *catalog.Catalog) []*decision.Decision {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "room", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 5 {
		t.Fatalf("testdata/room holds %d answer files, want 5", len(names))
	}
	var out []*decision.Decision
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := decision.Decode(c, name, data, decision.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestRoom tallies the five tables' answers, with every count worked out by
// hand from the table in roomFiles.
func TestRoom(t *testing.T) {
	c, s := scenario(t, "s01")
	r := Room(c, s, roomFiles(t, c), time.UTC, now)

	if r.Scenario != s || r.ScenarioID != s.ID || r.Files != 5 {
		t.Errorf("scenario %q, files %d; want %q and 5", r.ScenarioID, r.Files, s.ID)
	}
	if want := map[string]int{"amber": 4, "red": 1}; !reflect.DeepEqual(r.Lights, want) {
		t.Errorf("Lights = %v, want %v", r.Lights, want)
	}
	if want := map[string]int{"proceed-with-safeguards": 3, "not-established": 1, "do-not-proceed": 1}; !reflect.DeepEqual(r.Verdicts, want) {
		t.Errorf("Verdicts = %v, want %v", r.Verdicts, want)
	}
	if r.ModelLight != "amber" || r.ModelVerdict != "proceed-with-safeguards" || r.Model.Light != "amber" {
		t.Errorf("model %s %s, want amber proceed-with-safeguards", r.ModelLight, r.ModelVerdict)
	}

	tests := []struct {
		step, question string
		multi          bool
		counts         map[string]int // every option not named has 0
		model          []string
		accepted       []string // the options the scenario also accepts
		split          bool
		agree          int
	}{
		{step: "context", question: "Nation",
			counts: map[string]int{"england": 5}, model: []string{"england"}, split: false, agree: 5},
		{step: "context", question: "Does the person, or their representative, object?",
			counts: map[string]int{"yes": 5}, model: []string{"yes"}, split: false, agree: 5},
		{step: "rights", question: "Rights it engages", multi: true,
			counts: map[string]int{"3": 4, "8": 5, "2": 3, "14": 3, "5": 2}, model: []string{"2", "3", "8", "14"}, accepted: []string{"5"}, split: true, agree: 3},
		{step: "rights", question: "Rights it protects (often Article 2 or 3)", multi: true,
			counts: map[string]int{"2": 5, "3": 5}, model: []string{"2", "3"}, split: false, agree: 5},
		{step: "screen", question: "Punishment or convenience",
			counts: map[string]int{"no": 4, "yes": 1}, model: []string{"no"}, split: true, agree: 4},
		{step: "screen", question: "Degrading or inhuman treatment",
			counts: map[string]int{"no": 5}, model: []string{"no"}, split: false, agree: 5},
		{step: "lawful", question: "Lawful: " + mustPart(t, c, "lawful").Question,
			counts: map[string]int{"yes": 3, "unsure": 2}, model: []string{"yes"}, split: true, agree: 3},
		{step: "lawful", question: "Legal basis", multi: true,
			counts: map[string]int{"mha-1983-detention": 5}, model: []string{"mha-1983-detention"}, split: false, agree: 5},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			i := slices.IndexFunc(r.Tallies, func(x Tally) bool { return x.Step == tt.step && x.Question == tt.question })
			if i < 0 {
				t.Fatalf("no tally for %s / %q", tt.step, tt.question)
			}
			got := r.Tallies[i]
			if got.Multi != tt.multi || got.Answered != 5 || got.Split != tt.split || got.AgreeWithModel != tt.agree {
				t.Errorf("multi %v, answered %d, split %v, agree %d; want %v, 5, %v, %d",
					got.Multi, got.Answered, got.Split, got.AgreeWithModel, tt.multi, tt.split, tt.agree)
			}
			seen := map[string]bool{}
			total := 0
			for _, o := range got.Options {
				if seen[o.Value] {
					t.Errorf("option %q listed twice", o.Value)
				}
				seen[o.Value] = true
				if o.Count != tt.counts[o.Value] {
					t.Errorf("%q (%s): %d, want %d", o.Value, o.Label, o.Count, tt.counts[o.Value])
				}
				if o.Model != slices.Contains(tt.model, o.Value) {
					t.Errorf("%q: Model = %v", o.Value, o.Model)
				}
				if o.Accepted != slices.Contains(tt.accepted, o.Value) {
					t.Errorf("%q: Accepted = %v", o.Value, o.Accepted)
				}
				if o.Label == "" {
					t.Errorf("%q has no label", o.Value)
				}
				total += o.Count
			}
			for v := range tt.counts {
				if !seen[v] {
					t.Errorf("no option %q", v)
				}
			}
			if !tt.multi && total != got.Answered {
				t.Errorf("the counts of a one-answer question add up to %d, not the %d who answered", total, got.Answered)
			}
		})
	}

	// The basis question offers the bases that fit the model's setting; an
	// answer none of them names still gets a line of its own.
	if i := slices.IndexFunc(r.Tallies, func(x Tally) bool { return x.Question == "Legal basis" }); i >= 0 {
		if len(r.Tallies[i].Options) < 2 {
			t.Errorf("the basis question offers %d options", len(r.Tallies[i].Options))
		}
	}
	// Free-text questions are not tallied.
	for _, tl := range r.Tallies {
		if tl.Question == "What is the restriction?" || tl.Question == "Person's reference" {
			t.Errorf("free text tallied: %q", tl.Question)
		}
	}
}

// TestRoomOtherAnswers: an answer the model's options do not include (a
// basis that does not fit the model's setting, a typed alternative) is
// counted under its own value.
func TestRoomOtherAnswers(t *testing.T) {
	c, s := scenario(t, "s01")
	a, b := modelCopy(t, c, s), modelCopy(t, c, s)
	b.Test.LeastRestrictive.Alternatives = append(b.Test.LeastRestrictive.Alternatives, "music")
	r := Room(c, s, []*decision.Decision{a, b}, time.UTC, now)
	i := slices.IndexFunc(r.Tallies, func(x Tally) bool { return x.Step == "least_restrictive" && x.Multi })
	if i < 0 {
		t.Fatal("no tally of the alternatives")
	}
	tl := r.Tallies[i]
	j := slices.IndexFunc(tl.Options, func(o OptionCount) bool { return o.Value == "music" })
	if j < 0 || tl.Options[j].Count != 1 || tl.Options[j].Model || tl.Options[j].Label != "music" {
		t.Errorf("the typed alternative: %+v", tl.Options)
	}
	if !tl.Split || tl.AgreeWithModel != 1 || tl.Answered != 2 {
		t.Errorf("split %v, agree %d, answered %d; want true, 1, 2", tl.Split, tl.AgreeWithModel, tl.Answered)
	}
}

func mustPart(t testing.TB, c *catalog.Catalog, id string) *catalog.Part {
	t.Helper()
	p, ok := c.Part(id)
	if !ok {
		t.Fatalf("no part %q", id)
	}
	return p
}

// TestCompareAlsoAccepted: a right the scenario also accepts (one the kind
// suggests and the model leaves out, for reasons its teaching point gives)
// does not make a group's rights differ from the model's, and the step's
// teaching point is shown to say why; a right it does not accept, or a
// right of the model's left out, still differs.
func TestCompareAlsoAccepted(t *testing.T) {
	tests := []struct {
		name     string
		scenario string
		rights   []string
		same     bool // the rights row is the model's
		accepted bool // the group gave an answer the scenario also accepts
	}{
		{name: "the model's rights", scenario: "s01", rights: []string{"3", "8", "2", "14"}, same: true},
		{name: "the model's rights and Article 5, which the kind suggests", scenario: "s01", rights: []string{"3", "8", "2", "14", "5"}, same: true, accepted: true},
		{name: "the kind's suggestion alone: Article 14 missing", scenario: "s01", rights: []string{"3", "8", "5", "2"}},
		{name: "the model's rights and Article 10, not accepted", scenario: "s01", rights: []string{"3", "8", "2", "14", "10"}},
		{name: "Article 5 in place of Article 14", scenario: "s01", rights: []string{"3", "8", "2", "5"}},
		{name: "covert medication and Article 9", scenario: "s03", rights: []string{"8", "3", "14", "9"}, same: true, accepted: true},
		{name: "a visiting ban and Article 11", scenario: "s09", rights: []string{"8", "14", "11"}, same: true, accepted: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := scenario(t, tt.scenario)
			group := modelCopy(t, c, s)
			group.Rights = nil
			for _, a := range tt.rights {
				group.Rights = append(group.Rights, decision.RightRef{Article: a})
			}
			cmp := Compare(c, s, group, time.UTC, now)
			i := slices.IndexFunc(cmp.Steps, func(st StepComparison) bool { return st.ID == "rights" })
			st := cmp.Steps[i]
			j := slices.IndexFunc(st.Rows, func(r Row) bool { return r.Question == "Rights it engages" })
			if j < 0 {
				t.Fatalf("no row for the rights engaged in %+v", st.Rows)
			}
			r := st.Rows[j]
			if !r.Compared || r.Same != tt.same || r.Accepted != tt.accepted {
				t.Errorf("compared %v, same %v, accepted %v; want true, %v, %v", r.Compared, r.Same, r.Accepted, tt.same, tt.accepted)
			}
			if r.AlsoAccepted == "" {
				t.Error("the row does not name the answers the scenario also accepts")
			}
			if st.Differs == tt.same {
				t.Errorf("the step differs = %v, want %v", st.Differs, !tt.same)
			}
			if want := !tt.same || tt.accepted; st.Explained() != want {
				t.Errorf("the teaching point is shown = %v, want %v", st.Explained(), want)
			}
			if tt.same && !cmp.Matches() {
				t.Errorf("the group does not match the model: only the group %v, only the model %v", cmp.OnlyGroup, cmp.OnlyModel)
			}
		})
	}
}

// TestCompareAlsoAcceptedShown: the comparison says which answers are also
// accepted and shows the teaching point, though the group matches the model.
func TestCompareAlsoAcceptedShown(t *testing.T) {
	c, s := scenario(t, "s01")
	group := modelCopy(t, c, s)
	group.Rights = append(group.Rights, decision.RightRef{Article: "5"})
	var b bytes.Buffer
	if err := WriteComparison(&b, Compare(c, s, group, time.UTC, now), c, plainLayout(80, false)); err != nil {
		t.Fatal(err)
	}
	// Words, not lines: what matters is said, wherever it wraps.
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{"Rights engaged matches the model", "✓ Rights it engages",
		"Also accepted: Article 5: Right to liberty and security (see the teaching point)",
		"So the model answer does not list Article 5, but a group that keeps it is not wrong"} {
		if !strings.Contains(out, want) {
			t.Errorf("the comparison lacks %q:\n%s", want, b.String())
		}
	}
}
