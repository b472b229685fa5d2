// Package training is rightsaid's workshop mode: the scenario library, the
// comparison of a group's answers (or a whole room's) with the model answer,
// and the quiz on the 16 rights.
//
// A scenario (checklists/scenarios/*.yaml) is a story a trainer reads aloud,
// the model answers as a schema-v1 decision, and teaching points for each
// step of the wizard: why, what the law says, and the common mistake. The
// model's outcome is never stored: the engine computes it, so a scenario
// always agrees with the rules in force.
//
// A scenario may also accept, for a question with several answers, answers
// the model leaves out (also_accepted): a right the kind of restriction
// usually engages, which the wizard suggests, but which the model does not
// list for reasons its teaching point gives. A group that keeps it is not
// marked as differing from the model for it.
package training

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/wizard"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// Scenario is one training scenario.
type Scenario struct {
	ID        string
	Title     string
	Setting   string
	Minutes   int
	Narrative string
	// Given are the wizard steps filled in from the model for the group
	// (context, restriction), so the room starts from the same facts.
	Given    []string
	Teaching map[string]Teaching
	Model    *decision.Decision
	// AlsoAccepted are, by the id of a question with several answers
	// (rights), answers a group may give besides the model's without
	// differing from it; the step's teaching point says why the model
	// leaves them out.
	AlsoAccepted map[string][]string
	File         string
}

// Teaching is what a trainer says about one step.
type Teaching struct {
	Why     string `yaml:"why"`
	Law     string `yaml:"law"`
	Mistake string `yaml:"mistake"`
}

// StepIDs are the wizard's step ids a scenario's teaching points may name.
var StepIDs = []string{"context", "restriction", "rights", "screen", "lawful", "justified", "proportionate", "least_restrictive", "review"}

// givenSteps are the steps a scenario may fill in for the group.
var givenSteps = []string{"context", "restriction"}

type scenarioFile struct {
	ID        string              `yaml:"id"`
	Title     string              `yaml:"title"`
	Setting   string              `yaml:"setting"`
	Minutes   int                 `yaml:"minutes"`
	Narrative string              `yaml:"narrative"`
	Given     []string            `yaml:"given"`
	Teaching  map[string]Teaching `yaml:"teaching"`
	Model     yaml.Node           `yaml:"model"`
	// AlsoAccepted is read after the model, which it is checked against.
	AlsoAccepted map[string][]string `yaml:"also_accepted"`
}

// maxScenarioSize bounds a scenario file.
const maxScenarioSize = 1 << 20

