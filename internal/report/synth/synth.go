// Package synth makes synthetic registers, for measuring reports at scale:
// records with a realistic spread of settings, kinds, people (a few
// restricted again and again), answers and so lights, reviews made on time,
// late or not at all, chains that end, and blanket rules. The same options
// (and seed) always make the same register.
//
// [Write] writes the records as the folder register would save them (the
// same files, ids and chain.log, so `rightsaid records verify` passes) but
// far faster: saving through register.Dir re-reads the chain on every save,
// syncs every file, and re-reads every record for every review. [Save] saves
// them through a register, for comparison.
package synth

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/render"
)

// Options say what register to make.
type Options struct {
	// N is the number of records.
	N int
	// Seed fixes the random choices.
	Seed uint64
	// End is when the register is read: records are made in the year before
	// it, fewer each month (a service reducing restrictions), and a review
	// that would fall after it has not been made yet.
	End time.Time
	// Location is where the rationales show times (nil: UTC).
	Location *time.Location
}

// DefaultEnd is the End of the registers the benchmark and the generator
// make unless told otherwise.
var DefaultEnd = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// planned is one record to save: its answers, and the index of the record it
// reviews (-1 for a new decision).
type planned struct {
	d    *decision.Decision
	prev int
}

type kindWeight struct {
	kind   string
	weight int
}

type settingPlan struct {
	id     string
	weight int
	prefix string // of the people's references
	child  bool
	kinds  []kindWeight
	bases  map[string][]string // by kind; "" for any other kind
}

// settings are the services of the synthetic register and what each does.
var settings = []settingPlan{
	{"mental-health-inpatient", 30, "MH", false, []kindWeight{{"physical-restraint", 25}, {"seclusion", 15}, {"chemical-restraint", 10}, {"enhanced-observation", 20}, {"search", 8}, {"contact-restriction", 5}, {"communication-restriction", 5}, {"exit-restriction", 7}, {"long-term-segregation", 2}, {"possessions-restriction", 3}},
		map[string][]string{"": {"mha-1983-detention"}, "exit-restriction": {"mha-1983-s5-4", "mha-1983-detention"}}},
	{"learning-disability-autism-inpatient", 10, "LD", false, []kindWeight{{"physical-restraint", 30}, {"seclusion", 10}, {"long-term-segregation", 5}, {"enhanced-observation", 20}, {"environmental-restriction", 10}, {"mechanical-restraint", 3}, {"chemical-restraint", 10}, {"exit-restriction", 12}},
		map[string][]string{"": {"mha-1983-detention"}}},
	{"acute-hospital", 8, "AH", false, []kindWeight{{"clinical-holding", 30}, {"chemical-restraint", 20}, {"enhanced-observation", 25}, {"physical-restraint", 15}, {"exit-restriction", 10}},
		map[string][]string{"": {"mca-2005-s5-s6"}, "physical-restraint": {"common-law-necessity"}, "exit-restriction": {"dols-authorisation"}}},
	{"care-home", 20, "CH", false, []kindWeight{{"exit-restriction", 25}, {"covert-medication", 10}, {"surveillance", 10}, {"environmental-restriction", 15}, {"physical-restraint", 10}, {"community-access-restriction", 10}, {"contact-restriction", 10}, {"possessions-restriction", 10}},
		map[string][]string{"": {"mca-2005-s5-s6"}, "exit-restriction": {"dols-authorisation"}, "covert-medication": {"mca-2005-s5-s6"}}},
	{"supported-living", 5, "SL", false, []kindWeight{{"community-access-restriction", 30}, {"possessions-restriction", 20}, {"relationship-restriction", 15}, {"communication-restriction", 15}, {"environmental-restriction", 20}},
		map[string][]string{"": {"mca-2005-s5-s6", "court-of-protection-order"}}},
	{"community", 3, "CO", false, []kindWeight{{"community-access-restriction", 40}, {"contact-restriction", 30}, {"other", 30}},
		map[string][]string{"": {"mha-1983-cto", "mha-1983-guardianship"}}},
	{"school", 10, "SC", true, []kindWeight{{"removal-from-class", 40}, {"possessions-restriction", 25}, {"search", 15}, {"physical-restraint", 20}},
		map[string][]string{"": {"eia-2006-s91-s94"}, "search": {"education-act-1996-s550za"}, "physical-restraint": {"eia-2006-s93"}}},
	{"special-school", 6, "SS", true, []kindWeight{{"physical-restraint", 35}, {"removal-from-class", 25}, {"seclusion", 10}, {"environmental-restriction", 15}, {"possessions-restriction", 15}},
		map[string][]string{"": {"eia-2006-s91-s94"}, "physical-restraint": {"eia-2006-s93"}}},
	{"childrens-home", 5, "KH", true, []kindWeight{{"physical-restraint", 30}, {"communication-restriction", 20}, {"possessions-restriction", 20}, {"search", 15}, {"contact-restriction", 15}},
		map[string][]string{"": {"childrens-homes-england-2015"}}},
	{"secure-childrens-home", 3, "SK", true, []kindWeight{{"physical-restraint", 30}, {"seclusion", 20}, {"search", 20}, {"exit-restriction", 15}, {"possessions-restriction", 15}},
		map[string][]string{"": {"children-act-1989-s25"}}},
}

