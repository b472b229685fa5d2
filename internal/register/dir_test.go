package register_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

var idPattern = regexp.MustCompile(`^RA-(\d{8})-(\d{6})-([0-9a-f]{6}|[0-9a-f]{12})$`)

// The folder register is a Register.
var _ register.Register = (*register.Dir)(nil)

func TestSaveGetAll(t *testing.T) {
	r := openDir(t)
	// Saved newest first, so the saved order is not the order of the ids.
	specs := []spec{
		{Ref: "P-0003", RecordedAt: "2026-11-23T16:00:00Z"},
		{Ref: "P-0002", RecordedAt: "2026-11-23T15:00:00Z", Kind: "physical-restraint"},
		{Ref: "P-0001", RecordedAt: "2026-11-23T14:00:00Z"},
	}
	var ids []string
	var recs []*decision.Decision
	for _, s := range specs {
		rec := record(t, s)
		id := save(t, r, rec)
		if rec.ID != "" {
			t.Errorf("Save set the caller's record's ID to %q; it should leave it", rec.ID)
		}
		ids = append(ids, id)
		recs = append(recs, rec)
	}
	for i, id := range ids {
		got, err := r.Get(id)
		if err != nil {
			t.Fatalf("Get(%s): %v", id, err)
		}
		if got.ID != id {
			t.Errorf("Get(%s).ID = %q", id, got.ID)
		}
		if got.Person.Ref != specs[i].Ref {
			t.Errorf("Get(%s): person.ref %q, want %q", id, got.Person.Ref, specs[i].Ref)
		}
		if got.Outcome == nil {
			t.Fatalf("Get(%s): no outcome", id)
		}
		want := recs[i].Outcome
		if got.Outcome.Light != want.Light || got.Outcome.Verdict != want.Verdict || !got.Outcome.ReviewDue.Equal(want.ReviewDue) {
			t.Errorf("Get(%s): outcome %s/%s/%v, want %s/%s/%v", id, got.Outcome.Light, got.Outcome.Verdict, got.Outcome.ReviewDue,
				want.Light, want.Verdict, want.ReviewDue)
		}
		if len(got.Outcome.Reasons) != len(want.Reasons) {
			t.Errorf("Get(%s): %d reasons, want %d", id, len(got.Outcome.Reasons), len(want.Reasons))
		}
		if got.Rationale == "" || got.Rationale != recs[i].Rationale {
			t.Errorf("Get(%s): the rationale did not read back", id)
		}
		// The stored record is the canonical form of what was saved, with its id.
		withID := *recs[i]
		withID.ID = id
		if file := mustRead(t, filepath.Join(r.Path(), id+".yaml")); !bytes.Equal(file, decision.Canonical(&withID)) {
			t.Errorf("%s.yaml is not the canonical form of the record saved", id)
		}
		// What Get returns encodes to the same bytes as the file.
		if file := mustRead(t, filepath.Join(r.Path(), id+".yaml")); !bytes.Equal(file, decision.Canonical(got)) {
			t.Errorf("Get(%s) does not encode back to its file", id)
		}
	}
	all, err := r.All()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, d := range all {
		order = append(order, d.ID)
	}
	if strings.Join(order, " ") != strings.Join(ids, " ") {
		t.Errorf("All order %v, want the saved order %v", order, ids)
	}
	verifyClean(t, r)
}

func TestGetUnknown(t *testing.T) {
	r := openDir(t)
	save(t, r, record(t, spec{}))
	for _, id := range []string{
		"RA-20261123-140000-000000",
		"RA-20261123-140000-00000000000a",
		"",
		"RA-x",
		"../chain",
		"RA-20261123-140000-../../etc/passwd",
		"RA-20261123-140000-ABCDEF",
		"chain.log",
	} {
		_, err := r.Get(id)
		if !errors.Is(err, register.ErrNotFound) {
			t.Errorf("Get(%q) = %v, want ErrNotFound", id, err)
		}
	}
}

