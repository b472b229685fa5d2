package pg_test

// The shared register suite: the same scenarios, table-driven over the
// folder register and the PostgreSQL register, so the two keep the same
// contract (DESIGN.md section 6).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
)

var idPattern = regexp.MustCompile(`^RA-(\d{8})-(\d{6})-([0-9a-f]{6}|[0-9a-f]{12})$`)

// stored returns the bytes a register holds for a record.
func stored(t *testing.T, r register.Register, id string) []byte {
	t.Helper()
	switch r := r.(type) {
	case *register.Dir:
		data, err := os.ReadFile(filepath.Join(r.Path(), id+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	case *pg.Register:
		conn := connectTo(t, r)
		var data []byte
		if err := conn.QueryRow(context.Background(), "SELECT document FROM records WHERE id = $1", id).Scan(&data); err != nil {
			t.Fatalf("read %s: %v", id, err)
		}
		return data
	}
	t.Fatalf("unknown register %T", r)
	return nil
}

func TestSuiteSaveGetAll(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		// Saved newest first, so the saved order is not the order of the ids.
		specs := []spec{
			{Ref: "P-0003", RecordedAt: "2026-11-23T16:00:00Z", Unit: "Ward 7"},
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
			if !idPattern.MatchString(id) {
				t.Errorf("id %q does not look like RA-YYYYMMDD-HHMMSS-hex6", id)
			}
			ids = append(ids, id)
			recs = append(recs, rec)
		}
		for i, id := range ids {
			got, err := r.Get(id)
			if err != nil {
				t.Fatalf("Get(%s): %v", id, err)
			}
			if got.ID != id || got.Person.Ref != specs[i].Ref || got.Unit != specs[i].Unit {
				t.Errorf("Get(%s) = id %q, ref %q, unit %q", id, got.ID, got.Person.Ref, got.Unit)
			}
			if got.Outcome == nil || got.Outcome.Light != recs[i].Outcome.Light || !got.Outcome.ReviewDue.Equal(recs[i].Outcome.ReviewDue) {
				t.Errorf("Get(%s): the outcome did not read back", id)
			}
			if got.Rationale == "" || got.Rationale != recs[i].Rationale {
				t.Errorf("Get(%s): the rationale did not read back", id)
			}
			withID := *recs[i]
			withID.ID = id
			if data := stored(t, r, id); !bytes.Equal(data, decision.Canonical(&withID)) {
				t.Errorf("%s: what is stored is not the canonical form of the record saved", id)
			} else if !bytes.Equal(data, decision.Canonical(got)) {
				t.Errorf("Get(%s) does not encode back to what is stored", id)
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
		if !slices.Equal(order, ids) {
			t.Errorf("All order %v, want the saved order %v", order, ids)
		}
		rep := verifyClean(t, r)
		if rep.Records != 3 || len(rep.Head) != 64 {
			t.Errorf("Verify: %d records, head %q", rep.Records, rep.Head)
		}
	})
}

// The id comes from the record alone: the same record gets the same id in
// either register, and the same chain gets the same head digest.
func TestSuiteSameIDsAndHead(t *testing.T) {
	var ids [][]string
	var heads []string
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		first := save(t, r, record(t, spec{Ref: "P-0001"}))
		second := save(t, r, record(t, spec{Ref: "P-0001", RecordedAt: "2026-11-23T16:00:00Z", Supersedes: first}))
		ids = append(ids, []string{first, second})
		heads = append(heads, verifyClean(t, r).Head)
	})
	if len(ids) == 2 {
		if !slices.Equal(ids[0], ids[1]) {
			t.Errorf("the folder gave ids %v, PostgreSQL %v", ids[0], ids[1])
		}
		if heads[0] != heads[1] {
			t.Errorf("the folder's head digest %s, PostgreSQL's %s: the chains should be the same", heads[0], heads[1])
		}
	}
}