// blanketKinds are the kinds a blanket rule is made of.
var blanketKinds = []string{"environmental-restriction", "communication-restriction", "possessions-restriction", "exit-restriction", "contact-restriction"}

var descriptions = map[string][]string{
	"physical-restraint":           {"Two-person seated hold for four minutes after he hit out at staff.", "Standing hold to move her away from the door; released once calm.", "Holding his arms to stop him banging his head on the wall."},
	"mechanical-restraint":         {"Soft cuffs for the transfer to the acute ward.", "Arm splints overnight to stop him pulling at his wound."},
	"chemical-restraint":           {"Intramuscular lorazepam after oral medication was refused.", "Rapid tranquillisation under the local protocol."},
	"immobilisation":               {"Holding her still for the blood test."},
	"clinical-holding":             {"Holding his hand still for the cannula.", "Supportive hold for the wound dressing."},
	"intimate-search":              {"Search after a report of a concealed blade."},
	"seclusion":                    {"Seclusion in the ward seclusion room after a seated hold; never prone.", "Seclusion after repeated assaults on a co-patient."},
	"long-term-segregation":        {"Nursed apart from the other patients in the annexe.", "Long-term segregation in the extra-care area with two staff."},
	"exit-restriction":             {"The front door is on a keypad; she is not told the code.", "Stopped from leaving the ward while awaiting assessment.", "Staff hold the door when he tries to leave at night."},
	"covert-medication":            {"Antipsychotic crushed in yoghurt at breakfast.", "Heart medication hidden in food after refusals."},
	"surveillance":                 {"Sensor mat and camera in the bedroom at night.", "Door alarm on the bedroom."},
	"enhanced-observation":         {"Within arm's length at all times, including the bathroom.", "Eyesight observation for 48 hours."},
	"search":                       {"Search of the bedroom for a lighter.", "Search of the bag after a visit.", "Search of the pupil's pockets for a vape."},
	"environmental-restriction":    {"Kitchen locked between meals.", "Bedroom corridor closed during the day.", "Garden closed after dark."},
	"contact-restriction":          {"Visits from his brother supervised for two weeks.", "No visits from the ex-partner while the safeguarding enquiry runs."},
	"communication-restriction":    {"Mobile phone kept in the office overnight.", "Internet access limited to an hour a day."},
	"community-access-restriction": {"Escorted leave only, no unescorted trips to town.", "Not to go to the shop alone after a fall."},
	"psychological-restriction":    {"Told she will lose leave if she does not take her medication."},
	"relationship-restriction":     {"Not to spend time alone with another resident."},
	"possessions-restriction":      {"Phone confiscated until the end of the day.", "Money kept by staff and given out daily.", "Lighter taken away."},
	"removal-from-class":           {"Sent to the reflection room for the rest of the lesson.", "Removed from class for the afternoon after a fight."},
	"other":                        {"Restriction agreed at the review meeting."},
}

var blanketDescriptions = []string{"Every patient's phone kept in the office at night.", "The ward kitchen locked for everyone between meals.",
	"All bedrooms locked during the day.", "No visitors on the unit at weekends.", "Every resident's lighter held by staff.", "The garden door locked for everyone."}

var reasons = []string{"Serious and imminent harm to others.", "Risk of serious harm to himself.", "He was hitting out at staff and other patients.",
	"She is at risk of falling and of getting lost.", "Risk to other residents.", "To stop him self-harming."}

var views = []string{"Says it is not fair and wants to go home.", "Agrees, as long as it is for a short time.", "Asked for her mum to be told.", "Did not want to talk about it."}

