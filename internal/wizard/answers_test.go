package wizard_test

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London on any machine, as cmd/rightsaid

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/wizard"
)

// now is the fixed clock of every test here: recorded_at of a new decision.
var now = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

var (
	catalogOnce sync.Once
	catalogVal  *catalog.Catalog
	catalogErr  error
)

// builtin is the embedded catalog, loaded once.
func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	catalogOnce.Do(func() { catalogVal, catalogErr = catalog.Load(checklists.FS, "") })
	if catalogErr != nil {
		t.Fatalf("load the embedded checklists: %v", catalogErr)
	}
	return catalogVal
}

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func steps(t testing.TB) []wizard.Step { return wizard.Steps(builtin(t), london(t)) }

// script is what is typed for each question, by question id: lines for the
// accessible prompter, keys for the full-screen wizard. Built into one
// input by walking the steps, so a question added to a step does not shift
// every answer after it: a question left out of the script gets the
// default answer of its front end (Enter, or a lone full stop) when it is
// optional and asked whatever the answers, is taken as not asked when it
// depends on the answers (Question.Applies), and fails the test when it is
// required.
type script map[string][]string

// input walks steps [from, to) and returns what is typed, in order.
// defaults gives what is typed for an optional question left out; with keep,
// for a required one too (the step is asked again and its answers kept).
func (s script) input(t testing.TB, from, to int, keep bool, defaults func(q *wizard.Question) []string) []string {
	t.Helper()
	all := steps(t)
	var out []string
	for i := from; i < to; i++ {
		for qi := range all[i].Questions {
			q := &all[i].Questions[qi]
			typed, ok := s[q.ID]
			switch {
			case ok:
			case q.Applies != nil:
				continue // not asked for these answers
			case q.Required && !keep:
				t.Fatalf("the script has no answer for the required question %s (%q)", q.ID, q.Title)
			default:
				typed = defaults(q)
			}
			out = append(out, typed...)
		}
	}
	// A typo in an id would leave its question to the default.
	known := map[string]bool{}
	for _, st := range all {
		for _, q := range st.Questions {
			known[q.ID] = true
		}
	}
	for id := range s {
		if !known[id] {
			t.Fatalf("the script answers %q, which no step asks", id)
		}
	}
	return out
}

// accessibleDefault is what a screen-reader user types to leave an optional
// question as it is.
func accessibleDefault(q *wizard.Question) []string {
	if q.Kind == wizard.Lines {
		return []string{"."}
	}
	return []string{""}
}

// accessible is the prompter's input for steps [from, to).
func (s script) accessible(t testing.TB, from, to int) []string {
	t.Helper()
	return s.input(t, from, to, false, accessibleDefault)
}

// accessibleKeeping is the prompter's input for step i asked again: the
// questions the script leaves out keep their answers.
func (s script) accessibleKeeping(t testing.TB, i int) []string {
	t.Helper()
	return s.input(t, i, i+1, true, accessibleDefault)
}

// question returns the step's question with the id.
func question(t testing.TB, id string) *wizard.Question {
	t.Helper()
	for _, s := range steps(t) {
		for qi := range s.Questions {
			if s.Questions[qi].ID == id {
				return &s.Questions[qi]
			}
		}
	}
	t.Fatalf("no question %s", id)
	return nil
}

// lines joins answers into the input a person (or a script) types: one
// line each.
func lines(answers ...string) string { return strings.Join(answers, "\n") + "\n" }

// concat joins lists of answers into a new list.
func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// stepCounter counts the StepDone calls and keeps the decision of the last.
type stepCounter struct {
	mu    sync.Mutex
	calls int
	last  []byte
}

func (s *stepCounter) hooks() wizard.Hooks {
	return wizard.Hooks{StepDone: func(d *decision.Decision) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.calls++
		s.last = decision.Canonical(d)
		return nil
	}}
}

func newPrompter(t testing.TB, in string, out *bytes.Buffer, hooks wizard.Hooks) *wizard.Prompter {
	return &wizard.Prompter{
		In:      strings.NewReader(in),
		Out:     out,
		Catalog: builtin(t),
		Loc:     london(t),
		Now:     func() time.Time { return now },
		Hooks:   hooks,
	}
}

// decodeAnswers reads a schema-v1 answers file, as `decide --answers` would.
func decodeAnswers(t testing.TB, yaml string) *decision.Decision {
	t.Helper()
	d, err := decision.Decode(builtin(t), "want.yaml", []byte(yaml), decision.Options{Now: now})
	if err != nil {
		t.Fatalf("decode the expected answers: %v", err)
	}
	return d
}

// decodeDraft reads a draft: answers without the required-field check.
func decodeDraft(t testing.TB, yaml string) *decision.Decision {
	t.Helper()
	d, err := decision.Decode(builtin(t), "draft.yaml", []byte(yaml), decision.Options{Draft: true, Now: now})
	if err != nil {
		t.Fatalf("decode the draft: %v\n%s", err, yaml)
	}
	return d
}

// sameRecord fails unless the two decisions have the same canonical form.
func sameRecord(t testing.TB, got, want *decision.Decision) {
	t.Helper()
	g, w := decision.Canonical(got), decision.Canonical(want)
	if !bytes.Equal(g, w) {
		t.Errorf("the decision differs from the one expected\n--- got\n%s\n--- want\n%s", g, w)
	}
}

func articles(refs []decision.RightRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Article)
	}
	return out
}