func TestSuiteIDClash(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		rec := record(t, spec{})
		a := save(t, r, rec)
		b := save(t, r, rec)
		c := save(t, r, rec)
		if len(a) != len("RA-20261123-140000-")+6 || len(b) != len(a)+6 || !strings.HasPrefix(b, a) {
			t.Errorf("the same record twice: ids %s and %s; want the second to add six digits", a, b)
		}
		if c == a || c == b {
			t.Errorf("the third copy got id %s, already taken", c)
		}
		verifyClean(t, r)
	})
}

func TestSuiteGetUnknown(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		save(t, r, record(t, spec{}))
		for _, id := range []string{"RA-20261123-140000-000000", "", "RA-x", "../chain", "RA-20261123-140000-ABCDEF", "'; DROP TABLE records; --"} {
			if _, err := r.Get(id); !errors.Is(err, register.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want ErrNotFound", id, err)
			}
		}
	})
}

func TestSuiteSaveNeedsOutcome(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		rec := record(t, spec{})
		rec.Outcome = nil
		if _, err := r.Save(rec); err == nil {
			t.Error("Save of a record without an outcome succeeded")
		}
	})
}

func TestSuiteSupersede(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		first := save(t, r, record(t, spec{}))
		second := save(t, r, record(t, spec{RecordedAt: "2026-11-23T16:00:00Z", Supersedes: first}))
		// The first is reviewed: reviewing it again names the latest.
		_, err := r.Save(record(t, spec{RecordedAt: "2026-11-23T17:00:00Z", Supersedes: first}))
		var sup *register.SupersedeError
		if !errors.As(err, &sup) || !strings.Contains(sup.Msg, second) || sup.By != second {
			t.Errorf("reviewing a reviewed record: %v, want a SupersedeError naming %s", err, second)
		}
		third := save(t, r, record(t, spec{RecordedAt: "2026-11-23T17:00:00Z", Supersedes: second}))
		_, err = r.Save(record(t, spec{RecordedAt: "2026-11-23T18:00:00Z", Supersedes: first}))
		if !errors.As(err, &sup) || !strings.Contains(sup.Msg, third) {
			t.Errorf("reviewing the first of three: %v, want the latest, %s, named", err, third)
		}
		// Ending the chain closes it.
		end := save(t, r, record(t, spec{RecordedAt: "2026-11-23T18:00:00Z", Supersedes: third, EndedAt: "2026-11-23T18:00:00Z", Stage: "past", Within: "none"}))
		_, err = r.Save(record(t, spec{RecordedAt: "2026-11-23T19:00:00Z", Supersedes: end}))
		if !errors.As(err, &sup) || !strings.Contains(sup.Msg, "ended") {
			t.Errorf("reviewing an ended chain: %v, want a SupersedeError", err)
		}
		// A past incident with no review ends its chain too.
		past := save(t, r, record(t, spec{Ref: "P-0202", Stage: "past", Within: "none"}))
		_, err = r.Save(record(t, spec{Ref: "P-0202", RecordedAt: "2026-11-23T19:00:00Z", Supersedes: past}))
		if !errors.As(err, &sup) {
			t.Errorf("reviewing a past incident with no review: %v, want a SupersedeError", err)
		}
		if _, err := r.Save(record(t, spec{Supersedes: "RA-20261123-140000-000000"})); !errors.Is(err, register.ErrNotFound) {
			t.Errorf("superseding an unknown record: %v, want ErrNotFound", err)
		}
		entries, err := register.Entries(r)
		if err != nil {
			t.Fatal(err)
		}
		latest := 0
		for _, e := range entries {
			if e.Latest() {
				latest++
			}
		}
		if len(entries) != 5 || latest != 2 {
			t.Errorf("%d entries, %d latest; want 5 and 2 (the ended chain and the past incident)", len(entries), latest)
		}
		verifyClean(t, r)
	})
}

