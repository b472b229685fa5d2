package decision

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Node builds the canonical YAML tree of the decision: keys in the contract's
// order, defaults written out, empty optional strings and lists left out,
// rights as mappings, answers and enumerated values quoted, times in UTC.
// The id is written only when set; the outcome and rationale last, when set.
func (d *Decision) Node() *yaml.Node {
	m := &mapping{}
	m.quoted("schema", Schema)
	m.quoted("id", d.ID)
	m.quoted("supersedes", d.Supersedes)
	m.time("ended_at", d.EndedAt)
	m.time("recorded_at", d.RecordedAt)
	if by := (&mapping{}); true {
		by.text("name", d.DecidedBy.Name)
		by.text("role", d.DecidedBy.Role)
		m.sub("decided_by", by)
	}
	m.quoted("setting", string(d.Setting))
	m.text("unit", d.Unit)
	m.quoted("nation", string(d.Nation))
	p := &mapping{}
	p.text("ref", d.Person.Ref)
	p.quoted("age", string(d.Person.Age))
	p.quoted("capacity", string(d.Person.Capacity))
	p.quoted("objects", string(d.Person.Objects))
	m.sub("person", p)
	v := &mapping{}
	v.text("person", d.Views.Person)
	v.text("others", d.Views.Others)
	m.sub("views", v)
	r := &mapping{}
	r.quoted("kind", string(d.Restriction.Kind))
	r.text("description", d.Restriction.Description)
	r.text("reason", d.Restriction.Reason)
	r.quoted("stage", string(d.Restriction.Stage))
	r.quoted("scope", string(d.Restriction.Scope))
	r.text("blanket_justification", d.Restriction.BlanketJustification)
	r.quoted("emergency", string(d.Restriction.Emergency))
	r.quoted("ongoing", string(d.Restriction.Ongoing))
	r.duration("duration", d.Restriction.Duration)
	m.sub("restriction", r)
	s := &mapping{}
	s.quoted("degrading", string(d.Screen.Degrading))
	s.quoted("risk_to_life", string(d.Screen.RiskToLife))
	s.quoted("discriminatory", string(d.Screen.Discriminatory))
	s.quoted("punitive", string(d.Screen.Punitive))
	s.quoted("deprivation_of_liberty", string(d.Screen.DeprivationOfLiberty))
	m.sub("screen", s)
	m.rights("rights", d.Rights)
	m.rights("protects", d.Protects)
	t := &mapping{}
	law := &mapping{}
	law.quoted("answer", string(d.Test.Lawful.Answer))
	law.list("basis", d.Test.Lawful.Basis)
	law.text("note", d.Test.Lawful.Note)
	t.sub("lawful", law)
	for _, part := range []struct {
		key string
		p   Part
	}{{"justified", d.Test.Justified}, {"proportionate", d.Test.Proportionate}} {
		pm := &mapping{}
		pm.quoted("answer", string(part.p.Answer))
		pm.text("note", part.p.Note)
		t.sub(part.key, pm)
	}
	lr := &mapping{}
	lr.quoted("answer", string(d.Test.LeastRestrictive.Answer))
	lr.list("alternatives", d.Test.LeastRestrictive.Alternatives)
	lr.text("note", d.Test.LeastRestrictive.Note)
	t.sub("least_restrictive", lr)
	m.sub("test", t)
	rv := &mapping{}
	rv.duration("within", d.Review.Within)
	rv.time("at", d.Review.At)
	rv.text("by", d.Review.By)
	m.sub("review", rv)
	if o := d.Outcome; o != nil {
		om := &mapping{}
		om.quoted("light", o.Light)
		om.quoted("verdict", o.Verdict)
		om.time("review_due", NewTime(o.ReviewDue))
		if len(o.Reasons) > 0 {
			seq := &yaml.Node{Kind: yaml.SequenceNode}
			for _, reason := range o.Reasons {
				rm := &mapping{}
				rm.quoted("rule", reason.Rule)
				rm.text("text", reason.Text)
				seq.Content = append(seq.Content, rm.node())
			}
			om.add("reasons", seq)
		}
		om.list("advice", o.Advice)
		m.sub("outcome", om)
	}
	m.text("rationale", d.Rationale)
	return m.node()
}