var alternatives = [][]string{{"de-escalation", "offer of space"}, {"distraction", "one-to-one time"}, {"PRN offered"}, {"talk-down", "change of staff"}, {"sensory room"}}

// chooser picks from weights.
func pick[T any](r *rand.Rand, items []T, weight func(T) int) T {
	total := 0
	for _, it := range items {
		total += weight(it)
	}
	n := r.IntN(total)
	for _, it := range items {
		if n -= weight(it); n < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

func one[T any](r *rand.Rand, items []T) T { return items[r.IntN(len(items))] }

// answer is yes with probability p, otherwise unsure or no.
func answer(r *rand.Rand, p float64) decision.Answer {
	switch x := r.Float64(); {
	case x < p:
		return decision.Yes
	case x < p+(1-p)*0.6:
		return decision.Unsure
	}
	return decision.No
}

// screenAnswer is no with probability p, otherwise unsure or yes.
func screenAnswer(r *rand.Rand, p float64) decision.Answer {
	switch x := r.Float64(); {
	case x < p:
		return decision.No
	case x < p+(1-p)*0.7:
		return decision.Unsure
	}
	return decision.Yes
}

// plan makes the records to save, in the order they are saved (by
// recorded_at), without ids.
func plan(c *catalog.Catalog, o Options) []planned {
	r := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	people := max(o.N/40, 20) // each setting's pool is its share of this
	zipf := map[string]*rand.Zipf{}
	for _, s := range settings {
		zipf[s.id] = rand.NewZipf(r, 1.2, 10, uint64(max(people*s.weight/100, 10)))
	}
	var out []planned
	for len(out) < o.N {
		s := pick(r, settings, func(s settingPlan) int { return s.weight })
		// Records thin out towards End (a service reducing restraint):
		// most spread evenly over the year, the rest more in its first
		// months.
		u := r.Float64()
		if r.Float64() < 0.35 {
			u = math.Sqrt(u)
		}
		age := time.Duration(float64(365*24*time.Hour) * u)
		at := o.End.Add(-age - time.Duration(r.IntN(3600))*time.Second).Truncate(time.Second)
		d := newDecision(c, r, s, zipf[s.id], at)
		first := len(out)
		out = append(out, planned{d: d, prev: -1})
		// Its reviews: made on time or late, or not made; a review may
		// end the restriction.
		prev, prevD := first, d
		for step := 0; step < 6 && !register.Ended(prevD); step++ {
			if r.Float64() < 0.3 {
				break // no review made: missing, or not yet due
			}
			due := assess.ReviewDue(prevD, assess.Derive(c, prevD, prevD.RecordedAt.Time()))
			gap := due.Sub(prevD.RecordedAt.Time())
			var when time.Time
			if r.Float64() < 0.8 {
				when = prevD.RecordedAt.Time().Add(time.Duration(float64(gap) * (0.3 + 0.7*r.Float64())))
			} else {
				when = due.Add(time.Hour + time.Duration(r.IntN(72*3600))*time.Second)
			}
			when = when.Truncate(time.Second)
			if !when.After(prevD.RecordedAt.Time()) {
				when = prevD.RecordedAt.Time().Add(time.Minute)
			}
			if !when.Before(o.End) {
				break // not made yet
			}
			next := review(r, prevD, when)
			out = append(out, planned{d: next, prev: prev})
			prev, prevD = len(out)-1, next
		}
	}
	out = out[:o.N]
	// Save order is time order; a review is always after what it reviews.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Or(out[a].d.RecordedAt.Time().Compare(out[b].d.RecordedAt.Time()), a-b)
	})
	where := make([]int, len(out))
	for newI, oldI := range idx {
		where[oldI] = newI
	}
	sorted := make([]planned, len(out))
	for newI, oldI := range idx {
		p := out[oldI]
		if p.prev >= 0 {
			p.prev = where[p.prev]
		}
		sorted[newI] = p
	}
	return sorted
}