func TestSuiteDueBy(t *testing.T) {
	onEach(t, func(t *testing.T, r register.Register, _ func() register.Register) {
		a := save(t, r, record(t, spec{Ref: "P-A", Unit: "Ward 7"}))                                                 // due 16:00
		save(t, r, record(t, spec{Ref: "P-B", Unit: "Ward 9", Within: "1h"}))                                        // due 15:00
		save(t, r, record(t, spec{Ref: "P-C", RecordedAt: "2026-11-23T16:00:00Z", Supersedes: a, Unit: "Ward 7"}))   // due 18:00, replaces A
		save(t, r, record(t, spec{Ref: "P-D", Stage: "past", Within: "none"}))                                       // ended
		save(t, r, record(t, spec{Ref: "P-E", Kind: "possessions-restriction", Within: "2d", Setting: "care-home"})) // due in two days
		entries, err := register.Entries(r)
		if err != nil {
			t.Fatal(err)
		}
		due := register.DueBy(entries, utc("2026-11-23T18:30:00Z"), 0)
		var refs []string
		for _, d := range due {
			refs = append(refs, d.Record.Person.Ref)
		}
		if !slices.Equal(refs, []string{"P-B", "P-C"}) {
			t.Errorf("due at 18:30: %v, want [P-B P-C]", refs)
		}
		if due[0].Overdue != 3*time.Hour+30*time.Minute {
			t.Errorf("P-B overdue by %s", due[0].Overdue)
		}
		// A register that finds the reviews due itself finds the same.
		if dl, ok := r.(interface {
			Due(time.Time, time.Duration) ([]register.Due, error)
		}); ok {
			for _, within := range []time.Duration{0, time.Hour, 3 * 24 * time.Hour} {
				now := utc("2026-11-23T18:30:00Z")
				got, err := dl.Due(now, within)
				if err != nil {
					t.Fatal(err)
				}
				want := register.DueBy(entries, now, within)
				if len(got) != len(want) {
					t.Fatalf("Due(within %s): %d reviews, DueBy %d", within, len(got), len(want))
				}
				for i := range got {
					if got[i].Record.ID != want[i].Record.ID || !got[i].Due.Equal(want[i].Due) || got[i].Overdue != want[i].Overdue {
						t.Errorf("Due(within %s)[%d] = %s %v, DueBy %s %v", within, i, got[i].Record.ID, got[i].Due, want[i].Record.ID, want[i].Due)
					}
				}
			}
		}
	})
}

// Eight writers, each with its own connection (as eight ward PCs), saving a
// hundred records each at once: every record is saved once, and the chain
// stays one line.
//
// The folder's writers save ten each: its lock is polled, so under
// sustained contention one writer can wait past LockTimeout (10s) while the
// others take turns; a ward PC never saves like that, an organisation's
// database does.
func TestSuiteConcurrentWriters(t *testing.T) {
	const writers = 8
	onEach(t, func(t *testing.T, r register.Register, reopen func() register.Register) {
		if testing.Short() {
			t.Skip("-short: eight writers saving a hundred records each")
		}
		each := 100
		if _, ok := r.(*register.Dir); ok {
			each = 10
		}
		base := record(t, spec{})
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		ids := make([][]string, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				reg := reopen()
				for i := range each {
					d := *base
					d.Person.Ref = fmt.Sprintf("P-%d-%03d", w, i)
					id, err := reg.Save(&d)
					if err != nil {
						errs <- fmt.Errorf("writer %d, record %d: %w", w, i, err)
						return
					}
					ids[w] = append(ids[w], id)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		seen := map[string]bool{}
		for _, list := range ids {
			for _, id := range list {
				if seen[id] {
					t.Errorf("id %s given twice", id)
				}
				seen[id] = true
			}
		}
		all, err := r.All()
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != writers*each || len(seen) != writers*each {
			t.Errorf("%d records in the register, %d ids returned; want %d", len(all), len(seen), writers*each)
		}
		rep := verifyClean(t, r)
		if rep.Records != writers*each {
			t.Errorf("Verify checked %d records", rep.Records)
		}
	})
}
