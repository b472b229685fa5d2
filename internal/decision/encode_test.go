package decision_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

type testdataFile struct {
	name string
	data []byte
}

// testdataFiles reads the YAML files of a testdata folder. The conformance
// cases there are copies of ../shared/conformance, so the tests do not depend
// on anything outside the module.
func testdataFiles(t *testing.T, dir string) []testdataFile {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no cases in %s: %v", dir, err)
	}
	var out []testdataFile
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, testdataFile{filepath.Base(n), data})
	}
	return out
}

// expectations reads a conformance case's first line:
// "# expect: light=... verdict=... rules=... review_due=..." or
// "# expect: error line=N".
func expectations(t *testing.T, data []byte) map[string]string {
	t.Helper()
	head, _, _ := strings.Cut(string(data), "\n")
	rest, ok := strings.CutPrefix(head, "# expect:")
	if !ok {
		t.Fatalf("no expectations on the first line: %q", head)
	}
	want := map[string]string{}
	for _, f := range strings.Fields(rest) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			k, v = f, "true"
		}
		want[k] = v
	}
	return want
}

// roundTrip checks that decoding the canonical form of a decision gives the
// same canonical form, and returns it.
func roundTrip(t *testing.T, c *catalog.Catalog, name string, data []byte) []byte {
	t.Helper()
	d, err := decision.Decode(c, name, data, decision.Options{Now: now})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	first := decision.Canonical(d)
	d2, err := decision.Decode(c, name, first, decision.Options{Now: now.Add(time.Hour)})
	if err != nil {
		t.Fatalf("decode the canonical form: %v\n%s", err, first)
	}
	if second := decision.Canonical(d2); !bytes.Equal(first, second) {
		t.Fatalf("the canonical form changes when read back:\n--- first\n%s\n--- second\n%s", first, second)
	}
	return first
}

func TestRoundTripConformanceCases(t *testing.T) {
	c := checklistsCatalog(t)
	for _, file := range testdataFiles(t, "testdata/conformance") {
		t.Run(file.name, func(t *testing.T) {
			out := roundTrip(t, c, file.name, file.data)
			checkCanonicalShape(t, out)
		})
	}
}

