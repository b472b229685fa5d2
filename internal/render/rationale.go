// Package render writes a decision and its outcome for people and for
// machines: the recorded rationale as plain text (to paste into the notes) or
// Markdown, and the full schema-v1 record as YAML or JSON.
//
// The text and Markdown renderings are built from one [Rationale], so they
// always say the same things in the same order: who decided what and when,
// the restriction, the rights engaged and what each means here, the red-line
// screen, each part of the test with its evidence, the outcome with every
// reason and what to do next, the review, the views heard, and the note that
// rightsaid is not legal advice. Free text is cleaned of terminal control
// sequences before it is written. Times a person reads are shown in the
// location given (local time with its zone); the record itself keeps UTC.
//
// The package is pure: it writes to an io.Writer and never reads the clock.
package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// Rationale is the content of a recorded rationale, in reading order.
type Rationale struct {
	Title       string
	Light       string // green, amber or red
	LightLabel  string
	Verdict     string
	VerdictText string
	ReviewDue   string
	Sections    []Section
	Footer      string
}

// Section is one headed part of the rationale.
type Section struct {
	Heading string
	Lines   []Line
}

// Line is a field ("Label: value"), a bullet (Label empty, Bullet true), or a
// paragraph. Detail lines are shown under a bullet or field, indented.
type Line struct {
	Label  string
	Value  string
	Bullet bool
	Detail []string
}

// Build assembles the rationale for a decision and its outcome. loc is where
// times are shown.
func Build(c *catalog.Catalog, d *decision.Decision, o decision.Outcome, loc *time.Location) Rationale {
	b := builder{c: c, d: d, o: o, loc: loc}
	return b.build()
}

type builder struct {
	c   *catalog.Catalog
	d   *decision.Decision
	o   decision.Outcome
	loc *time.Location
}

func (b builder) past() bool { return b.d.Restriction.Stage == "past" }

func (b builder) build() Rationale {
	c, o := b.c, b.o
	vt := c.Rules.Verdicts[o.Verdict]
	r := Rationale{
		Title:       "Human rights decision record",
		Light:       o.Light,
		LightLabel:  c.Rules.Lights[o.Light],
		Verdict:     vt.Label,
		VerdictText: clean(vt.Text),
		ReviewDue:   b.when(o.ReviewDue),
		Footer:      clean(c.Rules.Phrases.NotLegalAdvice),
	}
	if b.past() {
		r.Title = "Incident review record"
		r.Verdict, r.VerdictText = vt.PastLabel, clean(vt.PastText)
	}
	if !b.d.EndedAt.IsZero() {
		r.ReviewDue = noReviewEnded
	}
	r.Sections = []Section{
		b.decisionSection(),
		b.restrictionSection(),
		b.rightsSection(),
		b.screenSection(),
		b.testSection(),
		b.viewsSection(),
		b.outcomeSection(r),
		b.reviewSection(),
	}
	return r
}

