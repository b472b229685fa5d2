package register_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rightsaid/rightsaid/internal/register"
)

// tamperFixture is a register of four records, a to d, saved in that order.
type tamperFixture struct {
	dir  string
	ids  []string
	head string
}

func newTamperFixture(t *testing.T) tamperFixture {
	t.Helper()
	r := openDir(t)
	var ids []string
	for i, ref := range []string{"P-A", "P-B", "P-C", "P-D"} {
		ids = append(ids, save(t, r, record(t, spec{Ref: ref, RecordedAt: fmt.Sprintf("2026-11-23T1%d:00:00Z", i)})))
	}
	rep := verifyClean(t, r)
	return tamperFixture{dir: r.Path(), ids: ids, head: rep.Head}
}

// problems lists a report's problems as "kind id".
func problems(rep register.Report) []string {
	var out []string
	for _, p := range rep.Problems {
		out = append(out, p.Kind+" "+p.ID)
	}
	return out
}

func verifyCopy(t *testing.T, dir string) register.Report {
	t.Helper()
	rep, err := openAt(t, dir).Verify()
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	for _, p := range rep.Problems {
		if p.Msg == "" {
			t.Errorf("problem %s %s has no message", p.Kind, p.ID)
		}
		t.Logf("%s %s: %s", p.Kind, p.ID, p.Msg)
	}
	return rep
}

func TestVerifyClean(t *testing.T) {
	f := newTamperFixture(t)
	lines := chainLines(t, f.dir)
	if len(lines) != 4 {
		t.Fatalf("%d chain lines, want 4", len(lines))
	}
	// Each line is as DESIGN.md §6 says.
	prev := strings.Repeat("0", 64)
	for i, l := range lines {
		var cl struct {
			Seq    int    `json:"seq"`
			ID     string `json:"id"`
			SHA256 string `json:"sha256"`
			Prev   string `json:"prev"`
		}
		dec := json.NewDecoder(bytes.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cl); err != nil {
			t.Fatalf("chain line %d %s: %v", i+1, l, err)
		}
		if cl.Seq != i+1 || cl.ID != f.ids[i] || cl.Prev != prev {
			t.Errorf("chain line %d = %s, want seq %d, id %s, prev %s", i+1, l, i+1, f.ids[i], prev)
		}
		if want := sha(mustRead(t, filepath.Join(f.dir, cl.ID+".yaml"))); cl.SHA256 != want {
			t.Errorf("chain line %d: sha256 %s, want the digest of the record file %s", i+1, cl.SHA256, want)
		}
		prev = sha(l)
	}
	rep := verifyCopy(t, f.dir)
	if !rep.Clean() || rep.Records != 4 {
		t.Errorf("Verify: %d records, problems %v; want 4 and none", rep.Records, problems(rep))
	}
	if rep.Head != prev {
		t.Errorf("head %s, want the digest of the last chain line %s", rep.Head, prev)
	}
}

func TestVerifyEmpty(t *testing.T) {
	r := openDir(t)
	rep := verifyClean(t, r)
	if rep.Records != 0 || rep.Head != strings.Repeat("0", 64) {
		t.Errorf("empty register: %d records, head %s", rep.Records, rep.Head)
	}
}

func TestVerifyHeadChanges(t *testing.T) {
	r := openDir(t)
	var heads []string
	for i := range 3 {
		save(t, r, record(t, spec{Ref: fmt.Sprintf("P-%d", i)}))
		rep := verifyClean(t, r)
		if slices.Contains(heads, rep.Head) {
			t.Errorf("head %s repeated after save %d", rep.Head, i+1)
		}
		heads = append(heads, rep.Head)
		// Verifying again changes nothing.
		if again := verifyClean(t, r); again.Head != rep.Head {
			t.Errorf("head changed from %s to %s with no save", rep.Head, again.Head)
		}
	}
}

