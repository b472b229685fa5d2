package register_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

// syntheticRegister writes a synthetic register of n records, with a wide
// spread of answers, and returns its folder.
func syntheticRegister(t *testing.T, c *catalog.Catalog, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "records")
	loc, _ := time.LoadLocation("Europe/London")
	if err := synth.Write(dir, c, synth.Options{N: n, Seed: 7, End: synth.DefaultEnd, Location: loc}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The scanner of the canonical form reads every field exactly as the strict
// decoder does, on every record of a register with a wide spread.
func TestScanCanonicalMatchesDecode(t *testing.T) {
	c := testCatalog(t)
	dir := syntheticRegister(t, c, 400)
	files, _ := filepath.Glob(filepath.Join(dir, "RA-*.yaml"))
	if len(files) != 400 {
		t.Fatalf("%d files", len(files))
	}
	scanned := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := register.DecodeSummary(c, name, data)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := register.ScanCanonical(c, data)
		if !ok {
			t.Errorf("%s: the scanner gave up on a record the register wrote", filepath.Base(name))
			continue
		}
		scanned++
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\nscanned %+v\ndecoded %+v", filepath.Base(name), got, want)
		}
	}
	if scanned == 0 {
		t.Fatal("nothing scanned")
	}
}

// Free text in every style the encoder may choose, and a unit, read the same
// by both.
func TestScanCanonicalText(t *testing.T) {
	c := testCatalog(t)
	data := canonicalRecord(t, c, func(d *decision.Decision) {
		d.Person.Ref = "'P-0412'"
		d.Unit = "Ward 7: the annexe"
		d.Restriction.Description = "Door held; \"no\" said # twice"
		d.Restriction.Scope = "group"
		d.Restriction.BlanketJustification = "yes"
	})
	want, err := register.DecodeSummary(c, "r.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := register.ScanCanonical(c, data)
	if ok && !reflect.DeepEqual(got, want) {
		t.Errorf("scanned %+v\ndecoded %+v", got, want)
	}
	// Text the scanner does not read (a block over several lines): it
	// leaves the record to the strict decoder, never misreads it.
	data = canonicalRecord(t, c, func(d *decision.Decision) {
		d.Restriction.Scope = "everyone"
		d.Restriction.Description = "Two lines:\nthe second."
	})
	if _, ok := register.ScanCanonical(c, data); ok {
		t.Error("a block scalar was scanned")
	}
	// The description of a rule for one person is not kept, whatever its
	// form: such a record is scanned, and reads as decoded.
	data = canonicalRecord(t, c, func(d *decision.Decision) {
		d.Restriction.Description = "Two lines:\n  - article: '5'\nkind: 'seclusion'"
	})
	want, err = register.DecodeSummary(c, "r.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := register.ScanCanonical(c, data); !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("ok %v\nscanned %+v\ndecoded %+v", ok, got, want)
	}
}

func TestScanCanonicalGivesUp(t *testing.T) {
	c := testCatalog(t)
	good := canonicalRecord(t, c, nil)
	if _, ok := register.ScanCanonical(c, good); !ok {
		t.Fatal("the scanner gave up on a canonical record")
	}
	for name, edit := range map[string][2]string{
		"an unknown key":           {"nation: 'england'\n", "nation: 'england'\nward: 7\n"},
		"no setting":               {"setting: 'mental-health-inpatient'\n", ""},
		"keys out of order":        {"setting: 'mental-health-inpatient'\nnation: 'england'\n", "nation: 'england'\nsetting: 'mental-health-inpatient'\n"},
		"an unknown kind":          {"kind: 'seclusion'", "kind: 'seclusionn'"},
		"a plain enum":             {"kind: 'seclusion'", "kind: seclusion"},
		"an unknown light":         {"light: 'amber'", "light: 'ambre'"},
		"a right given twice":      {"  - article: '8'\n", "  - article: '8'\n  - article: '8'\n"},
		"a right written bare":     {"  - article: '8'\n", "  - '8'\n"},
		"no outcome":               {"outcome:", "outcomes:"},
		"a time that is not":       {"recorded_at: '2026-11-23T14:00:00Z'", "recorded_at: '2026-11-23'"},
		"another schema":           {"schema: 'rightsaid/v1'", "schema: 'rightsaid/v2'"},
		"a flow mapping":           {"person:\n", "person: {ref: x}\n"},
		"ended with no supersedes": {"recorded_at:", "ended_at: '2026-11-23T15:00:00Z'\nrecorded_at:"},
	} {
		data := bytes.Replace(good, []byte(edit[0]), []byte(edit[1]), 1)
		if bytes.Equal(data, good) {
			t.Fatalf("%s: the edit %q changed nothing", name, edit[0])
		}
		if _, ok := register.ScanCanonical(c, data); ok {
			t.Errorf("%s: scanned", name)
		}
	}
}

// The folder register's summaries, list and reviews due read the same
// records, in the same order, as All, Entries and DueBy.
func TestSummariesMatchRegister(t *testing.T) {
	c := testCatalog(t)
	dir := syntheticRegister(t, c, 300)
	// A record added by hand (not in the chain) comes last, as in All.
	files, _ := filepath.Glob(filepath.Join(dir, "RA-*.yaml"))
	data := mustRead(t, files[0])
	mustWrite(t, filepath.Join(dir, "RA-20200101-000000-000000.yaml"),
		bytes.Replace(data, []byte("id: '"+strings.TrimSuffix(filepath.Base(files[0]), ".yaml")+"'"), []byte("id: 'RA-20200101-000000-000000'"), 1))
	reg := openAt(t, dir)
	entries, err := register.Entries(reg)
	if err != nil {
		t.Fatal(err)
	}
	var want []register.Summary
	for _, e := range entries {
		want = append(want, register.SummaryOf(e.Record, *e.Record.Outcome))
	}
	got, err := reg.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("Summaries and All read different records, or in another order")
	}
	if got[len(got)-1].ID != "RA-20200101-000000-000000" {
		t.Errorf("the record not in the chain is at %s, want it last", got[len(got)-1].ID)
	}
	list, err := register.List(reg)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range list {
		if l.SupersededBy != entries[i].SupersededBy || l.ID != entries[i].Record.ID {
			t.Fatalf("list[%d] = %s superseded by %q, entries %s by %q", i, l.ID, l.SupersededBy, entries[i].Record.ID, entries[i].SupersededBy)
		}
	}
	for _, within := range []time.Duration{0, 24 * time.Hour, 90 * 24 * time.Hour} {
		now := synth.DefaultEnd.Add(-30 * 24 * time.Hour)
		due, err := reg.Due(now, within)
		if err != nil {
			t.Fatal(err)
		}
		wantDue := register.DueBy(entries, now, within)
		if len(due) != len(wantDue) || len(due) == 0 {
			t.Fatalf("within %s: Due %d reviews, DueBy %d", within, len(due), len(wantDue))
		}
		for i := range due {
			if due[i].Record.ID != wantDue[i].Record.ID || !due[i].Due.Equal(wantDue[i].Due) || due[i].Overdue != wantDue[i].Overdue {
				t.Errorf("within %s: Due[%d] = %s, DueBy %s", within, i, due[i].Record.ID, wantDue[i].Record.ID)
			}
		}
	}
}

