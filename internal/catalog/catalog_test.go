package catalog_test

import (
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// embedded loads the embedded checklists, failing the test if they do not
// load.
func embedded(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatalf("the embedded checklists do not load:\n%v", err)
	}
	return c
}

// folder copies the embedded checklists into an in-memory folder that a test
// may then corrupt.
func folder(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range catalog.Files {
		data, err := fs.ReadFile(checklists.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

// edit replaces the first old after anchor in a file of m with new; the test
// fails when either is not there, so a change to the checklists shows up here
// rather than as a test that silently checks nothing.
func edit(t testing.TB, m fstest.MapFS, file, anchor, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	start := strings.Index(s, anchor)
	if start < 0 {
		t.Fatalf("%s: %q not found", file, anchor)
	}
	i := strings.Index(s[start:], old)
	if i < 0 {
		t.Fatalf("%s: %q not found after %q", file, old, anchor)
	}
	i += start
	m[file] = &fstest.MapFile{Data: []byte(s[:i] + new + s[i+len(old):])}
}

// cut removes a file's text from the line holding from up to (not including)
// the line holding to; to "" cuts to the end.
func cut(t testing.TB, m fstest.MapFS, file, from, to string) {
	t.Helper()
	s := string(m[file].Data)
	i := strings.Index(s, from)
	if i < 0 {
		t.Fatalf("%s: %q not found", file, from)
	}
	i = strings.LastIndex(s[:i], "\n") + 1
	j := len(s)
	if to != "" {
		k := strings.Index(s[i+len(from):], to)
		if k < 0 {
			t.Fatalf("%s: %q not found after %q", file, to, from)
		}
		j = i + len(from) + k
		j = strings.LastIndex(s[:j], "\n") + 1
	}
	m[file] = &fstest.MapFile{Data: []byte(s[:i] + s[j:])}
}

// lineOf returns the line of the first text after anchor in a file of m.
func lineOf(t testing.TB, m fstest.MapFS, file, anchor, text string) int {
	t.Helper()
	s := string(m[file].Data)
	start := strings.Index(s, anchor)
	i := strings.Index(s[max(start, 0):], text)
	if start < 0 || i < 0 {
		t.Fatalf("%s: %q not found after %q", file, text, anchor)
	}
	return strings.Count(s[:start+i], "\n") + 1
}

func TestEmbeddedLoads(t *testing.T) {
	c := embedded(t)
	if len(c.Parts) != 4 || len(c.Screen) != 5 {
		t.Errorf("got %d parts and %d screen questions, want 4 and 5", len(c.Parts), len(c.Screen))
	}
	for i, id := range catalog.PartIDs {
		if c.Parts[i].ID != id {
			t.Errorf("parts[%d] = %q, want %q", i, c.Parts[i].ID, id)
		}
		if _, ok := c.Part(id); !ok {
			t.Errorf("Part(%q) not found", id)
		}
	}
	for i, id := range catalog.ScreenIDs {
		if c.Screen[i].ID != id {
			t.Errorf("questions[%d] = %q, want %q", i, c.Screen[i].ID, id)
		}
		if _, ok := c.ScreenQuestion(id); !ok {
			t.Errorf("ScreenQuestion(%q) not found", id)
		}
	}
	for _, id := range catalog.RuleIDs {
		rt, ok := c.Rules.Rules[id]
		if !ok || rt.Text == "" || rt.Title == "" {
			t.Errorf("rule %s has no title or text", id)
		}
		for _, cl := range catalog.RuleClauses[id] {
			if strings.TrimSpace(rt.Clauses[cl].Text) == "" {
				t.Errorf("rule %s clause %s has no text", id, cl)
			}
		}
	}
	for _, v := range catalog.Verdicts {
		if _, ok := c.Rules.Verdicts[v]; !ok {
			t.Errorf("verdict %s missing", v)
		}
	}
	if c.Rules.Phrases.ClauseJoin == "" {
		t.Error("clause_join is empty")
	}
	// Every kind's rights are normalised article ids the catalog knows.
	for _, k := range c.Kinds {
		if len(k.Rights) == 0 {
			t.Errorf("kind %s engages no rights", k.ID)
		}
		for _, a := range k.Rights {
			if _, ok := c.Right(a); !ok {
				t.Errorf("kind %s: right %q is not in the catalog", k.ID, a)
			}
		}
		if len(k.Alternatives) == 0 {
			t.Errorf("kind %s suggests no alternatives", k.ID)
		}
	}
}

func TestRights(t *testing.T) {
	c := embedded(t)
	want := map[string]string{
		"2": catalog.Absolute, "3": catalog.Absolute, "4": catalog.Absolute, "7": catalog.Absolute, "P13-1": catalog.Absolute,
		"5": catalog.Limited, "6": catalog.Limited, "12": catalog.Limited,
		"8": catalog.Qualified, "9": catalog.Qualified, "10": catalog.Qualified, "11": catalog.Qualified,
		"P1-1": catalog.Qualified, "P1-2": catalog.Qualified, "P1-3": catalog.Qualified,
		"14": catalog.Ancillary,
	}
	wantNote := []string{"2", "4", "9", "14"}
	wantRarely := []string{"7", "P13-1"}
	if len(c.Rights) != 16 {
		t.Fatalf("got %d rights, want 16", len(c.Rights))
	}
	for i, r := range c.Rights {
		if r.Article != catalog.ArticleIDs[i] {
			t.Errorf("rights[%d] is %q, want %q (ArticleIDs order)", i, r.Article, catalog.ArticleIDs[i])
		}
		if r.Category != want[r.Article] {
			t.Errorf("article %s: category %q, want %q", r.Article, r.Category, want[r.Article])
		}
		if got, ok := c.Right(r.Article); !ok || got.Title != r.Title {
			t.Errorf("Right(%q) does not find it", r.Article)
		}
		if (r.Category == catalog.Absolute) != r.IsAbsolute() {
			t.Errorf("article %s: IsAbsolute() = %t", r.Article, r.IsAbsolute())
		}
		if slices.Contains(wantNote, r.Article) && strings.TrimSpace(r.Note) == "" {
			t.Errorf("article %s: the category needs a note", r.Article)
		}
		if slices.Contains(wantRarely, r.Article) {
			if strings.TrimSpace(r.RarelyEngaged) == "" {
				t.Errorf("article %s: want a rarely_engaged note", r.Article)
			}
		} else if len(r.Examples) < 3 {
			t.Errorf("article %s: %d examples, want 3 or more", r.Article, len(r.Examples))
		}
		if strings.TrimSpace(r.Summary) == "" {
			t.Errorf("article %s: no summary", r.Article)
		}
	}
	for _, cat := range []string{catalog.Absolute, catalog.Limited, catalog.Qualified, catalog.Ancillary} {
		if c.Categories[cat].Title == "" || c.Categories[cat].Meaning == "" {
			t.Errorf("category %s has no title or meaning", cat)
		}
	}
	if len(c.Categories) != 4 {
		t.Errorf("got %d categories, want 4", len(c.Categories))
	}
	if _, ok := c.Right("13"); ok {
		t.Error(`Right("13") found an article the Act does not include`)
	}
}

// wantKind is a kind's contract values, from DESIGN.md section 8.
type wantKind struct {
	intensity                   string
	reviewWithin, maxReview     time.Duration
	onlyIfLacks, neverEmergency bool
	dolCheck                    bool
}

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

var contractKinds = map[string]wantKind{
	"physical-restraint":           {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"mechanical-restraint":         {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"chemical-restraint":           {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"immobilisation":               {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"clinical-holding":             {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"intimate-search":              {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"seclusion":                    {intensity: "high", reviewWithin: 1 * hour, maxReview: 2 * hour, dolCheck: true},
	"long-term-segregation":        {intensity: "high", reviewWithin: 24 * hour, maxReview: 24 * hour, neverEmergency: true, dolCheck: true},
	"exit-restriction":             {intensity: "high", reviewWithin: 24 * hour, maxReview: 72 * hour, dolCheck: true},
	"covert-medication":            {intensity: "high", reviewWithin: 7 * day, maxReview: 28 * day, onlyIfLacks: true, neverEmergency: true},
	"surveillance":                 {intensity: "high", reviewWithin: 72 * hour, maxReview: 28 * day, neverEmergency: true},
	"enhanced-observation":         {intensity: "standard", reviewWithin: 24 * hour, maxReview: 24 * hour},
	"search":                       {intensity: "standard", reviewWithin: 24 * hour, maxReview: 72 * hour},
	"environmental-restriction":    {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"contact-restriction":          {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"communication-restriction":    {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"community-access-restriction": {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"psychological-restriction":    {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"relationship-restriction":     {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"other":                        {intensity: "standard", reviewWithin: 72 * hour, maxReview: 7 * day},
	"possessions-restriction":      {intensity: "minor", reviewWithin: 1 * day, maxReview: 7 * day},
	"removal-from-class":           {intensity: "minor", reviewWithin: 1 * day, maxReview: 7 * day},
}

func TestKinds(t *testing.T) {
	c := embedded(t)
	for _, id := range slices.Sorted(maps.Keys(contractKinds)) {
		want := contractKinds[id]
		t.Run(id, func(t *testing.T) {
			k, ok := c.Kind(id)
			if !ok {
				t.Fatalf("kind %s is missing", id)
			}
			got := wantKind{
				intensity:      k.Intensity,
				reviewWithin:   time.Duration(k.ReviewWithin),
				maxReview:      time.Duration(k.MaxReview),
				onlyIfLacks:    k.OnlyIfLacksCapacity,
				neverEmergency: k.NeverEmergency,
				dolCheck:       k.DoLCheck,
			}
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if k.Title == "" || k.Definition == "" {
				t.Error("no title or definition")
			}
		})
	}
	// The seclusion and segregation advice carries the MHA Code chapter 26
	// timetable.
	for id, phrases := range map[string][]string{
		"seclusion":             {"1 hour", "every 2 hours", "every 4 hours", "8 hours", "12 hours", "48 hours"},
		"long-term-segregation": {"24 hours", "week"},
	} {
		k, _ := c.Kind(id)
		advice := strings.Join(k.AdviceFor("mental-health-inpatient", "england"), " ")
		for _, p := range phrases {
			if !strings.Contains(advice, p) {
				t.Errorf("kind %s: the advice does not mention %q", id, p)
			}
		}
	}
}

// wantBasis is a basis's contract values, from DESIGN.md section 8.
type wantBasis struct {
	power, dol bool
	nations    string // letters: E england, W wales, S scotland, N northern-ireland
	ages       string // any, adult or child
	capacity   string
	settings   []string // nil for any
}

var (
	hospital        = []string{"mental-health-inpatient", "learning-disability-autism-inpatient", "acute-hospital"}
	mhld            = []string{"mental-health-inpatient", "learning-disability-autism-inpatient"}
	schools         = []string{"school", "special-school"}
	childrensHomes  = []string{"childrens-home", "secure-childrens-home"}
	contractSetting = []string{"mental-health-inpatient", "learning-disability-autism-inpatient", "acute-hospital", "care-home", "supported-living", "community", "school", "special-school", "childrens-home", "secure-childrens-home", "other"}
)

var contractBases = map[string]wantBasis{
	"mha-1983-detention":                   {true, true, "EW", "any", "any", hospital},
	"mha-1983-s5-2":                        {true, true, "EW", "any", "any", hospital},
	"mha-1983-s5-4":                        {true, true, "EW", "any", "any", mhld},
	"mha-1983-cto":                         {true, false, "EW", "any", "any", nil},
	"mha-1983-guardianship":                {true, false, "EW", "any", "any", nil},
	"dols-authorisation":                   {true, true, "EW", "adult", "lacks", append(slices.Clone(hospital), "care-home")},
	"court-of-protection-order":            {true, true, "EW", "any", "lacks", nil},
	"mca-2005-s4b":                         {true, true, "EW", "any", "lacks", nil},
	"inherent-jurisdiction-order":          {true, true, "EWN", "any", "any", nil},
	"children-act-1989-s25":                {true, true, "E", "child", "any", []string{"secure-childrens-home"}},
	"sswba-2014-s119":                      {true, true, "W", "child", "any", []string{"secure-childrens-home"}},
	"mhcta-2003-detention":                 {true, true, "S", "any", "any", hospital},
	"mhcta-2003-other":                     {true, false, "S", "any", "any", nil},
	"mca-ni-2016-dol-authorisation":        {true, true, "N", "any", "lacks", nil},
	"mca-ni-2016-s9":                       {true, false, "N", "any", "lacks", nil},
	"mho-1986-ni-detention":                {true, true, "N", "any", "any", hospital},
	"awi-2000-scotland-s47":                {true, false, "S", "any", "lacks", nil},
	"awi-2000-scotland-guardianship":       {true, true, "S", "adult", "lacks", nil},
	"awi-2000-scotland-intervention-order": {true, false, "S", "adult", "lacks", nil},
	"swsa-1968-s13za":                      {true, false, "S", "adult", "lacks", nil},
	"welfare-attorney":                     {true, false, "EWSN", "any", "lacks", nil},
	"mca-2005-s5-s6":                       {true, false, "EW", "any", "lacks", nil},
	"common-law-necessity":                 {true, false, "EWSN", "any", "any", nil},
	"common-law-self-defence":              {true, false, "EWSN", "any", "any", nil},
	"consent":                              {true, false, "EWSN", "any", "has", nil},
	"eia-2006-s93":                         {true, false, "EW", "any", "any", schools},
	"eia-2006-s91-s94":                     {true, false, "EW", "any", "any", schools},
	"education-act-1996-s550za":            {true, false, "EW", "any", "any", schools},
	"childrens-homes-england-2015":         {true, false, "E", "child", "any", childrensHomes},
	"care-regulation-13":                   {false, false, "E", "any", "any", nil},
	"care-regulation-9a":                   {false, false, "E", "any", "any", nil},
	"school-behaviour-policy":              {false, false, "EWSN", "any", "any", schools},
	"care-plan":                            {false, false, "EWSN", "any", "any", nil},
	"care-order":                           {true, false, "EW", "child", "any", nil},
}

func nationLetters(nations []string) string {
	var b strings.Builder
	for _, n := range catalog.Nations { // in the order E W S N
		if slices.Contains(nations, n) {
			b.WriteByte(map[string]byte{"england": 'E', "wales": 'W', "scotland": 'S', "northern-ireland": 'N'}[n])
		}
	}
	return b.String()
}

func TestBases(t *testing.T) {
	c := embedded(t)
	for _, id := range slices.Sorted(maps.Keys(contractBases)) {
		want := contractBases[id]
		t.Run(id, func(t *testing.T) {
			b, ok := c.Basis(id)
			if !ok {
				t.Fatalf("basis %s is missing", id)
			}
			if b.Power != want.power || b.AuthorisesDeprivationOfLiberty != want.dol {
				t.Errorf("power %t, dol %t; want %t, %t", b.Power, b.AuthorisesDeprivationOfLiberty, want.power, want.dol)
			}
			if got := nationLetters(b.Nations); got != want.nations || len(b.Nations) != len(want.nations) {
				t.Errorf("nations %v, want %s", b.Nations, want.nations)
			}
			ages := "any"
			if !b.Ages.Any {
				ages = strings.Join(b.Ages.Values, ",")
			}
			if ages != want.ages {
				t.Errorf("ages %s, want %s", ages, want.ages)
			}
			if b.Capacity != want.capacity {
				t.Errorf("capacity %s, want %s", b.Capacity, want.capacity)
			}
			if want.settings == nil {
				if !b.Settings.Any {
					t.Errorf("settings %v, want any", b.Settings.Values)
				}
			} else if b.Settings.Any || !slices.Equal(sortedCopy(b.Settings.Values), sortedCopy(want.settings)) {
				t.Errorf("settings %s, want %v", b.Settings, want.settings)
			}
			if strings.TrimSpace(b.Title) == "" || strings.TrimSpace(b.Note) == "" {
				t.Error("no title or note")
			}
		})
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestSettings(t *testing.T) {
	c := embedded(t)
	for _, id := range contractSetting {
		s, ok := c.Setting(id)
		if !ok {
			t.Errorf("setting %s is missing", id)
			continue
		}
		if s.Title == "" {
			t.Errorf("setting %s has no title", id)
		}
	}
}

func TestBasisFits(t *testing.T) {
	c := embedded(t)
	for _, tc := range []struct {
		basis, nation, setting, age, capacity string
		want                                  []catalog.Misfit
	}{
		{"consent", "scotland", "community", "child", "has", nil},
		{"consent", "england", "community", "adult", "lacks", []catalog.Misfit{catalog.MisfitCapacity}},
		{"consent", "england", "community", "adult", "unknown", []catalog.Misfit{catalog.MisfitCapacity}},
		{"common-law-necessity", "wales", "other", "adult", "unknown", nil},
		{"dols-authorisation", "england", "care-home", "adult", "lacks", nil},
		{"dols-authorisation", "scotland", "community", "child", "has", []catalog.Misfit{catalog.MisfitNation, catalog.MisfitSetting, catalog.MisfitAge, catalog.MisfitCapacity}},
		{"mha-1983-detention", "england", "community", "adult", "has", []catalog.Misfit{catalog.MisfitSetting}},
		{"mha-1983-s5-4", "wales", "acute-hospital", "adult", "has", []catalog.Misfit{catalog.MisfitSetting}},
		{"children-act-1989-s25", "england", "secure-childrens-home", "child", "has", nil},
		{"children-act-1989-s25", "wales", "secure-childrens-home", "adult", "has", []catalog.Misfit{catalog.MisfitNation, catalog.MisfitAge}},
	} {
		b, _ := c.Basis(tc.basis)
		got := b.Fits(tc.nation, tc.setting, tc.age, tc.capacity)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s.Fits(%s, %s, %s, %s) = %v, want %v", tc.basis, tc.nation, tc.setting, tc.age, tc.capacity, got, tc.want)
		}
		fit := slices.Contains(c.BasesThatFit(tc.nation, tc.setting, tc.age, tc.capacity), b)
		if fit != (len(tc.want) == 0) {
			t.Errorf("BasesThatFit(%s, %s, %s, %s) includes %s: %t", tc.nation, tc.setting, tc.age, tc.capacity, tc.basis, fit)
		}
	}
}

func TestBrokenFolders(t *testing.T) {
	base := embedded(t)
	kindIndex := func(id string) int {
		return slices.IndexFunc(base.Kinds, func(k catalog.Kind) bool { return k.ID == id })
	}
	basisIndex := func(id string) int {
		return slices.IndexFunc(base.Bases, func(b catalog.Basis) bool { return b.ID == id })
	}
	rightIndex := func(id string) int {
		return slices.IndexFunc(base.Rights, func(r catalog.Right) bool { return r.Article == id })
	}
	for _, tc := range []struct {
		name   string
		break_ func(t *testing.T, m fstest.MapFS)
		file   string
		path   string
		line   func(m fstest.MapFS) int // 0: the problem has no line
		msg    string
	}{
		{
			name:   "missing file",
			break_: func(t *testing.T, m fstest.MapFS) { delete(m, "screen.yaml") },
			file:   "screen.yaml", msg: "missing",
		},
		{
			name: "unknown key",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "dol_check: true", "dol_chek: true")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].dol_chek",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "dol_chek") },
			msg:  `unknown key "dol_chek" (did you mean "dol_check"?)`,
		},
		{
			name: "advice for an unknown setting",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "In a school in England, record the seclusion", "settings: [school, special-school]", "settings: [school, ward]")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].advice[8].settings[1]",
			line: func(m fstest.MapFS) int {
				return lineOf(t, m, "kinds.yaml", "In a school in England, record the seclusion", "settings: [school, ward]")
			},
			msg: `"ward" is not a setting`,
		},
		{
			name: "advice for an unknown nation",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "nations: [wales, scotland, northern-ireland]", "nations: [wales, scotland, ulster]")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].advice[2].nations[2]",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "- id: seclusion", "ulster") },
			msg:  `"ulster" is not a nation`,
		},
		{
			name: "advice with no text",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", `- text: "In Wales, Scotland and Northern Ireland, check the review timetable in your own code and policy."`, `- text: " "`)
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].advice[2].text",
			line: func(m fstest.MapFS) int {
				return lineOf(t, m, "kinds.yaml", "- id: seclusion", `- text: " "`)
			},
			msg: "required",
		},
		{
			name: "advice with an unknown key",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "        nations: [wales, scotland, northern-ireland]", "        nation: [wales, scotland, northern-ireland]")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].advice[2].nation",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "- id: seclusion", "nation: [wales") },
			msg:  `unknown key "nation" (did you mean "nations"?)`,
		},
		{
			name: "rights for an unknown setting",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "rights_in:", "settings: [school, special-school]", "settings: [school, nursery]")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].rights_in[0].settings[1]",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "rights_in:", "nursery") },
			msg:  `"nursery" is not a setting`,
		},
		{
			name: "rights in a setting: an unknown article",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "rights_in:", `"P1-2"]`, `"P1-9"]`)
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].rights_in[0].rights[4]",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "rights_in:", `"P1-9"`) },
			msg:  "P1-9",
		},
		{
			name: "duplicate key",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "    max_review: 2h\n", "    max_review: 2h\n    max_review: 3h\n")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].max_review",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "max_review: 3h") },
			msg:  "duplicate key",
		},
		{
			name: "duplicate id",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "", "- id: mechanical-restraint", "- id: physical-restraint")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("mechanical-restraint")) + "].id",
			line: func(m fstest.MapFS) int {
				return lineOf(t, m, "kinds.yaml", "intensity: high", "- id: physical-restraint")
			},
			msg: "listed twice",
		},
		{
			name: "15 rights",
			break_: func(t *testing.T, m fstest.MapFS) {
				cut(t, m, "rights.yaml", `- article: "P13-1"`, "")
			},
			file: "rights.yaml", path: "rights",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rights.yaml", "\nrights:", `- article: "2"`) },
			msg:  "expected exactly 16 rights, found 15",
		},
		{
			name: "unknown article",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rights.yaml", "", `- article: "12"`, `- article: "13"`)
			},
			file: "rights.yaml", path: "rights[" + num(rightIndex("12")) + "].article",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rights.yaml", "", `- article: "13"`) },
			msg:  "not one of the 16 rights",
		},
		{
			name: "bad category",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rights.yaml", `- article: "8"`, "category: qualified", "category: sacred")
			},
			file: "rights.yaml", path: "rights[" + num(rightIndex("8")) + "].category",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rights.yaml", "", "category: sacred") },
			msg:  `"sacred" is not a category`,
		},
		{
			name: "kind review_within over max_review",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: seclusion", "review_within: 1h", "review_within: 3h")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("seclusion")) + "].review_within",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "review_within: 3h") },
			msg:  "3h is longer than max_review 2h",
		},
		{
			name: "kind without max_review",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: search", "    max_review: 72h\n", "")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("search")) + "].max_review",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "- id: search") },
			msg:  "required",
		},
		{
			name: "kind with a bad duration",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: search", "max_review: 72h", "max_review: 3 days")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("search")) + "].max_review",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "max_review: 3 days") },
			msg:  "not a duration",
		},
		{
			name: "kind with a bad intensity",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "kinds.yaml", "- id: search", "intensity: standard", "intensity: medium")
			},
			file: "kinds.yaml", path: "kinds[" + num(kindIndex("search")) + "].intensity",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "kinds.yaml", "", "intensity: medium") },
			msg:  `"medium" is not an intensity`,
		},
		{
			name: "basis naming an unknown setting",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: eia-2006-s93", "settings: [school, special-school]", "settings: [school, nursery]")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("eia-2006-s93")) + "].settings",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "", "settings: [school, nursery]") },
			msg:  `"nursery" is not a setting`,
		},
		{
			name: "basis naming an unknown nation",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: consent", "nations: [england, wales, scotland, northern-ireland]", "nations: [england, wales, scotland, ulster]")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("consent")) + "].nations[3]",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "", "ulster") },
			msg:  `"ulster" is not a nation`,
		},
		{
			name: "basis with a bad capacity",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: consent", "capacity: has", "capacity: some")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("consent")) + "].capacity",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "", "capacity: some") },
			msg:  `"some"`,
		},
		{
			name: "basis without power",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: consent", "    power: true\n", "")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("consent")) + "].power",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "", "- id: consent") },
			msg:  "required",
		},
		{
			name: "basis without authorises_deprivation_of_liberty",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: care-plan", "    authorises_deprivation_of_liberty: false\n", "")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("care-plan")) + "].authorises_deprivation_of_liberty",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "", "- id: care-plan") },
			msg:  "required",
		},
		{
			name: "basis power not a boolean",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "bases.yaml", "- id: consent", "power: true", "power: yes")
			},
			file: "bases.yaml", path: "bases[" + num(basisIndex("consent")) + "].power",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "bases.yaml", "- id: consent", "power: yes") },
			msg:  "expected true or false",
		},
		{
			name: "rule missing",
			break_: func(t *testing.T, m fstest.MapFS) {
				cut(t, m, "rules.yaml", "  R8:\n", "  R9:\n")
			},
			file: "rules.yaml", path: "rules",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rules.yaml", "\nrules:", "  R1:") },
			msg:  "missing rule R8",
		},
		{
			name: "clause missing",
			break_: func(t *testing.T, m fstest.MapFS) {
				cut(t, m, "rules.yaml", "      unsure:\n        text: the legal basis is unsure", "  R7:\n")
			},
			file: "rules.yaml", path: "rules.R6.clauses",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rules.yaml", "  R6:", `"no":`) },
			msg:  `missing clause "unsure"`,
		},
		{
			name: "unknown clause",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rules.yaml", "  R6:", "      unsure:\n", "      maybe:\n")
			},
			file: "rules.yaml", path: "rules.R6.clauses.maybe",
			line: func(m fstest.MapFS) int {
				return lineOf(t, m, "rules.yaml", "  R6:", "text: the legal basis is unsure")
			},
			msg: `unknown clause "maybe"`,
		},
		{
			name: "unknown rule",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "rules.yaml", "", "  R9:\n", "  R13:\n    title: Extra\n    text: Extra.\n  R9:\n")
			},
			file: "rules.yaml", path: "rules.R13",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "rules.yaml", "  R13:", "title: Extra") },
			msg:  `unknown rule "R13"`,
		},
		{
			name: "screen questions out of order",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "screen.yaml", "", "- id: degrading", "- id: degrade")
			},
			file: "screen.yaml", path: "questions[0].id",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "screen.yaml", "", "- id: degrade") },
			msg:  `expected "degrading" here`,
		},
		{
			name: "setting id with upper case",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "settings.yaml", "", "- id: community", "- id: Community")
			},
			file: "settings.yaml", path: "settings[" + num(slices.IndexFunc(base.Settings, func(s catalog.Setting) bool { return s.ID == "community" })) + "].id",
			line: func(m fstest.MapFS) int { return lineOf(t, m, "settings.yaml", "", "- id: Community") },
			msg:  "lower case",
		},
		{
			name: "not valid YAML",
			break_: func(t *testing.T, m fstest.MapFS) {
				edit(t, m, "test.yaml", "", "parts:\n", "parts:\n  - id: [\n")
			},
			file: "test.yaml",
			line: func(m fstest.MapFS) int { return -1 }, // some line, wherever the parser notices
			msg:  "not valid YAML",
		},
		{
			name: "empty file",
			break_: func(t *testing.T, m fstest.MapFS) {
				m["settings.yaml"] = &fstest.MapFile{Data: []byte("# nothing here\n")}
			},
			file: "settings.yaml",
			line: func(m fstest.MapFS) int { return 1 },
			msg:  "empty",
		},
		{
			name: "too large",
			break_: func(t *testing.T, m fstest.MapFS) {
				m["test.yaml"] = &fstest.MapFile{Data: append(m["test.yaml"].Data, strings.Repeat("# padding\n", 110_000)...)}
			},
			file: "test.yaml", msg: "too large",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := folder(t)
			tc.break_(t, m)
			c, err := catalog.Load(m, "local")
			if err == nil {
				t.Fatalf("Load accepted the broken folder")
			}
			if c != nil {
				t.Error("Load returned a catalog with an error")
			}
			es, ok := yamlnode.AsErrors(err)
			if !ok {
				t.Fatalf("the error is a %T, not yamlnode.Errors: %v", err, err)
			}
			wantLine := 0
			if tc.line != nil {
				wantLine = tc.line(m)
			}
			var found *yamlnode.Error
			for _, e := range es {
				if e.File == "local/"+tc.file && e.Path == tc.path && strings.Contains(e.Msg, tc.msg) {
					found = e
					break
				}
			}
			if found == nil {
				t.Fatalf("no problem at local/%s, path %q, saying %q; got:\n%v", tc.file, tc.path, tc.msg, err)
			}
			switch {
			case wantLine < 0:
				if found.Line <= 0 {
					t.Errorf("the problem has no line: %v", found)
				}
			case found.Line != wantLine:
				t.Errorf("line %d, want %d: %v", found.Line, wantLine, found)
			}
			text := found.Error()
			if !strings.HasPrefix(text, "local/"+tc.file+":") || (tc.path != "" && !strings.Contains(text, tc.path+": ")) {
				t.Errorf("the message does not name the file and path: %q", text)
			}
		})
	}
}

