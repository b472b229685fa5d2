package training

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/wizard"
)

// Row is one question of the side-by-side comparison of a group's answers
// with the model's.
type Row struct {
	Step     string
	Question string
	Group    string
	Model    string
	// Compared is true for an answer marked as the model's or not: a choice,
	// the planned duration, the review time and the reviewer (see
	// [factQuestions]), and typed words whose difference changes the
	// outcome's reasons (the person's views left blank). Other typed words
	// are the group's own, shown but not marked.
	Compared bool
	Same     bool
	// AlsoAccepted names the answers the scenario accepts besides the
	// model's ("" for none), and Accepted is true where the group's answer
	// is the model's with some of them added: the same as the model's, not
	// the model's exact answer, for reasons the step's teaching point gives.
	AlsoAccepted string
	Accepted     bool
	// Effects are why a difference matters: the rules the group's answer
	// brings in, and those the model's answer would bring in in its place.
	Effects []Effect
}

// Explained reports whether the step's teaching point is for the group: its
// answers differ from the model's, or give answers the model leaves out
// that the scenario accepts.
func (st StepComparison) Explained() bool {
	return st.Differs || slices.ContainsFunc(st.Rows, func(r Row) bool { return r.Accepted })
}

// Effect is a rule that one answer brings in: the group's answer, or the
// model's put in its place with the rest of the group's answers unchanged.
// A rule that applies either way for other reasons is an effect only where
// the answer adds a clause to it (A12 names each gap in a record).
type Effect struct {
	Rule string
	// Text is the rule's sentence for the decision it applies to.
	Text string
	// Model is true for a rule the model's answer would bring in, false for
	// one the group's answer brings in.
	Model bool
}

// StepComparison is one step of the comparison, with the teaching points to
// show where the group and the model differ.
type StepComparison struct {
	ID       string
	Title    string
	Rows     []Row
	Differs  bool
	Teaching Teaching
}

// Comparison is a group's answers beside the model's, step by step, with
// both outcomes.
type Comparison struct {
	Scenario     *Scenario
	Steps        []StepComparison
	GroupOutcome decision.Outcome
	ModelOutcome decision.Outcome
	// OnlyGroup are the reasons of the group's outcome that the model's lacks,
	// and OnlyModel the reverse. A rule both give for other clauses (A12 for
	// another gap in the record) is in both.
	OnlyGroup []decision.Reason
	OnlyModel []decision.Reason
}

// SameOutcome reports whether the group reached the model's light and
// verdict.
func (c Comparison) SameOutcome() bool {
	return c.GroupOutcome.Light == c.ModelOutcome.Light && c.GroupOutcome.Verdict == c.ModelOutcome.Verdict
}

// Matches reports whether the group reached the model's outcome for the
// model's reasons: only then may the comparison say the group matches it.
func (c Comparison) Matches() bool {
	return c.SameOutcome() && len(c.OnlyGroup) == 0 && len(c.OnlyModel) == 0
}

// factQuestions are the one-line answers compared with the model's as facts:
// how long the restriction lasts, when it is reviewed and by whom. The other
// one-line answers say who wrote the record (a role, a name, a ward, a
// reference), not what was decided.
var factQuestions = []string{"restriction.duration", "review", "review.by"}

