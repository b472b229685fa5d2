package catalog

import (
	"encoding/json"
	"slices"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Advice is one safeguard of a kind, printed with an amber or green
// outcome: for every decision of the kind, or, when it names settings or
// nations, only for a decision in one of them (a note for schools is no
// help on a ward, nor an English Act in Scotland). In kinds.yaml it is a
// sentence, or a mapping with text and the settings and nations it is for.
type Advice struct {
	Text     string   `yaml:"text"`
	Settings []string `yaml:"settings"`
	Nations  []string `yaml:"nations"`
}

// adviceFields is Advice decoded as a mapping, key by key.
type adviceFields Advice

// DecodeYAMLNode reads a sentence, or a mapping of text, settings and
// nations.
func (a *Advice) DecodeYAMLNode(d *yamlnode.Decoder, n *yaml.Node, path string) {
	if n.Kind == yaml.MappingNode {
		d.DecodeValue(n, (*adviceFields)(a), path)
		return
	}
	d.DecodeValue(n, &a.Text, path)
}

// AppliesTo reports whether the advice is for a decision in setting and
// nation.
func (a Advice) AppliesTo(setting, nation string) bool {
	return (len(a.Settings) == 0 || slices.Contains(a.Settings, setting)) &&
		(len(a.Nations) == 0 || slices.Contains(a.Nations, nation))
}

// MarshalJSON writes the advice as its sentence: the reference's JSON lists
// a kind's safeguards as sentences, as it always has.
func (a Advice) MarshalJSON() ([]byte, error) { return json.Marshal(a.Text) }

// AdviceFor is the kind's safeguards for a decision in setting and nation.
func (k *Kind) AdviceFor(setting, nation string) []string {
	var out []string
	for _, a := range k.Advice {
		if a.AppliesTo(setting, nation) {
			out = append(out, a.Text)
		}
	}
	return out
}

// AllAdvice is every safeguard of the kind, wherever it applies (the
// reference card).
func (k *Kind) AllAdvice() []string {
	out := make([]string, len(k.Advice))
	for i, a := range k.Advice {
		out[i] = a.Text
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
