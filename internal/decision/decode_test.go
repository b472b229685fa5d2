package decision_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

var (
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
)

// checklistsCatalog loads the embedded catalog once for all the tests.
func checklistsCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = catalog.Load(checklists.FS, "") })
	if catErr != nil {
		t.Fatalf("the embedded checklists do not load:\n%v", catErr)
	}
	return cat
}

// now stands for the clock in every test.
var now = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

// valid is a complete answers file that decodes without a problem. Tests
// change one part of it with edit.
const valid = `schema: rightsaid/v1
recorded_at: 2026-11-23T14:00:00Z
decided_by: {name: A. Nurse, role: Nurse in charge}
setting: community
person:
  ref: P-0412
  age: adult
  capacity: has
views:
  person: Happy to try it for a week.
restriction:
  kind: community-access-restriction
  description: Escorted trips to town.
  reason: Got lost twice last week.
  stage: proposed
  duration: 7d
screen:
  degrading: no
  risk_to_life: no
  discriminatory: no
  punitive: no
  deprivation_of_liberty: no
rights:
  - article: "8"
test:
  lawful:
    answer: yes
    basis: [consent]
  justified: {answer: yes}
  proportionate: {answer: yes}
  least_restrictive:
    answer: yes
    alternatives: [phone with location sharing]
review:
  within: 3d
  by: Nurse in charge
`

// edit returns src with the first old replaced by new; the test fails when
// old is not there.
func edit(t testing.TB, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("%q is not in the document", old)
	}
	return strings.Replace(src, old, new, 1)
}

func decode(t testing.TB, src string) (*decision.Decision, error) {
	t.Helper()
	return decision.Decode(checklistsCatalog(t), "a.yaml", []byte(src), decision.Options{Now: now})
}

func mustDecode(t testing.TB, src string) *decision.Decision {
	t.Helper()
	d, err := decode(t, src)
	if err != nil {
		t.Fatalf("decode:\n%v\n--- document:\n%s", err, src)
	}
	return d
}

