// Package yamlnode decodes YAML strictly into Go structs while keeping track of
// where every value came from.
//
// The checklists and the decision files are written by people and by other
// systems, so a mistake must be reported precisely: the file, the line and
// column, the path of the field (restriction.kind, rights[2].article) and what
// was expected. yaml.v3's own decoder stops at the first type error and does
// not report duplicate keys when decoding into a struct, so this package walks
// the yaml.Node tree itself and collects every problem.
//
// Decoding follows the struct's `yaml` tags. Unknown keys, duplicate keys and
// values of the wrong shape are errors; a key whose value is null counts as
// absent. A type can take over its own decoding by implementing [Unmarshaler]
// or [NodeDecoder]; a field of type yaml.Node (or *yaml.Node) keeps the value
// undecoded.
package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is one problem found in a YAML file, with its position.
type Error struct {
	File   string
	Line   int
	Column int
	Path   string // the field path, e.g. restriction.kind or rights[2].article
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(printable(e.File))
		b.WriteByte(':')
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d:", e.Line, e.Column)
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	if e.Path != "" {
		b.WriteString(printable(e.Path))
		b.WriteString(": ")
	}
	b.WriteString(printable(e.Msg))
	return b.String()
}

// printable escapes what a terminal would act on rather than show (escape
// sequences, carriage returns, bidi overrides), as Go writes it in a quoted
// string, and shows a byte that is not UTF-8 as U+FFFD: a key such as
// "\e[31m" is part of a field path, and the message is printed on a
// terminal.
func printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !strconv.IsPrint(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strconv.IsPrint(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// Errors is every problem found in one or more files, in file and line order.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line and column.
func (es Errors) Sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// MaxReported is how many problems Err reports: a file that repeats one
// mistake ten thousand times gets the first of them and a count of the
// rest, not a screenful the person cannot read.
const MaxReported = 100

// Err returns es as an error, or nil when it holds no problem. After
// MaxReported problems, the rest are counted in one last problem.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	es.Sort()
	if len(es) > MaxReported {
		next := es[MaxReported]
		more := &Error{File: next.File, Line: next.Line, Column: next.Column,
			Msg: fmt.Sprintf("and %d more problems from here on: fix those above and check again", len(es)-MaxReported)}
		es = append(es[:MaxReported:MaxReported], more)
	}
	return es
}

// AsErrors returns the problems held by err: every one of an Errors, or the one
// *Error.
func AsErrors(err error) (Errors, bool) {
	var es Errors
	if errors.As(err, &es) {
		return es, true
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}, true
	}
	return nil, false
}

// Pos is where a value stands in its file.
type Pos struct {
	Line   int
	Column int
}

// Positions maps a field path to where its value (or, for an absent value, its
// parent) stands.
type Positions map[string]Pos

// Unmarshaler is implemented by types that decode themselves from a node. The
// returned error's text is reported at the node's position and path.
type Unmarshaler interface {
	UnmarshalYAMLNode(n *yaml.Node) error
}

// NodeDecoder is implemented by types that decode themselves with the
// decoder's help: they may record problems at any node (Errorf) and decode
// parts of the node into fields (DecodeValue), keeping paths and positions.
type NodeDecoder interface {
	DecodeYAMLNode(d *Decoder, n *yaml.Node, path string)
}

// maxNodes bounds the work done on one document, so an alias-expansion bomb
// (a small file whose aliases refer to each other exponentially) is rejected
// rather than walked.
const maxNodes = 200_000

// Decoder walks one document into a struct.
type Decoder struct {
	File      string
	Positions Positions
	// Keys is where each field's key stands: a field missing from a
	// mapping is reported at its mapping's key ("test:"), where it is to be
	// added, rather than at the mapping's first entry.
	Keys Positions
	// PlainText refuses text that holds a control character (an escape
	// sequence, a carriage return, a bidi override): for files whose text
	// is shown to people as it is written, such as the checklists.
	PlainText bool
	errs      Errors
	visited   int
	tooLarge  *Error // the problem recorded when the node budget ran out
}