// checkCanonicalShape checks what every canonical document has: the schema
// first, times in UTC to the second, answers and enumerated values quoted,
// durations in the short form, rights as mappings.
func checkCanonicalShape(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	if !strings.HasPrefix(s, "schema: 'rightsaid/v1'\n") {
		t.Errorf("does not begin with the schema:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		key, value, ok := strings.Cut(strings.TrimLeft(line, " -"), ": ")
		if !ok {
			continue
		}
		switch key {
		case "recorded_at", "ended_at", "at", "review_due":
			if _, err := time.Parse("'2006-01-02T15:04:05Z'", value); err != nil {
				t.Errorf("%s is not quoted UTC RFC 3339 to the second: %q", key, line)
			}
		case "setting", "nation", "age", "capacity", "objects", "kind", "stage", "scope", "emergency", "ongoing",
			"degrading", "risk_to_life", "discriminatory", "punitive", "deprivation_of_liberty", "answer":
			if len(value) < 3 || value[0] != '\'' || value[len(value)-1] != '\'' || strings.ToLower(value) != value {
				t.Errorf("%s is not a quoted lower-case value: %q", key, line)
			}
		case "article":
			id, err := catalog.NormaliseArticle(strings.Trim(value, "'"))
			if err != nil || "'"+id+"'" != value {
				t.Errorf("%s is not a quoted article id: %q", key, line)
			}
		case "duration", "within":
			d, err := catalog.ParseDuration(strings.Trim(value, "'"))
			if err != nil || "'"+d.String()+"'" != value {
				t.Errorf("%s is not a quoted short-form duration: %q", key, line)
			}
		}
	}
	if strings.Contains(s, "\nrights:\n  - '") || strings.Contains(s, "\nprotects:\n  - '") {
		t.Errorf("rights written as bare ids:\n%s", s)
	}
}

// TestCanonical checks the canonical form of a decision with every field
// set, given in another order and in forgiving forms: keys in the order of
// DESIGN.md section 3, defaults written out, answers and ids quoted and lower
// case, known bases as their ids, durations short, times in UTC.
func TestCanonical(t *testing.T) {
	src := `review: {by: Ward manager, at: "2026-11-24 09:00:00+01:00"}
test:
  least_restrictive: {note: Tried first., alternatives: de-escalation, answer: TRUE}
  proportionate: {answer: Yes, note: "Smaller harm."}
  justified: {note: Serious and imminent., answer: yes}
  lawful: {note: Detained under s3., basis: [" MHA-1983-Detention ", Our local policy, ""], answer: YES}
protects: [Article 2]
rights: ["Article 8", {article: art 5, note: "Kept in"}, A1P1]
screen: {deprivation_of_liberty: Unsure, punitive: false, discriminatory: NO, risk_to_life: "no", degrading: no}
restriction:
  duration: PT90M
  ongoing: False
  emergency: True
  blanket_justification: ""
  scope: Individual
  stage: In-Place
  reason: |
    Assaulted a co-patient.
    Kept advancing.
  description: Seclusion in the ward seclusion room.
  kind: Seclusion
views: {others: "Brother, by phone: 'worried'", person: "Wants to be left alone: \"go away\""}
person: {objects: Yes, capacity: HAS, age: Adult, ref: "  P-0101"}
nation: England
setting: Mental-Health-Inpatient
unit: Ward 7
decided_by: {role: Nurse in charge, name: "Sam Lee"}
recorded_at: 2026-11-23t14:00:00.75z
ended_at: 2026-11-23T16:00:00+02:00
supersedes: RA-20261123-120000-abcdef
id: RA-20261123-140000-3f9a1c
outcome: {light: green}
rationale: old words
schema: RIGHTSAID/V1
`
	c := checklistsCatalog(t)
	_, err := decision.Decode(c, "a.yaml", []byte(src), decision.Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), `"RIGHTSAID/V1" is not a schema`) {
		t.Fatalf("the schema is not an enumerated value and is not case-folded: %v", err)
	}
	src = strings.Replace(src, "RIGHTSAID/V1", "rightsaid/v1", 1)
	d, err := decision.Decode(c, "a.yaml", []byte(src), decision.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	d.Outcome = &decision.Outcome{
		Light:     "amber",
		Verdict:   "not-established",
		ReviewDue: time.Date(2026, 11, 24, 9, 0, 0, 500, time.FixedZone("BST", 3600)),
		Reasons:   []decision.Reason{{Rule: "A3", Text: "A deprivation of liberty is not authorised."}, {Rule: "A5", Text: "Seclusion is high intensity."}},
		Advice:    []string{"Check it.", "Review it."},
	}
	d.Rationale = "Line one.\nLine two.\n"
	want := `schema: 'rightsaid/v1'
id: 'RA-20261123-140000-3f9a1c'
supersedes: 'RA-20261123-120000-abcdef'
ended_at: '2026-11-23T14:00:00Z'
recorded_at: '2026-11-23T14:00:00Z'
decided_by:
  name: Sam Lee
  role: Nurse in charge
setting: 'mental-health-inpatient'
unit: Ward 7
nation: 'england'
person:
  ref: '  P-0101'
  age: 'adult'
  capacity: 'has'
  objects: 'yes'
views:
  person: 'Wants to be left alone: "go away"'
  others: 'Brother, by phone: ''worried'''
restriction:
  kind: 'seclusion'
  description: Seclusion in the ward seclusion room.
  reason: |
    Assaulted a co-patient.
    Kept advancing.
  stage: 'in-place'
  scope: 'individual'
  emergency: 'yes'
  ongoing: 'no'
  duration: '1h30m'
screen:
  degrading: 'no'
  risk_to_life: 'no'
  discriminatory: 'no'
  punitive: 'no'
  deprivation_of_liberty: 'unsure'
rights:
  - article: '8'
  - article: '5'
    note: Kept in
  - article: 'P1-1'
protects:
  - article: '2'
test:
  lawful:
    answer: 'yes'
    basis:
      - mha-1983-detention
      - Our local policy
    note: Detained under s3.
  justified:
    answer: 'yes'
    note: Serious and imminent.
  proportionate:
    answer: 'yes'
    note: Smaller harm.
  least_restrictive:
    answer: 'yes'
    alternatives:
      - de-escalation
    note: Tried first.
review:
  at: '2026-11-24T08:00:00Z'
  by: Ward manager
outcome:
  light: 'amber'
  verdict: 'not-established'
  review_due: '2026-11-24T08:00:00Z'
  reasons:
    - rule: 'A3'
      text: A deprivation of liberty is not authorised.
    - rule: 'A5'
      text: Seclusion is high intensity.
  advice:
    - Check it.
    - Review it.
rationale: |
  Line one.
  Line two.
`
	got := string(decision.Canonical(d))
	if got != want {
		t.Errorf("canonical form:\n%s\n--- want\n%s", got, want)
	}
	var b bytes.Buffer
	if err := decision.Encode(&b, d); err != nil || b.String() != got {
		t.Errorf("Encode differs from Canonical: %v", err)
	}

	// Read back as answers, the record gives the same canonical form,
	// less the outcome and rationale, which are recomputed.
	d2, err := decision.Decode(c, "a.yaml", []byte(got), decision.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	again := string(decision.Canonical(d2))
	if cut := strings.Index(want, "outcome:\n"); again != want[:cut] {
		t.Errorf("read back:\n%s\n--- want\n%s", again, want[:cut])
	}

	// JSON has the same keys in the same order.
	b.Reset()
	if err := decision.EncodeJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var keys []string
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, key.(string))
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			t.Fatal(err)
		}
	}
	wantKeys := "schema id supersedes ended_at recorded_at decided_by setting unit nation person views restriction screen rights protects test review outcome rationale"
	if strings.Join(keys, " ") != wantKeys {
		t.Errorf("JSON keys %v\nwant %s", keys, wantKeys)
	}
	var asMap map[string]any
	if err := json.Unmarshal(b.Bytes(), &asMap); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if asMap["restriction"].(map[string]any)["duration"] != "1h30m" {
		t.Errorf("JSON duration = %v", asMap["restriction"].(map[string]any)["duration"])
	}
}

