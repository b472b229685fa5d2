// Package wizard asks a practitioner for a decision, one short step at a time:
// the context, the restriction, the rights it engages, the red-line screen,
// the four parts of the test, the views and the review, then a summary with
// the live outcome.
//
// The steps are data ([Steps]): each question says what it asks, which
// choices it offers (drawn from the catalog and the answers so far), when it
// applies, and how its answer is read into the decision. Two front ends ask
// the same steps: the full-screen wizard (bubbletea and huh, [Run]) and the
// accessible line prompter ([Prompter]), one plain question a line, for
// screen readers and scripts. For the same answers both build the same
// decision. The wizard holds no rules: it calls internal/assess for the live
// outcome and internal/render for the rationale, and it never touches files;
// saving drafts and records is the caller's job (see [Hooks]).
package wizard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// QuestionKind is how a question is answered.
type QuestionKind int

// The kinds of question.
const (
	Choice  QuestionKind = iota // pick one option
	Choices                     // pick any number of options (and, with Other, type more)
	Line                        // one line of text
	Lines                       // text of several lines
)

// Option is one choice of a Choice or Choices question.
type Option struct {
	Value string
	Label string
	Help  string // shown as the cursor moves over it
}

// Question is one question of a step, bound to a field of the decision.
type Question struct {
	ID       string // the field path it answers, e.g. person.ref
	Title    string
	Help     string
	Guide    []string // longer help: prompts that help the practitioner think
	Kind     QuestionKind
	Required bool
	// Other lets a Choices question take typed entries besides its options.
	Other bool
	// ByValue lists the options by their values rather than by number, for
	// answers that have short ids of their own (the rights: 8, P1-1).
	ByValue bool
	// Placeholder is an example answer for a Line question.
	Placeholder string
	Options     func(d *decision.Decision) []Option
	// Applies says whether the question is asked, given the answers so far;
	// nil means always.
	Applies func(d *decision.Decision) bool
	// Get returns the current answer: one value for Choice, Line and Lines,
	// any number for Choices.
	Get func(d *decision.Decision) []string
	// Set reads an answer into the decision, or says why it is not valid.
	Set func(d *decision.Decision, values []string) error
	// Warn, when set, doubts an answer that is allowed but may be a
	// mistake (a reference that looks like a person's name): the question
	// says why and asks again, and the same answer given again is kept.
	Warn func(values []string) string
}

// doubt is what a question says of an answer it doubts, once: "" when the
// answer is not doubted, or is the one already doubted (given again, so
// meant).
func (q *Question) doubt(values []string, doubted *string) string {
	if q.Warn == nil {
		return ""
	}
	answer := strings.Join(values, "\n")
	w := q.Warn(values)
	if w == "" || answer == *doubted {
		return ""
	}
	*doubted = answer
	return w
}

// Asked reports whether the question applies to the decision.
func (q *Question) Asked(d *decision.Decision) bool { return q.Applies == nil || q.Applies(d) }

// Step is one stage of the wizard.
type Step struct {
	ID        string
	Title     string
	Intro     string
	Questions []Question
	// Prefill fills suggested answers when the step is shown and they are
	// still blank (the kind's usual rights).
	Prefill func(d *decision.Decision)
}

// errRequired is the answer to a required question left blank.
var errRequired = errors.New("this question needs an answer")

// Steps returns the wizard's steps for the catalog. loc is the zone a typed
// time is read in.
func Steps(c *catalog.Catalog, loc *time.Location, opts ...StepOption) []Step {
	var cfg stepConfig
	for _, o := range opts {
		o(&cfg)
	}
	return []Step{
		contextStep(c, cfg),
		restrictionStep(c),
		rightsStep(c),
		screenStep(c),
		partStep(c, "lawful"),
		partStep(c, "justified"),
		partStep(c, "proportionate"),
		partStep(c, "least_restrictive"),
		reviewStep(loc),
	}
}

// emergencyHelp says what counts as an emergency for the outcome: a
// one-off response, and never one of the kinds that are never emergencies.
func emergencyHelp(c *catalog.Catalog) string {
	var never []string
	for _, k := range c.Kinds {
		if k.NeverEmergency {
			never = append(never, strings.ToLower(k.Title[:1])+k.Title[1:])
		}
	}
	help := "Only a one-off response counts as an emergency, not one that is ongoing or repeated"
	if len(never) > 0 {
		help += "; " + joinAnd(never) + " never count"
	}
	return help + "."
}