// Decode decodes the node (a document or its content) into v, which must be a
// pointer, and returns every problem found.
func (d *Decoder) Decode(n *yaml.Node, v any) Errors {
	if d.Positions == nil {
		d.Positions = Positions{}
	}
	if d.Keys == nil {
		d.Keys = Positions{}
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	d.value(n, reflect.ValueOf(v).Elem(), "")
	if d.tooLarge != nil {
		// What was found before the budget ran out is beside the point,
		// and what came after was never looked at: say only that.
		d.errs = Errors{d.tooLarge}
	}
	return d.errs
}

// Exhausted reports whether the document was too large to walk (its aliases
// expand too far): Decode then returns that one problem, and the value is
// incomplete, so it is not worth validating further.
func (d *Decoder) Exhausted() bool { return d.tooLarge != nil }

// Errorf records a problem at node n and path.
func (d *Decoder) Errorf(n *yaml.Node, path, format string, args ...any) {
	e := &Error{File: d.File, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

var (
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	nodeDecoderType = reflect.TypeFor[NodeDecoder]()
	yamlNodeType    = reflect.TypeFor[yaml.Node]()
)

// DecodeValue decodes n into v (a pointer) at path.
func (d *Decoder) DecodeValue(n *yaml.Node, v any, path string) {
	d.value(n, reflect.ValueOf(v).Elem(), path)
}

// Join appends a key to a field path.
func Join(path, key string) string { return join(path, key) }

func (d *Decoder) value(n *yaml.Node, v reflect.Value, path string) {
	d.visited++
	if d.visited > maxNodes {
		if d.tooLarge == nil {
			d.Errorf(n, path, "the document is too large or its aliases expand too far: write each value out, without aliases")
			d.tooLarge = d.errs[len(d.errs)-1]
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			d.Errorf(n, path, "unknown alias")
			return
		}
		// The value is the anchored one, but a problem with it is named
		// where the alias stands: that is the field the person wrote.
		at := *n.Alias
		at.Line, at.Column = n.Line, n.Column
		n = &at
	}
	d.Positions[path] = Pos{n.Line, n.Column}
	if !coreTags[n.Tag] && v.Type() != yamlNodeType {
		// !!binary would be read as its base64 text, a local tag (!x)
		// ignored: neither is what the writer meant.
		d.Errorf(n, path, "the tag %s is not read here: write the value without a tag", n.Tag)
		return
	}
	if v.Kind() == reflect.Pointer {
		if isNull(n) {
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), path)
		return
	}
	if v.Type() == yamlNodeType {
		// A field of type yaml.Node keeps the value as it was written, for
		// the caller to read later (a record's stored outcome).
		if !isNull(n) {
			v.Set(reflect.ValueOf(*n))
		}
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		if isNull(n) {
			return
		}
		v.Addr().Interface().(NodeDecoder).DecodeYAMLNode(d, n, path)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if isNull(n) {
			return
		}
		if err := v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(n); err != nil {
			d.Errorf(n, path, "%s", err.Error())
		}
		return
	}
	if isNull(n) {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValue(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, path, "expected a list, found %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		d.mapValue(n, v, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.Errorf(n, path, "expected text, found %s", describe(n))
			return
		}
		if d.PlainText {
			if r, at := controlIn(n.Value); at > 0 {
				d.Errorf(n, path, "the text holds the control character %U (character %d), which a terminal would act on: write plain text", r, at)
				return
			}
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.Errorf(n, path, "expected true or false, found %s", describe(n))
			return
		}
		v.SetBool(strings.EqualFold(n.Value, "true"))
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.Errorf(n, path, "expected a whole number, found %s", describe(n))
			return
		}
		v.SetInt(i)
	default:
		d.Errorf(n, path, "cannot decode into %s", v.Type())
	}
}

func (d *Decoder) structValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, path, "expected a mapping of keys to values, found %s", describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.plainKey(k, path) {
			continue
		}
		key := k.Value
		kpath := join(path, key)
		if first, dup := seen[key]; dup {
			d.Errorf(k, kpath, "duplicate key %q (first given on line %d)", key, first)
			continue
		}
		seen[key] = k.Line
		idx, ok := fields[key]
		if !ok {
			d.Errorf(k, kpath, "unknown key %q%s", key, suggest(key, fields))
			continue
		}
		d.Keys[kpath] = Pos{k.Line, k.Column}
		d.value(val, v.Field(idx), kpath)
		if _, ok := d.Positions[kpath]; !ok || isNull(val) {
			d.Positions[kpath] = Pos{k.Line, k.Column}
		}
	}
}

func (d *Decoder) mapValue(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, path, "expected a mapping of keys to values, found %s", describe(n))
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		d.Errorf(n, path, "cannot decode into %s", v.Type())
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if !d.plainKey(k, path) {
			continue
		}
		kpath := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.Errorf(k, kpath, "duplicate key %q (first given on line %d)", k.Value, first)
			continue
		}
		seen[k.Value] = k.Line
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, kpath)
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

// coreTags are the tags of YAML's core schema, which a value may carry
// (explicitly, or resolved from a plain scalar).
var coreTags = map[string]bool{
	"": true, "!": true, "!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!map": true, "!!seq": true,
}

// plainKey reports whether a mapping key is one rightsaid reads: text. A
// list or mapping used as a key, and YAML's merge key (<<), are problems.
func (d *Decoder) plainKey(k *yaml.Node, path string) bool {
	switch {
	case k.Kind != yaml.ScalarNode:
		d.Errorf(k, path, "a key must be text, found %s", describe(k))
		return false
	case k.Tag == "!!merge":
		d.Errorf(k, join(path, k.Value), "merge keys (<<) are not read: write the keys out in full")
		return false
	}
	return true
}

// fieldsOf maps each yaml key of a struct type to its field index.
func fieldsOf(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		m[tag] = i
	}
	return m
}