func TestDecodeValid(t *testing.T) {
	d := mustDecode(t, valid)
	if d.File() != "a.yaml" {
		t.Errorf("File() = %q", d.File())
	}
	// The defaults of the optional fields.
	for _, c := range []struct{ field, got, want string }{
		{"nation", string(d.Nation), "england"},
		{"person.objects", string(d.Person.Objects), "no"},
		{"restriction.scope", string(d.Restriction.Scope), "individual"},
		{"restriction.emergency", string(d.Restriction.Emergency), "no"},
		{"restriction.ongoing", string(d.Restriction.Ongoing), "no"},
		{"decided_by.role", d.DecidedBy.Role, "Nurse in charge"},
		{"test.lawful.basis", strings.Join(d.Test.Lawful.Basis, "|"), "consent"},
		{"review.within", d.Review.Within.D.String(), "3d"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !d.Review.Within.Set || !d.Restriction.Duration.Set {
		t.Error("review.within or restriction.duration not set")
	}
	if rt, ok := d.ReviewTime(); !ok || !rt.Equal(now.Add(72*time.Hour)) {
		t.Errorf("ReviewTime() = %v, %t", rt, ok)
	}
	if m := d.Missing(); len(m) != 0 {
		t.Errorf("Missing() = %v", m)
	}
	if line, col := d.Position("restriction.kind"); line != 12 || col != 9 {
		t.Errorf("Position(restriction.kind) = %d:%d, want 12:9", line, col)
	}
	if line, _ := d.Position("review.at"); line != 34 { // absent: the line of its parent's key, review:
		t.Errorf("Position(review.at) = line %d, want 34", line)
	}
	if _, ok, err := d.ReadStoredOutcome(); ok || err != nil {
		t.Errorf("ReadStoredOutcome() on answers: ok %t, %v", ok, err)
	}
}

func TestDecodeDefaultRecordedAt(t *testing.T) {
	src := edit(t, valid, "recorded_at: 2026-11-23T14:00:00Z\n", "")
	d, err := decision.Decode(checklistsCatalog(t), "a.yaml", []byte(src), decision.Options{Now: now.Add(1500 * time.Millisecond).In(time.FixedZone("X", 3600))})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.RecordedAt.String(); got != "2026-11-23T14:00:01Z" {
		t.Errorf("recorded_at = %s, want now in UTC to the second", got)
	}
}

// TestDecodeForgiving checks each way of writing a value that the contract
// accepts, by the field it sets.
func TestDecodeForgiving(t *testing.T) {
	type check struct {
		name     string
		old, new string
		get      func(d *decision.Decision) string
		want     string
	}
	setting := func(d *decision.Decision) string { return string(d.Setting) }
	degrading := func(d *decision.Decision) string { return string(d.Screen.Degrading) }
	lawful := func(d *decision.Decision) string { return string(d.Test.Lawful.Answer) }
	emergency := func(d *decision.Decision) string { return string(d.Restriction.Emergency) }
	rights := func(d *decision.Decision) string {
		var s []string
		for _, r := range d.Rights {
			s = append(s, r.Article+"("+r.Note+")")
		}
		return strings.Join(s, " ")
	}
	basis := func(d *decision.Decision) string { return strings.Join(d.Test.Lawful.Basis, "|") }
	alternatives := func(d *decision.Decision) string { return strings.Join(d.Test.LeastRestrictive.Alternatives, "|") }
	duration := func(d *decision.Decision) string {
		if !d.Restriction.Duration.Set {
			return "absent"
		}
		return d.Restriction.Duration.Duration().String()
	}
	recorded := func(d *decision.Decision) string { return d.RecordedAt.String() }
	const rightsLine = "rights:\n  - article: \"8\"\n"
	var checks []check
	for _, c := range []struct{ in, want string }{
		{"community", "community"}, {"Community", "community"}, {"  COMMUNITY  ", "community"}, {`" Community "`, "community"},
	} {
		checks = append(checks, check{"setting " + c.in, "setting: community", "setting: " + c.in, setting, c.want})
	}
	for _, c := range []struct{ in, want string }{
		{"no", "no"}, {"No", "no"}, {"NO", "no"}, {"'no'", "no"}, {`" no "`, "no"}, {"false", "no"}, {"False", "no"},
		{"FALSE", "no"}, {"'false'", "no"}, {"yes", "yes"}, {"Yes", "yes"}, {"true", "yes"}, {"True", "yes"},
		{`"TRUE"`, "yes"}, {"unsure", "unsure"}, {"Unsure", "unsure"}, {" UNSURE", "unsure"},
	} {
		checks = append(checks, check{"screen answer " + c.in, "degrading: no", "degrading: " + c.in, degrading, c.want})
	}
	checks = append(checks,
		check{"test answer True", "answer: yes\n    basis", "answer: True\n    basis", lawful, "yes"},
		check{"test answer quoted", "answer: yes\n    basis", "answer: 'Unsure'\n    basis", lawful, "unsure"},
		check{"emergency true", "duration: 7d", "duration: 7d\n  emergency: true", emergency, "yes"},
		check{"emergency YES", "duration: 7d", "duration: 7d\n  emergency: ' YES '", emergency, "yes"},
		check{"emergency false", "duration: 7d", "duration: 7d\n  emergency: false", emergency, "no"},
		check{"emergency null", "duration: 7d", "duration: 7d\n  emergency: ~", emergency, "no"},
		check{"emergency blank", "duration: 7d", "duration: 7d\n  emergency: ''", emergency, "no"},
	)
	for _, c := range []struct{ in, want string }{
		{`["8"]`, "8()"},
		{`[8]`, "8()"},
		{`["Article 8"]`, "8()"},
		{`["art. 8"]`, "8()"},
		{`[Art 8, article 5]`, "8() 5()"},
		{`[P1A1]`, "P1-1()"},
		{`[A1P1]`, "P1-1()"},
		{`["Protocol 1, Article 1"]`, "P1-1()"},
		{`[Article 1 of Protocol 1]`, "P1-1()"},
		{`[P13-1]`, "P13-1()"},
		{`[p1-2, "P1 A3"]`, "P1-2() P1-3()"},
		{`[{article: Article 8, note: Home visits}, 14]`, "8(Home visits) 14()"},
		{"\n  - 8\n  - article: '5'\n    note: 'Out'", "8() 5(Out)"},
	} {
		checks = append(checks, check{"rights " + c.in, rightsLine, "rights: " + c.in + "\n", rights, c.want})
	}
	for _, c := range []struct{ in, want string }{
		{`consent`, "consent"},
		{`" CONSENT "`, "consent"}, // a known basis, matched ignoring case, becomes its id
		{`[consent, "", "  ", ~, Some Act s.12]`, "consent|Some Act s.12"},
		{`""`, ""},
		{`[]`, ""},
		{`~`, ""},
	} {
		checks = append(checks, check{"basis " + c.in, "basis: [consent]", "basis: " + c.in, basis, c.want})
	}
	for _, c := range []struct{ in, want string }{
		{`phone with location sharing`, "phone with location sharing"},
		{`"  a  "`, "a"},
		{"\n      - a\n      - b", "a|b"},
	} {
		checks = append(checks, check{"alternatives " + c.in, "alternatives: [phone with location sharing]", "alternatives: " + c.in, alternatives, c.want})
	}
	for _, c := range []struct{ in, want string }{
		{"90m", "1h30m0s"}, {"2h", "2h0m0s"}, {"2H", "2h0m0s"}, {"1d12h", "36h0m0s"}, {"2w", "336h0m0s"},
		{"0m", "0s"}, {"PT2H", "2h0m0s"}, {"P3D", "72h0m0s"}, {"P1W2D", "216h0m0s"}, {"P1DT12H", "36h0m0s"},
		{"pt30m", "30m0s"}, {`" 2h "`, "2h0m0s"}, {`""`, "absent"}, {"~", "absent"}, {`"  "`, "absent"},
	} {
		checks = append(checks, check{"duration " + c.in, "duration: 7d", "duration: " + c.in, duration, c.want})
	}
	for _, c := range []struct{ in, want string }{
		{"2026-11-23T14:00:00Z", "2026-11-23T14:00:00Z"},
		{"'2026-11-23T14:00:00Z'", "2026-11-23T14:00:00Z"},
		{"2026-11-23 14:00:00Z", "2026-11-23T14:00:00Z"},
		{"2026-11-23t14:00:00z", "2026-11-23T14:00:00Z"},
		{"2026-11-23T14:00:00.999999Z", "2026-11-23T14:00:00Z"},
		{"2026-11-23T14:00:00.5+01:00", "2026-11-23T13:00:00Z"},
		{"2026-11-23T14:00:00", "2026-11-23T14:00:00Z"},
		{"2026-11-23 14:00:00", "2026-11-23T14:00:00Z"},
		{"2026-11-23T14:00:00-05:30", "2026-11-23T19:30:00Z"},
		{"2026-11-23T09:00:00-05:00", "2026-11-23T14:00:00Z"},
	} {
		checks = append(checks, check{"time " + c.in, "recorded_at: 2026-11-23T14:00:00Z", "recorded_at: " + c.in, recorded, c.want})
	}
	checks = append(checks,
		check{"null counts as absent", "setting: community", "setting: community\nnation: ~", func(d *decision.Decision) string { return string(d.Nation) }, "england"},
		check{"nation in capitals", "setting: community", "setting: community\nnation: Scotland", func(d *decision.Decision) string { return string(d.Nation) }, "scotland"},
		check{"objects unsure", "capacity: has", "capacity: has\n  objects: Unsure", func(d *decision.Decision) string { return string(d.Person.Objects) }, "unsure"},
		check{"objects null", "capacity: has", "capacity: has\n  objects: null", func(d *decision.Decision) string { return string(d.Person.Objects) }, "no"},
		check{"scope in capitals", "stage: proposed", "stage: proposed\n  scope: EVERYONE\n  blanket_justification: x", func(d *decision.Decision) string { return string(d.Restriction.Scope) }, "everyone"},
		check{"stage in capitals", "stage: proposed", "stage: In-Place", func(d *decision.Decision) string { return string(d.Restriction.Stage) }, "in-place"},
		check{"capacity with spaces", "capacity: has", "capacity: '  Lacks '", func(d *decision.Decision) string { return string(d.Person.Capacity) }, "lacks"},
		check{"schema with spaces", "schema: rightsaid/v1", "schema: ' rightsaid/v1 '", func(d *decision.Decision) string { return d.Schema }, "rightsaid/v1"},
		check{"blank review.at", "within: 3d", "within: 3d\n  at: ''", func(d *decision.Decision) string { return d.Review.At.String() + "|" + d.Review.Within.D.String() }, "|3d"},
		check{"blank review.within", "within: 3d", "within: ' '\n  at: 2026-11-24T09:00:00Z", func(d *decision.Decision) string { return d.Review.At.String() + "|" + fmt.Sprint(d.Review.Within.Set) }, "2026-11-24T09:00:00Z|false"},
		check{"review.at equal to recorded_at", "within: 3d", "at: 2026-11-23T14:00:00.9Z", func(d *decision.Decision) string { return d.Review.At.String() }, "2026-11-23T14:00:00Z"},
		check{"protects is not rights", "rights:", "protects: [2, Article 3, 2]\nrights:", func(d *decision.Decision) string {
			return fmt.Sprintf("%d %s %s %s", len(d.Rights), d.Protects[0].Article, d.Protects[1].Article, d.Protects[2].Article)
		}, "1 2 3 2"},
		check{"supersedes and ended_at", "recorded_at:", "supersedes: ' RA-20261120-090000-abcdef '\nended_at: 2026-11-23T15:00:00+00:00\nrecorded_at:", func(d *decision.Decision) string {
			return d.Supersedes + "|" + d.EndedAt.String()
		}, "RA-20261120-090000-abcdef|2026-11-23T15:00:00Z"},
		check{"id accepted", "recorded_at:", "id: RA-20261123-140000-3f9a1c\nrecorded_at:", func(d *decision.Decision) string { return d.ID }, "RA-20261123-140000-3f9a1c"},
		check{"a YAML anchor and alias", "  person: Happy to try it for a week.", "  person: &v Happy to try it for a week.\n  others: *v", func(d *decision.Decision) string { return d.Views.Others }, "Happy to try it for a week."},
		check{"text given as a number", "ref: P-0412", "ref: 412", func(d *decision.Decision) string { return d.Person.Ref }, "412"},
	)
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			d := mustDecode(t, edit(t, valid, c.old, c.new))
			if got := c.get(d); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestDecodeRecord(t *testing.T) {
	src := valid + `outcome:
  light: Green
  verdict: proceed
  review_due: 2026-11-26T14:00:00Z
  reasons:
    - {rule: a5, text: It is high intensity.}
  advice: [Review it.]
rationale: |
  Some words.
`
	d := mustDecode(t, src)
	if d.Outcome != nil || d.Rationale != "" {
		t.Error("the stored outcome or rationale was taken as the decision's own")
	}
	o, ok, err := d.ReadStoredOutcome()
	if !ok || err != nil {
		t.Fatalf("ReadStoredOutcome: ok %t, %v", ok, err)
	}
	if o.Light != "green" || o.Verdict != "proceed" || !o.ReviewDue.Equal(now.Add(72*time.Hour)) ||
		len(o.Reasons) != 1 || o.Reasons[0].Rule != "A5" || o.Reasons[0].Text != "It is high intensity." ||
		!slices.Equal(o.Advice, []string{"Review it."}) {
		t.Errorf("stored outcome = %+v", o)
	}
	if bytes.Contains(decision.Canonical(d), []byte("outcome")) {
		t.Error("a stored outcome is written back without being recomputed")
	}

	// A stored outcome that cannot be read is an error of its own, not of
	// the decision.
	d = mustDecode(t, valid+"outcome:\n  light: green\n  review_due: tomorrow\n")
	if _, ok, err := d.ReadStoredOutcome(); !ok || err == nil || !strings.Contains(err.Error(), "outcome.review_due") {
		t.Errorf("ReadStoredOutcome with a bad review_due: ok %t, %v", ok, err)
	}
	d = mustDecode(t, valid+"outcome:\n  colour: green\n")
	if _, ok, err := d.ReadStoredOutcome(); !ok || err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("ReadStoredOutcome with an unknown key: ok %t, %v", ok, err)
	}
	d = mustDecode(t, valid+"outcome: ~\nrationale: ~\n")
	if _, ok, err := d.ReadStoredOutcome(); ok || err != nil {
		t.Errorf("ReadStoredOutcome with a null outcome: ok %t, %v", ok, err)
	}
}

// problem is one error a test expects: its path, line and column (0: any),
// and words from its message.
type problem struct {
	path      string
	line, col int
	msg       string
}

func (p problem) String() string { return fmt.Sprintf("%d:%d %s: %s", p.line, p.col, p.path, p.msg) }

func matches(e *yamlnode.Error, p problem) bool {
	return e.Path == p.path && (p.line == 0 || e.Line == p.line) && (p.col == 0 || e.Column == p.col) &&
		strings.Contains(e.Msg, p.msg)
}

// wantProblems checks that err holds each problem, each naming the file.
func wantProblems(t *testing.T, err error, want ...problem) yamlnode.Errors {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %v", want)
	}
	es, ok := yamlnode.AsErrors(err)
	if !ok {
		t.Fatalf("the error is a %T, not yamlnode.Errors: %v", err, err)
	}
	for _, e := range es {
		if e.File != "a.yaml" || !strings.HasPrefix(e.Error(), "a.yaml:") {
			t.Errorf("the problem does not name the file: %q", e.Error())
		}
		if strings.HasSuffix(e.Msg, ".") || e.Msg == "" {
			t.Errorf("messages are lower-case phrases without a final full stop: %q", e.Msg)
		}
	}
	for _, p := range want {
		if !slices.ContainsFunc(es, func(e *yamlnode.Error) bool { return matches(e, p) }) {
			t.Errorf("no problem %v in:\n%v", p, err)
		}
	}
	return es
}

// lineOf returns the line of the first text in src.
func lineOf(t testing.TB, src, text string) int {
	t.Helper()
	i := strings.Index(src, text)
	if i < 0 {
		t.Fatalf("%q is not in the document", text)
	}
	return strings.Count(src[:i], "\n") + 1
}

func TestDecodeErrors(t *testing.T) {
	type tc struct {
		name       string
		old, new   string // edit of valid
		old2, new2 string // a second edit, if any
		want       problem
		at         string // text on the problem's line, when want.line is 0
	}
	var cases []tc
	for _, v := range []string{"on", "off", "y", "n", "Y", "N", "On", "OFF", "maybe", "1", "0", "'yes please'"} {
		cases = append(cases, tc{name: "answer " + v, old: "punitive: no", new: "punitive: " + v,
			want: problem{path: "screen.punitive", col: 13, msg: "is not an answer: use yes, no or unsure"}, at: "punitive:"})
	}
	for _, v := range []string{"unsure", "on", "maybe"} {
		cases = append(cases, tc{name: "emergency " + v, old: "duration: 7d", new: "duration: 7d\n  emergency: " + v,
			want: problem{path: "restriction.emergency", msg: "use yes or no"}, at: "emergency:"})
	}
	cases = append(cases,
		tc{name: "answer as a list", old: "justified: {answer: yes}", new: "justified: {answer: [yes]}",
			want: problem{path: "test.justified.answer", msg: "found a list"}, at: "justified:"},
		tc{name: "unknown key", old: "views:", new: "persn: x\nviews:",
			want: problem{path: "persn", col: 1, msg: `unknown key "persn" (did you mean "person"?)`}, at: "persn:"},
		tc{name: "unknown nested key", old: "  stage: proposed", new: "  stage: proposed\n  kinds: seclusion",
			want: problem{path: "restriction.kinds", col: 3, msg: `unknown key "kinds" (did you mean "kind"?)`}, at: "kinds:"},
		tc{name: "unknown key in a right", old: `  - article: "8"`, new: "  - article: \"8\"\n    notes: x",
			want: problem{path: "rights[0].notes", col: 5, msg: `unknown key "notes"`}, at: "notes:"},
		tc{name: "duplicate key", old: "setting: community", new: "setting: community\nsetting: care-home",
			want: problem{path: "setting", col: 1, msg: `duplicate key "setting" (first given on line 4)`}, at: "setting: care-home"},
		tc{name: "duplicate nested key", old: "  age: adult", new: "  age: adult\n  age: child",
			want: problem{path: "person.age", col: 3, msg: "duplicate key"}, at: "age: child"},
		tc{name: "duplicate article", old: `  - article: "8"`, new: "  - article: \"8\"\n  - article: Article 5\n  - art. 8",
			want: problem{path: "rights[2].article", msg: "article 8 is already listed (rights[0])"}, at: "art. 8"},
		tc{name: "duplicate protocol article", old: `  - article: "8"`, new: "  - P1A1\n  - article: Protocol 1, Article 1",
			want: problem{path: "rights[1].article", col: 14, msg: "article P1-1 is already listed"}, at: "Protocol 1, Article 1"},
		tc{name: "article the Act does not include", old: `  - article: "8"`, new: "  - article: Article 13",
			want: problem{path: "rights[0].article", col: 14, msg: `"Article 13" is not one of the 16 rights of the Human Rights Act; use one of 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, P1-1, P1-2, P1-3, P13-1`}, at: "Article 13"},
		tc{name: "bare article the Act does not include", old: `  - article: "8"`, new: "  - P1-4",
			want: problem{path: "rights[0]", col: 5, msg: "is not one of the 16 rights"}, at: "P1-4"},
		tc{name: "right without an article", old: `  - article: "8"`, new: "  - note: x",
			want: problem{path: "rights[0].article", msg: "required: the article"}, at: "note: x"},
		tc{name: "right as a list", old: `  - article: "8"`, new: "  - [8]",
			want: problem{path: "rights[0]", msg: "expected an article id or a mapping"}, at: "[8]"},
		tc{name: "protects article unknown", old: "rights:", new: "protects: [Article 1]\nrights:",
			want: problem{path: "protects[0]", msg: "is not one of the 16 rights"}, at: "protects:"},
		tc{name: "date alone", old: "recorded_at: 2026-11-23T14:00:00Z", new: "recorded_at: 2026-11-23",
			want: problem{path: "recorded_at", col: 14, msg: `"2026-11-23" is a date alone`}, at: "recorded_at:"},
		tc{name: "not a time", old: "recorded_at: 2026-11-23T14:00:00Z", new: "recorded_at: yesterday at noon",
			want: problem{path: "recorded_at", msg: "is not a date and time"}, at: "recorded_at:"},
		tc{name: "time out of range", old: "recorded_at: 2026-11-23T14:00:00Z", new: "recorded_at: 9999-12-31T23:30:00-01:00",
			want: problem{path: "recorded_at", msg: "the year must be between 1900 and 9999"}, at: "recorded_at:"},
		tc{name: "review.at and within both", old: "within: 3d", new: "within: 3d\n  at: 2026-11-24T09:00:00Z",
			want: problem{path: "review.at", msg: "give review.at or review.within, not both"}, at: "  at: 2026"},
		tc{name: "review.at before recorded_at", old: "within: 3d", new: "at: 2026-11-23T13:59:59Z",
			want: problem{path: "review.at", msg: "the review (2026-11-23T13:59:59Z) is before the decision was recorded (2026-11-23T14:00:00Z)"}, at: "  at: 2026"},
		tc{name: "review.at before the default recorded_at", old: "recorded_at: 2026-11-23T14:00:00Z\n", new: "",
			old2: "within: 3d", new2: "at: 2026-11-23T13:59:59Z",
			want: problem{path: "review.at", msg: "is before the decision was recorded (2026-11-23T14:00:00Z)"}, at: "  at: 2026"},
		tc{name: "ended_at without supersedes", old: "recorded_at:", new: "ended_at: 2026-11-23T15:00:00Z\nrecorded_at:",
			want: problem{path: "ended_at", col: 11, msg: "only for a record that supersedes another"}, at: "ended_at:"},
		tc{name: "ended_at with a blank supersedes", old: "recorded_at:", new: "supersedes: ' '\nended_at: 2026-11-23T15:00:00Z\nrecorded_at:",
			want: problem{path: "ended_at", msg: "only for a record that supersedes another"}, at: "ended_at:"},
		tc{name: "bad duration", old: "duration: 7d", new: "duration: 1.5h",
			want: problem{path: "restriction.duration", col: 13, msg: `"1.5h" is not a duration`}, at: "duration:"},
		tc{name: "duration in months", old: "within: 3d", new: "within: P1M",
			want: problem{path: "review.within", msg: "is not a duration"}, at: "within:"},
		tc{name: "duration in seconds", old: "within: 3d", new: "within: 30s",
			want: problem{path: "review.within", msg: "is not a duration"}, at: "within:"},
		tc{name: "unknown setting", old: "setting: community", new: "setting: hospital",
			want: problem{path: "setting", col: 10, msg: `"hospital" is not known: use one of mental-health-inpatient,`}, at: "setting:"},
		tc{name: "unknown kind", old: "kind: community-access-restriction", new: "kind: tying-up",
			want: problem{path: "restriction.kind", msg: `"tying-up" is not known`}, at: "kind:"},
		tc{name: "misspelt kind", old: "kind: community-access-restriction", new: "kind: seclution",
			want: problem{path: "restriction.kind", msg: `"seclution" is not known (did you mean "seclusion"?): use one of`}, at: "kind:"},
		tc{name: "misspelt setting", old: "setting: community", new: "setting: comunity",
			want: problem{path: "setting", col: 10, msg: `"comunity" is not known (did you mean "community"?)`}, at: "setting:"},
		tc{name: "unknown nation", old: "setting: community", new: "setting: community\nnation: ulster",
			want: problem{path: "nation", msg: `"ulster" is not known: use one of england, wales, scotland, northern-ireland`}, at: "nation:"},
		tc{name: "unknown age", old: "age: adult", new: "age: teen",
			want: problem{path: "person.age", msg: `use one of adult, child`}, at: "age:"},
		tc{name: "unknown capacity", old: "capacity: has", new: "capacity: some",
			want: problem{path: "person.capacity", msg: `use one of has, lacks, unknown`}, at: "capacity:"},
		tc{name: "unknown stage", old: "stage: proposed", new: "stage: planned",
			want: problem{path: "restriction.stage", msg: `use one of proposed, in-place, past`}, at: "stage:"},
		tc{name: "unknown scope", old: "stage: proposed", new: "stage: proposed\n  scope: ward",
			want: problem{path: "restriction.scope", msg: `use one of individual, group, everyone`}, at: "scope:"},
		tc{name: "enum as a mapping", old: "setting: community", new: "setting: {id: community}",
			want: problem{path: "setting", msg: "expected a single value, found a mapping"}, at: "setting:"},
		tc{name: "another schema", old: "schema: rightsaid/v1", new: "schema: rightsaid/v2",
			want: problem{path: "schema", line: 1, col: 9, msg: `"rightsaid/v2" is not a schema this version reads: use rightsaid/v1`}},
		tc{name: "no schema", old: "schema: rightsaid/v1\n", new: "",
			want: problem{path: "schema", msg: "required: schema: rightsaid/v1"}},
		tc{name: "blank ref", old: "ref: P-0412", new: "ref: '   '",
			want: problem{path: "person.ref", col: 8, msg: "required: must not be blank"}, at: "ref:"},
		tc{name: "blank description", old: "description: Escorted trips to town.", new: "description: ''",
			want: problem{path: "restriction.description", msg: "required: must not be blank"}, at: "description:"},
		tc{name: "null reason", old: "reason: Got lost twice last week.", new: "reason: ~",
			want: problem{path: "restriction.reason", msg: "required: must not be blank"}, at: "reason:"},
		tc{name: "null answer", old: "proportionate: {answer: yes}", new: "proportionate: {answer: ~}",
			want: problem{path: "test.proportionate.answer", msg: "required: answer yes, no or unsure"}, at: "proportionate:"},
		tc{name: "blank answer", old: "discriminatory: no", new: "discriminatory: ' '",
			want: problem{path: "screen.discriminatory", msg: "required: answer yes, no or unsure"}, at: "discriminatory:"},
		tc{name: "text as a list", old: "  person: Happy to try it for a week.", new: "  person: [Happy]",
			want: problem{path: "views.person", msg: "expected text, found a list"}, at: "[Happy]"},
		tc{name: "basis as a mapping", old: "basis: [consent]", new: "basis: {id: consent}",
			want: problem{path: "test.lawful.basis", msg: "expected a list of text, or a single text, found a mapping"}, at: "basis:"},
		tc{name: "basis entry as a list", old: "basis: [consent]", new: "basis: [[consent]]",
			want: problem{path: "test.lawful.basis", msg: "each entry must be text"}, at: "basis:"},
		tc{name: "screen as a list", old: "screen:\n", new: "screen: [no]\nscreen_was:\n",
			want: problem{path: "screen", msg: "expected a mapping of keys to values, found a list"}, at: "screen:"},
		tc{name: "unknown screen question", old: "punitive: no", new: "punitive: no\n  cruel: no",
			want: problem{path: "screen.cruel", msg: `unknown key "cruel"`}, at: "cruel:"},
		tc{name: "not valid YAML", old: "views:\n", new: "views: [\n",
			want: problem{path: "", msg: "not valid YAML"}},
		tc{name: "tab indentation", old: "  age: adult", new: "\tage: adult",
			want: problem{path: "", msg: "not valid YAML"}},
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := edit(t, valid, c.old, c.new)
			if c.old2 != "" {
				src = edit(t, src, c.old2, c.new2)
			}
			d, err := decode(t, src)
			if d != nil {
				t.Error("Decode returned a decision with an error")
			}
			want := c.want
			if want.line == 0 && c.at != "" {
				want.line = lineOf(t, src, c.at)
			}
			es := wantProblems(t, err, want)
			if len(es) != 1 && c.name != "screen as a list" {
				t.Errorf("want one problem, got %d:\n%v", len(es), err)
			}
			for _, e := range es {
				if e.Line <= 0 {
					t.Errorf("no line: %v", e)
				}
			}
		})
	}
}

