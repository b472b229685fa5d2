package catalog

import (
	"encoding/json"
	"slices"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Note is one line of a kind's advice or alternatives: for every decision
// of the kind, or, when it names settings or nations, only for a decision
// in one of them (a note for schools is no help on a ward, nor an English
// Act in Scotland, nor PRN medication in a classroom). In kinds.yaml it is
// a sentence, or a mapping with text and the settings and nations it is for.
type Note struct {
	Text     string   `yaml:"text"`
	Settings []string `yaml:"settings"`
	Nations  []string `yaml:"nations"`
	// NotSettings are settings it is not for (PRN medication is no
	// alternative in a classroom).
	NotSettings []string `yaml:"not_settings"`
}

// noteFields is Note decoded as a mapping, key by key.
type noteFields Note

// DecodeYAMLNode reads a sentence, or a mapping of text, settings and
// nations.
func (a *Note) DecodeYAMLNode(d *yamlnode.Decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.MappingNode {
		d.DecodeValue(n, (*noteFields)(a), path)
		return
	}
	d.DecodeValue(n, &a.Text, path)
}

// AppliesTo reports whether the note is for a decision in setting and
// nation.
func (a Note) AppliesTo(setting, nation string) bool {
	return (len(a.Settings) == 0 || slices.Contains(a.Settings, setting)) &&
		(len(a.Nations) == 0 || slices.Contains(a.Nations, nation)) &&
		!slices.Contains(a.NotSettings, setting)
}

// MarshalJSON writes the note as its sentence: the reference's JSON lists a
// kind's safeguards and alternatives as sentences, as it always has.
func (a Note) MarshalJSON() ([]byte, error) { return json.Marshal(a.Text) }

// AdviceFor is the kind's safeguards for a decision in setting and nation.
func (k *Kind) AdviceFor(setting, nation string) []string { return notesFor(k.Advice, setting, nation) }

// AllAdvice is every safeguard of the kind, wherever it applies (the
// reference card).
func (k *Kind) AllAdvice() []string { return texts(k.Advice) }

// AlternativesFor is the less restrictive options the kind suggests for a
// decision in setting and nation.
func (k *Kind) AlternativesFor(setting, nation string) []string {
	return notesFor(k.Alternatives, setting, nation)
}

// AllAlternatives is every alternative of the kind (the reference card).
func (k *Kind) AllAlternatives() []string { return texts(k.Alternatives) }

func notesFor(notes []Note, setting, nation string) []string {
	var out []string
	for _, n := range notes {
		if n.AppliesTo(setting, nation) {
			out = append(out, n.Text)
		}
	}
	return out
}

func texts(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Text
	}
	return out
}

// SettingRights are the rights a kind usually engages in some settings.
type SettingRights struct {
	Settings []string `yaml:"settings" json:"settings"`
	Rights   []string `yaml:"rights" json:"rights"`
}

// RightsFor is the rights the kind usually engages in a setting: those
// RightsIn gives for it, or else Rights.
func (k *Kind) RightsFor(setting string) []string {
	for _, in := range k.RightsIn {
		if slices.Contains(in.Settings, setting) {
			return in.Rights
		}
	}
	return k.Rights
}
