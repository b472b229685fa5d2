package catalog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// Files are the checklist files, each of which a folder must hold.
var Files = []string{"rights.yaml", "test.yaml", "screen.yaml", "kinds.yaml", "settings.yaml", "bases.yaml", "rules.yaml"}

// maxFileSize bounds each checklist file.
const maxFileSize = 1 << 20

type rightsFile struct {
	Categories map[string]Category `yaml:"categories"`
	Rights     []Right             `yaml:"rights"`
}

type testFile struct {
	Parts []Part `yaml:"parts"`
}

type screenFile struct {
	Questions []ScreenQuestion `yaml:"questions"`
}

type kindsFile struct {
	Kinds []Kind `yaml:"kinds"`
}

type settingsFile struct {
	Settings []Setting `yaml:"settings"`
}

type basesFile struct {
	Bases []Basis `yaml:"bases"`
}

// loader collects the problems of every file.
type loader struct {
	fsys      fs.FS
	dir       string     // prefix for file names in messages
	mu        sync.Mutex // guards errs and positions while files are read at once
	errs      yamlnode.Errors
	positions map[string]yamlnode.Positions
}

// Load reads and validates the checklists in fsys (at its root). dir is how
// the folder is named in messages ("" for the embedded checklists). Every
// problem is reported, as a [yamlnode.Errors].
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	l := &loader{fsys: fsys, dir: dir, positions: map[string]yamlnode.Positions{}}
	var (
		rf rightsFile
		tf testFile
		sf screenFile
		kf kindsFile
		gf settingsFile
		bf basesFile
		c  Catalog
	)
	// The files are parsed at once, each on its own goroutine: YAML parsing
	// is most of the cost of starting a command.
	targets := map[string]any{"rights.yaml": &rf, "test.yaml": &tf, "screen.yaml": &sf, "kinds.yaml": &kf,
		"settings.yaml": &gf, "bases.yaml": &bf, "rules.yaml": &c.Rules}
	var wg sync.WaitGroup
	for _, file := range Files {
		wg.Go(func() { l.decode(file, targets[file]) })
	}
	wg.Wait()
	c.Categories, c.Rights, c.Parts, c.Screen = rf.Categories, rf.Rights, tf.Parts, sf.Questions
	c.Kinds, c.Settings, c.Bases = kf.Kinds, gf.Settings, bf.Bases
	if len(l.errs) == 0 {
		l.validate(&c)
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	c.index()
	c.positions = l.positions
	return &c, nil
}

func (l *loader) name(file string) string {
	if l.dir == "" {
		return "checklists/" + file
	}
	return strings.TrimSuffix(l.dir, "/") + "/" + file
}

func (l *loader) decode(file string, v any) {
	errs, positions := l.decodeFile(file, v)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, errs...)
	if positions != nil {
		l.positions[file] = positions
	}
}

// decodeFile reads one checklist file into v; it touches nothing shared.
func (l *loader) decodeFile(file string, v any) (errs yamlnode.Errors, positions yamlnode.Positions) {
	f, err := l.fsys.Open(file)
	if err != nil {
		msg := "cannot read: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "missing: a checklists folder must hold " + strings.Join(Files, ", ")
		}
		return yamlnode.Errors{&yamlnode.Error{File: l.name(file), Msg: msg}}, nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return yamlnode.Errors{&yamlnode.Error{File: l.name(file), Msg: "cannot read: " + err.Error()}}, nil
	}
	if len(data) > maxFileSize {
		return yamlnode.Errors{&yamlnode.Error{File: l.name(file), Msg: "too large: a checklist file may be at most 1 MiB"}}, nil
	}
	root, err := yamlnode.Parse(l.name(file), data)
	if err != nil {
		es, _ := yamlnode.AsErrors(err)
		return es, nil
	}
	d := &yamlnode.Decoder{File: l.name(file), PlainText: true}
	return d.Decode(root, v), d.Positions
}

// errorf records a problem at a field of a file, at the position the field
// (or its nearest present parent) was read from.
func (l *loader) errorf(file, path, format string, args ...any) {
	e := &yamlnode.Error{File: l.name(file), Path: path, Msg: fmt.Sprintf(format, args...)}
	pos := l.positions[file]
	for p := path; ; {
		if at, ok := pos[p]; ok {
			e.Line, e.Column = at.Line, at.Column
			break
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			if at, ok := pos[""]; ok {
				e.Line, e.Column = at.Line, at.Column
			}
			break
		}
		p = p[:i]
	}
	l.errs = append(l.errs, e)
}