func newDecision(c *catalog.Catalog, r *rand.Rand, s settingPlan, people *rand.Zipf, at time.Time) *decision.Decision {
	d := decision.New(at)
	d.Setting = decision.Enum(s.id)
	d.DecidedBy = decision.DecidedBy{Role: one(r, []string{"Nurse in charge", "Ward manager", "Deputy head", "Registered manager", "Consultant"})}
	d.Person.Ref = fmt.Sprintf("%s-%04d", s.prefix, people.Uint64()+1)
	d.Person.Age = "adult"
	if s.child {
		d.Person.Age = "child"
	}
	d.Person.Capacity = decision.Enum(pick(r, []kindWeight{{"has", 50}, {"lacks", 40}, {"unknown", 10}}, func(k kindWeight) int { return k.weight }).kind)
	d.Person.Objects = screenAnswer(r, 0.7) // mostly no; sometimes unsure or yes
	kind := pick(r, s.kinds, func(k kindWeight) int { return k.weight }).kind
	blanket := r.Float64() < 0.03
	if blanket {
		kind = one(r, blanketKinds)
		d.Restriction.Scope = decision.Enum(one(r, []string{"group", "group", "everyone"}))
		d.Person.Ref = fmt.Sprintf("%s unit residents", s.prefix)
		d.Restriction.Description = one(r, blanketDescriptions)
		if r.Float64() < 0.6 {
			d.Restriction.BlanketJustification = "Several incidents this month; reviewed weekly with the residents' meeting."
		}
	} else {
		d.Restriction.Description = one(r, descriptions[kind])
	}
	if kind == "covert-medication" && r.Float64() < 0.9 {
		d.Person.Capacity = "lacks"
	}
	k, _ := c.Kind(kind)
	d.Restriction.Kind = decision.Enum(kind)
	d.Restriction.Reason = one(r, reasons)
	d.Restriction.Stage = decision.Enum(pick(r, []kindWeight{{"proposed", 40}, {"in-place", 30}, {"past", 30}}, func(k kindWeight) int { return k.weight }).kind)
	if k != nil && k.Intensity == catalog.High && !k.NeverEmergency && r.Float64() < 0.6 {
		d.Restriction.Emergency = decision.Yes
	}
	if r.Float64() < 0.3 {
		d.Restriction.Ongoing = decision.Yes
	}
	if r.Float64() < 0.9 {
		d.Restriction.Duration = decision.NewDuration(catalog.Duration(time.Duration(1+r.IntN(48)) * time.Hour))
	}
	d.Screen = decision.Screen{
		Degrading: screenAnswer(r, 0.97), RiskToLife: screenAnswer(r, 0.96), Discriminatory: screenAnswer(r, 0.98),
		Punitive: screenAnswer(r, 0.97), DeprivationOfLiberty: screenAnswer(r, 0.85),
	}
	if k != nil {
		for _, a := range k.Rights {
			d.Rights = append(d.Rights, decision.RightRef{Article: a})
		}
	}
	if r.Float64() < 0.9 {
		d.Views.Person = one(r, views)
	}
	bases := s.bases[kind]
	if bases == nil {
		bases = s.bases[""]
	}
	d.Test.Lawful = decision.Lawful{Answer: answer(r, 0.94)}
	if r.Float64() < 0.95 {
		basis := one(r, bases)
		// Mental capacity law is for a person who lacks capacity: most
		// records of a person who has it give their consent instead.
		if b, ok := c.Basis(basis); ok && b.Capacity == "lacks" && d.Person.Capacity == "has" && r.Float64() < 0.8 {
			basis = "consent"
		}
		d.Test.Lawful.Basis = decision.StringList{basis}
	}
	d.Test.Justified = decision.Part{Answer: answer(r, 0.92)}
	d.Test.Proportionate = decision.Part{Answer: answer(r, 0.9)}
	d.Test.LeastRestrictive = decision.LeastRestrictive{Answer: answer(r, 0.86)}
	if r.Float64() < 0.9 {
		d.Test.LeastRestrictive.Alternatives = decision.StringList(one(r, alternatives))
	}
	if k != nil && r.Float64() < 0.92 {
		d.Review.Within = decision.NewDuration(k.ReviewWithin)
		d.Review.By = d.DecidedBy.Role
	}
	if d.Restriction.Stage == "past" && r.Float64() < 0.6 {
		d.Review = decision.Review{}
	}
	return d
}

// review is a review of prev made at when, as `records review` makes it: the
// same answers, sometimes ending the restriction.
func review(r *rand.Rand, prev *decision.Decision, when time.Time) *decision.Decision {
	next := *prev
	next.ID, next.Outcome, next.Rationale = "", nil, ""
	next.RecordedAt = decision.NewTime(when)
	next.Rights = slices.Clone(prev.Rights)
	if r.Float64() < 0.4 {
		next.EndedAt = decision.NewTime(when)
		next.Restriction.Stage = "past"
		next.Review = decision.Review{}
		return &next
	}
	next.Restriction.Stage = "in-place"
	if !next.Review.Within.Set && next.Review.At.IsZero() {
		next.Review.Within = decision.NewDuration(catalog.Duration(24 * time.Hour))
	}
	// Safeguards improve at review, sometimes.
	if r.Float64() < 0.5 {
		next.Test.Lawful.Answer = decision.Yes
		next.Test.LeastRestrictive.Answer = decision.Yes
		next.Test.Proportionate.Answer = decision.Yes
	}
	return &next
}