// contextOnly is a draft with step 1 answered.
const contextOnly = `schema: rightsaid/v1
recorded_at: 2026-11-23T14:00:00Z
decided_by: {role: Nurse in charge}
setting: mental-health-inpatient
person: {ref: P-0412, age: adult, capacity: has}
`

// untilRights is a draft with steps 1 to 3 answered.
const untilRights = contextOnly + `restriction:
  kind: seclusion
  description: Seclusion in the low-stimulus room.
  reason: Assaulted a peer.
  stage: proposed
  emergency: yes
  duration: 2h
rights: ["2", "3", "5", "8"]
`

// untilLawful is a draft with steps 1 to 5 answered.
const untilLawful = untilRights + `screen: {degrading: no, risk_to_life: no, discriminatory: no, punitive: no, deprivation_of_liberty: no}
test:
  lawful: {answer: yes, basis: [mha-1983-detention], note: Detained under s3.}
`

// TestTypedDurations: a length of time may be typed in words at the
// questions that take one; the record holds it in the short form.
func TestTypedDurations(t *testing.T) {
	for _, tc := range []struct{ id, typed, want string }{
		{"restriction.duration", "2 hours", "2h"},
		{"restriction.duration", "1 day 12 hours", "1d12h"},
		{"review", "30 minutes", "30m"},
		{"review", "an hour", "1h"},
	} {
		q := question(t, tc.id)
		d := decision.New(now)
		if err := q.Set(d, []string{tc.typed}); err != nil {
			t.Errorf("%s: %q refused: %v", tc.id, tc.typed, err)
			continue
		}
		if got := q.Get(d); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: %q reads as %v, want %s", tc.id, tc.typed, got, tc.want)
		}
	}
	if err := question(t, "restriction.duration").Set(decision.New(now), []string{"2 months"}); err == nil {
		t.Error("restriction.duration: 2 months accepted; months are not a length the record takes")
	}
}

// TestPersonRefRefusesHealthNumbers: an NHS or CHI number is refused at the
// question, as it is typed, not only when the record is saved; where local
// policy requires one (--allow-identifiers) it is taken.
func TestPersonRefRefusesHealthNumbers(t *testing.T) {
	ref := func(steps []wizard.Step) *wizard.Question {
		for _, s := range steps {
			for i := range s.Questions {
				if s.Questions[i].ID == "person.ref" {
					return &s.Questions[i]
				}
			}
		}
		t.Fatal("no person.ref question")
		return nil
	}
	strict := ref(wizard.Steps(builtin(t), london(t)))
	allowing := ref(wizard.Steps(builtin(t), london(t), wizard.AllowIdentifiers(true)))
	for _, typed := range []string{"943 476 5919", "9434765919", "943-476-5919"} {
		err := strict.Set(decision.New(now), []string{typed})
		if err == nil || !strings.Contains(err.Error(), "NHS or CHI number") {
			t.Errorf("%q: %v; want it refused as an NHS or CHI number", typed, err)
		}
		d := decision.New(now)
		if err := allowing.Set(d, []string{typed}); err != nil || d.Person.Ref != typed {
			t.Errorf("allowed, %q: %v, ref %q", typed, err, d.Person.Ref)
		}
	}
	for _, typed := range []string{"P-0412", "Ward 7 patients", "9434765918"} {
		if err := strict.Set(decision.New(now), []string{typed}); err != nil {
			t.Errorf("%q refused: %v", typed, err)
		}
	}
}

// TestEmergencyHelp: the emergency question says what the outcome counts
// as one, naming the kinds that never are (from the checklists).
func TestEmergencyHelp(t *testing.T) {
	h := question(t, "restriction.emergency").Help
	for _, w := range []string{"ongoing or repeated", "long-term segregation", "covert medication and surveillance never count."} {
		if !strings.Contains(h, w) {
			t.Errorf("the emergency question's help %q does not say %q", h, w)
		}
	}
}

// TestRightsPrefilledForTheSetting: the rights step ticks the rights the
// kind usually engages in the setting chosen: seclusion in a school engages
// the right to education and non-discrimination.
func TestRightsPrefilledForTheSetting(t *testing.T) {
	var rights wizard.Step
	for _, s := range steps(t) {
		if s.ID == "rights" {
			rights = s
		}
	}
	for setting, want := range map[string][]string{
		"mental-health-inpatient": {"3", "8", "5", "2"},
		"special-school":          {"5", "3", "8", "14", "P1-2"},
	} {
		d := decision.New(now)
		d.Setting, d.Restriction.Kind = decision.Enum(setting), "seclusion"
		rights.Prefill(d)
		var got []string
		for _, r := range d.Rights {
			got = append(got, r.Article)
		}
		if !slices.Equal(got, want) {
			t.Errorf("seclusion in a %s: rights ticked %v, want %v", setting, got, want)
		}
	}
}

// TestAlternativesForTheSetting: the less restrictive options offered fit
// the setting: no PRN medication in a school.
func TestAlternativesForTheSetting(t *testing.T) {
	q := question(t, "test.least_restrictive.alternatives")
	for setting, prn := range map[string]bool{"mental-health-inpatient": true, "school": false, "special-school": false} {
		d := decision.New(now)
		d.Setting, d.Restriction.Kind = decision.Enum(setting), "seclusion"
		got := slices.ContainsFunc(q.Options(d), func(o wizard.Option) bool { return strings.Contains(o.Value, "PRN") })
		if got != prn {
			t.Errorf("seclusion in a %s: PRN medication offered as an alternative: %v, want %v", setting, got, prn)
		}
	}
}