func TestVerifyTampering(t *testing.T) {
	f := newTamperFixture(t)
	a, b, c, d := f.ids[0], f.ids[1], f.ids[2], f.ids[3]
	recordPath := func(dir, id string) string { return filepath.Join(dir, id+".yaml") }
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, dir string) // on a copy of the register
		want   []string                       // "kind id" that must be reported
		only   bool                           // and nothing else
	}{
		{
			name: "edit a field in a record",
			tamper: func(t *testing.T, dir string) {
				p := recordPath(dir, b)
				data := mustRead(t, p)
				edited := bytes.Replace(data, []byte("ref: 'P-B'"), []byte("ref: 'P-X'"), 1)
				if bytes.Equal(edited, data) {
					edited = bytes.Replace(data, []byte("ref: P-B"), []byte("ref: P-X"), 1)
				}
				if bytes.Equal(edited, data) {
					t.Fatalf("no person.ref in %s", data)
				}
				mustWrite(t, p, edited)
			},
			want: []string{"edited " + b}, only: true,
		},
		{
			name: "edit the stored light",
			tamper: func(t *testing.T, dir string) {
				p := recordPath(dir, c)
				data := mustRead(t, p)
				edited := bytes.Replace(data, []byte("  light: 'amber'"), []byte("  light: 'green'"), 1)
				if bytes.Equal(edited, data) {
					edited = bytes.Replace(data, []byte("  light: 'red'"), []byte("  light: 'green'"), 1)
				}
				if bytes.Equal(edited, data) {
					t.Fatalf("no amber or red light in %s", data)
				}
				mustWrite(t, p, edited)
			},
			want: []string{"edited " + c}, only: true,
		},
		{
			name: "add a blank line at the end of a record",
			tamper: func(t *testing.T, dir string) {
				mustWrite(t, recordPath(dir, a), append(mustRead(t, recordPath(dir, a)), '\n'))
			},
			want: []string{"edited " + a}, only: true,
		},
		{
			name:   "delete a record file",
			tamper: func(t *testing.T, dir string) { os.Remove(recordPath(dir, c)) },
			want:   []string{"removed " + c}, only: true,
		},
		{
			name:   "delete the first record file",
			tamper: func(t *testing.T, dir string) { os.Remove(recordPath(dir, a)) },
			want:   []string{"removed " + a}, only: true,
		},
		{
			name: "insert a record file",
			tamper: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "RA-20261123-150000-abcdef.yaml"), mustRead(t, recordPath(dir, b)))
			},
			want: []string{"inserted RA-20261123-150000-abcdef"}, only: true,
		},
		{
			name: "insert a record with its own id",
			tamper: func(t *testing.T, dir string) {
				data := mustRead(t, recordPath(dir, b))
				forged := "RA-20261123-150000-abcdef123456"
				data = bytes.Replace(data, []byte(b), []byte(forged), 1)
				mustWrite(t, recordPath(dir, forged), data)
			},
			want: []string{"inserted RA-20261123-150000-abcdef123456"}, only: true,
		},
		{
			name: "swap two chain lines",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				l[1], l[2] = l[2], l[1]
				writeChain(t, dir, l)
			},
			// The lines swapped, and not the line after them, which still
			// follows the line it always followed.
			want: []string{"reordered " + b, "reordered " + c}, only: true,
		},
		{
			name: "swap two record files' contents",
			tamper: func(t *testing.T, dir string) {
				pb, pc := mustRead(t, recordPath(dir, b)), mustRead(t, recordPath(dir, c))
				mustWrite(t, recordPath(dir, b), pc)
				mustWrite(t, recordPath(dir, c), pb)
			},
			want: []string{"edited " + b, "edited " + c}, only: true,
		},
		{
			name: "change a digest in the chain",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				var cl map[string]any
				if err := json.Unmarshal(l[1], &cl); err != nil {
					t.Fatal(err)
				}
				cl["sha256"] = strings.Repeat("ab", 32)
				l[1], _ = json.Marshal(cl)
				writeChain(t, dir, l)
			},
			want: []string{"edited " + b},
		},
		{
			name: "edit a record and its digest in the chain",
			tamper: func(t *testing.T, dir string) {
				p := recordPath(dir, b)
				edited := bytes.Replace(mustRead(t, p), []byte("P-B"), []byte("P-X"), 1)
				mustWrite(t, p, edited)
				l := chainLines(t, dir)
				l[1] = bytes.Replace(l[1], []byte(sha(mustRead(t, filepath.Join(f.dir, b+".yaml")))), []byte(sha(edited)), 1)
				writeChain(t, dir, l)
			},
			// The line's own digest changed, so the next line no longer follows it.
			want: []string{"reordered " + c},
		},
		{
			name: "delete a middle chain line",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				writeChain(t, dir, slices.Delete(l, 1, 2))
			},
			want: []string{"inserted " + b, "reordered " + c},
		},
		{
			name: "delete the first chain line",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				writeChain(t, dir, l[1:])
			},
			want: []string{"inserted " + a, "reordered " + b},
		},
		{
			name: "renumber a chain line",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				l[3] = bytes.Replace(l[3], []byte(`"seq":4`), []byte(`"seq":7`), 1)
				writeChain(t, dir, l)
			},
			want: []string{"reordered " + d},
		},
		{
			name: "garble a chain line",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				l[2] = []byte("not json")
				writeChain(t, dir, l)
			},
			want: []string{"chain ", "inserted " + c},
		},
		{
			name:   "empty the chain",
			tamper: func(t *testing.T, dir string) { mustWrite(t, filepath.Join(dir, "chain.log"), nil) },
			want:   []string{"inserted " + a, "inserted " + b, "inserted " + c, "inserted " + d}, only: true,
		},
		{
			name:   "remove the chain",
			tamper: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "chain.log")) },
			want:   []string{"inserted " + a, "inserted " + b, "inserted " + c, "inserted " + d}, only: true,
		},
		{
			name: "add a chain line for a record that does not exist",
			tamper: func(t *testing.T, dir string) {
				l := chainLines(t, dir)
				line, _ := json.Marshal(map[string]any{"seq": 5, "id": "RA-20261123-190000-abcdef", "sha256": strings.Repeat("0", 64), "prev": sha(l[3])})
				writeChain(t, dir, append(l, line))
			},
			want: []string{"removed RA-20261123-190000-abcdef"}, only: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, f.dir)
			tc.tamper(t, dir)
			rep := verifyCopy(t, dir)
			got := problems(rep)
			if rep.Clean() {
				t.Fatalf("tampering not found")
			}
			for _, w := range tc.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("problems %q: want %q", got, w)
				}
			}
			if tc.only && len(got) != len(tc.want) {
				t.Errorf("problems %q: want only %q", got, tc.want)
			}
			// Every problem names a record, except a chain line that cannot be read.
			for _, p := range rep.Problems {
				if p.ID == "" && p.Kind != register.Chain {
					t.Errorf("%s problem names no record: %s", p.Kind, p.Msg)
				}
			}
		})
	}
}

