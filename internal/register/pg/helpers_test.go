package pg_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
	"github.com/rightsaid/rightsaid/internal/register/pg/pgtest"
	"github.com/rightsaid/rightsaid/internal/render"
)

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
	Unit       string
	Stage      string // default proposed
	Within     string // review.within; default 2h; "none" for no review
	Supersedes string
	EndedAt    string
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
	fmt.Fprintf(&b, "decided_by:\n  role: Nurse in charge\nsetting: %s\n", def(s.Setting, "mental-health-inpatient"))
	if s.Unit != "" {
		fmt.Fprintf(&b, "unit: '%s'\n", s.Unit)
	}
	fmt.Fprintf(&b, `person:
  ref: '%s'
  age: adult
  capacity: has
restriction:
  kind: %s
  description: Seclusion in the ward seclusion room.
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
`, def(s.Ref, "P-0101"), def(s.Kind, "seclusion"), def(s.Stage, "proposed"))
	if s.Within != "none" {
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

func save(t testing.TB, r register.Register, rec *decision.Decision) string {
	t.Helper()
	id, err := r.Save(rec)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	return id
}

func verifyClean(t testing.TB, r register.Register) register.Report {
	t.Helper()
	rep, err := r.Verify()
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if !rep.Clean() {
		t.Fatalf("Verify found problems in an untouched register: %+v", rep.Problems)
	}
	return rep
}

// backend is one kind of register: open returns a new, empty one, and
// reopen another handle on the same store (as a second process would).
type backend struct {
	name string
	open func(t *testing.T) (r register.Register, reopen func() register.Register)
}

// backends are the two registers the shared suite runs on. The PostgreSQL
// one skips (or, in CI, fails) without RIGHTSAID_TEST_POSTGRES.
var backends = []backend{
	{"folder", func(t *testing.T) (register.Register, func() register.Register) {
		dir := filepath.Join(t.TempDir(), "records")
		return openDir(t, dir), func() register.Register { return openDir(t, dir) }
	}},
	{"postgres", func(t *testing.T) (register.Register, func() register.Register) {
		url := pgtest.Fresh(t, true)
		return openPG(t, url), func() register.Register { return openPG(t, url) }
	}},
}

func openDir(t testing.TB, dir string) *register.Dir {
	t.Helper()
	r, err := register.OpenDir(dir, testCatalog(t))
	if err != nil {
		t.Fatalf("OpenDir: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func openPG(t testing.TB, url string) *pg.Register {
	t.Helper()
	r, err := pg.Open(url, testCatalog(t))
	if err != nil {
		t.Fatalf("pg.Open: %v", err)
	}
	t.Cleanup(func() { r.Close() })
	pgURLs.Store(r, url)
	return r
}

// pgURLs is the URL each PostgreSQL register of a test was opened with.
var pgURLs sync.Map

// urlOf returns the URL a register was opened with.
func urlOf(t testing.TB, r *pg.Register) string {
	t.Helper()
	u, ok := pgURLs.Load(r)
	if !ok {
		t.Fatal("a register not opened by openPG")
	}
	return u.(string)
}

// connectTo opens a plain connection to a register's schema, for SQL done
// behind rightsaid's back.
func connectTo(t testing.TB, r *pg.Register) *pgx.Conn {
	t.Helper()
	return pgtest.Connect(t, urlOf(t, r))
}

// onEach runs a scenario on each back end, as a subtest of its own.
func onEach(t *testing.T, scenario func(t *testing.T, r register.Register, reopen func() register.Register)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			r, reopen := b.open(t)
			scenario(t, r, reopen)
		})
	}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