// num writes an index for a field path; the index must have been found.
func num(i int) string {
	if i < 0 {
		panic("index not found")
	}
	return strconv.Itoa(i)
}

// TestBrokenFolderEveryProblem checks that every problem is reported at
// once, in file and line order.
func TestBrokenFolderEveryProblem(t *testing.T) {
	paths := func(err error) string {
		es, _ := yamlnode.AsErrors(err)
		var out []string
		for _, e := range es {
			out = append(out, strings.TrimPrefix(e.File, "local/")+" "+e.Path)
		}
		return strings.Join(out, "; ")
	}
	// Problems in reading the files.
	m := folder(t)
	delete(m, "screen.yaml")
	edit(t, m, "kinds.yaml", "- id: search", "intensity: standard", "intensity: standard\n    colour: blue")
	edit(t, m, "kinds.yaml", "- id: seclusion", "intensity: high", "intensity: high\n    colour: red")
	edit(t, m, "bases.yaml", "- id: consent", "power: true", "power: maybe")
	_, err := catalog.Load(m, "local")
	seclusion, search := kindIndexIn(t, "seclusion"), kindIndexIn(t, "search")
	want := "bases.yaml bases[" + num(basisIndexIn(t, "consent")) + "].power; kinds.yaml kinds[" + num(seclusion) + "].colour; kinds.yaml kinds[" + num(search) + "].colour; screen.yaml "
	if got := paths(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Problems in what the files say.
	m = folder(t)
	cut(t, m, "rights.yaml", `- article: "P13-1"`, "")
	cut(t, m, "rules.yaml", "  R8:\n", "  R9:\n")
	edit(t, m, "kinds.yaml", "- id: seclusion", "review_within: 1h", "review_within: 3h")
	_, err = catalog.Load(m, "local")
	want = "kinds.yaml kinds[" + num(seclusion) + "].review_within; rights.yaml rights; rules.yaml rules"
	if got := paths(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func kindIndexIn(t *testing.T, id string) int {
	return slices.IndexFunc(embedded(t).Kinds, func(k catalog.Kind) bool { return k.ID == id })
}

func basisIndexIn(t *testing.T, id string) int {
	return slices.IndexFunc(embedded(t).Bases, func(b catalog.Basis) bool { return b.ID == id })
}