func TestIDFormat(t *testing.T) {
	r := openDir(t)
	for _, tc := range []struct{ recordedAt, stamp string }{
		{"2026-11-23T14:02:03Z", "20261123-140203"},
		// recorded_at is turned into UTC: the id carries the UTC time.
		{"2026-06-01T09:30:05+01:00", "20260601-083005"},
		{"2027-01-01T00:30:00+02:00", "20261231-223000"},
	} {
		rec := record(t, spec{RecordedAt: tc.recordedAt})
		id := save(t, r, rec)
		m := idPattern.FindStringSubmatch(id)
		if m == nil || len(m[3]) != 6 {
			t.Fatalf("id %q does not look like RA-YYYYMMDD-HHMMSS-hex6", id)
		}
		if got := m[1] + "-" + m[2]; got != tc.stamp {
			t.Errorf("recorded_at %s: id %s carries %s, want %s (UTC)", tc.recordedAt, id, got, tc.stamp)
		}
		// The hex digits are the SHA-256 of the canonical bytes without id...
		if sum := sha(decision.Canonical(rec)); m[3] != sum[:6] {
			t.Errorf("id %s: digits %s, want the first 6 of sha256(canonical without id) %s", id, m[3], sum[:6])
		}
		// ...which are the file's bytes without its id line.
		file := mustRead(t, filepath.Join(r.Path(), id+".yaml"))
		idLine := []byte("id: '" + id + "'\n")
		if !bytes.Contains(file, idLine) {
			t.Fatalf("%s.yaml has no line %q", id, idLine)
		}
		if sum := sha(bytes.Replace(file, idLine, nil, 1)); m[3] != sum[:6] {
			t.Errorf("id %s: digits %s, want the first 6 of sha256(file without its id line) %s", id, m[3], sum[:6])
		}
	}
}

func TestNeverOverwritten(t *testing.T) {
	r := openDir(t)
	rec := record(t, spec{})
	first := save(t, r, rec)
	before := mustRead(t, filepath.Join(r.Path(), first+".yaml"))

	// The same record again: a clash on six digits, so twelve.
	second := save(t, r, rec)
	if second == first {
		t.Fatalf("the same record saved twice got the same id %s", first)
	}
	sum := sha(decision.Canonical(rec))
	if want := first + sum[6:12]; second != want {
		t.Errorf("clashing id %s, want %s (the next six digits added)", second, want)
	}
	if !idPattern.MatchString(second) {
		t.Errorf("clashing id %s does not have the id's shape", second)
	}
	if after := mustRead(t, filepath.Join(r.Path(), first+".yaml")); !bytes.Equal(before, after) {
		t.Errorf("%s.yaml was overwritten by the second save", first)
	}

	// A file already at a record's name (put there by hand) is not
	// overwritten either: the record gets the longer id.
	other := record(t, spec{Ref: "P-0999"})
	otherSum := sha(decision.Canonical(other))
	squatter := filepath.Join(r.Path(), first[:len("RA-20261123-140000-")]+otherSum[:6]+".yaml")
	mustWrite(t, squatter, []byte("not a record\n"))
	id := save(t, r, other)
	if want := strings.TrimSuffix(filepath.Base(squatter), ".yaml") + otherSum[6:12]; id != want {
		t.Errorf("id %s, want %s", id, want)
	}
	if got := mustRead(t, squatter); string(got) != "not a record\n" {
		t.Errorf("the file at %s was overwritten", squatter)
	}
	if got := len(chainLines(t, r.Path())); got != 3 {
		t.Errorf("chain.log has %d lines, want 3", got)
	}
}

// TestManyClashes documents what happens when the same record (same answers,
// same recorded_at) is saved over and over: the ids grow by six digits a
// time, and an error says so once the digest runs out; nothing is
// overwritten and the register stays intact.
func TestManyClashes(t *testing.T) {
	r := openDir(t)
	rec := record(t, spec{})
	seen := map[string]bool{}
	saved := 0
	var lastErr error
	for range 12 {
		id, err := r.Save(rec)
		if err != nil {
			lastErr = err
			break
		}
		if seen[id] {
			t.Fatalf("id %s given twice", id)
		}
		seen[id] = true
		saved++
	}
	if saved < 2 {
		t.Fatalf("only %d identical records saved", saved)
	}
	if lastErr != nil {
		t.Logf("after %d identical records: %v", saved, lastErr)
		if got := len(recordFiles(t, r.Path())); got != saved {
			t.Errorf("%d record files after a refused save, want %d", got, saved)
		}
		if l := leftovers(t, r.Path()); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
	}
	verifyClean(t, r)
}

func TestPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permissions")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "records")
	r := openAt(t, dir)
	id := save(t, r, record(t, spec{}))
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o700 {
		t.Errorf("the register folder is %o, want 700", got)
	}
	for _, name := range []string{id + ".yaml", "chain.log", ".lock"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("%s is %o, want 600", name, got)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind after a save: %v", l)
	}
}

func TestSaveNeedsOutcome(t *testing.T) {
	r := openDir(t)
	rec := record(t, spec{})
	rec.Outcome = nil
	if _, err := r.Save(rec); err == nil {
		t.Fatal("a record without an outcome was saved")
	}
	if got := recordFiles(t, r.Path()); len(got) != 0 {
		t.Errorf("files written: %v", got)
	}
}

func TestSupersedeChain(t *testing.T) {
	r := openDir(t)
	a := save(t, r, record(t, spec{RecordedAt: "2026-11-23T14:00:00Z"}))
	b := save(t, r, record(t, spec{RecordedAt: "2026-11-23T16:00:00Z", Supersedes: a}))

	// A second review of a: refused, naming the record that reviewed it and
	// the latest of the chain.
	_, err := r.Save(record(t, spec{RecordedAt: "2026-11-23T16:30:00Z", Supersedes: a}))
	var se *register.SupersedeError
	if !errors.As(err, &se) {
		t.Fatalf("superseding a superseded record: %v, want a *SupersedeError", err)
	}
	if se.ID != a || se.By != b || !strings.Contains(se.Error(), b) {
		t.Errorf("SupersedeError %+v: want ID %s, By %s, and the message naming %s", se, a, b, b)
	}

	c := save(t, r, record(t, spec{RecordedAt: "2026-11-23T18:00:00Z", Supersedes: b}))
	// Now the latest is c: a review of a names c as the one to review.
	_, err = r.Save(record(t, spec{RecordedAt: "2026-11-23T18:30:00Z", Supersedes: a}))
	if !errors.As(err, &se) {
		t.Fatalf("superseding the first of a chain of three: %v", err)
	}
	if se.By != b || !strings.Contains(se.Error(), "latest record of the chain, "+c) {
		t.Errorf("SupersedeError %q: want it to name the latest, %s", se.Error(), c)
	}
	_, err = r.Save(record(t, spec{RecordedAt: "2026-11-23T18:30:00Z", Supersedes: b}))
	if !errors.As(err, &se) || !strings.Contains(se.Error(), c) {
		t.Errorf("superseding the middle of the chain: %v, want a SupersedeError naming %s", err, c)
	}

	// The end of the restriction closes the chain.
	end := save(t, r, record(t, spec{RecordedAt: "2026-11-23T19:00:00Z", Supersedes: c, EndedAt: "2026-11-23T19:00:00Z", Stage: "past", Within: "none"}))
	_, err = r.Save(record(t, spec{RecordedAt: "2026-11-23T20:00:00Z", Supersedes: end}))
	if !errors.As(err, &se) {
		t.Fatalf("superseding an ended record: %v, want a *SupersedeError", err)
	}
	if se.ID != end || !strings.Contains(se.Error(), "ended") {
		t.Errorf("SupersedeError %q for an ended record", se.Error())
	}

	// An unknown record cannot be superseded.
	if _, err := r.Save(record(t, spec{Supersedes: "RA-20261123-140000-000000"})); !errors.Is(err, register.ErrNotFound) {
		t.Errorf("superseding an unknown record: %v, want ErrNotFound", err)
	}

	// None of the refused saves left anything.
	if got := len(recordFiles(t, r.Path())); got != 4 {
		t.Errorf("%d records, want 4", got)
	}
	if got := len(chainLines(t, r.Path())); got != 4 {
		t.Errorf("%d chain lines, want 4", got)
	}

	entries, err := register.Entries(r)
	if err != nil {
		t.Fatal(err)
	}
	wantBy := map[string]string{a: b, b: c, c: end, end: ""}
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4", len(entries))
	}
	for _, e := range entries {
		if e.SupersededBy != wantBy[e.Record.ID] {
			t.Errorf("%s: SupersededBy %q, want %q", e.Record.ID, e.SupersededBy, wantBy[e.Record.ID])
		}
		if e.Latest() != (e.Record.ID == end) {
			t.Errorf("%s: Latest() = %v", e.Record.ID, e.Latest())
		}
	}
	if !register.Ended(entries[3].Record) {
		t.Errorf("the record with ended_at is not Ended")
	}
	verifyClean(t, r)
}

