// Package decision is the rightsaid decision contract, schema rightsaid/v1:
// the types of a decision, strict decoding with positions, validation against
// the catalog, and the canonical encoding.
//
// One YAML document describes a decision. The same schema is the answers file
// a script or the wizard supplies and the record rightsaid writes (the answers
// plus id, recorded_at, outcome and rationale). Decoding is strict where a
// mistake would change a record (unknown keys, duplicate keys, an article
// given twice, an unknown kind) and forgiving where people write the same
// thing many ways (case, "Article 8", "true" for yes, "PT2H" for 2h). Every
// problem is reported at once, with the file, line, column and field path.
//
// [Encode] writes the canonical form: keys in a fixed order, defaults written
// out, answers and ids lower case and quoted, times in UTC to the second. The
// register digests those bytes, so the same decision always encodes the same.
package decision

import (
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Schema is the version this package reads and writes.
const Schema = "rightsaid/v1"

// Error is a problem found in a decision file, with its position.
type Error = yamlnode.Error

// Errors is every problem found in a decision file.
type Errors = yamlnode.Errors

// Decision is one decision about a restriction: the answers and, for a record,
// its id, outcome and rationale.
type Decision struct {
	Schema     string    `yaml:"schema"`
	ID         string    `yaml:"id"`
	Supersedes string    `yaml:"supersedes"`
	EndedAt    Time      `yaml:"ended_at"`
	RecordedAt Time      `yaml:"recorded_at"`
	DecidedBy  DecidedBy `yaml:"decided_by"`
	Setting    Enum      `yaml:"setting"`
	// Unit is the ward, home or team within the setting (free text), for an
	// organisation-wide register.
	Unit        string      `yaml:"unit"`
	Nation      Enum        `yaml:"nation"`
	Person      Person      `yaml:"person"`
	Views       Views       `yaml:"views"`
	Restriction Restriction `yaml:"restriction"`
	Screen      Screen      `yaml:"screen"`
	Rights      []RightRef  `yaml:"rights"`
	Protects    []RightRef  `yaml:"protects"`
	Test        Test        `yaml:"test"`
	Review      Review      `yaml:"review"`

	// Outcome is written by rightsaid; in answers it is ignored and recomputed.
	Outcome *Outcome `yaml:"-"`
	// Rationale is the text rationale written with the outcome.
	Rationale string `yaml:"-"`

	// StoredOutcome and StoredRationale are what the file held, kept so that
	// `check` can compare the stored outcome with the recomputed one.
	StoredOutcome   *yaml.Node `yaml:"outcome"`
	StoredRationale *yaml.Node `yaml:"rationale"`

	file      string
	positions yamlnode.Positions
	keys      yamlnode.Positions // where each field's key stands
}

// DecidedBy is who made the decision.
type DecidedBy struct {
	Name string `yaml:"name"`
	Role string `yaml:"role"`
}

// Person is the person restricted (for a group rule, the person most
// affected). Ref is a pseudonymous reference, never a name or NHS number.
type Person struct {
	Ref      string `yaml:"ref"`
	Age      Enum   `yaml:"age"`
	Capacity Enum   `yaml:"capacity"`
	Objects  Answer `yaml:"objects"`
}

// Views are the views heard.
type Views struct {
	Person string `yaml:"person"`
	Others string `yaml:"others"`
}

// Restriction is what is proposed (or was done) and why.
type Restriction struct {
	Kind                 Enum     `yaml:"kind"`
	Description          string   `yaml:"description"`
	Reason               string   `yaml:"reason"`
	Stage                Enum     `yaml:"stage"`
	Scope                Enum     `yaml:"scope"`
	BlanketJustification string   `yaml:"blanket_justification"`
	Emergency            YesNo    `yaml:"emergency"`
	Ongoing              YesNo    `yaml:"ongoing"`
	Duration             Duration `yaml:"duration"`
}

// Screen holds the answers to the red-line screen.
type Screen struct {
	Degrading            Answer `yaml:"degrading"`
	RiskToLife           Answer `yaml:"risk_to_life"`
	Discriminatory       Answer `yaml:"discriminatory"`
	Punitive             Answer `yaml:"punitive"`
	DeprivationOfLiberty Answer `yaml:"deprivation_of_liberty"`
}

// Get returns the answer to the screen question with the given id.
func (s *Screen) Get(id string) *Answer {
	switch id {
	case "degrading":
		return &s.Degrading
	case "risk_to_life":
		return &s.RiskToLife
	case "discriminatory":
		return &s.Discriminatory
	case "punitive":
		return &s.Punitive
	case "deprivation_of_liberty":
		return &s.DeprivationOfLiberty
	}
	return nil
}

// RightRef names a right (engaged or protected), with an optional note on what
// it means here.
type RightRef struct {
	Article string `yaml:"article"`
	Note    string `yaml:"note"`
}

// Test holds the four parts of the test.
type Test struct {
	Lawful           Lawful           `yaml:"lawful"`
	Justified        Part             `yaml:"justified"`
	Proportionate    Part             `yaml:"proportionate"`
	LeastRestrictive LeastRestrictive `yaml:"least_restrictive"`
}

// Answer returns the answer to the part of the test with the given id.
func (t *Test) Answer(id string) *Answer {
	switch id {
	case "lawful":
		return &t.Lawful.Answer
	case "justified":
		return &t.Justified.Answer
	case "proportionate":
		return &t.Proportionate.Answer
	case "least_restrictive":
		return &t.LeastRestrictive.Answer
	}
	return nil
}

// Note returns the note of the part of the test with the given id.
func (t *Test) Note(id string) *string {
	switch id {
	case "lawful":
		return &t.Lawful.Note
	case "justified":
		return &t.Justified.Note
	case "proportionate":
		return &t.Proportionate.Note
	case "least_restrictive":
		return &t.LeastRestrictive.Note
	}
	return nil
}

// Part is the answer to one part of the test, with the evidence.
type Part struct {
	Answer Answer `yaml:"answer"`
	Note   string `yaml:"note"`
}

// Lawful is the answer to the lawful part, with the legal basis: basis ids
// from the catalog, or free text.
type Lawful struct {
	Answer Answer     `yaml:"answer"`
	Basis  StringList `yaml:"basis"`
	Note   string     `yaml:"note"`
}

// LeastRestrictive is the answer to the least-restrictive part, with the
// alternatives tried or considered.
type LeastRestrictive struct {
	Answer       Answer     `yaml:"answer"`
	Alternatives StringList `yaml:"alternatives"`
	Note         string     `yaml:"note"`
}

// Review is when the restriction is reviewed, and by whom: within a duration
// of recorded_at, or at a time.
type Review struct {
	Within Duration `yaml:"within"`
	At     Time     `yaml:"at"`
	By     string   `yaml:"by"`
}

// Outcome is what the engine concludes (written by internal/assess).
type Outcome struct {
	Light     string
	Verdict   string
	ReviewDue time.Time
	Reasons   []Reason
	Advice    []string
}

// Reason is one rule that fired, with the sentence that explains it.
type Reason struct {
	Rule string
	Text string
}

// The enumerated values of the contract.
var (
	Ages       = []string{"adult", "child"}
	Capacities = []string{"has", "lacks", "unknown"}
	Stages     = []string{"proposed", "in-place", "past"}
	Scopes     = []string{"individual", "group", "everyone"}
	Answers    = []string{"yes", "no", "unsure"}
)

// Values of answers.
const (
	Yes    = "yes"
	No     = "no"
	Unsure = "unsure"
)

// File is the name the decision was read from, for messages.
func (d *Decision) File() string { return d.file }

// applyDefaults sets the default of each optional enumerated field not given.
func (d *Decision) applyDefaults() {
	if d.Nation == "" {
		d.Nation = "england"
	}
	if d.Person.Objects == "" {
		d.Person.Objects = No
	}
	if d.Restriction.Scope == "" {
		d.Restriction.Scope = "individual"
	}
	if d.Restriction.Emergency == "" {
		d.Restriction.Emergency = No
	}
	if d.Restriction.Ongoing == "" {
		d.Restriction.Ongoing = No
	}
}

// IsBlanket reports whether the restriction is a rule for a group or everyone.
func (d *Decision) IsBlanket() bool {
	return d.Restriction.Scope == "group" || d.Restriction.Scope == "everyone"
}

// KnownBases splits the basis entries into those that name a catalog basis
// and free text, each once (a basis given twice, by its id and its title,
// or free text typed twice, is named once in the outcome).
func (d *Decision) KnownBases(c *catalog.Catalog) (known []*catalog.Basis, free []string) {
	for _, b := range d.Test.Lawful.Basis {
		if kb, ok := c.Basis(BasisID(b)); ok {
			if !slices.Contains(known, kb) { // a basis given twice is one basis
				known = append(known, kb)
			}
		} else if !slices.ContainsFunc(free, func(f string) bool { return strings.EqualFold(strings.TrimSpace(f), strings.TrimSpace(b)) }) {
			free = append(free, b)
		}
	}
	return known, free
}

// ReviewTime is when the review is set for: review.at, or recorded_at plus
// review.within; ok is false when neither is given.
func (d *Decision) ReviewTime() (t time.Time, ok bool) {
	switch {
	case !d.Review.At.IsZero():
		return d.Review.At.Time(), true
	case d.Review.Within.Set:
		return d.RecordedAt.Time().Add(d.Review.Within.Duration()), true
	}
	return time.Time{}, false
}

// New returns an empty decision recorded at now, with the schema and the
// defaults of the optional fields set: the start of a decision in the wizard.
func New(now time.Time) *Decision {
	d := Blank(now)
	d.applyDefaults()
	return d
}

// Blank returns a decision recorded at now with nothing answered, not even
// the answers an answers file may leave out (nation, objection, scope,
// emergency, ongoing): for a person to be asked each of them, so that the
// wizard never answers one for them (an objection taken as "no" would
// silence rule A7).
func Blank(now time.Time) *Decision {
	return &Decision{Schema: Schema, RecordedAt: NewTime(now)}
}