// Encode writes the canonical YAML of the decision.
func Encode(w io.Writer, d *Decision) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(d.Node()); err != nil {
		return err
	}
	return enc.Close()
}

// Canonical returns the canonical YAML bytes of the decision.
func Canonical(d *Decision) []byte {
	var b bytes.Buffer
	if err := Encode(&b, d); err != nil {
		// Encoding a tree of strings built above cannot fail.
		panic("decision: encode canonical form: " + err.Error())
	}
	return b.Bytes()
}

// EncodeJSON writes the decision as JSON with the same keys, in the same
// order, as the canonical YAML.
func EncodeJSON(w io.Writer, d *Decision) error {
	var b bytes.Buffer
	writeJSON(&b, d.Node())
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}

// WriteJSONNode writes a YAML tree as compact JSON: mappings as objects in
// order, sequences as arrays and scalars as strings.
func WriteJSONNode(b *bytes.Buffer, n *yaml.Node) { writeJSON(b, n) }

func writeJSON(b *bytes.Buffer, n *yaml.Node) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			writeJSON(b, n.Content[0])
		}
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, n.Content[i].Value)
			b.WriteByte(':')
			writeJSON(b, n.Content[i+1])
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, c)
		}
		b.WriteByte(']')
	default:
		writeString(b, n.Value)
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	b.Write(enc)
}

// mapping builds a YAML mapping node key by key, leaving out empty values.
type mapping struct{ content []*yaml.Node }

func (m *mapping) node() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: m.content}
}

func (m *mapping) add(key string, v *yaml.Node) {
	m.content = append(m.content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// quoted adds a value written in single quotes (answers, ids, enumerated
// values), so a YAML 1.1 reader never takes 'no' for false.
func (m *mapping) quoted(key, v string) {
	if v == "" {
		return
	}
	v = validText(v)
	m.add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.SingleQuotedStyle})
}

// text adds free text: plain where YAML allows, a literal block when it runs
// over several lines.
func (m *mapping) text(key, v string) {
	if strings.TrimSpace(v) == "" {
		return
	}
	v = validText(v)
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	if strings.Contains(v, "\n") {
		n.Style = yaml.LiteralStyle
		if !literalReadsBack(v) {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	m.add(key, n)
}

// validText returns v with each byte that is not UTF-8 replaced by U+FFFD.
// A decision read from a file holds only UTF-8 (YAML is text), but one built
// in code may not: the accessible wizard reading a terminal or a script that
// sends Latin-1. YAML and JSON cannot hold such bytes, and the record must be
// written.
func validText(v string) string {
	if utf8.ValidString(v) {
		return v
	}
	return strings.ToValidUTF8(v, "\uFFFD")
}

// literalReadsBack reports whether v written as a literal block reads back
// as v. yaml.v3 writes some text as a block that it cannot read (a first line
// that begins with a tab is taken for indentation); such text is written
// double-quoted instead.
func literalReadsBack(v string) bool {
	out, err := yaml.Marshal(map[string]*yaml.Node{"k": {Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.LiteralStyle}})
	if err != nil {
		return false
	}
	var back map[string]string
	return yaml.Unmarshal(out, &back) == nil && back["k"] == v
}

func (m *mapping) time(key string, t Time) {
	m.quoted(key, t.String())
}

func (m *mapping) duration(key string, d Duration) {
	if d.Set {
		m.quoted(key, d.D.String())
	}
}

func (m *mapping) list(key string, items []string) {
	if len(items) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: validText(it)})
	}
	m.add(key, seq)
}

func (m *mapping) rights(key string, refs []RightRef) {
	if len(refs) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range refs {
		rm := &mapping{}
		rm.quoted("article", r.Article)
		rm.text("note", r.Note)
		seq.Content = append(seq.Content, rm.node())
	}
	m.add(key, seq)
}

func (m *mapping) sub(key string, sub *mapping) {
	if len(sub.content) > 0 {
		m.add(key, sub.node())
	}
}

// UTC is a helper for callers that build decisions in code.
func UTC(t time.Time) Time { return NewTime(t) }