// The newest record removed with its chain line leaves a chain that verifies,
// but the head digest kept elsewhere shows it (DESIGN.md §6).
func TestVerifyNewestRemovedShowsInHead(t *testing.T) {
	f := newTamperFixture(t)
	dir := copyDir(t, f.dir)
	l := chainLines(t, dir)
	writeChain(t, dir, l[:3])
	os.Remove(filepath.Join(dir, f.ids[3]+".yaml"))
	rep := verifyCopy(t, dir)
	if !rep.Clean() {
		t.Errorf("problems %v", problems(rep))
	}
	if rep.Head == f.head {
		t.Errorf("the head digest did not change when the newest record was removed")
	}
}

// A record edited so that it no longer decodes is reported as edited (its
// digest) and the register can still be verified; list and get fail clearly.
func TestVerifyUnreadableRecord(t *testing.T) {
	f := newTamperFixture(t)
	dir := copyDir(t, f.dir)
	mustWrite(t, filepath.Join(dir, f.ids[1]+".yaml"), []byte("schema: [\n"))
	r := openAt(t, dir)
	rep, err := r.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if got := problems(rep); !slices.Contains(got, "edited "+f.ids[1]) {
		t.Errorf("problems %v", got)
	}
	if _, err := r.Get(f.ids[1]); err == nil {
		t.Errorf("Get of an unreadable record succeeded")
	}
	if _, err := r.All(); err == nil || !strings.Contains(err.Error(), f.ids[1]) {
		t.Errorf("All over an unreadable record: %v, want an error naming it", err)
	}
}