func (l *loader) required(file, path, value string) {
	if strings.TrimSpace(value) == "" {
		l.errorf(file, path, "required: must not be blank")
	}
}

func (l *loader) validate(c *Catalog) {
	l.validateRights(c)
	l.validateParts(c)
	l.validateScreen(c)
	l.validateSettings(c)
	l.validateKinds(c)
	l.validateBases(c)
	l.validateRules(c)
}

func (l *loader) validateRights(c *Catalog) {
	const f = "rights.yaml"
	for _, cat := range []string{Absolute, Limited, Qualified, Ancillary} {
		v, ok := c.Categories[cat]
		if !ok {
			l.errorf(f, "categories", "missing category %q", cat)
			continue
		}
		l.required(f, "categories."+cat+".title", v.Title)
		l.required(f, "categories."+cat+".meaning", v.Meaning)
	}
	for k := range c.Categories {
		if !slices.Contains([]string{Absolute, Limited, Qualified, Ancillary}, k) {
			l.errorf(f, "categories."+k, "unknown category %q: the categories are absolute, limited, qualified and ancillary", k)
		}
	}
	if len(c.Rights) != len(ArticleIDs) {
		l.errorf(f, "rights", "expected exactly 16 rights, found %d", len(c.Rights))
	}
	seen := map[string]bool{}
	for i := range c.Rights {
		r := &c.Rights[i]
		p := fmt.Sprintf("rights[%d]", i)
		id, err := NormaliseArticle(r.Article)
		if err != nil {
			l.errorf(f, p+".article", "%v", err)
		} else if seen[id] {
			l.errorf(f, p+".article", "article %s is listed twice", id)
		}
		seen[id] = true
		r.Article = id
		l.required(f, p+".title", r.Title)
		l.required(f, p+".reference", r.Reference)
		l.required(f, p+".summary", r.Summary)
		if _, ok := c.Categories[r.Category]; !ok {
			l.errorf(f, p+".category", "%q is not a category: use absolute, limited, qualified or ancillary", r.Category)
		}
		if len(r.Examples) < 3 && strings.TrimSpace(r.RarelyEngaged) == "" {
			l.errorf(f, p+".examples", "give 3 or more examples of practice that engages this right, or a rarely_engaged note")
		}
	}
}

func (l *loader) validateParts(c *Catalog) {
	const f = "test.yaml"
	if len(c.Parts) != len(PartIDs) {
		l.errorf(f, "parts", "expected exactly the four parts %s, found %d", strings.Join(PartIDs, ", "), len(c.Parts))
		return
	}
	for i, p := range c.Parts {
		path := fmt.Sprintf("parts[%d]", i)
		if p.ID != PartIDs[i] {
			l.errorf(f, path+".id", "expected %q here (the parts are %s, in that order)", PartIDs[i], strings.Join(PartIDs, ", "))
		}
		l.required(f, path+".title", p.Title)
		l.required(f, path+".question", p.Question)
	}
}

func (l *loader) validateScreen(c *Catalog) {
	const f = "screen.yaml"
	if len(c.Screen) != len(ScreenIDs) {
		l.errorf(f, "questions", "expected exactly the five questions %s, found %d", strings.Join(ScreenIDs, ", "), len(c.Screen))
		return
	}
	for i, q := range c.Screen {
		path := fmt.Sprintf("questions[%d]", i)
		if q.ID != ScreenIDs[i] {
			l.errorf(f, path+".id", "expected %q here (the questions are %s, in that order)", ScreenIDs[i], strings.Join(ScreenIDs, ", "))
		}
		l.required(f, path+".title", q.Title)
		l.required(f, path+".question", q.Question)
		if q.Article != "" {
			id, err := NormaliseArticle(q.Article)
			if err != nil {
				l.errorf(f, path+".article", "%v", err)
			}
			c.Screen[i].Article = id
		}
	}
}

func (l *loader) validateSettings(c *Catalog) {
	const f = "settings.yaml"
	seen := map[string]bool{}
	for i, s := range c.Settings {
		p := fmt.Sprintf("settings[%d]", i)
		l.checkID(f, p+".id", s.ID, seen)
		l.required(f, p+".title", s.Title)
	}
}

func (l *loader) checkID(file, path, id string, seen map[string]bool) {
	switch {
	case id == "":
		l.errorf(file, path, "required: must not be blank")
	case id != strings.ToLower(strings.TrimSpace(id)) || strings.ContainsAny(id, " \t"):
		l.errorf(file, path, "%q: ids are lower case with no spaces", id)
	case seen[id]:
		l.errorf(file, path, "%q is listed twice", id)
	}
	seen[id] = true
}

