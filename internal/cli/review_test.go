package cli

import (
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
)

// TestReviewDraftStage: a review opens with the restriction in place when
// it was proposed, and keeps any other stage; it supersedes the record and
// is recorded now.
func TestReviewDraftStage(t *testing.T) {
	now := time.Date(2026, 11, 23, 16, 5, 0, 0, time.UTC)
	for prev, want := range map[decision.Enum]decision.Enum{"proposed": "in-place", "in-place": "in-place", "past": "past"} {
		d := decision.New(now.Add(-2 * time.Hour))
		d.ID = "RA-20261123-140500-abcdef"
		d.Restriction.Stage = prev
		next := reviewDraft(d, now)
		if next.Restriction.Stage != want || next.Supersedes != d.ID || !next.RecordedAt.Time().Equal(now) || next.ID != "" {
			t.Errorf("a review of a %s record: stage %q, supersedes %q, recorded %v, id %q; want %s, %s, %v, no id",
				prev, next.Restriction.Stage, next.Supersedes, next.RecordedAt, next.ID, want, d.ID, now)
		}
		if d.Restriction.Stage != prev {
			t.Errorf("reviewDraft changed the record it reviews")
		}
	}
}

// TestOverdueWords: how overdue a review is, in words; within a minute
// either way it is due now.
func TestOverdueWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                        "due now",
		30 * time.Second:         "due now",
		-30 * time.Second:        "due now",
		90 * time.Minute:         "1 hour 30 minutes overdue",
		-20 * time.Hour:          "due in 20 hours",
		26*time.Hour + time.Hour: "1 day 3 hours overdue",
	} {
		if got := overdueWords(d); got != want {
			t.Errorf("overdueWords(%v) = %q, want %q", d, got, want)
		}
	}
}
