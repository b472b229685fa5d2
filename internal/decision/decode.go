package decision

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// MaxSize is the largest decision file read: 1 MiB.
const MaxSize = 1 << 20

// Options say how strictly to decode.
type Options struct {
	// Draft skips the check for required fields, for a decision still being
	// made (the wizard's drafts). Values given are still checked.
	Draft bool
	// Now is the time a decision without recorded_at is taken as recorded.
	Now time.Time
	// Unanswered leaves the answers an answers file may leave out
	// unanswered, rather than giving them their defaults: a draft of the
	// wizard, whose questions not yet reached are still to be asked.
	Unanswered bool
}

// Decode reads one decision from data, read from file, and validates it
// against the catalog. Every problem found is returned at once, as Errors.
// recorded_at defaults to opts.Now; the optional enumerated fields get their
// defaults.
func Decode(c *catalog.Catalog, file string, data []byte, opts Options) (*Decision, error) {
	if len(data) > MaxSize {
		return nil, &Error{File: file, Msg: fmt.Sprintf("too large (%d bytes): a decision file may be at most 1 MiB", len(data))}
	}
	if !isText(data) {
		return nil, &Error{File: file, Line: 1, Column: 1, Msg: "not a text file: expected a YAML decision (schema rightsaid/v1)"}
	}
	root, err := yamlnode.Parse(file, data)
	if err != nil {
		return nil, err
	}
	return DecodeNode(c, file, root, opts)
}

// DecodeNode decodes a decision from a YAML mapping that is part of a larger
// file (a training scenario's model answers), keeping the file's positions in
// its messages; otherwise as Decode.
func DecodeNode(c *catalog.Catalog, file string, root *yaml.Node, opts Options) (*Decision, error) {
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: root.Line, Column: root.Column, Msg: "expected a mapping of keys to values (a schema-v1 decision)"}
	}
	d := &Decision{file: file}
	dec := &yamlnode.Decoder{File: file}
	errs := dec.Decode(root, d)
	if dec.Exhausted() {
		return nil, errs.Err()
	}
	d.positions, d.keys = dec.Positions, dec.Keys
	d.Schema = strings.TrimSpace(d.Schema)
	if !opts.Unanswered {
		d.applyDefaults()
	}
	if d.RecordedAt.IsZero() && !opts.Now.IsZero() {
		d.RecordedAt = NewTime(opts.Now)
	}
	errs = append(errs, d.validate(c, opts, errs)...)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// isText reports whether data looks like text rather than a binary file.
func isText(data []byte) bool {
	n := min(len(data), 8192)
	for _, b := range data[:n] {
		if b == 0 {
			return false
		}
	}
	return true
}

// validator collects problems found after decoding, at the positions the
// decoder recorded.
type validator struct {
	d    *Decision
	errs Errors
	have map[string]bool // paths that already have a decoding problem
}

func (v *validator) at(path string) (line, col int) {
	for p := path; ; {
		if pos, ok := v.d.positions[p]; ok {
			if p != path {
				// path is missing from the mapping at p: name the line
				// of p's key, where it is to be added.
				if key, ok := v.d.keys[p]; ok {
					return key.Line, key.Column
				}
			}
			return pos.Line, pos.Column
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			if pos, ok := v.d.positions[""]; ok {
				return pos.Line, pos.Column
			}
			return 0, 0
		}
		p = p[:i]
	}
}