// TestCanonicalLeavesOut checks that empty optional strings and lists are
// left out, and that defaults are written.
func TestCanonicalLeavesOut(t *testing.T) {
	src := edit(t, valid, "decided_by: {name: A. Nurse, role: Nurse in charge}", "decided_by: {name: '', role: '  '}")
	src = edit(t, src, "  person: Happy to try it for a week.", "  person: ''\n  others: ~")
	src = edit(t, src, "basis: [consent]", "basis: ['', ' ']")
	src = edit(t, src, `rights:
  - article: "8"
`, "rights: []\nprotects: ~\n")
	src = edit(t, src, "  by: Nurse in charge", "  by: ''")
	d := mustDecode(t, src)
	out := string(decision.Canonical(d))
	for _, absent := range []string{"decided_by:", "views:", "basis:", "\nrights:", "protects:", "by:", "id:", "supersedes:", "ended_at:", "outcome:", "rationale:", "blanket_justification:", "note:"} {
		if strings.Contains(out, absent) {
			t.Errorf("%s is written:\n%s", absent, out)
		}
	}
	for _, present := range []string{"nation: 'england'", "objects: 'no'", "scope: 'individual'", "emergency: 'no'", "ongoing: 'no'", "recorded_at: '2026-11-23T14:00:00Z'"} {
		if !strings.Contains(out, present) {
			t.Errorf("%s is not written:\n%s", present, out)
		}
	}
	roundTrip(t, checklistsCatalog(t), "a.yaml", []byte(src))
}

