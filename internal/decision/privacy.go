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

var personalName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+|[A-Z][a-z]+,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*)$`)
})

// tenDigits finds runs of ten digits, spaced or dashed as NHS and CHI
// numbers are written, that are not part of a longer number.
var tenDigits = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^0-9])(\d(?:[ -]?\d){9})(?:[^0-9]|$)`) })

// HoldsHealthNumber reports whether ref holds a valid NHS or CHI number
// anywhere in it ("NHS 943 476 5919", "P-9434765919"), not only as the whole
// reference.
func HoldsHealthNumber(ref string) bool {
	for _, m := range tenDigits().FindAllStringSubmatch(ref, -1) {
		if IsHealthNumber(m[1]) {
			return true
		}
	}
	return false
}

// LooksLikeName reports whether ref looks like a personal name: two or more
// words, each a capital letter followed by lower-case letters, and no
// digits ("Jane Doe"), or a surname, a comma and forenames ("Doe, Jane").
func LooksLikeName(ref string) bool {
	return personalName().MatchString(strings.TrimSpace(ref))
}
