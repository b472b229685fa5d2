package cli

import (
	"testing"
	"time"
)

// TestBuiltInLondon: the Europe/London rules built in (for a machine with no
// time zone database) give GMT in winter and BST in summer, in years to come
// as well (the rules' POSIX footer).
func TestBuiltInLondon(t *testing.T) {
	loc, err := time.LoadLocationFromTZData(london, londonTZData)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   time.Time
		zone string
		off  int
	}{
		{time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC), "GMT", 0},
		{time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), "BST", 3600},
		{time.Date(2041, 6, 1, 12, 0, 0, 0, time.UTC), "BST", 3600},
		{time.Date(2041, 12, 1, 12, 0, 0, 0, time.UTC), "GMT", 0},
		// The clocks go back at 01:00 UTC on the last Sunday of October.
		{time.Date(2026, 10, 25, 0, 59, 0, 0, time.UTC), "BST", 3600},
		{time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC), "GMT", 0},
	} {
		if zone, off := tc.at.In(loc).Zone(); zone != tc.zone || off != tc.off {
			t.Errorf("%v in London: %s %+d, want %s %+d", tc.at, zone, off, tc.zone, tc.off)
		}
	}
}

// TestLocation: TZ names the zone; unset, it is Europe/London; a name that
// is no zone falls back to UTC.
func TestLocation(t *testing.T) {
	for tz, want := range map[string]string{"": london, "Europe/Paris": "Europe/Paris", "Not/AZone": "UTC"} {
		f := &Factory{Env: func(k string) string {
			if k == "TZ" {
				return tz
			}
			return ""
		}}
		if got := f.Location().String(); got != want {
			t.Errorf("TZ=%q: %s, want %s", tz, got, want)
		}
	}
}
