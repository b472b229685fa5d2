package decision_test

import (
	"fmt"
	"testing"

	"github.com/rightsaid/rightsaid/internal/decision"
)

func TestIsHealthNumber(t *testing.T) {
	for _, tc := range []struct {
		ref  string
		want bool
	}{
		// Valid NHS numbers (modulus 11), as written in practice.
		{"9434765919", true},
		{"943 476 5919", true},
		{"943-476-5919", true},
		{" 943 476 5919 ", true},
		{"943 - 476 - 5919", true},
		{"9 4 3 4 7 6 5 9 1 9", true},
		{"4010232137", true},
		// A remainder of 0 gives 11, which is written as check digit 0:
		// 3*10 + 7*2 = 44.
		{"3000000070", true},
		{"3000000071", false},
		// A check of 10 is never issued: 1*10 + 1*2 = 12 leaves 1, so no
		// last digit makes 100000001x valid.
		{"1000000010", false},
		{"1000000011", false},
		// CHI numbers (Scotland) use the same check: DDMMYY then four digits.
		{"0101011237", true},
		{"010101 1237", true},
		{"0101011236", false},
		// The wrong check digit.
		{"9434765918", false},
		{"9434765910", false},
		{"943 476 5911", false},
		// Nine or eleven digits.
		{"943476591", false},
		{"94347659190", false},
		{"943 476 59190", false},
		// Letters, or digits mixed with other characters.
		{"943476591A", false},
		{"A434765919", false},
		{"943.476.5919", false},
		{"943/476/5919", false},
		{"+9434765919", false},
		// Pseudonymous references.
		{"P-0101", false},
		{"C-0707", false},
		{"", false},
		{"  ", false},
		{"----------", false},
	} {
		if got := decision.IsHealthNumber(tc.ref); got != tc.want {
			t.Errorf("IsHealthNumber(%q) = %v, want %v", tc.ref, got, tc.want)
		}
	}
}

// checkDigitOK computes the modulus 11 check independently of the code under
// test: weights 10 down to 2 on the first nine digits; 11 minus the
// remainder is the check digit, 11 is written as 0, and 10 means the number
// is never issued.
func checkDigitOK(n string) bool {
	if len(n) != 10 {
		return false
	}
	sum := 0
	for i := range 9 {
		sum += int(n[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(n[9]-'0')
}

// Every check digit: for nine digits, exactly one last digit is valid,
// except when the check comes to 10, when none is.
func TestIsHealthNumberCheckDigits(t *testing.T) {
	tens, elevens := 0, 0
	for _, first9 := range []string{"943476591", "401023213", "000000000", "123456789", "987654321", "100000000", "200000000", "555555555", "000000001", "111111111", "300000007"} {
		valid := 0
		for last := '0'; last <= '9'; last++ {
			n := first9 + string(last)
			want := checkDigitOK(n)
			if got := decision.IsHealthNumber(n); got != want {
				t.Errorf("IsHealthNumber(%s) = %v, want %v", n, got, want)
			}
			if want {
				valid++
			}
		}
		sum := 0
		for i := range 9 {
			sum += int(first9[i]-'0') * (10 - i)
		}
		switch 11 - sum%11 {
		case 10:
			tens++
			if valid != 0 {
				t.Errorf("%s: check digit 10: no number is valid, got %d", first9, valid)
			}
		case 11:
			elevens++
			if !decision.IsHealthNumber(first9 + "0") {
				t.Errorf("%s0: check 11 is written as 0 and should be valid", first9)
			}
		default:
			if valid != 1 {
				t.Errorf("%s: %d valid check digits, want 1", first9, valid)
			}
		}
	}
	if tens == 0 || elevens == 0 {
		t.Errorf("the table should include a check of 10 (%d) and of 11 (%d)", tens, elevens)
	}
}

func TestLooksLikeName(t *testing.T) {
	for _, tc := range []struct {
		ref  string
		want bool
	}{
		{"John Smith", true},
		{"Mary Anne Jones", true},
		{"  Ann Lee  ", true},
		{"Ann\tLee", true},
		{"Ab Cd", true},
		// One word is not enough.
		{"John", false},
		{"Smith", false},
		// Each word a capital then lower case.
		{"john smith", false},
		{"JOHN SMITH", false},
		{"John smith", false},
		{"JOhn Smith", false},
		{"J Smith", false},
		// No digits.
		{"John Smith2", false},
		{"John 2 Smith", false},
		{"Bed 12", false},
		// Pseudonymous references.
		{"P-0101", false},
		{"P0101", false},
		{"Bay-3-Bed-2", false},
		{"", false},
	} {
		if got := decision.LooksLikeName(tc.ref); got != tc.want {
			t.Errorf("LooksLikeName(%q) = %v, want %v", tc.ref, got, tc.want)
		}
	}
}

func ExampleIsHealthNumber() {
	fmt.Println(decision.IsHealthNumber("943 476 5919"), decision.IsHealthNumber("943 476 5918"), decision.IsHealthNumber("P-0101"))
	// Output: true false false
}

// TestHoldsHealthNumber: an NHS or CHI number is found anywhere in a
// reference, however it is written around; other runs of digits are not.
func TestHoldsHealthNumber(t *testing.T) {
	for ref, want := range map[string]bool{
		"943 476 5919":           true,
		"NHS 943 476 5919":       true,
		"NHS no. 9434765919":     true,
		"P-9434765919":           true,
		"9434765919/ward 7":      true,
		"P-0412":                 false,
		"943 476 5918":           false, // fails the check digit
		"19434765919":            false, // eleven digits: not an NHS number
		"Ward 7, bed 9434765918": false,
	} {
		if got := decision.HoldsHealthNumber(ref); got != want {
			t.Errorf("HoldsHealthNumber(%q) = %v, want %v", ref, got, want)
		}
	}
	for ref, want := range map[string]bool{"Smith, John": true, "Doe, Jane Mary": true, "Ward 7, bed 3": false} {
		if got := decision.LooksLikeName(ref); got != want {
			t.Errorf("LooksLikeName(%q) = %v, want %v", ref, got, want)
		}
	}
}
