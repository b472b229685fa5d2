// Package catalog holds what rightsaid knows about the law and practice it
// supports: the 16 Human Rights Act rights, the four-part test, the red-line
// screen, the kinds of restriction, the settings, the legal bases and the words
// of the outcome rules.
//
// # Data, not code
//
// All of it is YAML in the checklists folder, embedded in the binary, so a
// trust can ship its own wording with --checklists DIR. [Load] reads the files
// from any [fs.FS] (the embedded folder, a local folder, or an in-memory one in
// tests), validates them and reports every problem with its file, line and
// field. [Catalog.CheckAgainst] checks that a local folder keeps the contract:
// every id the decision contract depends on, and the values a local policy may
// not change (intensities, the kinds' flags, what a basis is and fits).
package catalog

import (
	"slices"
	"strings"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// Catalog is the loaded, validated checklists.
type Catalog struct {
	Categories map[string]Category
	Rights     []Right
	Parts      []Part
	Screen     []ScreenQuestion
	Kinds      []Kind
	Settings   []Setting
	Bases      []Basis
	Rules      Rules

	rights   map[string]*Right
	kinds    map[string]*Kind
	settings map[string]*Setting
	bases    map[string]*Basis

	// positions are where each field was read, by file, for CheckAgainst's
	// messages.
	positions map[string]yamlnode.Positions
}

// Category explains one of the four categories of rights.
type Category struct {
	Title   string `yaml:"title" json:"title,omitempty"`
	Meaning string `yaml:"meaning" json:"meaning,omitempty"`
}

// The categories of rights.
const (
	Absolute  = "absolute"
	Limited   = "limited"
	Qualified = "qualified"
	Ancillary = "ancillary"
)

// Right is one of the 16 Convention rights the Human Rights Act 1998 gives
// effect to.
type Right struct {
	Article        string   `yaml:"article" json:"article,omitempty"`
	Title          string   `yaml:"title" json:"title,omitempty"`
	Reference      string   `yaml:"reference" json:"reference,omitempty"`
	Category       string   `yaml:"category" json:"category,omitempty"`
	Summary        string   `yaml:"summary" json:"summary,omitempty"`
	LegitimateAims []string `yaml:"legitimate_aims" json:"legitimate_aims,omitempty"`
	Examples       []string `yaml:"examples" json:"examples,omitempty"`
	RarelyEngaged  string   `yaml:"rarely_engaged" json:"rarely_engaged,omitempty"`
	Note           string   `yaml:"note" json:"note,omitempty"`
}

// IsAbsolute reports whether the right can never be limited or justified.
func (r *Right) IsAbsolute() bool { return r.Category == Absolute }

// Part is one part of the four-part test.
type Part struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Question string   `yaml:"question"`
	Help     string   `yaml:"help"`
	Prompts  []string `yaml:"prompts"`
	Record   []string `yaml:"record"`
	NoIf     []string `yaml:"no_if"`
	UnsureIf []string `yaml:"unsure_if"`
	Evidence string   `yaml:"evidence"`
}

// The ids of the four parts, in order.
var PartIDs = []string{"lawful", "justified", "proportionate", "least_restrictive"}

// ScreenQuestion is one question of the red-line screen.
type ScreenQuestion struct {
	ID          string `yaml:"id"`
	Article     string `yaml:"article"`
	Title       string `yaml:"title"`
	Question    string `yaml:"question"`
	YesMeans    string `yaml:"yes_means"`
	UnsureMeans string `yaml:"unsure_means"`
}

// The ids of the screen questions, in order.
var ScreenIDs = []string{"degrading", "risk_to_life", "discriminatory", "punitive", "deprivation_of_liberty"}

// The intensities of a kind of restriction.
const (
	High     = "high"
	Standard = "standard"
	Minor    = "minor"
)

// Kind is a kind of restrictive practice.
type Kind struct {
	ID         string   `yaml:"id" json:"id,omitempty"`
	Title      string   `yaml:"title" json:"title,omitempty"`
	Definition string   `yaml:"definition" json:"definition,omitempty"`
	Intensity  string   `yaml:"intensity" json:"intensity,omitempty"`
	Rights     []string `yaml:"rights" json:"rights,omitempty"`
	// RightsIn are the rights it usually engages in some settings, where
	// they differ (seclusion in a school engages the right to education).
	RightsIn            []SettingRights `yaml:"rights_in" json:"rights_in,omitempty"`
	ReviewWithin        Duration        `yaml:"review_within" json:"review_within,omitempty"`
	MaxReview           Duration        `yaml:"max_review" json:"max_review,omitempty"`
	Alternatives        []Note          `yaml:"alternatives" json:"alternatives,omitempty"`
	Advice              []Note          `yaml:"advice" json:"advice,omitempty"`
	OnlyIfLacksCapacity bool            `yaml:"only_if_lacks_capacity" json:"only_if_lacks_capacity,omitempty"`
	NeverEmergency      bool            `yaml:"never_emergency" json:"never_emergency,omitempty"`
	DoLCheck            bool            `yaml:"dol_check" json:"dol_check,omitempty"`
}

// Setting is a kind of service where a decision is made.
type Setting struct {
	ID          string `yaml:"id" json:"id,omitempty"`
	Title       string `yaml:"title" json:"title,omitempty"`
	Description string `yaml:"description" json:"description,omitempty"`
}