func TestDecodeFileErrors(t *testing.T) {
	big := valid + "# " + strings.Repeat("x", decision.MaxSize) + "\n"
	for _, c := range []struct {
		name string
		src  string
		want problem
	}{
		{"empty file", "", problem{line: 1, col: 1, msg: "the file is empty"}},
		{"blank file", "  \n\n", problem{line: 1, col: 1, msg: "the file is empty"}},
		{"only comments", "# nothing yet\n", problem{line: 1, col: 1, msg: "the file is empty"}},
		{"only null", "~\n", problem{line: 1, col: 1, msg: "the file is empty"}},
		{"a list at the top", "- schema: rightsaid/v1\n", problem{line: 1, col: 1, msg: "expected a mapping of keys to values at the top, found a list"}},
		{"a scalar at the top", "rightsaid/v1\n", problem{line: 1, col: 1, msg: `expected a mapping of keys to values at the top, found "rightsaid/v1"`}},
		{"two documents", valid + "---\n" + valid, problem{line: lineOf(t, valid+"---\n", "---"), msg: "a second YAML document"}},
		{"an empty second document", valid + "---\n", problem{msg: "a second YAML document"}},
		{"larger than 1 MiB", big, problem{msg: "too large"}},
		{"binary", "schema: rightsaid/v1\n\x00\x01\x02", problem{line: 1, col: 1, msg: "not a text file"}},
		{"not UTF-8", "schema: rightsaid/v1\nsetting: \xff\xfe\n", problem{line: 2, col: 10, msg: "not valid YAML"}},
		{"a control character", "schema: rightsaid/v1\nperson:\n  ref: P\x01\n", problem{line: 3, col: 9, msg: "not valid YAML"}},
		{"syntax error", "schema: rightsaid/v1\nsetting: [community\n", problem{line: 2, msg: "not valid YAML: did not find expected ',' or ']'"}},
		{"unclosed list", "schema: [rightsaid/v1\n", problem{line: 2, msg: "not valid YAML"}}, // where the parser gives up
		{"syntax error on the first line", "schema: a: b\n", problem{line: 1, msg: "not valid YAML: mapping values are not allowed in this context"}},
		{"unclosed quote", "schema: rightsaid/v1\nsetting: 'community\nnation: england\n", problem{line: 2, msg: "not valid YAML"}},
		{"flow mapping", "schema: rightsaid/v1\nperson: {ref: P-1\n", problem{line: 2, msg: "not valid YAML: did not find expected ',' or '}'"}},
		{"block mapping", "schema: rightsaid/v1\nperson:\n  ref: P-1\n  - age\n", problem{line: 3, msg: "not valid YAML: did not find expected key"}},
		{"bad indentation", "schema: rightsaid/v1\nperson:\n  ref: P-1\n age: adult\n", problem{line: 4, msg: "not valid YAML"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := decode(t, c.src)
			es := wantProblems(t, err, c.want)
			if len(es) != 1 {
				t.Errorf("want one problem, got:\n%v", err)
			}
		})
	}
}