func (v *validator) errorf(path, format string, args ...any) {
	if v.have[path] {
		return
	}
	line, col := v.at(path)
	v.errs = append(v.errs, &Error{File: v.d.file, Line: line, Column: col, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (d *Decision) validate(c *catalog.Catalog, opts Options, decoding Errors) Errors {
	// A known basis is written as its id; free text stays as given.
	for i, b := range d.Test.Lawful.Basis {
		if kb, ok := c.Basis(BasisID(b)); ok {
			d.Test.Lawful.Basis[i] = kb.ID
		}
	}
	v := &validator{d: d, have: map[string]bool{}}
	for _, e := range decoding {
		v.have[e.Path] = true
	}
	required := !opts.Draft
	given := func(path string) bool { _, ok := d.positions[path]; return ok }

	if d.Schema == "" {
		if required || !given("schema") {
			v.errorf("schema", "required: schema: %s", Schema)
		}
	} else if d.Schema != Schema {
		v.errorf("schema", "%q is not a schema this version reads: use %s", d.Schema, Schema)
	}
	if d.Supersedes != "" {
		d.Supersedes = strings.TrimSpace(d.Supersedes)
	}
	if !d.EndedAt.IsZero() && d.Supersedes == "" {
		v.errorf("ended_at", "ended_at is only for a record that supersedes another (a review that ends the restriction)")
	}

	v.choice("setting", string(d.Setting), ids(c.Settings, func(s catalog.Setting) string { return s.ID }), required)
	v.choice("nation", string(d.Nation), catalog.Nations, false)
	v.text("person.ref", d.Person.Ref, required)
	v.choice("person.age", string(d.Person.Age), Ages, required)
	v.choice("person.capacity", string(d.Person.Capacity), Capacities, required)
	v.choice("restriction.kind", string(d.Restriction.Kind), ids(c.Kinds, func(k catalog.Kind) string { return k.ID }), required)
	v.text("restriction.description", d.Restriction.Description, required)
	v.text("restriction.reason", d.Restriction.Reason, required)
	v.choice("restriction.stage", string(d.Restriction.Stage), Stages, required)
	v.choice("restriction.scope", string(d.Restriction.Scope), Scopes, false)
	if required {
		for _, id := range catalog.ScreenIDs {
			if d.Screen.Get(id).Is("") {
				v.errorf("screen."+id, "required: answer yes, no or unsure")
			}
		}
		for _, id := range catalog.PartIDs {
			if d.Test.Answer(id).Is("") {
				v.errorf("test."+id+".answer", "required: answer yes, no or unsure")
			}
		}
	}
	// A list entry given as null ("-" alone) decodes to no article: it is
	// an error, not an empty right written back as {}.
	for _, list := range []struct {
		key  string
		refs []RightRef
	}{{"rights", d.Rights}, {"protects", d.Protects}} {
		for i, r := range list.refs {
			p := fmt.Sprintf("%s[%d]", list.key, i)
			if r.Article == "" && !v.have[p] && !v.have[p+".article"] {
				v.errorf(p, "an empty entry: give an article id, such as 8 or P1-1, or remove the line")
			}
		}
	}
	seen := map[string]int{}
	for i, r := range d.Rights {
		if r.Article == "" {
			continue
		}
		if first, dup := seen[r.Article]; dup {
			v.errorf(fmt.Sprintf("rights[%d].article", i), "article %s is already listed (rights[%d]); list each right once", r.Article, first)
		}
		seen[r.Article] = i
	}
	if !d.Review.At.IsZero() && d.Review.Within.Set {
		v.errorf("review.at", "give review.at or review.within, not both")
	}
	if !d.Review.At.IsZero() && !d.RecordedAt.IsZero() && d.Review.At.Time().Before(d.RecordedAt.Time()) {
		v.errorf("review.at", "the review (%s) is before the decision was recorded (%s)", d.Review.At, d.RecordedAt)
	}
	return v.errs
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func (v *validator) text(path, value string, required bool) {
	if required && strings.TrimSpace(value) == "" {
		v.errorf(path, "required: must not be blank")
	}
}

func (v *validator) choice(path, value string, allowed []string, required bool) {
	if value == "" {
		if required {
			v.errorf(path, "required: one of %s", strings.Join(allowed, ", "))
		}
		return
	}
	if !slices.Contains(allowed, value) {
		if near := yamlnode.Closest(value, allowed); near != "" {
			v.errorf(path, "%q is not known (did you mean %q?): use one of %s", value, near, strings.Join(allowed, ", "))
			return
		}
		v.errorf(path, "%q is not known: use one of %s", value, strings.Join(allowed, ", "))
	}
}

// Missing lists the required fields a draft has not answered yet, by path,
// in the order the wizard asks them.
func (d *Decision) Missing() []string {
	var out []string
	check := func(path string, blank bool) {
		if blank {
			out = append(out, path)
		}
	}
	check("setting", d.Setting == "")
	check("person.ref", strings.TrimSpace(d.Person.Ref) == "")
	check("person.age", d.Person.Age == "")
	check("person.capacity", d.Person.Capacity == "")
	check("restriction.kind", d.Restriction.Kind == "")
	check("restriction.description", strings.TrimSpace(d.Restriction.Description) == "")
	check("restriction.reason", strings.TrimSpace(d.Restriction.Reason) == "")
	check("restriction.stage", d.Restriction.Stage == "")
	for _, id := range catalog.ScreenIDs {
		check("screen."+id, d.Screen.Get(id).Is(""))
	}
	for _, id := range catalog.PartIDs {
		check("test."+id+".answer", d.Test.Answer(id).Is(""))
	}
	return out
}

// ReadStoredOutcome reads the outcome a file held, for comparison with the
// recomputed one; ok is false when the file held none.
func (d *Decision) ReadStoredOutcome() (o Outcome, ok bool, err error) {
	n := d.StoredOutcome
	if n == nil || yamlnode.IsNull(n) {
		return Outcome{}, false, nil
	}
	var raw struct {
		Light     string `yaml:"light"`
		Verdict   string `yaml:"verdict"`
		ReviewDue string `yaml:"review_due"`
		Reasons   []struct {
			Rule string `yaml:"rule"`
			Text string `yaml:"text"`
		} `yaml:"reasons"`
		Advice []string `yaml:"advice"`
	}
	dec := &yamlnode.Decoder{File: d.file}
	if errs := dec.Decode(n, &raw); len(errs) > 0 {
		return Outcome{}, true, errs.Err()
	}
	o = Outcome{Light: strings.ToLower(strings.TrimSpace(raw.Light)), Verdict: strings.ToLower(strings.TrimSpace(raw.Verdict)), Advice: raw.Advice}
	if strings.TrimSpace(raw.ReviewDue) != "" {
		t, err := ParseTime(raw.ReviewDue)
		if err != nil {
			return Outcome{}, true, &Error{File: d.file, Line: n.Line, Column: n.Column, Path: "outcome.review_due", Msg: err.Error()}
		}
		o.ReviewDue = t
	}
	for _, r := range raw.Reasons {
		o.Reasons = append(o.Reasons, Reason{Rule: strings.ToUpper(strings.TrimSpace(r.Rule)), Text: r.Text})
	}
	return o, true, nil
}

// Position returns where a field was read from (line 0 when it was not).
func (d *Decision) Position(path string) (line, col int) {
	v := &validator{d: d}
	return v.at(path)
}
