package training

import (
	"slices"
	"strings"
	"testing"
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
