package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// smallRegister writes a synthetic register of n records and returns its
// folder.
func smallRegister(t *testing.T, c *catalog.Catalog, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "records")
	loc, _ := time.LoadLocation("Europe/London")
	if err := synth.Write(dir, c, synth.Options{N: n, Seed: 7, End: synth.DefaultEnd, Location: loc}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func byID(recs []Record) []Record {
	out := slices.Clone(recs)
	slices.SortFunc(out, func(a, b Record) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// The scanner of the canonical form reads every field exactly as the strict
// decoder does, on every record of a register with a wide spread.
func TestScanCanonicalMatchesDecode(t *testing.T) {
	c := testCatalog(t)
	dir := smallRegister(t, c, 400)
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
		want, err := decodeRecord(c, name, data)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := scanCanonical(c, data)
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
	data := record(t, c, func(d *decision.Decision) {
		d.Person.Ref = "'P-0412'"
		d.Unit = "Ward 7: the annexe"
		d.Restriction.Description = "Door held; \"no\" said # twice"
		d.Restriction.Scope = "group"
		d.Restriction.BlanketJustification = "yes"
	})
	want, err := decodeRecord(c, "r.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := scanCanonical(c, data)
	if ok && !reflect.DeepEqual(got, want) {
		t.Errorf("scanned %+v\ndecoded %+v", got, want)
	}
	// Text the scanner does not read (a block over several lines): it
	// leaves the record to the strict decoder, never misreads it.
	data = record(t, c, func(d *decision.Decision) {
		d.Restriction.Scope = "everyone"
		d.Restriction.Description = "Two lines:\nthe second."
	})
	if _, ok := scanCanonical(c, data); ok {
		t.Error("a block scalar was scanned")
	}
	// The description of a rule for one person is not kept, whatever its
	// form: such a record is scanned, and reads as decoded.
	data = record(t, c, func(d *decision.Decision) {
		d.Restriction.Description = "Two lines:\n  - article: '5'\nkind: 'seclusion'"
	})
	want, err = decodeRecord(c, "r.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := scanCanonical(c, data); !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("ok %v\nscanned %+v\ndecoded %+v", ok, got, want)
	}
}

func TestScanCanonicalGivesUp(t *testing.T) {
	c := testCatalog(t)
	good := record(t, c, nil)
	if _, ok := scanCanonical(c, good); !ok {
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
		if _, ok := scanCanonical(c, data); ok {
			t.Errorf("%s: scanned", name)
		}
	}
}

// record is the canonical record of the seclusion example, edited.
func record(t *testing.T, c *catalog.Catalog, edit func(*decision.Decision)) []byte {
	t.Helper()
	d := decision.New(time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC))
	d.ID = "RA-20261123-140000-abcdef"
	d.Setting, d.Nation = "mental-health-inpatient", "england"
	d.Person.Ref, d.Person.Age, d.Person.Capacity = "P-0101", "adult", "has"
	d.Restriction.Kind, d.Restriction.Description, d.Restriction.Reason, d.Restriction.Stage = "seclusion", "Seclusion.", "Assault.", "proposed"
	d.Screen = decision.Screen{Degrading: "no", RiskToLife: "no", Discriminatory: "no", Punitive: "no", DeprivationOfLiberty: "no"}
	d.Rights = []decision.RightRef{{Article: "3"}, {Article: "8"}}
	d.Test.Lawful.Answer, d.Test.Justified.Answer, d.Test.Proportionate.Answer, d.Test.LeastRestrictive.Answer = "yes", "yes", "yes", "yes"
	d.Review.Within = decision.NewDuration(catalog.Duration(2 * time.Hour))
	d.Outcome = &decision.Outcome{Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC),
		Reasons: []decision.Reason{{Rule: "A5", Text: "Seclusion is a high-intensity restriction."}}}
	d.Rationale = "RECORD\n  outcome: ignored\nlight: 'red'\n"
	if edit != nil {
		edit(d)
	}
	return decision.Canonical(d)
}

// LoadDir reads the same records as the register does.
func TestLoadDirMatchesRegister(t *testing.T) {
	c := testCatalog(t)
	dir := smallRegister(t, c, 300)
	reg, err := register.OpenDir(dir, c)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := register.Entries(reg)
	if err != nil {
		t.Fatal(err)
	}
	want := byID(FromEntries(c, entries))
	got, err := LoadDir(c, os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byID(got), want) {
		t.Error("LoadDir and the register read different records")
	}
	rep, err := reg.Verify()
	if err != nil || !rep.Clean() {
		t.Fatalf("the synthetic register does not verify: %v %+v", err, rep.Problems)
	}
}

// A record edited by hand no longer matches its digest: it is decoded
// strictly, and read as edited; one that no longer decodes fails the read,
// as it fails the register's.
func TestLoadDirEditedRecords(t *testing.T) {
	c := testCatalog(t)
	dir := smallRegister(t, c, 20)
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
	recs, err := LoadDir(c, os.DirFS(dir), dir)
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
	_, err = LoadDir(c, os.DirFS(dir), dir)
	var es decision.Errors
	if !errors.As(err, &es) || !strings.Contains(err.Error(), filepath.Base(name)) {
		t.Errorf("an invalid record: %v", err)
	}
}

func TestLoadDirEmpty(t *testing.T) {
	c := testCatalog(t)
	recs, err := LoadDir(c, os.DirFS(t.TempDir()), "records")
	if err != nil || len(recs) != 0 {
		t.Errorf("an empty folder: %v %v", recs, err)
	}
}

func TestSplitDocuments(t *testing.T) {
	stream := "%YAML 1.2\n---\na: 1\n---\n# nothing\n...\n--- \nb: 2\nc: |\n  ---x\n  text\n...\n---   d: 3\n"
	docs := splitDocuments([]byte(stream))
	var got []string
	var lines []int
	for _, d := range docs {
		got = append(got, string(d.data))
		lines = append(lines, d.line)
	}
	want := []string{"   \na: 1\n", "    \nb: 2\nc: |\n  ---x\n  text\n", "      d: 3\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	if wantLines := []int{2, 7, 13}; !reflect.DeepEqual(lines, wantLines) {
		t.Errorf("lines %v, want %v", lines, wantLines)
	}
}

// An export reads back as the records exported, and a problem in its third
// document is reported at its line in the stream.
func TestReadStream(t *testing.T) {
	c := testCatalog(t)
	var stream bytes.Buffer
	for i := range 3 {
		if i > 0 {
			stream.WriteString("---\n")
		}
		stream.Write(record(t, c, func(d *decision.Decision) {
			d.ID = "RA-20261123-140000-abcde" + string(rune('0'+i))
			d.RecordedAt = decision.NewTime(time.Date(2026, 11, 23, 14, i, 0, 0, time.UTC))
		}))
	}
	recs, err := ReadStream(c, "all.yaml", stream.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[2].ID != "RA-20261123-140000-abcde2" || recs[1].Kind != "seclusion" || recs[0].Light != "amber" {
		t.Fatalf("read %+v", recs)
	}
	data := stream.Bytes()
	third := bytes.LastIndex(data, []byte("kind: 'seclusion'"))
	line := bytes.Count(data[:third], []byte("\n")) + 1
	bad := slices.Concat(data[:third], []byte("kind: 'seclusionn'"), data[third+len("kind: 'seclusion'"):])
	_, err = ReadStream(c, "all.yaml", bad)
	var es decision.Errors
	if !errors.As(err, &es) || len(es) != 1 || es[0].Line != line || es[0].File != "all.yaml" {
		t.Errorf("want one problem at all.yaml line %d, got %v", line, err)
	}
	// A line a message names is counted from the top of the stream too.
	second := bytes.Index(data, []byte("\n---\n")) + len("\n---\n")
	dup := slices.Concat(data[:second], []byte("schema: 'rightsaid/v1'\n"), data[second:])
	_, err = ReadStream(c, "all.yaml", dup)
	firstLine := bytes.Count(data[:second], []byte("\n")) + 1
	if err == nil || !strings.Contains(err.Error(), "first given on line "+strconv.Itoa(firstLine)+")") {
		t.Errorf("want the duplicate key's first line, %d, counted in the stream: %v", firstLine, err)
	}
}

// An answers file (no outcome) in a stream is assessed.
func TestReadStreamAssessesAnswers(t *testing.T) {
	c := testCatalog(t)
	data := record(t, c, func(d *decision.Decision) { d.Outcome, d.ID = nil, "" })
	recs, err := ReadStream(c, "answers.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Light == "" || recs[0].ReviewDue.IsZero() {
		t.Errorf("read %+v", recs)
	}
	// One with no recorded_at cannot be placed in time.
	data = bytes.Replace(data, []byte("recorded_at: '2026-11-23T14:00:00Z'\n"), nil, 1)
	_, err = ReadStream(c, "answers.yaml", append([]byte("---\n"), data...))
	var es decision.Errors
	if !errors.As(err, &es) || es[0].Path != "recorded_at" || es[0].Line != 1 { // the document begins at its ---
		t.Errorf("no recorded_at: %v", err)
	}
}