// LoadScenarios reads and validates every scenarios/*.yaml in fsys, sorted by
// id. dir names the folder in messages. Every problem is reported.
func LoadScenarios(fsys fs.FS, dir string, c *catalog.Catalog) ([]*Scenario, error) {
	names, err := fs.Glob(fsys, "scenarios/*.yaml")
	if err != nil {
		return nil, err
	}
	var (
		out  []*Scenario
		errs yamlnode.Errors
	)
	seen := map[string]string{}
	steps := wizard.Steps(c, time.UTC)
	for _, name := range names {
		file := path.Join(dir, name)
		s, err := loadScenario(fsys, name, file, c, steps)
		if err != nil {
			es, ok := yamlnode.AsErrors(err)
			if !ok {
				return nil, err
			}
			errs = append(errs, es...)
			continue
		}
		if first, dup := seen[s.ID]; dup {
			errs = append(errs, &yamlnode.Error{File: file, Path: "id", Msg: fmt.Sprintf("id %q is also used by %s", s.ID, first)})
			continue
		}
		seen[s.ID] = file
		out = append(out, s)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func loadScenario(fsys fs.FS, name, file string, c *catalog.Catalog, steps []wizard.Step) (*Scenario, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxScenarioSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxScenarioSize {
		return nil, &yamlnode.Error{File: file, Msg: "too large: a scenario may be at most 1 MiB"}
	}
	root, err := yamlnode.Parse(file, data)
	if err != nil {
		return nil, err
	}
	var sf scenarioFile
	dec := &yamlnode.Decoder{File: file}
	errs := dec.Decode(root, &sf)
	errAt := func(p, format string, args ...any) {
		e := &yamlnode.Error{File: file, Path: p, Msg: fmt.Sprintf(format, args...)}
		if pos, ok := dec.Positions[p]; ok {
			e.Line, e.Column = pos.Line, pos.Column
		}
		errs = append(errs, e)
	}
	want := strings.TrimSuffix(path.Base(name), ".yaml")
	if sf.ID != want {
		errAt("id", "%q must equal the file name without .yaml, %q", sf.ID, want)
	}
	if strings.TrimSpace(sf.Title) == "" {
		errAt("title", "required: must not be blank")
	}
	if strings.TrimSpace(sf.Narrative) == "" {
		errAt("narrative", "required: the story a trainer reads aloud")
	}
	for i, g := range sf.Given {
		if !slices.Contains(givenSteps, g) {
			errAt(fmt.Sprintf("given[%d]", i), "%q: a scenario may fill in only %s", g, strings.Join(givenSteps, " and "))
		}
	}
	for step := range sf.Teaching {
		if !slices.Contains(StepIDs, step) {
			errAt("teaching."+step, "%q is not a step: use %s", step, strings.Join(StepIDs, ", "))
		}
	}
	s := &Scenario{ID: sf.ID, Title: sf.Title, Setting: sf.Setting, Minutes: sf.Minutes, Narrative: sf.Narrative,
		Given: sf.Given, Teaching: sf.Teaching, File: file}
	if sf.Model.Kind == 0 {
		errAt("model", "required: the model answers, a schema-v1 decision")
	} else {
		m, err := decision.DecodeNode(c, file, &sf.Model, decision.Options{})
		if err != nil {
			es, _ := yamlnode.AsErrors(err)
			for _, e := range es {
				if e.Path != "" {
					e.Path = "model." + e.Path
				}
			}
			errs = append(errs, es...)
		} else {
			s.Model = m
			if sf.Setting != "" && sf.Setting != string(m.Setting) {
				errAt("setting", "%q differs from model.setting %q", sf.Setting, m.Setting)
			}
			if m.Outcome != nil || m.StoredOutcome != nil {
				errAt("model.outcome", "a scenario never stores an outcome: the engine computes it")
			}
			s.AlsoAccepted = checkAlsoAccepted(sf.AlsoAccepted, sf.Teaching, m, steps, errAt)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// checkAlsoAccepted checks a scenario's also_accepted against the wizard's
// questions and the model, and returns it with the answers as the question
// gives them (rights by their ids: "Article 5" is "5"). Each question must
// take several answers; each answer must be one of its options and not
// already the model's; and the question's step must have a teaching point
// to say why the model leaves the answer out.
func checkAlsoAccepted(accepted map[string][]string, teaching map[string]Teaching, model *decision.Decision, steps []wizard.Step,
	errAt func(p, format string, args ...any)) map[string][]string {
	if len(accepted) == 0 {
		return nil
	}
	var multi []string
	for _, st := range steps {
		for _, q := range st.Questions {
			if q.Kind == wizard.Choices {
				multi = append(multi, q.ID)
			}
		}
	}
	out := map[string][]string{}
	for _, st := range steps {
		for qi := range st.Questions {
			q := &st.Questions[qi]
			values, ok := accepted[q.ID]
			if !ok || q.Kind != wizard.Choices {
				continue
			}
			p := "also_accepted." + q.ID
			t := teaching[st.ID]
			if strings.TrimSpace(t.Why+t.Law+t.Mistake) == "" {
				errAt(p, "the step %s has no teaching point to say why the model leaves these answers out", st.ID)
			}
			var opts []wizard.Option
			if q.Options != nil {
				opts = q.Options(model)
			}
			for i, v := range values {
				at := fmt.Sprintf("%s[%d]", p, i)
				j := slices.IndexFunc(opts, func(o wizard.Option) bool { return sameAnswer(o.Value, v) })
				if j < 0 && q.ByValue {
					// The rights, by their ids: "Article 5" is "5".
					if id, err := catalog.NormaliseArticle(v); err == nil {
						j = slices.IndexFunc(opts, func(o wizard.Option) bool { return o.Value == id })
					}
				}
				switch {
				case strings.TrimSpace(v) == "":
					errAt(at, "must not be blank")
				case j < 0:
					valid := make([]string, len(opts))
					for k, o := range opts {
						valid[k] = o.Value
					}
					errAt(at, "%q is not an answer to %s: use one of %s", v, q.ID, strings.Join(valid, ", "))
				case slices.Contains(q.Get(model), opts[j].Value):
					errAt(at, "%q is already the model's answer", v)
				default:
					out[q.ID] = append(out[q.ID], opts[j].Value)
				}
			}
		}
	}
	for id := range accepted {
		if !slices.Contains(multi, id) {
			errAt("also_accepted."+id, "%q is not a question with several answers: use %s", id, strings.Join(multi, ", "))
		}
	}
	return out
}

// Find returns the scenario with the given id, or the one whose id starts
// with it ("s01" finds s01-ward-restraint-then-seclusion).
func Find(scenarios []*Scenario, id string) (*Scenario, bool) {
	if m := Matching(scenarios, id); len(m) == 1 {
		return m[0], true
	}
	return nil, false
}

// Matching returns the scenario with the given id, or else every scenario
// whose id starts with it: none, one, or several for a start that is too
// short ("s08" is the start of s08a and s08b).
func Matching(scenarios []*Scenario, id string) []*Scenario {
	id = strings.ToLower(strings.TrimSpace(id))
	var prefixed []*Scenario
	for _, s := range scenarios {
		if s.ID == id {
			return []*Scenario{s}
		}
		if strings.HasPrefix(s.ID, id) {
			prefixed = append(prefixed, s)
		}
	}
	return prefixed
}

// Start returns the decision the group starts from: the model's answers for
// the given steps, nothing else (not even the defaults an answers file may
// leave out: the group answers the objection, the emergency and the rest).
func (s *Scenario) Start(now decision.Time) *decision.Decision {
	d := decision.Blank(now.Time())
	m := s.Model
	if slices.Contains(s.Given, "context") {
		d.DecidedBy, d.Setting, d.Nation, d.Person = m.DecidedBy, m.Setting, m.Nation, m.Person
	}
	if slices.Contains(s.Given, "restriction") {
		d.Restriction = m.Restriction
	}
	return d
}