// TestDecodeMissing checks that a file with nothing but the schema names
// every required field by its path.
func TestDecodeMissing(t *testing.T) {
	_, err := decode(t, "schema: rightsaid/v1\n")
	var want []problem
	for _, p := range []string{
		"setting", "person.ref", "person.age", "person.capacity", "restriction.kind", "restriction.description",
		"restriction.reason", "restriction.stage", "screen.degrading", "screen.risk_to_life", "screen.discriminatory",
		"screen.punitive", "screen.deprivation_of_liberty", "test.lawful.answer", "test.justified.answer",
		"test.proportionate.answer", "test.least_restrictive.answer",
	} {
		want = append(want, problem{path: p, line: 1, msg: "required"})
	}
	es := wantProblems(t, err, want...)
	if len(es) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(es), len(want), err)
	}
	// The same fields, half given: each missing one is named at the line
	// of its parent's key, where it is to be added (not at the parent's
	// first entry: "test.justified" was once reported at "lawful").
	src := "schema: rightsaid/v1\nperson:\n  ref: P-1\nrestriction:\n  kind: search\ntest:\n  lawful: {basis: consent}\n"
	_, err = decode(t, src)
	wantProblems(t, err,
		problem{path: "person.age", line: 2, msg: "required: one of adult, child"},
		problem{path: "restriction.description", line: 4, msg: "required: must not be blank"},
		problem{path: "test.lawful.answer", line: 7, msg: "required: answer yes, no or unsure"},
		problem{path: "test.justified.answer", line: 6, msg: "required"},
		problem{path: "test.least_restrictive.answer", line: 6, msg: "required"},
	)
}

