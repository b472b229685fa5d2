package register

import (
	"bytes"
	"slices"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// topKeys are the top-level keys of a record in the canonical form, in the
// order decision.Encode writes them.
var topKeys = []string{"schema", "id", "supersedes", "ended_at", "recorded_at", "decided_by", "setting", "unit", "nation", "person", "views",
	"restriction", "screen", "rights", "protects", "test", "review", "outcome", "rationale"}

// scanner reads records in the canonical form. It is safe for concurrent
// use: it only reads its tables.
type scanner struct {
	c *catalog.Catalog
	// known holds every id a record may use (settings, kinds, articles,
	// lights, verdicts, stages, scopes, rules), so a value read is the
	// catalog's own string rather than a new one for every record.
	known map[string]string
}

func newScanner(c *catalog.Catalog) *scanner {
	s := &scanner{c: c, known: map[string]string{}}
	add := func(ids ...string) {
		for _, id := range ids {
			s.known[id] = id
		}
	}
	for _, x := range c.Settings {
		add(x.ID)
	}
	for _, x := range c.Kinds {
		add(x.ID)
	}
	for _, x := range c.Rights {
		add(x.Article)
	}
	add(catalog.Lights...)
	add(catalog.Verdicts...)
	add(catalog.RuleIDs...)
	add(catalog.Nations...)
	add(decision.Stages...)
	add(decision.Scopes...)
	return s
}

// scanCanonical reads the fields of a Summary from a record in the
// canonical form the register writes (decision.Encode: one key a line, keys
// in a fixed order, two-space indents, enumerated values and times single
// quoted, no line folding), without a YAML parser. It reads up to the
// rationale, which comes last. ok is false as soon as it meets anything it
// does not expect (a key out of order, a value written in another style, an
// id the catalog does not know), and the caller decodes the record strictly
// instead; so it never reads a value differently from the strict decoder.
func scanCanonical(c *catalog.Catalog, data []byte) (Summary, bool) {
	return newScanner(c).scan(data)
}

func (s *scanner) scan(data []byte) (r Summary, ok bool) {
	var (
		top                 = -1 // index in topKeys of the current top-level key
		sub                 []byte
		hasReview           bool
		ended               bool
		hasOutcome          bool
		description, reason []byte
	)
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if len(line) == 0 {
			continue
		}
		if line[0] != ' ' {
			key, val, found := bytes.Cut(line, []byte(":"))
			if !found {
				return r, false
			}
			i := slices.Index(topKeys[top+1:], string(key))
			if i < 0 {
				return r, false // unknown, repeated or out of order
			}
			top += 1 + i
			sub = nil
			key0 := topKeys[top]
			if key0 == "rationale" {
				break
			}
			v, blockStart := topValue(val)
			if blockStart != isBlockKey(key0) {
				return r, false
			}
			var good bool
			switch key0 {
			case "schema":
				good = string(v) == "'"+decision.Schema+"'"
			case "id":
				r.ID, good = quoted(v)
			case "supersedes":
				r.Supersedes, good = quoted(v)
				r.Supersedes = strings.TrimSpace(r.Supersedes)
			case "ended_at":
				var t time.Time
				t, good = quotedTime(v)
				ended = !t.IsZero()
			case "recorded_at":
				r.RecordedAt, good = quotedTime(v)
			case "setting":
				r.Setting, good = s.enum(v)
				if _, known := s.c.Setting(r.Setting); !known {
					good = false
				}
			case "unit":
				r.Unit, good = text(v)
			case "nation":
				_, good = s.enum(v)
			default:
				good = true // a mapping or list: read below
			}
			if !good {
				return r, false
			}
			continue
		}
		good := true
		switch topKeys[top] {
		case "person":
			if v, found := field(line, "  ref: "); found {
				r.Person, good = text(v)
			}
		case "restriction":
			if v, found := field(line, "  kind: "); found {
				r.Kind, good = s.enum(v)
				if _, known := s.c.Kind(r.Kind); !known {
					good = false
				}
			} else if v, found := field(line, "  description: "); found {
				description = v // read only for a blanket rule
			} else if v, found := field(line, "  stage: "); found {
				r.Stage, good = s.enum(v)
				good = good && slices.Contains(decision.Stages, r.Stage)
			} else if v, found := field(line, "  scope: "); found {
				r.Scope, good = s.enum(v)
				good = good && slices.Contains(decision.Scopes, r.Scope)
			} else if v, found := field(line, "  blanket_justification: "); found {
				reason = v
			}
		case "rights":
			if v, found := field(line, "  - article: "); found {
				var a string
				a, good = s.enum(v)
				if _, known := s.c.Right(a); !known || slices.Contains(r.Rights, a) {
					good = false
				}
				r.Rights = append(r.Rights, a)
			} else if hasPrefix(line, "  - ") {
				good = false // a right written another way
			}
		case "review":
			if hasPrefix(line, "  within: ") || hasPrefix(line, "  at: ") {
				hasReview = true
			}
		case "outcome":
			hasOutcome = true
			if len(line) > 2 && line[2] != ' ' {
				sub, _, _ = bytes.Cut(line[2:], []byte(":"))
			}
			if v, found := field(line, "  light: "); found {
				r.Light, good = s.enum(v)
				good = good && slices.Contains(catalog.Lights, r.Light)
			} else if v, found := field(line, "  verdict: "); found {
				r.Verdict, good = s.enum(v)
				good = good && slices.Contains(catalog.Verdicts, r.Verdict)
			} else if v, found := field(line, "  review_due: "); found {
				r.ReviewDue, good = quotedTime(v)
			} else if v, found := field(line, "    - rule: "); found && string(sub) == "reasons" {
				var rule string
				rule, good = s.rule(v)
				r.Rules = append(r.Rules, rule)
			}
		}
		if !good {
			return r, false
		}
	}
	if r.Scope == "" {
		r.Scope = "individual"
	}
	if r.IsBlanket() {
		var good bool
		if r.Description, good = text(description); !good {
			return r, false
		}
		if reason != nil {
			if r.Justification, good = text(reason); !good {
				return r, false
			}
		}
	}
	r.Ended = ended || r.Stage == "past" && !hasReview
	return r, hasOutcome && r.ID != "" && !r.RecordedAt.IsZero() && r.Setting != "" && r.Kind != "" && r.Stage != "" &&
		strings.TrimSpace(r.Person) != "" && r.Light != "" && r.Verdict != "" && !r.ReviewDue.IsZero() &&
		(!ended || r.Supersedes != "")
}

