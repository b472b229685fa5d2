package decision

import (
	"fmt"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Enum is an enumerated value or catalog id, read ignoring case and
// surrounding spaces. Whether it is a valid value is checked by Validate.
type Enum string

// UnmarshalYAMLNode reads a scalar, lower-cased and trimmed.
func (e *Enum) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a single value, found %s", yamlnode.Describe(n))
	}
	*e = Enum(strings.ToLower(strings.TrimSpace(n.Value)))
	return nil
}

// Answer is yes, no or unsure ("" when not given). YAML booleans and the
// strings true and false are read as yes and no.
type Answer string

// UnmarshalYAMLNode reads an answer.
func (a *Answer) UnmarshalYAMLNode(n *yaml.Node) error {
	v, err := readChoice(n, Answers)
	*a = Answer(v)
	return err
}

// Is reports whether the answer is v.
func (a Answer) Is(v string) bool { return string(a) == v }

// YesNo is yes or no ("" when not given); YAML booleans and the strings true
// and false are read as yes and no.
type YesNo string

// UnmarshalYAMLNode reads yes or no.
func (y *YesNo) UnmarshalYAMLNode(n *yaml.Node) error {
	v, err := readChoice(n, []string{Yes, No})
	*y = YesNo(v)
	return err
}

// Yes reports whether the value is yes.
func (y YesNo) Yes() bool { return y == Yes }

func readChoice(n *yaml.Node, allowed []string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("expected %s, found %s", orList(allowed), yamlnode.Describe(n))
	}
	v := strings.ToLower(strings.TrimSpace(n.Value))
	switch v {
	case "true":
		v = Yes
	case "false":
		v = No
	case "":
		return "", nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", fmt.Errorf("%q is not an answer: use %s", strings.TrimSpace(n.Value), orList(allowed))
}

func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// StringList is a list of text entries; a single string is read as a
// one-item list, and blank entries are dropped.
type StringList []string

// UnmarshalYAMLNode reads a list or a single string.
func (s *StringList) UnmarshalYAMLNode(n *yaml.Node) error {
	var items []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		items = []*yaml.Node{n}
	case yaml.SequenceNode:
		items = n.Content
	default:
		return fmt.Errorf("expected a list of text, or a single text, found %s", yamlnode.Describe(n))
	}
	var out StringList
	for _, it := range items {
		if it.Kind == yaml.AliasNode && it.Alias != nil {
			it = it.Alias
		}
		if it.Kind != yaml.ScalarNode {
			return fmt.Errorf("each entry must be text, found %s", yamlnode.Describe(it))
		}
		if yamlnode.IsNull(it) || strings.TrimSpace(it.Value) == "" {
			continue
		}
		out = append(out, strings.TrimSpace(it.Value))
	}
	*s = out
	return nil
}

// Duration is an optional duration; a blank one counts as absent.
type Duration struct {
	D   catalog.Duration
	Set bool
}

// NewDuration returns a set duration.
func NewDuration(d catalog.Duration) Duration { return Duration{D: d, Set: true} }

// Duration returns the length as a time.Duration.
func (d Duration) Duration() time.Duration { return time.Duration(d.D) }

// UnmarshalYAMLNode reads a duration in the short or the ISO 8601 form.
func (d *Duration) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a duration such as 2h or 3d, found %s", yamlnode.Describe(n))
	}
	if strings.TrimSpace(n.Value) == "" {
		*d = Duration{}
		return nil
	}
	v, err := catalog.ParseDuration(n.Value)
	if err != nil {
		return err
	}
	*d = NewDuration(v)
	return nil
}

// Time is an optional RFC 3339 date-time, in UTC, to the second; the zero
// Time is absent.
type Time struct{ t time.Time }

// NewTime returns t in UTC, truncated to the second.
func NewTime(t time.Time) Time { return Time{t.UTC().Truncate(time.Second)} }

// Time returns the time.
func (t Time) Time() time.Time { return t.t }

// IsZero reports whether the time is absent.
func (t Time) IsZero() bool { return t.t.IsZero() }

// String writes the time in RFC 3339, UTC, to the second.
func (t Time) String() string {
	if t.t.IsZero() {
		return ""
	}
	return t.t.UTC().Format(time.RFC3339)
}

// ParseTime reads an RFC 3339 date-time. A space or a lower-case t may stand
// for the T, z for Z, and fractional seconds are dropped; a time without an
// offset is UTC; a date alone is an error.
func ParseTime(s string) (time.Time, error) {
	v := strings.TrimSpace(s)
	bad := fmt.Errorf("%q is not a date and time: write RFC 3339, such as 2026-11-23T14:02:00Z", v)
	if len(v) < len("2006-01-02T15:04") {
		if len(v) == len("2006-01-02") {
			return time.Time{}, fmt.Errorf("%q is a date alone: give a time too, such as %sT09:00:00Z", v, v)
		}
		return time.Time{}, bad
	}
	b := []byte(v)
	if b[10] == ' ' || b[10] == 't' {
		b[10] = 'T'
	}
	v = strings.ToUpper(string(b))
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02T15:04"} {
		t, err := time.Parse(layout, v)
		if err == nil {
			// The year is checked in UTC, the zone the time is written in:
			// 9999-12-31T23:30:00-01:00 would be written in year 10000.
			t = t.UTC().Truncate(time.Second)
			if t.Year() < 1900 || t.Year() > 9999 {
				return time.Time{}, fmt.Errorf("%q: the year must be between 1900 and 9999", strings.TrimSpace(s))
			}
			return t, nil
		}
	}
	return time.Time{}, bad
}

// UnmarshalYAMLNode reads a date-time; blank counts as absent.
func (t *Time) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a date and time, found %s", yamlnode.Describe(n))
	}
	if strings.TrimSpace(n.Value) == "" {
		*t = Time{}
		return nil
	}
	v, err := ParseTime(n.Value)
	if err != nil {
		return err
	}
	*t = Time{v}
	return nil
}

// DecodeYAMLNode reads a right as a mapping (article, note) or a bare
// article id, normalising the article.
func (r *RightRef) DecodeYAMLNode(d *yamlnode.Decoder, n *yaml.Node, path string) {
	type plain RightRef
	articleNode := n
	apath := path
	switch n.Kind {
	case yaml.ScalarNode:
		r.Article = n.Value
	case yaml.MappingNode:
		d.DecodeValue(n, (*plain)(r), path)
		apath = yamlnode.Join(path, "article")
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "article" {
				articleNode = n.Content[i+1]
			}
		}
		if strings.TrimSpace(r.Article) == "" {
			d.Errorf(articleNode, apath, "required: the article, such as 8 or P1-1")
			return
		}
	default:
		d.Errorf(n, path, "expected an article id or a mapping with article and note, found %s", yamlnode.Describe(n))
		return
	}
	id, err := catalog.NormaliseArticle(r.Article)
	if err != nil {
		d.Errorf(articleNode, apath, "%v", err)
		return
	}
	r.Article = id
}

// BasisID is how a basis entry is matched against the catalog's ids: ignoring
// case and surrounding spaces.
func BasisID(entry string) string { return strings.ToLower(strings.TrimSpace(entry)) }