// TestDecodeSeveralProblems checks that every problem is reported at once,
// sorted by line.
func TestDecodeSeveralProblems(t *testing.T) {
	src := valid
	src = edit(t, src, "setting: community", "setting: hospital")
	src = edit(t, src, "  capacity: has", "  capacity: has\n  capacity: lacks")
	src = edit(t, src, "punitive: no", "punitive: off")
	src = edit(t, src, "  stage: proposed", "  stage: proposed\n  colour: red")
	src = edit(t, src, "within: 3d", "within: 3 days")
	src = edit(t, src, "reason: Got lost twice last week.", "reason: ''")
	_, err := decode(t, src)
	es := wantProblems(t, err,
		problem{path: "setting", msg: "not known"},
		problem{path: "person.capacity", msg: "duplicate key"},
		problem{path: "restriction.reason", msg: "required"},
		problem{path: "restriction.colour", msg: "unknown key"},
		problem{path: "screen.punitive", msg: "not an answer"},
		problem{path: "review.within", msg: "not a duration"},
	)
	if len(es) != 6 {
		t.Errorf("got %d problems, want 6:\n%v", len(es), err)
	}
	if !slices.IsSortedFunc(es, func(a, b *yamlnode.Error) int { return a.Line*1000 + a.Column - b.Line*1000 - b.Column }) {
		t.Errorf("the problems are not sorted by line:\n%v", err)
	}
	// The message of the whole is one line a problem, each with its place.
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 6 {
		t.Errorf("the message has %d lines, want 6:\n%v", len(lines), err)
	}
	for i, e := range es {
		if want := fmt.Sprintf("a.yaml:%d:%d: %s: ", e.Line, e.Column, e.Path); !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d of the message is %q, want it to begin %q", i, lines[i], want)
		}
	}
}