// Compare sets a group's decision beside the scenario's model, question by
// question, using the wizard's own questions so what is compared is what was
// asked. Where an answer differs, it works out which rules the difference
// brings in, by putting the model's answer in the group's place.
func Compare(c *catalog.Catalog, s *Scenario, group *decision.Decision, loc *time.Location, now time.Time) Comparison {
	cmp := Comparison{Scenario: s,
		GroupOutcome: assess.Evaluate(c, group, now),
		ModelOutcome: assess.Evaluate(c, s.Model, now)}
	cmp.OnlyGroup = missingFrom(cmp.GroupOutcome.Reasons, cmp.ModelOutcome.Reasons)
	cmp.OnlyModel = missingFrom(cmp.ModelOutcome.Reasons, cmp.GroupOutcome.Reasons)
	groupFindings := assess.Findings(c, group, assess.Derive(c, group, now))
	for _, st := range wizard.Steps(c, loc) {
		sc := StepComparison{ID: st.ID, Title: st.Title, Teaching: s.Teaching[st.ID]}
		for qi := range st.Questions {
			q := &st.Questions[qi]
			if !q.Asked(group) && !q.Asked(s.Model) {
				continue
			}
			g, m := q.Get(group), q.Get(s.Model)
			row := Row{Step: st.ID, Question: q.Title, Group: label(q, group, g), Model: label(q, s.Model, m)}
			also := s.AlsoAccepted[q.ID]
			if len(also) > 0 {
				row.AlsoAccepted = label(q, s.Model, also)
			}
			row.Same = sameSet(g, m)
			if !row.Same {
				row.Effects = effects(c, group, cmp.GroupOutcome, groupFindings, q, m, now)
				row.Same = acceptable(g, m, also)
				row.Accepted = row.Same
			}
			switch {
			case q.Kind == wizard.Choice || q.Kind == wizard.Choices:
				row.Compared = true
			case slices.Contains(factQuestions, q.ID):
				// Where the model names no reviewer, naming one is no
				// difference to mark.
				row.Compared = !blank(m) || len(row.Effects) > 0
			default:
				row.Compared = len(row.Effects) > 0
			}
			if !row.Compared {
				row.Same = false
			} else if !row.Same {
				sc.Differs = true
			}
			sc.Rows = append(sc.Rows, row)
		}
		cmp.Steps = append(cmp.Steps, sc)
	}
	return cmp
}

// acceptable reports whether a group's answers are the model's once the
// answers the scenario also accepts, and the model leaves out, are set
// aside.
func acceptable(group, model, also []string) bool {
	if len(also) == 0 {
		return false
	}
	rest := slices.DeleteFunc(slices.Clone(group), func(v string) bool {
		is := func(x string) bool { return sameAnswer(x, v) }
		return slices.ContainsFunc(also, is) && !slices.ContainsFunc(model, is)
	})
	return sameSet(rest, model)
}

// sameAnswer is sameSet for one answer.
func sameAnswer(a, b string) bool { return sameSet([]string{a}, []string{b}) }

// missingFrom returns the reasons of a that b does not give word for word.
func missingFrom(a, b []decision.Reason) []decision.Reason {
	var out []decision.Reason
	for _, r := range a {
		if !slices.Contains(b, r) {
			out = append(out, r)
		}
	}
	return out
}

// effects puts the model's answer to q in place of the group's, in a copy of
// the group's decision, and returns the rules that change: those the group's
// answer brings in (or adds a clause to), then those the model's would.
// Nothing is returned where the model's answer does not fit the group's
// other answers (a basis for another setting).
func effects(c *catalog.Catalog, group *decision.Decision, groupOutcome decision.Outcome, groupFindings []assess.Finding, q *wizard.Question, model []string, now time.Time) []Effect {
	alt, err := decision.Decode(c, group.File(), decision.Canonical(group), decision.Options{Draft: true, Now: now})
	if err != nil {
		return nil
	}
	if err := q.Set(alt, model); err != nil {
		return nil
	}
	altOutcome := assess.Evaluate(c, alt, now)
	altFindings := assess.Findings(c, alt, assess.Derive(c, alt, now))
	var out []Effect
	add := func(from, to []assess.Finding, reasons []decision.Reason, byModel bool) {
		for _, f := range from {
			i := slices.IndexFunc(to, func(x assess.Finding) bool { return x.Rule == f.Rule })
			if i >= 0 && !slices.ContainsFunc(f.Clauses, func(cl string) bool { return !slices.Contains(to[i].Clauses, cl) }) {
				continue
			}
			if j := slices.IndexFunc(reasons, func(r decision.Reason) bool { return r.Rule == f.Rule }); j >= 0 {
				out = append(out, Effect{Rule: f.Rule, Text: reasons[j].Text, Model: byModel})
			}
		}
	}
	add(groupFindings, altFindings, groupOutcome.Reasons, false)
	add(altFindings, groupFindings, altOutcome.Reasons, true)
	return out
}

