package register_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/render"
)

// The test binary doubles as a child process that saves records, for the
// tests with several processes and the ones that kill a process mid-save:
// with RIGHTSAID_REGISTER_CHILD=save it runs childMain instead of the tests.
const (
	envChild = "RIGHTSAID_REGISTER_CHILD" // "save"
	envDir   = "RIGHTSAID_REGISTER_DIR"   // the register folder
	envCount = "RIGHTSAID_REGISTER_COUNT" // how many records to save
	envTag   = "RIGHTSAID_REGISTER_TAG"   // makes this child's records unique
	envWait  = "RIGHTSAID_REGISTER_WAIT"  // "1": wait for a byte on stdin before saving
)

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "save" {
		os.Exit(childMain())
	}
	os.Exit(m.Run())
}

// childMain opens the register, prints "ready", optionally waits for a byte
// on stdin, then saves count records one by one (each with its own
// person.ref), printing each id, and how many microseconds its Save took,
// once Save has returned it.
func childMain() int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	n, err := strconv.Atoi(os.Getenv(envCount))
	if err != nil {
		return fail(err)
	}
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		return fail(err)
	}
	base, err := buildRecord(c, spec{Ref: "P-BASE"})
	if err != nil {
		return fail(err)
	}
	tag := os.Getenv(envTag)
	reg, err := register.OpenDir(os.Getenv(envDir), c)
	if err != nil {
		return fail(err)
	}
	defer reg.Close()
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	if os.Getenv(envWait) == "1" {
		if _, err := io.ReadFull(os.Stdin, make([]byte, 1)); err != nil {
			return fail(err)
		}
	}
	for i := range n {
		d := *base
		d.Person.Ref = fmt.Sprintf("P-%s-%04d", tag, i)
		start := time.Now()
		id, err := reg.Save(render.Record(c, &d, *base.Outcome, time.UTC))
		if err != nil {
			return fail(err)
		}
		fmt.Fprintln(out, id, time.Since(start).Microseconds())
		out.Flush()
	}
	return 0
}

var (
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
)

// testCatalog is the embedded catalog, loaded once.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = catalog.Load(checklists.FS, "") })
	if catErr != nil {
		t.Fatal(catErr)
	}
	return cat
}

// spec says how a test record differs from a seclusion on a ward.
type spec struct {
	Ref        string
	RecordedAt string // RFC 3339; default 2026-11-23T14:00:00Z
	Kind       string // default seclusion
	Setting    string // default mental-health-inpatient
	Stage      string // default proposed
	Within     string // review.within; default 2h; "none" for no review
	At         string // review.at instead of within
	Supersedes string
	EndedAt    string
	Desc       string
}

func (s spec) yaml() string {
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	var b strings.Builder
	b.WriteString("schema: rightsaid/v1\n")
	if s.Supersedes != "" {
		fmt.Fprintf(&b, "supersedes: %s\n", s.Supersedes)
	}
	if s.EndedAt != "" {
		fmt.Fprintf(&b, "ended_at: '%s'\n", s.EndedAt)
	}
	fmt.Fprintf(&b, "recorded_at: '%s'\n", def(s.RecordedAt, "2026-11-23T14:00:00Z"))
	fmt.Fprintf(&b, `decided_by:
  role: Nurse in charge
setting: %s
person:
  ref: '%s'
  age: adult
  capacity: has
restriction:
  kind: %s
  description: %s
  reason: Assaulted a co-patient; serious and imminent harm to others.
  stage: %s
  emergency: 'yes'
screen:
  degrading: 'no'
  risk_to_life: 'no'
  discriminatory: 'no'
  punitive: 'no'
  deprivation_of_liberty: 'no'
rights:
- article: '3'
- article: '8'
test:
  lawful:
    answer: 'yes'
    basis: [mha-1983-detention]
  justified:
    answer: 'yes'
  proportionate:
    answer: 'yes'
  least_restrictive:
    answer: 'yes'
    alternatives: [talk-down]
`, def(s.Setting, "mental-health-inpatient"), def(s.Ref, "P-0101"), def(s.Kind, "seclusion"),
		def(s.Desc, "Seclusion in the ward seclusion room."), def(s.Stage, "proposed"))
	switch {
	case s.At != "":
		fmt.Fprintf(&b, "review:\n  at: '%s'\n  by: Nurse in charge\n", s.At)
	case s.Within == "none":
	default:
		fmt.Fprintf(&b, "review:\n  within: %s\n  by: Nurse in charge\n", def(s.Within, "2h"))
	}
	return b.String()
}

// buildRecord makes a record as the commands do: decode the answers,
// evaluate them at recorded_at, and render the record.
func buildRecord(c *catalog.Catalog, s spec) (*decision.Decision, error) {
	d, err := decision.Decode(c, "test.yaml", []byte(s.yaml()), decision.Options{})
	if err != nil {
		return nil, err
	}
	o := assess.Evaluate(c, d, d.RecordedAt.Time())
	return render.Record(c, d, o, time.UTC), nil
}

func record(t testing.TB, s spec) *decision.Decision {
	t.Helper()
	rec, err := buildRecord(testCatalog(t), s)
	if err != nil {
		t.Fatalf("build record %+v: %v", s, err)
	}
	return rec
}

// openDir opens a register in a new folder (the register itself is
// <tmp>/records, so OpenDir creates it).
func openDir(t testing.TB) *register.Dir {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "records"))
}

func openAt(t testing.TB, dir string) *register.Dir {
	t.Helper()
	r, err := register.OpenDir(dir, testCatalog(t))
	if err != nil {
		t.Fatalf("OpenDir: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func save(t testing.TB, r register.Register, rec *decision.Decision) string {
	t.Helper()
	id, err := r.Save(rec)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	return id
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// chainLines returns chain.log's lines, without their newlines.
func chainLines(t testing.TB, dir string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "chain.log"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
}

func writeChain(t testing.TB, dir string, lines [][]byte) {
	t.Helper()
	var b []byte
	for _, l := range lines {
		b = append(append(b, l...), '\n')
	}
	mustWrite(t, filepath.Join(dir, "chain.log"), b)
}

// names lists a folder's entries, sorted.
func names(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

// recordFiles lists the <id>.yaml files of a register.
func recordFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for _, n := range names(t, dir) {
		if strings.HasPrefix(n, "RA-") && strings.HasSuffix(n, ".yaml") {
			out = append(out, strings.TrimSuffix(n, ".yaml"))
		}
	}
	return out
}

// leftovers lists temporary and journal files left in a register.
func leftovers(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for _, n := range names(t, dir) {
		if strings.HasPrefix(n, ".tmp-") || n == ".pending" {
			out = append(out, n)
		}
	}
	return out
}

// copyDir copies a register's files into a new folder, keeping modes.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy")
	if err := os.Mkdir(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		data := mustRead(t, filepath.Join(src, e.Name()))
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// verifyClean fails the test unless the register verifies clean.
func verifyClean(t testing.TB, r register.Register) register.Report {
	t.Helper()
	rep, err := r.Verify()
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !rep.Clean() {
		for _, p := range rep.Problems {
			t.Errorf("Verify: %s %s: %s", p.Kind, p.ID, p.Msg)
		}
		t.FailNow()
	}
	return rep
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