// record is a planned decision assessed and rendered, ready to save.
func record(c *catalog.Catalog, d *decision.Decision, loc *time.Location) *decision.Decision {
	o := assess.Evaluate(c, d, d.RecordedAt.Time())
	return render.Record(c, d, o, loc)
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Decisions makes the records in memory, in save order, each with its
// outcome (but no rationale) and an id that is unique but not the one the
// register would give (which digests the record's canonical form, the slow
// part of making a record): for measuring the figures alone.
func Decisions(c *catalog.Catalog, o Options) []*decision.Decision {
	p := plan(c, o)
	out := make([]*decision.Decision, len(p))
	for i, pl := range p {
		d := pl.d
		if pl.prev >= 0 {
			d.Supersedes = out[pl.prev].ID
		}
		outcome := assess.Evaluate(c, d, d.RecordedAt.Time())
		d.Outcome = &outcome
		d.ID = fmt.Sprintf("RA-%s-%06x", d.RecordedAt.Time().UTC().Format("20060102-150405"), i)
		out[i] = d
	}
	return out
}

// Save makes the records and saves each through reg, in order; slow for a
// large register (see the package doc), but the reference for Write.
func Save(reg register.Register, c *catalog.Catalog, o Options) error {
	p := plan(c, o)
	ids := make([]string, len(p))
	for i, pl := range p {
		if pl.prev >= 0 {
			pl.d.Supersedes = ids[pl.prev]
		}
		id, err := reg.Save(record(c, pl.d, o.loc()))
		if err != nil {
			return err
		}
		ids[i] = id
	}
	return nil
}

// writeOne makes record i (its chain's earlier records are made) and writes
// its file.
func writeOne(dir string, c *catalog.Catalog, o Options, p []planned, i int, ids, sums []string) error {
	pl := p[i]
	if pl.prev >= 0 {
		pl.d.Supersedes = ids[pl.prev]
	}
	rec := record(c, pl.d, o.loc())
	rec.ID = ""
	body := decision.Canonical(rec)
	sum := sha256.Sum256(body)
	id := "RA-" + rec.RecordedAt.Time().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(sum[:])[:6]
	data, err := withID(body, id)
	if err != nil {
		return err
	}
	ds := sha256.Sum256(data)
	ids[i], sums[i] = id, hex.EncodeToString(ds[:])
	path := filepath.Join(dir, id+".yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return os.Chmod(path, 0o600) // whatever the umask
}

// withID returns the canonical form of a record with its id, from the form
// without: the id comes straight after the schema, and an id needs no
// quoting beyond the single quotes of every id, so this is what encoding the
// record again would write (Write's test checks it against the register),
// for half the cost.
func withID(body []byte, id string) ([]byte, error) {
	first, rest, ok := bytes.Cut(body, []byte("\n"))
	if !ok || !bytes.HasPrefix(first, []byte("schema: ")) {
		return nil, errors.New("synth: the canonical form no longer starts with the schema")
	}
	out := make([]byte, 0, len(body)+len(id)+8)
	out = append(append(out, first...), '\n')
	out = append(append(append(out, "id: '"...), id...), "'\n"...)
	return append(out, rest...), nil
}

// chainLine is one line of chain.log, as the register writes it.
type chainLine struct {
	Seq    int    `json:"seq"`
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Prev   string `json:"prev"`
}

// Write makes the records and writes them into dir (created, 0700; it must
// hold no register yet) as the register saves them: each record's canonical
// file (0600) named by its id, and chain.log in save order. Files are not
// synced one by one: this is test data.
func Write(dir string, c *catalog.Catalog, o Options) error {
	if _, err := os.Stat(filepath.Join(dir, "chain.log")); err == nil {
		return fmt.Errorf("%s already holds a register", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	p := plan(c, o)
	// Chains are made in parallel; each chain in order, because a review
	// names the id of the record it reviews.
	next := make([]int, len(p))
	for i := range next {
		next[i] = -1
	}
	var heads []int
	for i, pl := range p {
		if pl.prev >= 0 {
			next[pl.prev] = i
		} else {
			heads = append(heads, i)
		}
	}
	ids := make([]string, len(p))
	sums := make([]string, len(p))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	work := make(chan int)
	// Twice as many workers as CPUs: writing a small file can take as long
	// as making it, on a slow disk.
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := range work {
				for i := h; i >= 0; i = next[i] {
					if err := writeOne(dir, c, o, p, i, ids, sums); err != nil {
						mu.Lock()
						firstErr = cmp.Or(firstErr, err)
						mu.Unlock()
						break
					}
				}
			}
		}()
	}
	for _, h := range heads {
		work <- h
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			// Two records in the same second with the same six digits: the
			// register would lengthen the second id. Rare enough to refuse.
			return errors.New("two synthetic records share an id: try another seed")
		}
		seen[id] = true
	}
	var log []byte
	prev := "0000000000000000000000000000000000000000000000000000000000000000"
	for i, id := range ids {
		line, _ := json.Marshal(chainLine{Seq: i + 1, ID: id, SHA256: sums[i], Prev: prev})
		s := sha256.Sum256(line)
		prev = hex.EncodeToString(s[:])
		log = append(append(log, line...), '\n')
	}
	return os.WriteFile(filepath.Join(dir, "chain.log"), log, 0o600)
}

// Cached returns the folder of a register made with o, kept under root (the
// system's temporary folder when root is empty) so later runs reuse it, and
// whether it was made by this call. Its name holds a fingerprint of the
// generator and the record format (the chain of a tiny register made the
// same way), so a change to either makes a new one. Writing 100,000 records
// takes a few minutes.
func Cached(root string, c *catalog.Catalog, o Options) (dir string, made bool, err error) {
	tinyDir, err := os.MkdirTemp("", "rightsaid-synth-")
	if err != nil {
		return "", false, err
	}
	defer os.RemoveAll(tinyDir)
	tiny := o
	tiny.N = 5
	if err := Write(filepath.Join(tinyDir, "r"), c, tiny); err != nil {
		return "", false, err
	}
	chain, err := os.ReadFile(filepath.Join(tinyDir, "r", "chain.log"))
	if err != nil {
		return "", false, err
	}
	sum := sha256.Sum256(chain)
	if root == "" {
		root = os.TempDir()
	}
	dir = filepath.Join(root, "rightsaid-bench-"+strconv.Itoa(o.N)+"-"+hex.EncodeToString(sum[:])[:12])
	if _, err := os.Stat(filepath.Join(dir, "chain.log")); err == nil {
		return dir, false, nil
	}
	tmp := dir + ".partial"
	if err := os.RemoveAll(tmp); err != nil {
		return "", false, err
	}
	if err := Write(tmp, c, o); err != nil {
		return "", false, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", false, err
	}
	return dir, true, nil
}

// Example is a seclusion on a mental health ward in England, recorded at
// 14:00 on 23 November 2026 with an amber outcome, edited by edit (when not
// nil): one small, complete record, for tests of the readers of records.
func Example(edit func(*decision.Decision)) *decision.Decision {
	d := decision.New(time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC))
	d.ID = "RA-20261123-140000-abcdef"
	d.Setting, d.Nation = "mental-health-inpatient", "england"
	d.Person.Ref, d.Person.Age, d.Person.Capacity = "P-0101", "adult", "has"
	d.Restriction.Kind, d.Restriction.Description, d.Restriction.Reason, d.Restriction.Stage = "seclusion", "Seclusion.", "Assault.", "proposed"
	d.Screen = decision.Screen{Degrading: "no", RiskToLife: "no", Discriminatory: "no", Punitive: "no", DeprivationOfLiberty: "no"}
	d.Rights = []decision.RightRef{{Article: "3"}, {Article: "8"}}
	d.Test.Lawful.Answer, d.Test.Justified.Answer, d.Test.Proportionate.Answer, d.Test.LeastRestrictive.Answer = "yes", "yes", "yes", "yes"
	d.Review.Within = decision.NewDuration(catalog.Duration(2 * time.Hour))
	d.Outcome = &decision.Outcome{Light: "amber", Verdict: "proceed-with-safeguards", ReviewDue: time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC),
		Reasons: []decision.Reason{{Rule: "A5", Text: "Seclusion is a high-intensity restriction."}}}
	// A rationale that looks like keys: a reader must not take it for them.
	d.Rationale = "RECORD\n  outcome: ignored\nlight: 'red'\n"
	if edit != nil {
		edit(d)
	}
	return d
}