// A stage: past record with no review counts as ended (DESIGN.md §6), so its
// chain is closed too, as `records review` says.
func TestSupersedePastWithoutReview(t *testing.T) {
	r := openDir(t)
	past := save(t, r, record(t, spec{Stage: "past", Within: "none"}))
	_, err := r.Save(record(t, spec{RecordedAt: "2026-11-24T14:00:00Z", Supersedes: past}))
	var se *register.SupersedeError
	if !errors.As(err, &se) {
		t.Errorf("superseding a past record with no review: %v, want a *SupersedeError (its chain has ended)", err)
	}
}

func TestEnded(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    spec
		want bool
	}{
		{"proposed, reviewed", spec{}, false},
		{"in place, reviewed", spec{Stage: "in-place"}, false},
		{"proposed, no review", spec{Within: "none"}, false},
		{"past, reviewed", spec{Stage: "past"}, false},
		{"past, review at", spec{Stage: "past", At: "2026-11-30T09:00:00Z"}, false},
		{"past, no review", spec{Stage: "past", Within: "none"}, true},
		{"ended", spec{Supersedes: "RA-20261123-120000-abcdef", EndedAt: "2026-11-23T14:00:00Z", Stage: "past", Within: "none"}, true},
	} {
		if got := register.Ended(record(t, tc.s)); got != tc.want {
			t.Errorf("%s: Ended = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDueBy(t *testing.T) {
	now := utc("2026-11-23T13:00:00Z")
	rec := func(id string, s spec) *decision.Decision {
		d := record(t, s)
		d.ID = id
		return d
	}
	entries := []register.Entry{
		// Due at 12:30, half an hour overdue.
		{Record: rec("B", spec{RecordedAt: "2026-11-23T10:30:00Z"})},
		// Due at 12:00, an hour overdue: first.
		{Record: rec("A", spec{RecordedAt: "2026-11-23T10:00:00Z"})},
		// Due exactly now: due.
		{Record: rec("N", spec{RecordedAt: "2026-11-23T11:00:00Z"})},
		// Due at 14:00: only within an hour.
		{Record: rec("C", spec{RecordedAt: "2026-11-23T12:00:00Z"})},
		// Due at 15:00: not even within an hour.
		{Record: rec("F", spec{RecordedAt: "2026-11-23T13:00:00Z"})},
		// Overdue but reviewed by E: not listed; E is due at 16:00.
		{Record: rec("D", spec{RecordedAt: "2026-11-23T08:00:00Z"}), SupersededBy: "E"},
		{Record: rec("E", spec{RecordedAt: "2026-11-23T14:00:00Z", Supersedes: "D"})},
		// A past incident with no review: ended, never due.
		{Record: rec("P", spec{RecordedAt: "2026-11-20T10:00:00Z", Stage: "past", Within: "none"})},
		// A past incident with a review: due.
		{Record: rec("Q", spec{RecordedAt: "2026-11-22T10:00:00Z", Stage: "past", Within: "1d"})},
		// Ended with ended_at: its chain is closed (and the record it ends is
		// superseded).
		{Record: rec("G", spec{RecordedAt: "2026-11-23T09:00:00Z"}), SupersededBy: "H"},
		{Record: rec("H", spec{RecordedAt: "2026-11-23T09:30:00Z", Supersedes: "G", EndedAt: "2026-11-23T09:30:00Z", Stage: "past", Within: "none"})},
		// ended_at closes the chain even when a review was set.
		{Record: rec("I", spec{RecordedAt: "2026-11-23T09:30:00Z", Supersedes: "X", EndedAt: "2026-11-23T09:30:00Z", Stage: "past", Within: "1h"})},
	}
	type want struct {
		id      string
		overdue time.Duration
	}
	for _, tc := range []struct {
		within time.Duration
		want   []want
	}{
		{0, []want{{"Q", 3 * time.Hour}, {"A", time.Hour}, {"B", 30 * time.Minute}, {"N", 0}}},
		{time.Hour, []want{{"Q", 3 * time.Hour}, {"A", time.Hour}, {"B", 30 * time.Minute}, {"N", 0}, {"C", -time.Hour}}},
		{3 * time.Hour, []want{{"Q", 3 * time.Hour}, {"A", time.Hour}, {"B", 30 * time.Minute}, {"N", 0}, {"C", -time.Hour}, {"F", -2 * time.Hour}, {"E", -3 * time.Hour}}},
	} {
		got := register.DueBy(entries, now, tc.within)
		var gotS, wantS []string
		for _, d := range got {
			gotS = append(gotS, d.Record.ID+" "+d.Overdue.String())
			if !d.Due.Equal(d.Record.Outcome.ReviewDue) {
				t.Errorf("%s: Due %v, want the stored review_due %v", d.Record.ID, d.Due, d.Record.Outcome.ReviewDue)
			}
		}
		for _, w := range tc.want {
			wantS = append(wantS, w.id+" "+w.overdue.String())
		}
		if strings.Join(gotS, ", ") != strings.Join(wantS, ", ") {
			t.Errorf("within %v:\n got %v\nwant %v", tc.within, gotS, wantS)
		}
	}
	if got := register.DueBy(nil, now, 0); len(got) != 0 {
		t.Errorf("DueBy(nil) = %v", got)
	}
}

// DueBy uses the stored review_due, not one recomputed from the answers.
func TestDueByStoredReviewDue(t *testing.T) {
	d := record(t, spec{RecordedAt: "2026-11-23T10:00:00Z"})
	d.ID = "A"
	d.Outcome.ReviewDue = utc("2026-11-30T10:00:00Z")
	if got := register.DueBy([]register.Entry{{Record: d}}, utc("2026-11-23T13:00:00Z"), 0); len(got) != 0 {
		t.Errorf("due by the answers' review time, not the stored review_due: %v", got)
	}
}

// DueBy over a real register, with its chains.
func TestDueByRegister(t *testing.T) {
	r := openDir(t)
	// a is due at 12:00; b at 11:00 but reviewed by b2, due at 11:30; c at
	// 10:00 but ended; d at 14:00.
	a := save(t, r, record(t, spec{Ref: "P-A", RecordedAt: "2026-11-23T10:00:00Z"}))
	b := save(t, r, record(t, spec{Ref: "P-B", RecordedAt: "2026-11-23T09:00:00Z"}))
	c := save(t, r, record(t, spec{Ref: "P-C", RecordedAt: "2026-11-23T08:00:00Z"}))
	save(t, r, record(t, spec{Ref: "P-D", RecordedAt: "2026-11-23T12:00:00Z"}))
	b2 := save(t, r, record(t, spec{Ref: "P-B", RecordedAt: "2026-11-23T11:00:00Z", Supersedes: b, Within: "30m"}))
	save(t, r, record(t, spec{Ref: "P-C", RecordedAt: "2026-11-23T10:05:00Z", Supersedes: c, EndedAt: "2026-11-23T10:05:00Z", Stage: "past", Within: "none"}))
	entries, err := register.Entries(r)
	if err != nil {
		t.Fatal(err)
	}
	got := register.DueBy(entries, utc("2026-11-23T13:00:00Z"), 0)
	var ids []string
	for _, d := range got {
		ids = append(ids, d.Record.ID)
	}
	if want := []string{b2, a}; strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("due %v, want %v (b2 at 11:30 then a at 12:00; b reviewed, c ended, d not yet)", ids, want)
	}
}

func BenchmarkSave(b *testing.B) {
	r := openDir(b)
	recs := make([]*decision.Decision, b.N)
	for i := range recs {
		recs[i] = record(b, spec{Ref: "P-" + strings.Repeat("x", i%7) + time.Duration(i).String()})
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := r.Save(recs[i]); err != nil {
			b.Fatal(err)
		}
	}
}
