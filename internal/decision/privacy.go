package decision

import (
	"regexp"
	"strings"
	"sync"
)

// IsHealthNumber reports whether ref is a valid NHS number or CHI number: ten
// digits, once spaces and dashes are removed, that pass the modulus 11 check
// both use. A person's reference must be pseudonymous, so such a reference is
// refused at the wizard's question and when a record is saved (unless local
// policy requires one: --allow-identifiers).
func IsHealthNumber(ref string) bool {
	digits := strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(ref))
	if len(digits) != 10 {
		return false
	}
	sum := 0
	for i := range 9 {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * (10 - i)
	}
	last := digits[9]
	if last < '0' || last > '9' {
		return false
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return check == int(last-'0')
}

var personalName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+$`) })

// LooksLikeName reports whether ref looks like a personal name: two or more
// words, each a capital letter followed by lower-case letters, and no
// digits.
func LooksLikeName(ref string) bool {
	return personalName().MatchString(strings.TrimSpace(ref))
}