// A record edited by hand no longer matches its digest: it is decoded
// strictly, and read as edited; one that no longer decodes fails the read,
// as it fails the register's.
func TestReadSummariesEditedRecords(t *testing.T) {
	c := testCatalog(t)
	dir := syntheticRegister(t, c, 20)
	files, _ := filepath.Glob(filepath.Join(dir, "RA-*.yaml"))
	name := files[3]
	data, _ := os.ReadFile(name)
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "setting: ") {
			lines[i] = "setting: school"
		}
	}
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, err := register.ReadSummaries(c, os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(filepath.Base(name), ".yaml")
	for _, r := range recs {
		if r.ID == id && r.Setting != "school" {
			t.Errorf("the edited record reads setting %q", r.Setting)
		}
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte("kind: '"), []byte("kind: 'not-a-"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, err = register.ReadSummaries(c, os.DirFS(dir), dir)
	var unread *register.UnreadableError
	if !errors.As(err, &unread) || len(unread.Records) != 1 || unread.Records[0] != id || !strings.Contains(err.Error(), filepath.Base(name)+":") {
		t.Fatalf("an invalid record: %v", err)
	}
	var es decision.Errors
	if !errors.As(unread.Errs[0], &es) {
		t.Errorf("the record's problem is %T, want the decoder's decision.Errors", unread.Errs[0])
	}
	// The others are read, in order.
	if len(recs) != 19 || slices.ContainsFunc(recs, func(s register.Summary) bool { return s.ID == id || s.ID == "" }) {
		t.Errorf("read %d records besides the invalid one, want 19", len(recs))
	}
	// List and Due say the same.
	reg := openAt(t, dir)
	if list, err := register.List(reg); !errors.As(err, &unread) || len(list) != 19 {
		t.Errorf("List: %d records, %v", len(list), err)
	}
	if _, err := reg.Due(synth.DefaultEnd, 0); !errors.As(err, &unread) {
		t.Errorf("Due: %v", err)
	}
}

func TestReadSummariesEmpty(t *testing.T) {
	c := testCatalog(t)
	recs, err := register.ReadSummaries(c, os.DirFS(t.TempDir()), "records")
	if err != nil || len(recs) != 0 {
		t.Errorf("an empty folder: %v %v", recs, err)
	}
}

// canonicalRecord is the canonical record of the seclusion example, edited.
func canonicalRecord(t *testing.T, _ *catalog.Catalog, edit func(*decision.Decision)) []byte {
	t.Helper()
	return decision.Canonical(synth.Example(edit))
}