func (l *loader) validateKinds(c *Catalog) {
	const f = "kinds.yaml"
	seen := map[string]bool{}
	for i := range c.Kinds {
		k := &c.Kinds[i]
		p := fmt.Sprintf("kinds[%d]", i)
		l.checkID(f, p+".id", k.ID, seen)
		l.required(f, p+".title", k.Title)
		l.required(f, p+".definition", k.Definition)
		if !slices.Contains([]string{High, Standard, Minor}, k.Intensity) {
			l.errorf(f, p+".intensity", "%q is not an intensity: use high, standard or minor", k.Intensity)
		}
		for j, a := range k.Rights {
			id, err := NormaliseArticle(a)
			if err != nil {
				l.errorf(f, fmt.Sprintf("%s.rights[%d]", p, j), "%v", err)
				continue
			}
			k.Rights[j] = id
		}
		for j, in := range k.RightsIn {
			ip := fmt.Sprintf("%s.rights_in[%d]", p, j)
			if len(in.Settings) == 0 {
				l.errorf(f, ip+".settings", "required: the settings these rights are for")
			}
			for m, s := range in.Settings {
				if !slices.ContainsFunc(c.Settings, func(x Setting) bool { return x.ID == s }) {
					l.errorf(f, fmt.Sprintf("%s.settings[%d]", ip, m), "%q is not a setting: use one of settings.yaml's ids", s)
				}
			}
			if len(in.Rights) == 0 {
				l.errorf(f, ip+".rights", "required: the rights it usually engages there")
			}
			for m, a := range in.Rights {
				id, err := NormaliseArticle(a)
				if err != nil {
					l.errorf(f, fmt.Sprintf("%s.rights[%d]", ip, m), "%v", err)
					continue
				}
				in.Rights[m] = id
			}
		}
		if _, ok := l.positions[f][p+".review_within"]; !ok {
			l.errorf(f, p+".review_within", "required: the default review interval, such as 24h")
		}
		if _, ok := l.positions[f][p+".max_review"]; !ok {
			l.errorf(f, p+".max_review", "required: the latest review that keeps the record complete, such as 72h")
		} else if k.ReviewWithin > k.MaxReview {
			l.errorf(f, p+".review_within", "%s is longer than max_review %s", k.ReviewWithin, k.MaxReview)
		}
		for j, a := range k.Advice {
			l.checkNote(c, f, fmt.Sprintf("%s.advice[%d]", p, j), a)
		}
		for j, a := range k.Alternatives {
			l.checkNote(c, f, fmt.Sprintf("%s.alternatives[%d]", p, j), a)
		}
	}
}

// checkNote checks one line of advice or alternatives at path: its text,
// and the settings and nations it is for.
func (l *loader) checkNote(c *Catalog, f, path string, n Note) {
	if len(n.Settings) > 0 || len(n.Nations) > 0 || len(n.NotSettings) > 0 {
		l.required(f, path+".text", n.Text)
	} else {
		l.required(f, path, n.Text)
	}
	for key, settings := range map[string][]string{"settings": n.Settings, "not_settings": n.NotSettings} {
		for m, s := range settings {
			if !slices.ContainsFunc(c.Settings, func(x Setting) bool { return x.ID == s }) {
				l.errorf(f, fmt.Sprintf("%s.%s[%d]", path, key, m), "%q is not a setting: use one of settings.yaml's ids", s)
			}
		}
	}
	for m, nation := range n.Nations {
		if !slices.Contains(Nations, nation) {
			l.errorf(f, fmt.Sprintf("%s.nations[%d]", path, m), "%q is not a nation: use %s", nation, strings.Join(Nations, ", "))
		}
	}
}