// joinAnd joins words as a sentence lists them: a, b and c.
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// A StepOption changes what the steps accept.
type StepOption func(*stepConfig)

type stepConfig struct {
	allowIdentifiers bool
}

// AllowIdentifiers lets the person's reference be an NHS or CHI number,
// where local policy requires one (--allow-identifiers). Without it the
// question refuses one as it is typed, rather than at save.
func AllowIdentifiers(allow bool) StepOption {
	return func(c *stepConfig) { c.allowIdentifiers = allow }
}

// answerOptions are yes, no and unsure, each with what it means here.
func answerOptions(yes, no, unsure string) func(*decision.Decision) []Option {
	return func(*decision.Decision) []Option {
		return []Option{{Value: decision.Yes, Label: "Yes", Help: yes}, {Value: decision.No, Label: "No", Help: no}, {Value: decision.Unsure, Label: "Unsure", Help: unsure}}
	}
}

func yesNoOptions(*decision.Decision) []Option {
	return []Option{{Value: decision.Yes, Label: "Yes"}, {Value: decision.No, Label: "No"}}
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

// text binds a free-text field.
func text(field func(d *decision.Decision) *string, required bool) (func(*decision.Decision) []string, func(*decision.Decision, []string) error) {
	get := func(d *decision.Decision) []string { return one(*field(d)) }
	set := func(d *decision.Decision, v []string) error {
		s := strings.TrimSpace(strings.Join(v, "\n"))
		if required && s == "" {
			return errRequired
		}
		*field(d) = s
		return nil
	}
	return get, set
}

// refusing adds a check to a text question's set: check sees the answer as
// typed, trimmed.
func refusing(set func(*decision.Decision, []string) error, check func(string) error) func(*decision.Decision, []string) error {
	return func(d *decision.Decision, v []string) error {
		if err := check(strings.TrimSpace(strings.Join(v, "\n"))); err != nil {
			return err
		}
		return set(d, v)
	}
}

// choice binds an enumerated field to a set of options.
func choice[T ~string](field func(d *decision.Decision) *T, required bool, options func(*decision.Decision) []Option) (func(*decision.Decision) []string, func(*decision.Decision, []string) error) {
	get := func(d *decision.Decision) []string { return one(string(*field(d))) }
	set := func(d *decision.Decision, v []string) error {
		s := first(v)
		if s == "" {
			if required {
				return errRequired
			}
			*field(d) = ""
			return nil
		}
		for _, o := range options(d) {
			if o.Value == s {
				*field(d) = T(s)
				return nil
			}
		}
		return fmt.Errorf("%q is not one of the choices", s)
	}
	return get, set
}

func contextStep(c *catalog.Catalog, cfg stepConfig) Step {
	settings := func(*decision.Decision) []Option {
		out := make([]Option, len(c.Settings))
		for i, s := range c.Settings {
			out[i] = Option{Value: s.ID, Label: s.Title, Help: s.Description}
		}
		return out
	}
	nations := func(*decision.Decision) []Option {
		out := make([]Option, len(catalog.Nations))
		for i, n := range catalog.Nations {
			out[i] = Option{Value: n, Label: catalog.NationTitles[n]}
		}
		return out
	}
	ages := func(*decision.Decision) []Option {
		return []Option{{Value: "adult", Label: "Adult (18 or over)"}, {Value: "child", Label: "Child (under 18)"}}
	}
	capacities := func(*decision.Decision) []Option {
		return []Option{
			{Value: "has", Label: "Has capacity for this decision"},
			{Value: "lacks", Label: "Lacks capacity for this decision", Help: "Assessed as lacking capacity for this decision: best interests apply."},
			{Value: "unknown", Label: "Not yet assessed", Help: "Assess capacity for this decision first (for a child under 16, competence)."},
		}
	}
	var q []Question
	get, set := text(func(d *decision.Decision) *string { return &d.DecidedBy.Role }, false)
	q = append(q, Question{ID: "decided_by.role", Title: "Your role", Help: "Who is making this decision.", Kind: Line, Placeholder: "Nurse in charge", Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.DecidedBy.Name }, false)
	q = append(q, Question{ID: "decided_by.name", Title: "Your name (optional)", Kind: Line, Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Setting }, true, settings)
	q = append(q, Question{ID: "setting", Title: "Setting", Kind: Choice, Required: true, Options: settings, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Unit }, false)
	q = append(q, Question{ID: "unit", Title: "Ward, home or team (optional)", Help: "Where in the service, so reports can show each unit.", Kind: Line, Placeholder: "Ward 7", Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Nation }, true, nations)
	q = append(q, Question{ID: "nation", Title: "Nation", Help: "The law differs between the four UK nations.", Kind: Choice, Required: true, Options: nations, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Person.Ref }, true)
	if !cfg.allowIdentifiers {
		set = refusing(set, func(ref string) error {
			if decision.HoldsHealthNumber(ref) {
				return errors.New("that holds an NHS or CHI number: records hold a pseudonymous reference, such as your local one (P-0412), never an identifier")
			}
			return nil
		})
	}
	q = append(q, Question{ID: "person.ref", Warn: func(v []string) string {
		if decision.LooksLikeName(first(v)) {
			return "that looks like a person's name: records hold a pseudonymous reference, such as P-0412, never a name"
		}
		return ""
	}, Title: "Person's reference", Help: "A pseudonymous reference, never a name or NHS number. For a rule for a group, name the group (e.g. Ward 7 patients).", Kind: Line, Required: true, Placeholder: "P-0412", Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Person.Age }, true, ages)
	q = append(q, Question{ID: "person.age", Title: "Age", Kind: Choice, Required: true, Options: ages, Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Person.Capacity }, true, capacities)
	q = append(q, Question{ID: "person.capacity", Title: "Capacity for this decision", Kind: Choice, Required: true, Options: capacities, Get: get, Set: set})
	objects := answerOptions("The person, or someone speaking for them, objects.", "", "They may object, or their wishes are not clear.")
	get, set = choice(func(d *decision.Decision) *decision.Answer { return &d.Person.Objects }, true, objects)
	q = append(q, Question{ID: "person.objects", Title: "Does the person, or their representative, object?", Kind: Choice, Required: true, Options: objects, Get: get, Set: set})
	return Step{ID: "context", Title: "Who and where", Intro: "Who is deciding, where, and about whom.", Questions: q}
}

func restrictionStep(c *catalog.Catalog) Step {
	kinds := func(*decision.Decision) []Option {
		out := make([]Option, len(c.Kinds))
		for i, k := range c.Kinds {
			out[i] = Option{Value: k.ID, Label: k.Title, Help: k.Definition + " (" + k.Intensity + " intensity)"}
		}
		return out
	}
	stages := func(*decision.Decision) []Option {
		return []Option{
			{Value: "proposed", Label: "Proposed", Help: "Deciding whether to use it."},
			{Value: "in-place", Label: "In place", Help: "It is already in use: deciding whether it should continue."},
			{Value: "past", Label: "Past", Help: "Reviewing an incident after the event."},
		}
	}
	scopes := func(*decision.Decision) []Option {
		return []Option{
			{Value: "individual", Label: "This person only"},
			{Value: "group", Label: "A rule for a group", Help: "A blanket rule for some of the people here."},
			{Value: "everyone", Label: "A rule for everyone here", Help: "A blanket rule for the whole ward, home or school."},
		}
	}
	var q []Question
	get, set := choice(func(d *decision.Decision) *decision.Enum { return &d.Restriction.Kind }, true, kinds)
	q = append(q, Question{ID: "restriction.kind", Title: "Kind of restriction", Kind: Choice, Required: true, Options: kinds, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Restriction.Description }, true)
	q = append(q, Question{ID: "restriction.description", Title: "What is the restriction?", Help: "What exactly is done, how, and by whom.", Kind: Lines, Required: true, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Restriction.Reason }, true)
	q = append(q, Question{ID: "restriction.reason", Title: "Why? What harm does it prevent?", Help: "To whom, how serious and how soon, from what was observed.", Kind: Lines, Required: true, Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Restriction.Stage }, true, stages)
	q = append(q, Question{ID: "restriction.stage", Title: "Stage", Kind: Choice, Required: true, Options: stages, Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.Enum { return &d.Restriction.Scope }, true, scopes)
	q = append(q, Question{ID: "restriction.scope", Title: "Who does it apply to?", Kind: Choice, Required: true, Options: scopes, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Restriction.BlanketJustification }, false)
	q = append(q, Question{ID: "restriction.blanket_justification", Title: "Why is a rule for all needed here?", Help: "A rule for a group or everyone needs its own justification for this setting; without one it is a blanket restriction.", Kind: Lines, Get: get, Set: set,
		Applies: func(d *decision.Decision) bool { return d.IsBlanket() }})
	get, set = choice(func(d *decision.Decision) *decision.YesNo { return &d.Restriction.Emergency }, true, yesNoOptions)
	q = append(q, Question{ID: "restriction.emergency", Title: "Is it an immediate response to imminent serious harm (an emergency)?", Help: emergencyHelp(c), Kind: Choice, Required: true, Options: yesNoOptions, Get: get, Set: set})
	get, set = choice(func(d *decision.Decision) *decision.YesNo { return &d.Restriction.Ongoing }, true, yesNoOptions)
	q = append(q, Question{ID: "restriction.ongoing", Title: "Is it ongoing or repeated?", Kind: Choice, Required: true, Options: yesNoOptions, Get: get, Set: set})
	q = append(q, Question{ID: "restriction.duration", Title: "How long, until it ends or is reviewed?", Help: "For example 20m, 2h, 3d or 2w, or in words: 2 hours.", Kind: Line, Placeholder: "2h",
		Get: func(d *decision.Decision) []string {
			if !d.Restriction.Duration.Set {
				return nil
			}
			return []string{d.Restriction.Duration.D.String()}
		},
		Set: func(d *decision.Decision, v []string) error {
			s := strings.TrimSpace(first(v))
			if s == "" {
				d.Restriction.Duration = decision.Duration{}
				return nil
			}
			dur, err := catalog.ParseTyped(s)
			if err != nil {
				return err
			}
			d.Restriction.Duration = decision.NewDuration(dur)
			return nil
		}})
	return Step{ID: "restriction", Title: "The restriction", Intro: "What it is, why, and for how long.", Questions: q}
}

// rightOptions are the 16 rights, each with its plain summary and category.
func rightOptions(c *catalog.Catalog) func(*decision.Decision) []Option {
	return func(*decision.Decision) []Option {
		out := make([]Option, len(c.Rights))
		for i, r := range c.Rights {
			out[i] = Option{Value: r.Article, Label: r.Reference + ": " + r.Title, Help: c.Categories[r.Category].Title + " right. " + r.Summary}
		}
		return out
	}
}

// rightsBinding binds a list of rights (engaged or protected).
func rightsBinding(field func(d *decision.Decision) *[]decision.RightRef) (func(*decision.Decision) []string, func(*decision.Decision, []string) error) {
	get := func(d *decision.Decision) []string {
		var out []string
		for _, r := range *field(d) {
			out = append(out, r.Article)
		}
		return out
	}
	set := func(d *decision.Decision, v []string) error {
		var refs []decision.RightRef
		for _, a := range v {
			id, err := catalog.NormaliseArticle(a)
			if err != nil {
				return err
			}
			if slices.ContainsFunc(refs, func(r decision.RightRef) bool { return r.Article == id }) {
				continue
			}
			// Keep a note already given for this right.
			ref := decision.RightRef{Article: id}
			for _, old := range *field(d) {
				if old.Article == id {
					ref.Note = old.Note
				}
			}
			refs = append(refs, ref)
		}
		// In the Act's order, whichever way they were ticked, so both front
		// ends write the same record.
		slices.SortStableFunc(refs, func(a, b decision.RightRef) int {
			return slices.Index(catalog.ArticleIDs, a.Article) - slices.Index(catalog.ArticleIDs, b.Article)
		})
		*field(d) = refs
		return nil
	}
	return get, set
}

func rightsStep(c *catalog.Catalog) Step {
	rights := rightOptions(c)
	get, set := rightsBinding(func(d *decision.Decision) *[]decision.RightRef { return &d.Rights })
	pget, pset := rightsBinding(func(d *decision.Decision) *[]decision.RightRef { return &d.Protects })
	return Step{
		ID: "rights", Title: "Rights engaged",
		Intro: "Which rights does the restriction limit or put at risk? The kind's usual rights are ticked; change them to fit this person.",
		Questions: []Question{
			{ID: "rights", Title: "Rights it engages", Help: "Tick each right the restriction limits or puts at risk.", Kind: Choices, ByValue: true, Options: rights, Get: get, Set: set},
			{ID: "protects", Title: "Rights it protects (often Article 2 or 3)", Help: "Optional: the rights of the person or others that the restriction protects.", Kind: Choices, ByValue: true, Options: rights, Get: pget, Set: pset},
		},
		Prefill: func(d *decision.Decision) {
			if len(d.Rights) > 0 {
				return
			}
			if k, ok := c.Kind(string(d.Restriction.Kind)); ok {
				for _, a := range k.RightsFor(string(d.Setting)) {
					d.Rights = append(d.Rights, decision.RightRef{Article: a})
				}
			}
		},
	}
}

func screenStep(c *catalog.Catalog) Step {
	var q []Question
	for _, sq := range c.Screen {
		id := sq.ID
		opts := answerOptions(sq.YesMeans, "", sq.UnsureMeans)
		get, set := choice(func(d *decision.Decision) *decision.Answer { return d.Screen.Get(id) }, true, opts)
		q = append(q, Question{ID: "screen." + id, Title: sq.Title, Help: sq.Question, Kind: Choice, Required: true, Options: opts, Get: get, Set: set})
	}
	return Step{ID: "screen", Title: "Red-line screen", Intro: "Some things can never be justified. A yes to any of these means stop.", Questions: q}
}

func partStep(c *catalog.Catalog, id string) Step {
	p, _ := c.Part(id)
	noIf, unsureIf := "", ""
	if len(p.NoIf) > 0 {
		noIf = "No if: " + strings.Join(p.NoIf, " ")
	}
	if len(p.UnsureIf) > 0 {
		unsureIf = "Unsure if: " + strings.Join(p.UnsureIf, " ")
	}
	opts := answerOptions("", noIf, unsureIf)
	get, set := choice(func(d *decision.Decision) *decision.Answer { return d.Test.Answer(id) }, true, opts)
	q := []Question{{ID: "test." + id + ".answer", Title: p.Title + ": " + p.Question, Help: p.Help, Guide: slices.Clone(p.Prompts), Kind: Choice, Required: true, Options: opts, Get: get, Set: set}}
	switch id {
	case "lawful":
		q = append(q, basisQuestion(c))
	case "least_restrictive":
		q = append(q, alternativesQuestion(c))
	}
	nget, nset := text(func(d *decision.Decision) *string { return d.Test.Note(id) }, false)
	evidence := p.Evidence
	if evidence == "" {
		evidence = "Evidence"
	}
	q = append(q, Question{ID: "test." + id + ".note", Title: evidence, Help: "Record: " + strings.Join(p.Record, "; ") + ".", Kind: Lines, Get: nget, Set: nset})
	return Step{ID: id, Title: p.Title, Intro: p.Help, Questions: q}
}

// basisQuestion offers the bases that fit the setting, nation, age and
// capacity, and takes typed ones.
func basisQuestion(c *catalog.Catalog) Question {
	options := func(d *decision.Decision) []Option {
		var out []Option
		for _, b := range c.BasesThatFit(string(d.Nation), string(d.Setting), string(d.Person.Age), string(d.Person.Capacity)) {
			help := b.Note
			if !b.Power {
				help = "Not a legal power: it records or limits a restriction but does not authorise it. " + help
			}
			out = append(out, Option{Value: b.ID, Label: b.Title, Help: help})
		}
		return out
	}
	return Question{
		ID: "test.lawful.basis", Title: "Legal basis", Help: "Those that fit this setting, nation, age and capacity; type any other below.",
		Kind: Choices, Other: true, Options: options,
		Get: func(d *decision.Decision) []string { return d.Test.Lawful.Basis },
		Set: func(d *decision.Decision, v []string) error {
			d.Test.Lawful.Basis = cleanList(v)
			return nil
		},
	}
}

// alternativesQuestion offers the kind's less restrictive options, and takes
// typed ones.
func alternativesQuestion(c *catalog.Catalog) Question {
	options := func(d *decision.Decision) []Option {
		k, ok := c.Kind(string(d.Restriction.Kind))
		if !ok {
			return nil
		}
		alts := k.AlternativesFor(string(d.Setting), string(d.Nation))
		out := make([]Option, len(alts))
		for i, a := range alts {
			out[i] = Option{Value: a, Label: a}
		}
		return out
	}
	return Question{
		ID: "test.least_restrictive.alternatives", Title: "Less restrictive options tried or considered", Help: "Tick those tried or considered; type others.",
		Kind: Choices, Other: true, Options: options,
		Get: func(d *decision.Decision) []string { return d.Test.LeastRestrictive.Alternatives },
		Set: func(d *decision.Decision, v []string) error {
			d.Test.LeastRestrictive.Alternatives = cleanList(v)
			return nil
		},
	}
}

func cleanList(v []string) []string {
	var out []string
	for _, s := range v {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func reviewStep(loc *time.Location) Step {
	var q []Question
	get, set := text(func(d *decision.Decision) *string { return &d.Views.Person }, false)
	q = append(q, Question{ID: "views.person", Title: "The person's views, in their words", Help: "When they cannot say, record what was observed of their wishes and feelings.", Kind: Lines, Get: get, Set: set})
	get, set = text(func(d *decision.Decision) *string { return &d.Views.Others }, false)
	q = append(q, Question{ID: "views.others", Title: "Others' views (family, carer, advocate)", Help: "Who, and what they said.", Kind: Lines, Get: get, Set: set})
	q = append(q, Question{ID: "review", Title: "When will it be reviewed?", Help: "A time from now (e.g. 2h, 1d) or a date and time (e.g. 2026-11-24 09:00). Leave it blank only for an incident that is over.",
		Kind: Line, Placeholder: "2h",
		Get: func(d *decision.Decision) []string {
			switch {
			case d.Review.Within.Set:
				return []string{d.Review.Within.D.String()}
			case !d.Review.At.IsZero():
				return []string{d.Review.At.Time().In(loc).Format("2006-01-02 15:04")}
			}
			return nil
		},
		Set: func(d *decision.Decision, v []string) error {
			s := strings.TrimSpace(first(v))
			if s == "" {
				d.Review.Within, d.Review.At = decision.Duration{}, decision.Time{}
				return nil
			}
			if dur, err := catalog.ParseTyped(s); err == nil {
				d.Review.Within, d.Review.At = decision.NewDuration(dur), decision.Time{}
				return nil
			}
			t, err := parseLocalTime(s, loc)
			if err != nil {
				return fmt.Errorf("%q is neither a length of time (such as 2h, 3d or 2 hours) nor a date and time (such as 2026-11-24 09:00)", s)
			}
			if !d.RecordedAt.IsZero() && t.Before(d.RecordedAt.Time()) {
				return fmt.Errorf("%s is before the decision was recorded", t.In(loc).Format("2 Jan 2006 15:04"))
			}
			d.Review.At, d.Review.Within = decision.NewTime(t), decision.Duration{}
			return nil
		}})
	get, set = text(func(d *decision.Decision) *string { return &d.Review.By }, false)
	q = append(q, Question{ID: "review.by", Title: "Who will review it?", Kind: Line, Placeholder: "Nurse in charge", Get: get, Set: set})
	return Step{ID: "review", Title: "Views and review", Intro: "Whose views were heard, and when this will be looked at again.", Questions: q}
}

// parseLocalTime reads a typed date and time; one without an offset is in
// loc, the reader's zone.
func parseLocalTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return decision.ParseTime(s)
}

// FirstUnanswered returns the index of the first step with an unanswered
// required question, or len(steps) (the summary) when every one is answered.
//
// A step with no answer at all counts as not yet reached, even when none of
// its questions is required (the rights, the views and the review), so a
// resumed decision never skips it.
func FirstUnanswered(steps []Step, d *decision.Decision) int {
	for i, s := range steps {
		answered := false
		for _, q := range s.Questions {
			has := len(q.Get(d)) > 0
			if q.Required && q.Asked(d) && !has {
				return i
			}
			answered = answered || (has && !q.Required)
		}
		if !answered && !allRequired(s) {
			return i
		}
	}
	return len(steps)
}

// allRequired reports whether every question of a step is required (so the
// step is answered once they are).
func allRequired(s Step) bool {
	for _, q := range s.Questions {
		if !q.Required {
			return false
		}
	}
	return true
}