// suggest names the closest known key, for a likely typing slip.
func suggest(key string, fields map[string]int) string {
	best := Closest(key, slices.Collect(maps.Keys(fields)))
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// Closest is the word of known nearest to word, ignoring case, when it is
// near enough to be a likely typing slip (two edits at most: a letter
// wrong, missing, added, or two swapped); "" when none is.
func Closest(word string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(word), strings.ToLower(k)); d < bestDist || (d == bestDist && k < best && best != "") {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of adjacent letters each count one.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// controlIn returns the first character of s that is a control character
// (other than a line break or a tab), a bidi control or a line or paragraph
// separator, and its place counted from 1; 0 if there is none.
func controlIn(s string) (rune, int) {
	at := 0
	for _, r := range s {
		at++
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029') {
			return r, at
		}
	}
	return 0, 0
}

// describe names what a node holds, for an error message.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// Describe names what a node holds, for an error message from an Unmarshaler.
func Describe(n *yaml.Node) string { return describe(n) }

// IsNull reports whether the node is an explicit null (~, null or nothing).
func IsNull(n *yaml.Node) bool { return isNull(n) }

// Parse parses data as a single YAML document and returns its root node. Empty
// input, several documents and a document that is not a mapping are errors.
func Parse(file string, data []byte) (*yaml.Node, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		// Blank lines, spaces and tabs: yaml.v3 takes a tab for bad
		// indentation, but the file is simply empty.
		return nil, &Error{File: file, Line: 1, Column: 1, Msg: "the file is empty: expected a YAML mapping"}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, &Error{File: file, Line: 1, Column: 1, Msg: "the file is empty: expected a YAML mapping"}
		}
		return nil, syntaxError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: file, Line: extra.Line, Column: extra.Column,
			Msg: "a second YAML document: this file must hold exactly one (remove the '---' separator)"}
	} else if err.Error() != "EOF" {
		return nil, syntaxError(file, data, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		if isNull(root) {
			return nil, &Error{File: file, Line: 1, Column: 1, Msg: "the file is empty: expected a YAML mapping"}
		}
		return nil, &Error{File: file, Line: root.Line, Column: root.Column,
			Msg: fmt.Sprintf("expected a mapping of keys to values at the top, found %s", describe(root))}
	}
	return root, nil
}

// syntaxError turns a yaml.v3 parse error ("yaml: line 3: ...") into an Error
// with its line.
func syntaxError(file string, data []byte, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	e := &Error{File: file, Msg: "not valid YAML: " + msg}
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ":"); ok {
			if l, err := strconv.Atoi(num); err == nil {
				e.Line, e.Column = l, 1
				e.Msg = "not valid YAML:" + tail
			}
		}
	}
	// yaml.v3 counts the lines of its parser's errors (unlike its scanner's)
	// from 0, and leaves out line 0: name the line as a person counts it.
	if parserProblems[strings.TrimPrefix(e.Msg, "not valid YAML: ")] {
		e.Line, e.Column = e.Line+1, 1
	}
	// An alias to an anchor never defined has no line: find the alias.
	if m := unknownAnchor().FindStringSubmatch(msg); m != nil && e.Line == 0 {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			e.Line, e.Column = bytes.Count(data[:i], []byte("\n"))+1, 1
		}
	}
	// It gives no line for a problem on the first line, nor for bytes that
	// are not text (its reader's errors): find those bytes.
	if e.Line == 0 {
		e.Line, e.Column = badText(data)
	}
	// A tab in the indentation is the likeliest cause of a character that
	// "cannot start any token", and yaml.v3 names the line before the tab
	// when it finds one "that violates indentation": say which line, and
	// the fix.
	if last := e.Line; strings.HasSuffix(e.Msg, "found character that cannot start any token") ||
		strings.HasSuffix(e.Msg, "found a tab character that violates indentation") {
		if strings.HasSuffix(e.Msg, "violates indentation") {
			last++
		}
		for l := e.Line; l <= last; l++ {
			if tabIndented(data, l) {
				e.Line, e.Column = l, 1
				e.Msg = fmt.Sprintf("not valid YAML: line %d is indented with a tab; YAML indents with spaces only", l)
				break
			}
		}
	}
	return e
}

var unknownAnchor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown anchor '(.*)' referenced$`) })

// tabIndented reports whether line (counted from 1) of data has a tab in
// its indentation.
func tabIndented(data []byte, line int) bool {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return false
	}
	l := lines[line-1]
	indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
	return bytes.IndexByte(indent, '\t') >= 0
}

// badText returns the line and column of the first byte of data that is not
// UTF-8 or is a character YAML does not allow, or 1, 1 if there is none.
func badText(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		allowed := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0x7e || r == 0x85 ||
			r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
		if r == utf8.RuneError && n <= 1 || !allowed {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		data = data[n:]
	}
	return 1, 1
}

// parserProblems are the messages of yaml.v3's parser errors, whose lines it
// reports counted from 0.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}
