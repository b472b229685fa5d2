package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// Format is an output format.
type Format string

// The formats a decision can be written in.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	YAML     Format = "yaml"
	JSON     Format = "json"
)

// Formats are the formats of a decision, in the order help lists them.
var Formats = []Format{Text, Markdown, YAML, JSON}

// ParseFormat reads a format name ("md" is accepted for markdown).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case Text, Markdown, YAML, JSON:
		return f, nil
	case "md":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, markdown, yaml or json", s)
}

// RationaleText is the plain-text rationale, as the record's rationale field
// holds it.
func RationaleText(c *catalog.Catalog, d *decision.Decision, o decision.Outcome, loc *time.Location) string {
	var b strings.Builder
	_ = WriteText(&b, Build(c, d, o, loc)) // a strings.Builder never fails
	return b.String()
}

// Record returns the record of a decision: a copy of it with the outcome and
// the text rationale set.
func Record(c *catalog.Catalog, d *decision.Decision, o decision.Outcome, loc *time.Location) *decision.Decision {
	rec := *d
	rec.Outcome = &o
	rec.Rationale = RationaleText(c, d, o, loc)
	return &rec
}

// Write writes a decision and its outcome in the format given: the rationale
// as text or Markdown, or the full record as YAML or JSON.
func Write(w io.Writer, f Format, c *catalog.Catalog, d *decision.Decision, o decision.Outcome, loc *time.Location) error {
	switch f {
	case Markdown:
		return WriteMarkdown(w, Build(c, d, o, loc))
	case YAML:
		return decision.Encode(w, Record(c, d, o, loc))
	case JSON:
		return decision.EncodeJSON(w, Record(c, d, o, loc))
	default:
		return WriteText(w, Build(c, d, o, loc))
	}
}