// TestDecodeDraft checks that a draft may leave required fields out but not
// give wrong values.
func TestDecodeDraft(t *testing.T) {
	c := checklistsCatalog(t)
	src := "schema: rightsaid/v1\nperson:\n  ref: P-1\n  age: adult\nrestriction:\n  kind: search\n"
	d, err := decision.Decode(c, "draft.yaml", []byte(src), decision.Options{Draft: true, Now: now})
	if err != nil {
		t.Fatalf("a draft with required fields missing: %v", err)
	}
	want := []string{
		"setting", "person.capacity", "restriction.description", "restriction.reason", "restriction.stage",
		"screen.degrading", "screen.risk_to_life", "screen.discriminatory", "screen.punitive", "screen.deprivation_of_liberty",
		"test.lawful.answer", "test.justified.answer", "test.proportionate.answer", "test.least_restrictive.answer",
	}
	if got := d.Missing(); !slices.Equal(got, want) {
		t.Errorf("Missing() = %v\nwant        %v", got, want)
	}
	_, err = decision.Decode(c, "draft.yaml", []byte(src+"setting: moon\n"), decision.Options{Draft: true, Now: now})
	if err == nil || !strings.Contains(err.Error(), `"moon" is not known`) {
		t.Errorf("a draft with a wrong value: %v", err)
	}
	_, err = decision.Decode(c, "draft.yaml", []byte("person: {ref: P-1}\n"), decision.Options{Draft: true, Now: now})
	if err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("a draft without a schema: %v", err)
	}
}