// TestCanonicalBuiltInCode checks the canonical form of a decision made in
// code (as the wizard makes one), not decoded.
func TestCanonicalBuiltInCode(t *testing.T) {
	d := &decision.Decision{
		RecordedAt: decision.UTC(time.Date(2026, 11, 23, 15, 0, 0, 999, time.FixedZone("CET", 3600))),
		Setting:    "school",
		Nation:     "wales",
		Person:     decision.Person{Ref: "Year 9 pupil", Age: "child", Capacity: "unknown", Objects: "unsure"},
		Restriction: decision.Restriction{
			Kind: "possessions-restriction", Description: "Phone kept at the office.", Reason: "Filming others.",
			Stage: "past", Scope: "group", BlanketJustification: "Whole-class filming.", Emergency: "no", Ongoing: "yes",
			Duration: decision.NewDuration(catalog.Duration(6 * time.Hour)),
		},
		Screen: decision.Screen{Degrading: "no", RiskToLife: "no", Discriminatory: "no", Punitive: "no", DeprivationOfLiberty: "no"},
		Rights: []decision.RightRef{{Article: "8"}, {Article: "P1-1", Note: "Property"}},
		Test: decision.Test{
			Lawful:           decision.Lawful{Answer: "yes", Basis: decision.StringList{"eia-2006-s91-s94"}},
			Justified:        decision.Part{Answer: "yes"},
			Proportionate:    decision.Part{Answer: "yes"},
			LeastRestrictive: decision.LeastRestrictive{Answer: "unsure"},
		},
		Review: decision.Review{Within: decision.NewDuration(0)},
	}
	out := string(decision.Canonical(d))
	for _, want := range []string{
		"schema: 'rightsaid/v1'\nrecorded_at: '2026-11-23T14:00:00Z'\nsetting: 'school'\nnation: 'wales'\n",
		"  scope: 'group'\n  blanket_justification: Whole-class filming.\n  emergency: 'no'\n  ongoing: 'yes'\n  duration: '6h'\n",
		"review:\n  within: '0m'\n",
		"  - article: 'P1-1'\n    note: Property\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
	back := roundTrip(t, checklistsCatalog(t), "a.yaml", []byte(out))
	if string(back) != out {
		t.Errorf("a decision built in code reads back differently:\n%s\n--- want\n%s", back, out)
	}
}

// TestCanonicalAwkwardText checks that free text YAML would misread is
// quoted, and reads back the same.
func TestCanonicalAwkwardText(t *testing.T) {
	c := checklistsCatalog(t)
	for _, text := range []string{
		"no", "yes", "on", "Off", "y", "N", "true", "null", "~", "12", "0x1F", "1e3", "2026-11-23", "- a list?",
		"key: value", "#not a comment", "a # b", "'quoted'", `"double"`, "[a]", "{a: b}", "&anchor", "*alias", "!tag",
		"%directive", "@at", "`tick`", "|", ">", "?", ":", "---", "...", "line\nbreak", "trailing space \nnext",
		"  leading spaces", "tab\there", "ends with newline\n", "\nstarts with newline", "two\n\nparagraphs\n",
		"unicode: café ✓ ", "emoji 🙂", "crlf\r\nline", "bell\a", "nel\u0085x", "bom\ufeffx", "ls\u2028x",
	} {
		src := edit(t, valid, "  person: Happy to try it for a week.", "  person: "+strconv.QuoteToASCII(text))
		d := mustDecode(t, src)
		if d.Views.Person != text {
			t.Fatalf("the test's own document did not give %q: %q", text, d.Views.Person)
		}
		out := decision.Canonical(d)
		d2, err := decision.Decode(c, "a.yaml", out, decision.Options{Now: now})
		if err != nil {
			t.Errorf("%q: the canonical form does not read back: %v\n%s", text, err, out)
			continue
		}
		if d2.Views.Person != text {
			t.Errorf("%q reads back as %q from:\n%s", text, d2.Views.Person, out)
		}
	}
}
