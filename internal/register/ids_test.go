package register_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// TestIDs: a record's ids, in the order they are tried: its time in UTC and
// 6, then 12, ... hex digits of its digest; the same record always gets the
// same ids, and its id (if set) plays no part.
func TestIDs(t *testing.T) {
	d := decision.New(time.Date(2026, 11, 23, 14, 2, 0, 0, time.UTC))
	d.Person.Ref = "P-0412"
	ids := register.IDs(d)
	if len(ids) != 10 {
		t.Fatalf("%d ids, want 10 (64 hex digits, 6 at a time)", len(ids))
	}
	if !regexp.MustCompile(`^RA-20261123-140200-[0-9a-f]{6}$`).MatchString(ids[0]) || ids[1][:len(ids[0])] != ids[0] || len(ids[1]) != len(ids[0])+6 {
		t.Errorf("ids %v", ids[:2])
	}
	d.ID = ids[0]
	if again := register.IDs(d); again[0] != ids[0] {
		t.Errorf("the id changed the ids: %s, then %s", ids[0], again[0])
	}
}
