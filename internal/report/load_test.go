package report

import (
	"bytes"
	"errors"
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

// record is the canonical record of the seclusion example, edited.
func record(t *testing.T, _ *catalog.Catalog, edit func(*decision.Decision)) []byte {
	t.Helper()
	return decision.Canonical(synth.Example(edit))
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
