package training

import (
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

var now = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

func embedded(t testing.TB) (*catalog.Catalog, []*Scenario) {
	t.Helper()
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadScenarios(checklists.FS, "checklists", c)
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

// TestScenarioLibrary checks every scenario against the catalog and the
// engine: it loads, its model answers are a complete decision, it teaches
// every step of the test, and the ten DOMAIN.md scenarios give the outcomes
// the domain reference expects.
func TestScenarioLibrary(t *testing.T) {
	c, scenarios := embedded(t)
	if len(scenarios) < 14 {
		t.Fatalf("%d scenarios, want at least 14", len(scenarios))
	}
	want := map[string]string{ // DOMAIN.md section 7
		"s01": "amber", "s02": "red", "s03": "amber", "s04": "red", "s05": "red", "s06": "red",
		"s07": "green", "s08a": "amber", "s08b": "red", "s09": "red", "s10": "amber",
	}
	lights := map[string]int{}
	for _, s := range scenarios {
		t.Run(s.ID, func(t *testing.T) {
			if missing := s.Model.Missing(); len(missing) > 0 {
				t.Errorf("the model answers miss %v", missing)
			}
			for _, step := range []string{"rights", "screen", "lawful", "justified", "proportionate", "least_restrictive"} {
				if strings.TrimSpace(s.Teaching[step].Why) == "" {
					t.Errorf("no teaching point for %s", step)
				}
			}
			o := assess.Evaluate(c, s.Model, now)
			lights[o.Light]++
			prefix, _, _ := strings.Cut(s.ID, "-")
			if w, ok := want[prefix]; ok && o.Light != w {
				t.Errorf("light %s, want %s (DOMAIN.md section 7)", o.Light, w)
			}
			start := s.Start(decision.NewTime(now))
			if slices.Contains(s.Given, "context") && start.Person.Ref != s.Model.Person.Ref {
				t.Errorf("the group does not start from the scenario's context")
			}
			if start.Screen.Degrading != "" || start.Test.Lawful.Answer != "" {
				t.Errorf("the group starts with answers it should give itself")
			}
		})
	}
	for _, l := range catalog.Lights {
		if lights[l] == 0 {
			t.Errorf("no scenario gives a %s outcome: the library should show all three", l)
		}
	}
}

func TestFind(t *testing.T) {
	_, scenarios := embedded(t)
	if s, ok := Find(scenarios, "s01"); !ok || s.ID != "s01-ward-restraint-then-seclusion" {
		t.Errorf("Find(s01) = %v, %v", s, ok)
	}
	if _, ok := Find(scenarios, "s0"); ok {
		t.Error("Find(s0) matched, though several scenarios start with it")
	}
	if _, ok := Find(scenarios, "nope"); ok {
		t.Error("Find(nope) matched")
	}
}

// TestAlsoAccepted: a scenario's also_accepted names, for a question with
// several answers, answers the model leaves out; an article may be written
// as people write it. Anything else is a problem named with its file, line
// and field.
func TestAlsoAccepted(t *testing.T) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	const name = "scenarios/s01-ward-restraint-then-seclusion.yaml"
	original, err := fs.ReadFile(checklists.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	const block = "also_accepted:\n  rights: [\"5\"]\n"
	if !strings.Contains(string(original), block) {
		t.Fatalf("%s does not accept Article 5 as the test expects", name)
	}
	tests := []struct {
		name  string
		with  string // the block in its place
		edit  func(string) string
		want  map[string][]string
		error string // a part of the one problem, with its place
	}{
		{name: "as written", with: block, want: map[string][]string{"rights": {"5"}}},
		{name: "an article as people write it", with: "also_accepted:\n  rights: [\"Article 5\"]\n", want: map[string][]string{"rights": {"5"}}},
		{name: "none", with: "", want: nil},
		{name: "a question with one answer", with: "also_accepted:\n  nation: [wales]\n",
			error: `:66:11: also_accepted.nation: "nation" is not a question with several answers`},
		{name: "no such question", with: "also_accepted:\n  rites: [\"5\"]\n",
			error: `also_accepted.rites: "rites" is not a question with several answers: use rights, protects`},
		{name: "not a right", with: "also_accepted:\n  rights: [\"13\"]\n",
			error: `:66:12: also_accepted.rights[0]: "13" is not an answer to rights`},
		{name: "already the model's", with: "also_accepted:\n  rights: [\"8\"]\n",
			error: `:66:12: also_accepted.rights[0]: "8" is already the model's answer`},
		{name: "no teaching point to say why", with: block,
			edit: func(s string) string {
				i := strings.Index(s, "  rights:\n    why:")
				j := strings.Index(s, "  screen:\n    why:")
				return s[:i] + s[j:]
			},
			error: "also_accepted.rights: the step rights has no teaching point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(string(original), block, tt.with, 1)
			if tt.edit != nil {
				text = tt.edit(text)
			}
			fsys := fstest.MapFS{name: &fstest.MapFile{Data: []byte(text)}}
			scenarios, err := LoadScenarios(fsys, "checklists", c)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) {
					t.Fatalf("error %v, want one with %q", err, tt.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := scenarios[0].AlsoAccepted; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("AlsoAccepted = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStartAnswersNothingForTheGroup: what the group starts from holds the
// model's answers for the steps given, and nothing else: not the defaults an
// answers file may leave out (the objection, the scope, the emergency).
func TestStartAnswersNothingForTheGroup(t *testing.T) {
	_, s := scenario(t, "s01")
	only := *s
	only.Given = []string{"context"}
	d := only.Start(decision.NewTime(now))
	if d.Person != s.Model.Person || d.Setting != s.Model.Setting {
		t.Errorf("the given context is not the model's: %+v", d.Person)
	}
	if r := d.Restriction; r.Scope != "" || r.Emergency != "" || r.Ongoing != "" || r.Kind != "" {
		t.Errorf("the restriction, not given, starts answered: %+v", r)
	}
}