// TestDecodeInvalidCases decodes the conformance suite's invalid cases,
// each of which names the line its problem is on.
func TestDecodeInvalidCases(t *testing.T) {
	for _, file := range testdataFiles(t, "testdata/invalid") {
		t.Run(file.name, func(t *testing.T) {
			want := expectations(t, file.data)
			if want["error"] != "true" {
				t.Fatalf("not an invalid case: %v", want)
			}
			_, err := decision.Decode(checklistsCatalog(t), file.name, file.data, decision.Options{Now: now})
			if err == nil {
				t.Fatal("accepted")
			}
			es, _ := yamlnode.AsErrors(err)
			if len(es) == 0 || fmt.Sprint(es[0].Line) != want["line"] {
				t.Errorf("want a problem on line %s, got:\n%v", want["line"], err)
			}
		})
	}
}

// TestDecodeUnanswered: a wizard's draft keeps the answers not yet given
// unanswered; an answers file gets the defaults DESIGN.md gives them.
func TestDecodeUnanswered(t *testing.T) {
	c := checklistsCatalog(t)
	src := []byte("schema: rightsaid/v1\nperson:\n  ref: P-1\n")
	draft, err := decision.Decode(c, "d.yaml", src, decision.Options{Draft: true, Unanswered: true})
	if err != nil {
		t.Fatal(err)
	}
	if draft.Nation != "" || draft.Person.Objects != "" || draft.Restriction.Scope != "" || draft.Restriction.Emergency != "" || draft.Restriction.Ongoing != "" {
		t.Errorf("a draft got defaults: %+v %+v", draft.Person, draft.Restriction)
	}
	file, err := decision.Decode(c, "a.yaml", src, decision.Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	if file.Nation != "england" || file.Person.Objects != decision.No || file.Restriction.Scope != "individual" {
		t.Errorf("an answers file lacks its defaults: %s %+v %+v", file.Nation, file.Person, file.Restriction)
	}
	if b := decision.Blank(now); b.Person.Objects != "" || b.Nation != "" || b.Schema != decision.Schema {
		t.Errorf("Blank = %+v", b)
	}
}