func (l *loader) validateBases(c *Catalog) {
	const f = "bases.yaml"
	seen := map[string]bool{}
	for i := range c.Bases {
		b := &c.Bases[i]
		p := fmt.Sprintf("bases[%d]", i)
		l.checkID(f, p+".id", b.ID, seen)
		l.required(f, p+".title", b.Title)
		// What a basis is must be said, not left to a default: a local
		// folder that adds a basis declares it (DESIGN.md section 8).
		if _, ok := l.positions[f][p+".power"]; !ok {
			l.errorf(f, p+".power", "required: true if it is a legal power that can authorise a restriction, false if not")
		}
		if _, ok := l.positions[f][p+".authorises_deprivation_of_liberty"]; !ok {
			l.errorf(f, p+".authorises_deprivation_of_liberty", "required: true if it can authorise a deprivation of liberty, false if not")
		}
		if len(b.Nations) == 0 {
			l.errorf(f, p+".nations", "required: the nations it applies in (%s)", strings.Join(Nations, ", "))
		}
		for j, n := range b.Nations {
			if !slices.Contains(Nations, n) {
				l.errorf(f, fmt.Sprintf("%s.nations[%d]", p, j), "%q is not a nation: use %s", n, strings.Join(Nations, ", "))
			}
		}
		if !b.Ages.Any {
			if len(b.Ages.Values) == 0 {
				l.errorf(f, p+".ages", "required: any, or a list of adult and child")
			}
			for _, a := range b.Ages.Values {
				if a != "adult" && a != "child" {
					l.errorf(f, p+".ages", "%q is not an age: use any, adult or child", a)
				}
			}
		}
		if !slices.Contains([]string{"any", "has", "lacks"}, b.Capacity) {
			l.errorf(f, p+".capacity", "%q: use any, has or lacks", b.Capacity)
		}
		if !b.Settings.Any {
			if len(b.Settings.Values) == 0 {
				l.errorf(f, p+".settings", "required: any, or a list of setting ids")
			}
			for _, s := range b.Settings.Values {
				if !slices.ContainsFunc(c.Settings, func(x Setting) bool { return x.ID == s }) {
					l.errorf(f, p+".settings", "%q is not a setting in settings.yaml", s)
				}
			}
		}
	}
}

func (l *loader) validateRules(c *Catalog) {
	const f = "rules.yaml"
	r := &c.Rules
	for _, id := range RuleIDs {
		t, ok := r.Rules[id]
		if !ok {
			l.errorf(f, "rules", "missing rule %s", id)
			continue
		}
		l.required(f, "rules."+id+".title", t.Title)
		l.required(f, "rules."+id+".text", t.Text)
		clauses := RuleClauses[id]
		for _, cl := range clauses {
			ct, ok := t.Clauses[cl]
			if !ok {
				l.errorf(f, "rules."+id+".clauses", "missing clause %q", cl)
				continue
			}
			l.required(f, "rules."+id+".clauses."+cl+".text", ct.Text)
		}
		for cl := range t.Clauses {
			if !slices.Contains(clauses, cl) {
				l.errorf(f, "rules."+id+".clauses."+cl, "unknown clause %q of rule %s", cl, id)
			}
		}
		if len(clauses) > 0 && !strings.Contains(t.Text, "{clauses}") {
			l.errorf(f, "rules."+id+".text", "must contain {clauses}, where the clauses that apply go")
		}
	}
	for id := range r.Rules {
		if !slices.Contains(RuleIDs, id) {
			l.errorf(f, "rules."+id, "unknown rule %q", id)
		}
	}
	for _, v := range Verdicts {
		t, ok := r.Verdicts[v]
		if !ok {
			l.errorf(f, "verdicts", "missing verdict %q", v)
			continue
		}
		l.required(f, "verdicts."+v+".label", t.Label)
		l.required(f, "verdicts."+v+".text", t.Text)
		l.required(f, "verdicts."+v+".past_label", t.PastLabel)
		l.required(f, "verdicts."+v+".past_text", t.PastText)
	}
	for _, light := range Lights {
		if strings.TrimSpace(r.Lights[light]) == "" {
			l.errorf(f, "lights."+light, "missing: the words for the %s light", light)
		}
	}
	for _, m := range []Misfit{MisfitNation, MisfitSetting, MisfitAge, MisfitCapacity} {
		if strings.TrimSpace(r.Misfits[string(m)]) == "" {
			l.errorf(f, "misfits."+string(m), "missing: how to say a basis does not fit the %s", m)
		}
	}
	l.required(f, "phrases.absolute_engaged", r.Phrases.AbsoluteEngaged)
	l.required(f, "phrases.absolute_at_risk", r.Phrases.AbsoluteAtRisk)
	l.required(f, "phrases.not_legal_advice", r.Phrases.NotLegalAdvice)
	l.required(f, "phrases.free_text_basis", r.Phrases.FreeTextBasis)
	l.required(f, "phrases.incident_review", r.Phrases.IncidentReview)
	if r.Phrases.ClauseJoin == "" {
		r.Phrases.ClauseJoin = "; "
	}
}
