package catalog_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

func TestCheckAgainst(t *testing.T) {
	base := embedded(t)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS)
		file   string // "" when the change is accepted
		path   string
		msg    string
		line   string // text on the line the problem names; "" for none
	}{
		{
			name:   "unchanged",
			change: func(t *testing.T, m fstest.MapFS) {},
		},
		{
			name: "a kind's title and definition reworded",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", `title: "Seclusion"`, `title: "Seclusion (our words)"`)
				edit(t, m, "kinds.yaml", "- id: seclusion", "definition: ", "definition: Ours. ")
			},
		},
		{
			name: "a rule's words, a basis's note and a right's summary reworded",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rules.yaml", "  R8:", "The test is not met", "Our test is not met")
				edit(t, m, "bases.yaml", "- id: consent", `title: "The person's consent"`, `title: "Consent of the person"`)
				edit(t, m, "rights.yaml", `- article: "8"`, "summary: >-", "summary: >-\n      Ours.")
			},
		},
		{
			name: "a review interval changed within max_review",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "review_within: 1h", "review_within: 2h")
				edit(t, m, "kinds.yaml", "- id: physical-restraint", "max_review: 24h", "max_review: 48h")
				edit(t, m, "kinds.yaml", "- id: search", "review_within: 24h", "review_within: 12h")
			},
		},
		{
			name: "a kind, a setting and a basis added",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "", "  - id: seclusion\n", "  - id: time-out\n    title: Time out\n    definition: A short break.\n    intensity: minor\n    rights: [\"8\"]\n    review_within: 1d\n    max_review: 1d\n  - id: seclusion\n")
				edit(t, m, "settings.yaml", "", "  - id: community\n", "  - id: day-centre\n    title: Day centre\n  - id: community\n")
				edit(t, m, "bases.yaml", "", "  - id: consent\n", "  - id: local-act\n    title: A local Act\n    power: true\n    authorises_deprivation_of_liberty: false\n    nations: [england]\n    ages: any\n    capacity: any\n    settings: [day-centre]\n  - id: consent\n")
			},
		},
		{
			name: "an intensity changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "intensity: high", "intensity: standard")
			},
			file: "kinds.yaml", path: "kinds.seclusion.intensity", msg: "is standard; it must stay high",
			line: "intensity: standard",
		},
		{
			name: "a flag dropped",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "    dol_check: true\n", "")
			},
			file: "kinds.yaml", path: "kinds.seclusion.dol_check", msg: "is false; it must stay true",
			line: "- id: seclusion",
		},
		{
			name: "a flag added",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: search", "max_review: 72h\n", "max_review: 72h\n    never_emergency: true\n")
			},
			file: "kinds.yaml", path: "kinds.search.never_emergency", msg: "is true; it must stay false",
			line: "never_emergency: true\n    alternatives",
		},
		{
			name: "only_if_lacks_capacity dropped",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: covert-medication", "only_if_lacks_capacity: true", "only_if_lacks_capacity: false")
			},
			file: "kinds.yaml", path: "kinds.covert-medication.only_if_lacks_capacity", msg: "must stay true",
			line: "only_if_lacks_capacity: false",
		},
		{
			name: "a basis's power changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: care-plan", "power: false", "power: true")
			},
			file: "bases.yaml", path: "bases.care-plan", msg: "changes what the basis is or fits",
			line: "- id: care-plan",
		},
		{
			name: "a basis's authority over liberty changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: care-order", "authorises_deprivation_of_liberty: false", "authorises_deprivation_of_liberty: true")
			},
			file: "bases.yaml", path: "bases.care-order", msg: "authorises_deprivation_of_liberty false",
			line: "- id: care-order",
		},
		{
			name: "a basis's capacity changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: consent", "capacity: has", "capacity: any")
			},
			file: "bases.yaml", path: "bases.consent", msg: "capacity has",
			line: "- id: consent",
		},
		{
			name: "a basis's nations widened",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: mha-1983-cto", "nations: [england, wales]", "nations: [england, wales, scotland]")
			},
			file: "bases.yaml", path: "bases.mha-1983-cto", msg: "changes what the basis is or fits",
			line: "- id: mha-1983-cto",
		},
		{
			name: "a basis's settings narrowed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: dols-authorisation", ", care-home]", "]")
			},
			file: "bases.yaml", path: "bases.dols-authorisation", msg: "changes what the basis is or fits",
			line: "- id: dols-authorisation",
		},
		{
			name: "a basis's ages changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: care-order", "ages: [child]", "ages: any")
			},
			file: "bases.yaml", path: "bases.care-order", msg: "ages child",
			line: "- id: care-order",
		},
		{
			name: "a basis's settings written in another order",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: eia-2006-s93", "settings: [school, special-school]", "settings: [special-school, school]")
				edit(t, m, "bases.yaml", "- id: eia-2006-s93", "nations: [england, wales]", "nations: [wales, england]")
			},
		},
		{
			name: "a right's category changed",
			change: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rights.yaml", `- article: "8"`, "category: qualified", "category: absolute")
			},
			file: "rights.yaml", path: "rights[6].category", msg: "article 8 is absolute; it must stay qualified",
			line: "category: absolute\n    summary: >-\n      You have a right to privacy",
		},
		{
			name:   "a kind dropped",
			change: func(t *testing.T, m fstest.MapFS) { cut(t, m, "kinds.yaml", "  - id: other", "") },
			file:   "kinds.yaml", path: "kinds", msg: `missing kind "other"`,
			line: "- id: physical-restraint",
		},
		{
			name:   "a setting dropped",
			change: func(t *testing.T, m fstest.MapFS) { cut(t, m, "settings.yaml", "  - id: other", "") },
			file:   "settings.yaml", path: "settings", msg: `missing setting "other"`,
			line: "- id: mental-health-inpatient",
		},
		{
			name:   "a basis dropped",
			change: func(t *testing.T, m fstest.MapFS) { cut(t, m, "bases.yaml", "  - id: care-order", "  # Not powers") },
			file:   "bases.yaml", path: "bases", msg: `missing basis "care-order"`,
			line: "- id: mha-1983-detention",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := folder(t)
			tc.change(t, m)
			local, err := catalog.Load(m, "local/")
			if err != nil {
				t.Fatalf("the changed folder does not load:\n%v", err)
			}
			err = local.CheckAgainst(base, "local/")
			if tc.file == "" {
				if err != nil {
					t.Fatalf("CheckAgainst rejected an allowed change:\n%v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("CheckAgainst accepted a change to the contract")
			}
			es, ok := yamlnode.AsErrors(err)
			if !ok {
				t.Fatalf("the error is a %T, not yamlnode.Errors: %v", err, err)
			}
			if len(es) != 1 {
				t.Errorf("want one problem, got %d:\n%v", len(es), err)
			}
			e := es[0]
			if e.File != "local/"+tc.file || e.Path != tc.path || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %q\nwant local/%s, path %s, saying %q", e.Error(), tc.file, tc.path, tc.msg)
			}
			if want := lineOf(t, m, tc.file, "", tc.line); e.Line != want {
				t.Errorf("line %d, want %d (%q): %v", e.Line, want, tc.line, e)
			}
		})
	}
}

// TestCheckAgainstEveryProblem checks that every change to the contract is
// reported at once, in file and line order.
func TestCheckAgainstEveryProblem(t *testing.T) {
	base := embedded(t)
	m := folder(t)
	edit(t, m, "kinds.yaml", "- id: surveillance", "intensity: high", "intensity: minor")
	edit(t, m, "kinds.yaml", "- id: seclusion", "intensity: high", "intensity: standard")
	edit(t, m, "bases.yaml", "- id: consent", "power: true", "power: false")
	local, err := catalog.Load(m, "local")
	if err != nil {
		t.Fatal(err)
	}
	es, _ := yamlnode.AsErrors(local.CheckAgainst(base, "local"))
	var got []string
	for _, e := range es {
		got = append(got, e.Path)
	}
	want := []string{"bases.consent", "kinds.seclusion.intensity", "kinds.surveillance.intensity"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got problems at %v, want %v", got, want)
	}
}