// when shows a time in the reader's zone: "Mon 23 Nov 2026, 16:00 GMT".
func (b builder) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(b.loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

func field(label, value string) Line { return Line{Label: label, Value: clean(value)} }

func (b builder) decisionSection() Section {
	d, c := b.d, b.c
	s := Section{Heading: "Decision"}
	if b.past() {
		s.Lines = append(s.Lines, Line{Value: clean(c.Rules.Phrases.IncidentReview)})
	}
	s.Lines = append(s.Lines, field("Recorded", b.when(d.RecordedAt.Time())))
	if d.ID != "" {
		s.Lines = append(s.Lines, field("Record", d.ID))
	}
	if d.Supersedes != "" {
		s.Lines = append(s.Lines, field("Reviews and replaces", d.Supersedes))
	}
	if !d.EndedAt.IsZero() {
		s.Lines = append(s.Lines, field("Restriction ended", b.when(d.EndedAt.Time())))
	}
	by := strings.TrimSpace(strings.Join(nonBlank(d.DecidedBy.Name, d.DecidedBy.Role), ", "))
	if by == "" {
		by = "not recorded"
	}
	s.Lines = append(s.Lines, field("Decided by", by))
	setting := string(d.Setting)
	if st, ok := c.Setting(setting); ok {
		setting = st.Title
	}
	s.Lines = append(s.Lines, field("Setting", setting+" ("+catalog.NationTitles[string(d.Nation)]+")"))
	person := d.Person.Ref + ", " + string(d.Person.Age)
	switch d.Person.Capacity {
	case "has":
		person += ", has capacity for this decision"
	case "lacks":
		person += ", lacks capacity for this decision"
	case "unknown":
		person += ", capacity for this decision not yet assessed"
	}
	s.Lines = append(s.Lines, field("Person", person))
	objects := map[decision.Answer]string{"yes": "yes", "no": "no", "unsure": "unsure"}[d.Person.Objects]
	s.Lines = append(s.Lines, field("Person or representative objects", objects))
	return s
}

func (b builder) restrictionSection() Section {
	d, c := b.d, b.c
	r := d.Restriction
	s := Section{Heading: "The restriction"}
	kind := string(r.Kind)
	if k, ok := c.Kind(kind); ok {
		kind = k.Title + " (" + k.Intensity + " intensity)"
	}
	s.Lines = append(s.Lines, field("Kind", kind))
	s.Lines = append(s.Lines, field("What", r.Description))
	s.Lines = append(s.Lines, field("Why (the harm it prevents)", r.Reason))
	stage := map[decision.Enum]string{"proposed": "proposed", "in-place": "in place", "past": "past (reviewing an incident)"}[r.Stage]
	s.Lines = append(s.Lines, field("Stage", stage))
	scope := map[decision.Enum]string{"individual": "this person only", "group": "a rule for a group", "everyone": "a rule for everyone"}[r.Scope]
	s.Lines = append(s.Lines, field("Applies to", scope))
	if d.IsBlanket() {
		j := r.BlanketJustification
		if strings.TrimSpace(j) == "" {
			j = "none given"
		}
		s.Lines = append(s.Lines, field("Why a rule for all is needed", j))
	}
	s.Lines = append(s.Lines, field("Emergency", string(r.Emergency)))
	s.Lines = append(s.Lines, field("Ongoing or repeated", string(r.Ongoing)))
	dur := "not given"
	if r.Duration.Set {
		dur = r.Duration.D.Words()
		if r.Duration.D <= 0 {
			dur = "none (0 minutes)"
		}
	}
	label := "Planned duration"
	if b.past() {
		label = "Duration"
	}
	s.Lines = append(s.Lines, field(label, dur))
	return s
}

func (b builder) rightsSection() Section {
	d, c := b.d, b.c
	s := Section{Heading: "Rights engaged"}
	if len(d.Rights) == 0 {
		s.Lines = append(s.Lines, Line{Value: "None recorded."})
	}
	for _, ref := range d.Rights {
		rt, ok := c.Right(ref.Article)
		if !ok {
			continue
		}
		head := fmt.Sprintf("%s, %s (%s)", rt.Reference, rt.Title, rt.Category)
		var detail []string
		if rt.IsAbsolute() {
			head += ": " + b.absoluteStatus(rt.Article)
		}
		if note := clean(ref.Note); note != "" {
			detail = append(detail, note)
		} else {
			detail = append(detail, clean(rt.Summary))
		}
		s.Lines = append(s.Lines, Line{Value: head, Bullet: true, Detail: detail})
	}
	if len(d.Protects) > 0 {
		s.Lines = append(s.Lines, Line{Value: "Rights the restriction protects:"})
		for _, ref := range d.Protects {
			rt, ok := c.Right(ref.Article)
			if !ok {
				continue
			}
			var detail []string
			if note := clean(ref.Note); note != "" {
				detail = append(detail, note)
			}
			s.Lines = append(s.Lines, Line{Value: fmt.Sprintf("%s, %s", rt.Reference, rt.Title), Bullet: true, Detail: detail})
		}
	}
	return s
}

// absoluteStatus words an engaged absolute right: never "interfered with" or
// "justified", only whether the red-line screen found a breach.
func (b builder) absoluteStatus(article string) string {
	for _, q := range b.c.Screen {
		if q.Article == article {
			if a := b.d.Screen.Get(q.ID); a != nil && (a.Is(decision.Yes) || a.Is(decision.Unsure)) {
				return b.c.Rules.Phrases.AbsoluteAtRisk
			}
		}
	}
	return b.c.Rules.Phrases.AbsoluteEngaged
}

func (b builder) screenSection() Section {
	s := Section{Heading: "Red-line screen"}
	for _, q := range b.c.Screen {
		a := string(*b.d.Screen.Get(q.ID))
		if a == "" {
			a = "not answered"
		}
		label := q.Title
		if rt, ok := b.c.Right(q.Article); ok {
			label += " (" + rt.Reference + ")"
		}
		s.Lines = append(s.Lines, field(label, a))
	}
	return s
}

func (b builder) testSection() Section {
	d, c := b.d, b.c
	s := Section{Heading: "The four-part test"}
	for i, p := range c.Parts {
		a := string(*d.Test.Answer(p.ID))
		if a == "" {
			a = "not answered"
		}
		var detail []string
		switch p.ID {
		case "lawful":
			known, free := d.KnownBases(c)
			for _, kb := range known {
				detail = append(detail, "Basis: "+kb.Title)
			}
			for _, f := range free {
				detail = append(detail, "Basis (as given): "+clean(f))
			}
			if len(known)+len(free) == 0 {
				detail = append(detail, "Basis: none given")
			}
		case "least_restrictive":
			alts := d.Test.LeastRestrictive.Alternatives
			if len(alts) == 0 {
				detail = append(detail, "Alternatives: none recorded")
			} else {
				cleaned := make([]string, len(alts))
				for j, a := range alts {
					cleaned[j] = clean(a)
				}
				detail = append(detail, "Alternatives tried or considered: "+strings.Join(cleaned, "; "))
			}
		}
		if note := clean(*d.Test.Note(p.ID)); note != "" {
			detail = append(detail, "Evidence: "+note)
		}
		s.Lines = append(s.Lines, Line{Label: fmt.Sprintf("%d. %s", i+1, p.Title), Value: a, Detail: detail})
	}
	return s
}

func (b builder) viewsSection() Section {
	v := b.d.Views
	person, others := clean(v.Person), clean(v.Others)
	if person == "" {
		person = "not recorded"
	}
	if others == "" {
		others = "not recorded"
	}
	return Section{Heading: "Views heard", Lines: []Line{
		field("The person", person),
		field("Others (family, carers, advocate)", others),
	}}
}

func (b builder) outcomeSection(r Rationale) Section {
	s := Section{Heading: "Outcome"}
	s.Lines = append(s.Lines, Line{Label: r.LightLabel, Value: r.Verdict})
	s.Lines = append(s.Lines, Line{Value: r.VerdictText})
	if len(b.o.Reasons) > 0 {
		s.Lines = append(s.Lines, Line{Value: "Why:"})
		for _, reason := range b.o.Reasons {
			s.Lines = append(s.Lines, Line{Value: reason.Rule + ": " + clean(reason.Text), Bullet: true})
		}
	}
	if len(b.o.Advice) > 0 {
		s.Lines = append(s.Lines, Line{Value: "What to do next:"})
		for _, a := range b.o.Advice {
			s.Lines = append(s.Lines, Line{Value: clean(a), Bullet: true})
		}
	}
	return s
}

func (b builder) reviewSection() Section {
	d := b.d
	s := Section{Heading: "Review"}
	if !d.EndedAt.IsZero() {
		// The record that ends a chain: nothing more falls due.
		s.Lines = append(s.Lines, field("Review due", noReviewEnded))
		if by := clean(d.Review.By); by != "" {
			s.Lines = append(s.Lines, field("Reviewer", by))
		}
		return s
	}
	due := b.when(b.o.ReviewDue)
	switch {
	case d.Review.Within.Set:
		if d.Review.Within.D > 0 {
			due += " (within " + d.Review.Within.D.Words() + ")"
		} else {
			due += " (at once)"
		}
	case d.Review.At.IsZero():
		due += " (the default for this kind; no review time was set)"
	}
	s.Lines = append(s.Lines, field("Review due", due))
	by := clean(d.Review.By)
	if by == "" {
		by = "not named"
	}
	s.Lines = append(s.Lines, field("Reviewer", by))
	return s
}

// noReviewEnded is the review of a restriction that has ended.
const noReviewEnded = "none: the restriction has ended"

func nonBlank(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, clean(s))
		}
	}
	return out
}