// Basis is a legal basis a practitioner may cite as making a restriction
// lawful, with what it covers.
type Basis struct {
	ID                             string   `yaml:"id" json:"id,omitempty"`
	Title                          string   `yaml:"title" json:"title,omitempty"`
	Power                          bool     `yaml:"power" json:"power"`
	AuthorisesDeprivationOfLiberty bool     `yaml:"authorises_deprivation_of_liberty" json:"authorises_deprivation_of_liberty"`
	Nations                        []string `yaml:"nations" json:"nations,omitempty"`
	Ages                           AnyOf    `yaml:"ages" json:"ages,omitempty"`
	Capacity                       string   `yaml:"capacity" json:"capacity,omitempty"`
	Settings                       AnyOf    `yaml:"settings" json:"settings,omitempty"`
	Note                           string   `yaml:"note" json:"note,omitempty"`
}

// The nations of the UK, as the contract names them.
var Nations = []string{"england", "wales", "scotland", "northern-ireland"}

// NationTitles are the nations as a person reads them.
var NationTitles = map[string]string{
	"england": "England", "wales": "Wales", "scotland": "Scotland", "northern-ireland": "Northern Ireland",
}

// Misfit names the ways a basis can fail to fit a decision.
type Misfit string

// The ways a basis can fail to fit.
const (
	MisfitNation   Misfit = "nation"
	MisfitSetting  Misfit = "setting"
	MisfitAge      Misfit = "age"
	MisfitCapacity Misfit = "capacity"
)

// Fits reports the ways the basis does not fit a decision made in this nation
// and setting for a person of this age and capacity; none means it fits.
func (b *Basis) Fits(nation, setting, age, capacity string) []Misfit {
	var out []Misfit
	if !slices.Contains(b.Nations, nation) {
		out = append(out, MisfitNation)
	}
	if !b.Settings.Has(setting) {
		out = append(out, MisfitSetting)
	}
	if !b.Ages.Has(age) {
		out = append(out, MisfitAge)
	}
	if b.Capacity != "any" && b.Capacity != capacity {
		out = append(out, MisfitCapacity)
	}
	return out
}

// AnyOf is a list of allowed values, or any value at all (written `any`).
type AnyOf struct {
	Any    bool
	Values []string
}

// Has reports whether v is allowed.
func (a AnyOf) Has(v string) bool { return a.Any || slices.Contains(a.Values, v) }

// String writes the list as the YAML would.
func (a AnyOf) String() string {
	if a.Any {
		return "any"
	}
	return strings.Join(a.Values, ", ")
}

// Right returns the right with the given (normalised) article id.
func (c *Catalog) Right(article string) (*Right, bool) {
	r, ok := c.rights[article]
	return r, ok
}

// Kind returns the kind with the given id.
func (c *Catalog) Kind(id string) (*Kind, bool) {
	k, ok := c.kinds[id]
	return k, ok
}

// Setting returns the setting with the given id.
func (c *Catalog) Setting(id string) (*Setting, bool) {
	s, ok := c.settings[id]
	return s, ok
}

// Basis returns the basis with the given id.
func (c *Catalog) Basis(id string) (*Basis, bool) {
	b, ok := c.bases[id]
	return b, ok
}

// Part returns the part of the test with the given id.
func (c *Catalog) Part(id string) (*Part, bool) {
	for i := range c.Parts {
		if c.Parts[i].ID == id {
			return &c.Parts[i], true
		}
	}
	return nil, false
}

// ScreenQuestion returns the screen question with the given id.
func (c *Catalog) ScreenQuestion(id string) (*ScreenQuestion, bool) {
	for i := range c.Screen {
		if c.Screen[i].ID == id {
			return &c.Screen[i], true
		}
	}
	return nil, false
}

// BasesThatFit returns the bases that fit a decision, in catalog order.
func (c *Catalog) BasesThatFit(nation, setting, age, capacity string) []*Basis {
	var out []*Basis
	for i := range c.Bases {
		if len(c.Bases[i].Fits(nation, setting, age, capacity)) == 0 {
			out = append(out, &c.Bases[i])
		}
	}
	return out
}

func (c *Catalog) index() {
	c.rights = make(map[string]*Right, len(c.Rights))
	for i := range c.Rights {
		c.rights[c.Rights[i].Article] = &c.Rights[i]
	}
	c.kinds = make(map[string]*Kind, len(c.Kinds))
	for i := range c.Kinds {
		c.kinds[c.Kinds[i].ID] = &c.Kinds[i]
	}
	c.settings = make(map[string]*Setting, len(c.Settings))
	for i := range c.Settings {
		c.settings[c.Settings[i].ID] = &c.Settings[i]
	}
	c.bases = make(map[string]*Basis, len(c.Bases))
	for i := range c.Bases {
		c.bases[c.Bases[i].ID] = &c.Bases[i]
	}
}

// MarshalText writes `any` or the values, for JSON and YAML output.
func (a AnyOf) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (a *AnyOf) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "any" {
		*a = AnyOf{Any: true}
		return nil
	}
	var vals []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, v)
		}
	}
	*a = AnyOf{Values: vals}
	return nil
}