func blank(v []string) bool {
	return !slices.ContainsFunc(v, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// label shows an answer as the wizard named it.
func label(q *wizard.Question, d *decision.Decision, values []string) string {
	if len(values) == 0 {
		return "(none)"
	}
	if q.Options == nil {
		return strings.Join(values, "; ")
	}
	opts := q.Options(d)
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v
		for _, o := range opts {
			if o.Value == v {
				out[i] = o.Label
			}
		}
	}
	return strings.Join(out, "; ")
}

// sameSet reports whether two answers name the same things, ignoring order,
// case and punctuation ("talk down" is the model's "talk-down").
func sameSet(a, b []string) bool {
	return slices.Equal(normalised(a), normalised(b))
}

func normalised(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), " ")
	}
	slices.Sort(out)
	return out
}

// Tally is how a room answered one question.
type Tally struct {
	Step     string `json:"step"`
	Question string `json:"question"`
	// Multi is a question with several answers (the rights): counts are of
	// those who ticked each option.
	Multi    bool          `json:"multi,omitempty"`
	Options  []OptionCount `json:"answers"`
	Answered int           `json:"answered"`
	// Split is true when the room did not all give the same answer.
	Split bool `json:"split"`
	// AgreeWithModel is how many gave the model's answer, or the model's
	// with answers the scenario also accepts (AlsoAccepted).
	AgreeWithModel int  `json:"agree_with_model"`
	AlsoAccepted   bool `json:"also_accepted,omitempty"`
}

// OptionCount is how many in the room chose one option.
type OptionCount struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
	Model bool   `json:"model"` // the model answer chose it
	// Accepted is an option the model leaves out that the scenario accepts.
	Accepted bool `json:"also_accepted,omitempty"`
}

// RoomSummary is how a whole room answered a scenario.
type RoomSummary struct {
	Scenario     *Scenario        `json:"-"`
	ScenarioID   string           `json:"scenario"`
	Files        int              `json:"files"`
	Tallies      []Tally          `json:"questions"`
	Lights       map[string]int   `json:"lights"`
	Verdicts     map[string]int   `json:"verdicts"`
	ModelLight   string           `json:"model_light"`
	ModelVerdict string           `json:"model_verdict"`
	Model        decision.Outcome `json:"-"`
}

// Room tallies a room's answers to a scenario, question by question, and the
// spread of their outcomes.
func Room(c *catalog.Catalog, s *Scenario, answers []*decision.Decision, loc *time.Location, now time.Time) RoomSummary {
	r := RoomSummary{Scenario: s, ScenarioID: s.ID, Files: len(answers), Lights: map[string]int{}, Verdicts: map[string]int{},
		Model: assess.Evaluate(c, s.Model, now)}
	r.ModelLight, r.ModelVerdict = r.Model.Light, r.Model.Verdict
	for _, d := range answers {
		o := assess.Evaluate(c, d, now)
		r.Lights[o.Light]++
		r.Verdicts[o.Verdict]++
	}
	for _, st := range wizard.Steps(c, loc) {
		for qi := range st.Questions {
			q := &st.Questions[qi]
			if q.Kind != wizard.Choice && q.Kind != wizard.Choices {
				continue
			}
			t := Tally{Step: st.ID, Question: q.Title, Multi: q.Kind == wizard.Choices}
			model := q.Get(s.Model)
			also := s.AlsoAccepted[q.ID]
			t.AlsoAccepted = len(also) > 0
			opts := q.Options(s.Model)
			counts := map[string]int{}
			var distinct []string
			for _, d := range answers {
				if !q.Asked(d) {
					continue
				}
				vals := q.Get(d)
				if len(vals) == 0 && !t.Multi {
					continue
				}
				t.Answered++
				key := strings.Join(sortedCopy(vals), ",")
				if !slices.Contains(distinct, key) {
					distinct = append(distinct, key)
				}
				if sameSet(vals, model) || acceptable(vals, model, also) {
					t.AgreeWithModel++
				}
				for _, v := range vals {
					counts[v]++
					if !slices.ContainsFunc(opts, func(o wizard.Option) bool { return o.Value == v }) {
						opts = append(opts, wizard.Option{Value: v, Label: v})
					}
				}
			}
			if t.Answered == 0 && !q.Asked(s.Model) {
				continue
			}
			t.Split = len(distinct) > 1
			for _, o := range opts {
				t.Options = append(t.Options, OptionCount{Value: o.Value, Label: o.Label, Count: counts[o.Value], Model: slices.Contains(model, o.Value),
					Accepted: slices.Contains(also, o.Value)})
			}
			r.Tallies = append(r.Tallies, t)
		}
	}
	return r
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