// isBlockKey reports whether a top-level key holds a mapping or a list.
func isBlockKey(key string) bool {
	switch key {
	case "decided_by", "person", "views", "restriction", "screen", "rights", "protects", "test", "review", "outcome":
		return true
	}
	return false
}

// topValue is what follows a top-level key's colon; blockStart when nothing
// does (a mapping or list follows on the next lines).
func topValue(val []byte) (v []byte, blockStart bool) {
	if len(val) == 0 {
		return nil, true
	}
	if val[0] != ' ' {
		return nil, false
	}
	return val[1:], false
}

func hasPrefix(line []byte, p string) bool { return bytes.HasPrefix(line, []byte(p)) }

func field(line []byte, p string) ([]byte, bool) {
	if !hasPrefix(line, p) {
		return nil, false
	}
	return line[len(p):], true
}

// quoted reads a single-quoted scalar on one line.
func quoted(v []byte) (string, bool) {
	if len(v) < 2 || v[0] != '\'' || v[len(v)-1] != '\'' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	if bytes.IndexByte(inner, '\'') < 0 {
		return string(inner), true
	}
	var b strings.Builder
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\'' {
			if i+1 >= len(inner) || inner[i+1] != '\'' {
				return "", false
			}
			i++
		}
		b.WriteByte(inner[i])
	}
	return b.String(), true
}

// enum reads an enumerated value as the strict decoder does: quoted, then
// lower case and trimmed.
func (s *scanner) enum(v []byte) (string, bool) {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		if id, ok := s.known[string(v[1:len(v)-1])]; ok {
			return id, true
		}
	}
	q, ok := quoted(v)
	return strings.ToLower(strings.TrimSpace(q)), ok && q != ""
}

// rule reads a rule id as decision.ReadStoredOutcome does: upper case and
// trimmed.
func (s *scanner) rule(v []byte) (string, bool) {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		if id, ok := s.known[string(v[1:len(v)-1])]; ok {
			return id, true
		}
	}
	q, ok := quoted(v)
	return strings.ToUpper(strings.TrimSpace(q)), ok
}

// quotedTime reads a single-quoted time as the strict decoder does; the
// canonical '2026-11-23T14:02:00Z' without making a string.
func quotedTime(v []byte) (time.Time, bool) {
	if t, ok := canonicalTime(v); ok {
		return t, true
	}
	s, ok := quoted(v)
	if !ok {
		return time.Time{}, false
	}
	t, err := decision.ParseTime(s)
	return t, err == nil
}

// canonicalTime reads '2006-01-02T15:04:05Z' exactly; ok is false for any
// other form (ParseTime reads those).
func canonicalTime(v []byte) (time.Time, bool) {
	const layout = "'2006-01-02T15:04:05Z'"
	if len(v) != len(layout) {
		return time.Time{}, false
	}
	var n [6]int
	pos := [6][2]int{{1, 5}, {6, 8}, {9, 11}, {12, 14}, {15, 17}, {18, 20}}
	for i, p := range pos {
		for _, ch := range v[p[0]:p[1]] {
			if ch < '0' || ch > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(ch-'0')
		}
	}
	if v[5] != '-' || v[8] != '-' || v[11] != 'T' || v[14] != ':' || v[17] != ':' || v[20] != 'Z' || v[21] != '\'' {
		return time.Time{}, false
	}
	if n[0] < 1900 || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > 31 || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return time.Time{}, false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	if t.Day() != n[2] {
		return time.Time{}, false // 31 November
	}
	return t, true
}

// text reads free text written on one line: plain, single quoted, or double
// quoted without escapes. A block scalar, an escape, or anything a YAML
// reader could take for something other than the text as written, is not
// read here.
func text(v []byte) (string, bool) {
	if len(v) == 0 {
		return "", false
	}
	switch v[0] {
	case '\'':
		return quoted(v)
	case '"':
		if len(v) < 2 || v[len(v)-1] != '"' || bytes.ContainsAny(v[1:len(v)-1], "\\\"") {
			return "", false
		}
		return string(v[1 : len(v)-1]), true
	}
	if bytes.ContainsAny(v[:1], "|>&*!%@`[]{},#?:-~") || bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte(": ")) ||
		v[len(v)-1] == ' ' || v[len(v)-1] == '\t' || v[len(v)-1] == ':' || bytes.ContainsAny(v, "\t\r\u0085\u2028\u2029\ufeff") {
		return "", false
	}
	switch strings.ToLower(string(v)) {
	case "null", "true", "false":
		return "", false
	}
	return string(v), true
}
