package catalog

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Rules holds the words of the outcome (rules.yaml): for each rule the
// sentence the outcome gives and the advice that follows, and the fixed
// phrases of the rationale. The conditions themselves live in internal/assess.
type Rules struct {
	Rules    map[string]RuleText    `yaml:"rules"`
	Verdicts map[string]VerdictText `yaml:"verdicts"`
	Lights   map[string]string      `yaml:"lights"`
	Misfits  map[string]string      `yaml:"misfits"`
	Phrases  Phrases                `yaml:"phrases"`
}

// RuleText is the words of one rule. A rule with several clauses gives one
// sentence: Text with {clauses} replaced by the clauses that apply, joined.
type RuleText struct {
	Title   string                `yaml:"title"`
	Text    string                `yaml:"text"`
	Advice  []string              `yaml:"advice"`
	Clauses map[string]ClauseText `yaml:"clauses"`
}

// ClauseText is the words of one clause of a rule.
type ClauseText struct {
	Text   string   `yaml:"text"`
	Advice []string `yaml:"advice"`
}

// VerdictText is the words of one verdict.
type VerdictText struct {
	Label     string `yaml:"label"`
	Text      string `yaml:"text"`
	PastLabel string `yaml:"past_label"`
	PastText  string `yaml:"past_text"`
}

// Phrases are the fixed phrases of the rationale.
type Phrases struct {
	AbsoluteEngaged string `yaml:"absolute_engaged"`
	AbsoluteAtRisk  string `yaml:"absolute_at_risk"`
	NotLegalAdvice  string `yaml:"not_legal_advice"`
	FreeTextBasis   string `yaml:"free_text_basis"`
	IncidentReview  string `yaml:"incident_review"`
	ClauseJoin      string `yaml:"clause_join"`
}

// RuleIDs are the ids of the outcome rules, in the order reasons are listed.
var RuleIDs = []string{
	"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12",
	"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15",
}

// RuleClauses are the clause ids of the rules that have several.
var RuleClauses = map[string][]string{
	"R6":  {"no", "unsure"},
	"A1":  {"degrading", "risk_to_life", "discriminatory", "punitive"},
	"A2":  {"justified", "proportionate", "least_restrictive", "lawful_emergency"},
	"A3":  {"unsure", "free_text", "dol_check_kind"},
	"A12": {"no_rights", "no_basis", "no_alternatives", "no_views", "no_review", "no_duration", "review_too_late"},
}

// Verdicts are the verdict ids, from best to worst.
var Verdicts = []string{"proceed", "proceed-with-safeguards", "not-established", "do-not-proceed"}

// Lights are the traffic lights, from best to worst.
var Lights = []string{"green", "amber", "red"}

// RuleOrder returns the position of a rule id in RuleIDs, for sorting.
func RuleOrder(id string) int {
	if i := slices.Index(RuleIDs, id); i >= 0 {
		return i
	}
	return len(RuleIDs)
}

// Fill replaces each {name} in s with its value.
func Fill(s string, values map[string]string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, 2*len(values))
	for k, v := range values {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// UnmarshalYAMLNode reads `any` or a list of values.
func (a *AnyOf) UnmarshalYAMLNode(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.EqualFold(strings.TrimSpace(n.Value), "any") {
			*a = AnyOf{Any: true}
			return nil
		}
		*a = AnyOf{Values: []string{strings.TrimSpace(n.Value)}}
		return nil
	case yaml.SequenceNode:
		var vals []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("expected `any` or a list of ids")
			}
			if strings.EqualFold(c.Value, "any") {
				*a = AnyOf{Any: true}
				return nil
			}
			vals = append(vals, strings.TrimSpace(c.Value))
		}
		*a = AnyOf{Values: vals}
		return nil
	}
	return fmt.Errorf("expected `any` or a list of ids")
}
