package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a length of time as the contract writes it: whole minutes,
// hours, days and weeks ("90m", "2h", "1d12h", "2w"), or ISO 8601 ("PT2H",
// "P1DT12H", "P1W2D").
type Duration time.Duration

// MaxDuration bounds any duration, so arithmetic with times cannot overflow.
const MaxDuration = Duration(10 * 366 * 24 * time.Hour)

var (
	shortForm = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$`) })
	isoForm   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^p(?:(\d+)w)?(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?)?$`)
	})
)

// ParseDuration reads a duration in the short or the ISO 8601 form, in any
// case. Signs, decimals, seconds, months and years are not allowed.
func ParseDuration(s string) (Duration, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	m := shortForm().FindStringSubmatch(t)
	if m == nil || t == "" {
		m = isoForm().FindStringSubmatch(t)
		if m == nil || t == "p" || strings.HasSuffix(t, "t") {
			return 0, fmt.Errorf("%q is not a duration: write whole minutes, hours, days or weeks, largest first, such as 90m, 2h, 1d12h or 2w (or ISO 8601, such as PT2H or P3D)", strings.TrimSpace(s))
		}
	}
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute}
	var total time.Duration
	for i, u := range units {
		if m[i+1] == "" {
			continue
		}
		n, err := strconv.ParseInt(m[i+1], 10, 64)
		if err != nil || n > int64(MaxDuration/Duration(u)) {
			return 0, fmt.Errorf("%q is too long: at most 10 years", strings.TrimSpace(s))
		}
		total += time.Duration(n) * u
		if Duration(total) > MaxDuration {
			return 0, fmt.Errorf("%q is too long: at most 10 years", strings.TrimSpace(s))
		}
	}
	return Duration(total), nil
}

// A duration in words: whole numbers each with a unit, largest first,
// separated by spaces, commas or "and" ("2 hours", "1 day 12 hours", "1 hr
// 30 mins", "an hour").
var (
	wordsPart = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d+|an?|one)\s*(weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)$`)
	})
	wordsSep     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*(?:,|\band\b|&)\s*|\s+`) })
	wordsUnitPos = map[byte]int{'w': 0, 'd': 1, 'h': 2, 'm': 3}
)

// ParseTyped reads a duration as a person types it at a question: the
// forms ParseDuration reads, or the same in words ("2 hours", "1 day 12
// hours", "90 minutes", "an hour"). Files keep to ParseDuration's forms.
func ParseTyped(s string) (Duration, error) {
	d, err := ParseDuration(s)
	if err == nil {
		return d, nil
	}
	if short, ok := shortFromWords(s); ok {
		if d, werr := ParseDuration(short); werr == nil {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a length of time: write it as 90m, 2h, 1d12h or 2w, or in words such as 2 hours or 1 day 12 hours (whole minutes, hours, days or weeks, largest first)", strings.TrimSpace(s))
}

// shortFromWords turns a duration in words into the short form ("1 day 12
// hours" is "1d12h"); ok is false when s is not one, or its units are not
// largest first, each once.
func shortFromWords(s string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	// "1 hr 30 mins" splits into number and unit tokens; join each pair.
	tokens := wordsSep().Split(t, -1)
	var parts []string
	for i := 0; i < len(tokens); i++ {
		tok := tokens[i]
		if tok == "" {
			continue
		}
		if wordsPart().MatchString(tok) {
			parts = append(parts, tok)
			continue
		}
		if i+1 < len(tokens) && wordsPart().MatchString(tok+" "+tokens[i+1]) {
			parts = append(parts, tok+" "+tokens[i+1])
			i++
			continue
		}
		return "", false
	}
	if len(parts) == 0 {
		return "", false
	}
	var b strings.Builder
	last := -1
	for _, p := range parts {
		m := wordsPart().FindStringSubmatch(p)
		n := m[1]
		if n == "a" || n == "an" || n == "one" {
			n = "1"
		}
		pos := wordsUnitPos[m[2][0]]
		if pos <= last {
			return "", false
		}
		last = pos
		b.WriteString(n + "wdhm"[pos:pos+1])
	}
	return b.String(), true
}

// String writes the duration in the short form, in days, hours and minutes
// ("2h", "1d12h", "7d"; zero is "0m").
func (d Duration) String() string {
	if d <= 0 {
		return "0m"
	}
	td := time.Duration(d)
	var b strings.Builder
	if days := td / (24 * time.Hour); days > 0 {
		fmt.Fprintf(&b, "%dd", days)
		td -= days * 24 * time.Hour
	}
	if h := td / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
		td -= h * time.Hour
	}
	if m := td / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	return b.String()
}

// Words writes the duration for a person to read: "2 hours", "1 day 12 hours".
func (d Duration) Words() string {
	if d <= 0 {
		return "at once"
	}
	td := time.Duration(d)
	var parts []string
	add := func(n time.Duration, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	days := td / (24 * time.Hour)
	td -= days * 24 * time.Hour
	h := td / time.Hour
	td -= h * time.Hour
	add(days, "day", "days")
	add(h, "hour", "hours")
	add(td/time.Minute, "minute", "minutes")
	return strings.Join(parts, " ")
}

// UnmarshalYAMLNode reads a duration from a scalar.
func (d *Duration) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected a duration such as 2h or 3d")
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText writes the short form, for JSON and YAML output.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a duration written by MarshalText.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
