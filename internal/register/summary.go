package register

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// Summary is what the commands that list, count and chart records need to
// know about one: `records list`, `records due` and `report`. A large
// register is read as summaries, far faster than as decisions.
type Summary struct {
	ID         string
	Supersedes string
	RecordedAt time.Time
	// Ended is [Ended]: the record closes its chain.
	Ended   bool
	Setting string
	// Unit is the ward, home or team within the setting (free text).
	Unit   string
	Kind   string
	Stage  string
	Scope  string
	Person string
	// Description and Justification (the blanket justification) are kept
	// for blanket rules only: a report shows them nowhere else, and a large
	// register need not hold every description in memory.
	Description   string
	Justification string
	Rights        []string
	Light         string
	Verdict       string
	ReviewDue     time.Time
	Rules         []string
}

// IsBlanket reports whether the record is a rule for a group or everyone.
func (s *Summary) IsBlanket() bool { return s.Scope == "group" || s.Scope == "everyone" }

// SummaryOf returns the summary of a decision with the outcome o (its
// stored outcome, for a record).
func SummaryOf(d *decision.Decision, o decision.Outcome) Summary {
	s := Summary{
		ID:         d.ID,
		Supersedes: d.Supersedes,
		RecordedAt: d.RecordedAt.Time(),
		Ended:      Ended(d),
		Setting:    string(d.Setting),
		Unit:       d.Unit,
		Kind:       string(d.Restriction.Kind),
		Stage:      string(d.Restriction.Stage),
		Scope:      string(d.Restriction.Scope),
		Person:     d.Person.Ref,
		Light:      o.Light,
		Verdict:    o.Verdict,
		ReviewDue:  o.ReviewDue,
	}
	if s.IsBlanket() {
		s.Description, s.Justification = d.Restriction.Description, d.Restriction.BlanketJustification
	}
	for _, ref := range d.Rights {
		if ref.Article != "" {
			s.Rights = append(s.Rights, ref.Article)
		}
	}
	for _, reason := range o.Reasons {
		s.Rules = append(s.Rules, reason.Rule)
	}
	return s
}

// Listed is a record's summary with its place in its chain.
type Listed struct {
	Summary
	// SupersededBy is the id of the record that reviews this one, if any.
	SupersededBy string
}

// Latest reports whether no record supersedes this one.
func (l Listed) Latest() bool { return l.SupersededBy == "" }

// Summaries returns the summary of every record, in the order All returns
// them: through the register's own fast reader where it has one (the folder
// register's), otherwise from All.
//
// A folder register's records that cannot be read are left out, and named in
// an [UnreadableError] returned with the others.
func Summaries(r Register) ([]Summary, error) {
	if fast, ok := r.(interface{ Summaries() ([]Summary, error) }); ok {
		return fast.Summaries()
	}
	all, err := r.All()
	if err != nil {
		return nil, err
	}
	out := make([]Summary, len(all))
	for i, d := range all {
		var o decision.Outcome
		if d.Outcome != nil {
			o = *d.Outcome
		}
		out[i] = SummaryOf(d, o)
	}
	return out, nil
}

// List returns the summary of every record with its place in its chain, in
// saved order.
func List(r Register) ([]Listed, error) {
	sums, err := Summaries(r)
	var unread *UnreadableError
	if err != nil && !errors.As(err, &unread) {
		return nil, err
	}
	by := make(map[string]string, len(sums))
	for _, s := range sums {
		if s.Supersedes != "" {
			by[s.Supersedes] = s.ID
		}
	}
	out := make([]Listed, len(sums))
	for i, s := range sums {
		out[i] = Listed{Summary: s, SupersededBy: by[s.ID]}
	}
	if unread != nil {
		return out, unread
	}
	return out, nil
}

// Summaries reads the summary of every record, in the order All returns
// them, and fails on the same unreadable record All fails on; but it is
// many times faster (see [ReadSummaries]).
func (r *Dir) Summaries() ([]Summary, error) {
	return ReadSummaries(r.catalog, os.DirFS(r.dir), r.dir)
}

// Due returns the latest, not-ended record of each chain whose stored
// review_due is at or before now plus within, soonest first, as [DueBy]
// does over every entry; but it reads every record as a summary, and only
// the records due in full. Records that cannot be read are left out, and
// named in an [UnreadableError] returned with the reviews due.
func (r *Dir) Due(now time.Time, within time.Duration) ([]Due, error) {
	list, err := List(r)
	unread := &UnreadableError{}
	if err != nil && !errors.As(err, &unread) {
		return nil, err
	}
	limit := now.Add(within)
	var out []Due
	for _, l := range list {
		if !l.Latest() || l.Ended || l.Light == "" || l.ReviewDue.After(limit) {
			continue
		}
		d, err := r.Get(l.ID)
		if err != nil {
			// Changed since it was summarised a moment ago.
			unread.Records = append(unread.Records, l.ID)
			unread.Errs = append(unread.Errs, fmt.Errorf("read %s.yaml: %w", l.ID, err))
			continue
		}
		if d.Outcome == nil || Ended(d) {
			continue // cannot be: the summary said otherwise
		}
		out = append(out, Due{Record: d, Due: d.Outcome.ReviewDue, Overdue: now.Sub(d.Outcome.ReviewDue)})
	}
	sortDue(out)
	if len(unread.Errs) > 0 {
		return out, unread
	}
	return out, nil
}

// ReadSummaries reads the summary of every record of a folder register:
// fsys is the register's folder, and dir names it in messages. It reads the
// same records as [Dir.All], in the same order, and fails on the same
// unreadable record, but much faster: files are read in parallel, and a
// record whose bytes match the digest chain.log holds for it (so it is
// exactly what the register wrote, in the canonical form) is read with a
// scanner of that form instead of the strict YAML decoder. Every other record
// (edited, added by hand, or in a form the scanner does not expect) is
// decoded strictly, as All does.
//
// Reading is the slow part of listing or reporting on a large register:
// decoding a record strictly takes about half a millisecond, mostly in the
// YAML parser.
func ReadSummaries(c *catalog.Catalog, fsys fs.FS, dir string) ([]Summary, error) {
	chain, err := chainDigests(fsys)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read the register: %w", err)
	}
	var names []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && validID(id) {
			names = append(names, e.Name())
		}
	}
	sums := make([]Summary, len(names))
	errs := make([]error, len(names))
	sc := newScanner(c)
	// Opening and reading a small file mostly waits (on the disk, or on the
	// hypervisor): several readers a CPU keep the CPUs busy. Each reader
	// reuses its buffer, so 100,000 records do not make 100,000 garbage
	// buffers.
	parallelIO(len(names), func() func(i int) {
		var buf []byte
		return func(i int) {
			name := names[i]
			var err error
			buf, err = readMost(fsys, name, buf[:0])
			if err != nil {
				errs[i] = fmt.Errorf("read %s: %w", name, err)
				return
			}
			id := strings.TrimSuffix(name, ".yaml")
			if want, ok := chain.digests[id]; ok && sha256.Sum256(buf) == want {
				if s, ok := sc.scan(buf); ok {
					sums[i] = s
					return
				}
			}
			// Not as the register wrote it (or read short): read it all,
			// and decode it strictly.
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs[i] = fmt.Errorf("read %s: %w", name, err)
				return
			}
			s, err := decodeSummary(c, path.Join(dir, name), data)
			if err != nil {
				errs[i] = err // names the file, line and field
				return
			}
			sums[i] = s
		}
	})
	var unread UnreadableError
	for i, err := range errs {
		if err != nil {
			unread.Records = append(unread.Records, strings.TrimSuffix(names[i], ".yaml"))
			unread.Errs = append(unread.Errs, err)
		}
	}
	if len(unread.Errs) > 0 {
		sums = slices.DeleteFunc(sums, func(s Summary) bool { return s.ID == "" })
	}
	// All's order: the chain's, then the records not in it by id (names
	// are in id order already).
	slices.SortStableFunc(sums, func(a, b Summary) int {
		ia, aok := chain.order[a.ID]
		ib, bok := chain.order[b.ID]
		switch {
		case aok && bok:
			return ia - ib
		case aok:
			return -1
		case bok:
			return 1
		}
		return 0
	})
	if len(unread.Errs) > 0 {
		return sums, &unread
	}
	return sums, nil
}

// UnreadableError is records that could not be read (a file edited by hand
// into invalid YAML, or one the user may not read). Summaries, List and
// Dir.Due return it with everything else they read: a list or the reviews
// due are still shown, with the records left out named.
type UnreadableError struct {
	Records []string // ids
	Errs    []error  // why, one for each
}

func (e *UnreadableError) Error() string {
	var b strings.Builder
	if len(e.Records) == 1 {
		b.WriteString("1 record cannot be read:")
	} else {
		fmt.Fprintf(&b, "%d records cannot be read:", len(e.Records))
	}
	for i, err := range e.Errs {
		if i == 10 {
			fmt.Fprintf(&b, "\n  and %d more", len(e.Errs)-i)
			break
		}
		b.WriteString("\n  " + firstLine(err))
	}
	return b.String()
}

// decodeSummary decodes a record strictly, with its stored outcome, as the
// register reads it.
func decodeSummary(c *catalog.Catalog, name string, data []byte) (Summary, error) {
	d, err := decision.Decode(c, name, data, decision.Options{})
	if err != nil {
		return Summary{}, err
	}
	o, _, err := d.ReadStoredOutcome()
	if err != nil {
		return Summary{}, err
	}
	return SummaryOf(d, o), nil
}

// readMost reads a file into buf, growing it while reads fill it. It
// takes a read that does not fill the buffer for the end of the file (true
// of regular files), which saves two system calls a file (a stat, and a read
// that finds the end): a file read short fails its digest, and is read
// again in full.
func readMost(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	if cap(buf) < 16<<10 {
		buf = make([]byte, 0, 16<<10)
	}
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		case len(buf) < cap(buf):
			return buf, nil
		}
		buf = append(buf, 0)[:len(buf)] // full: grow, and read on
	}
}

// parallelIO runs the function each reader makes for 0..n-1, with several
// readers a CPU (at least 8).
func parallelIO(n int, reader func() func(i int)) {
	readers := min(max(4*runtime.GOMAXPROCS(0), 8), n)
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	const batch = 32
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			read := reader()
			for {
				lo := int(next.Add(batch)) - batch
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					read(i)
				}
			}
		}()
	}
	wg.Wait()
}

// chainIndex is what chain.log says of each record: the digest of its file,
// and its place in the chain.
type chainIndex struct {
	digests map[string][32]byte
	order   map[string]int
}

// chainDigests reads the digest and place chain.log holds for each record; a
// line it cannot read is left out (its record is then decoded strictly, and
// placed after the chain's).
func chainDigests(fsys fs.FS) (chainIndex, error) {
	data, err := fs.ReadFile(fsys, chainFile)
	if errors.Is(err, fs.ErrNotExist) {
		return chainIndex{}, nil
	}
	if err != nil {
		return chainIndex{}, fmt.Errorf("read the chain: %w", err)
	}
	n := bytes.Count(data, []byte{'\n'})
	ix := chainIndex{digests: make(map[string][32]byte, n), order: make(map[string]int, n)}
	i := 0
	for line := range bytes.Lines(data) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		i++
		id, sum, ok := chainEntry(line)
		if !ok {
			var l struct {
				ID     string `json:"id"`
				SHA256 string `json:"sha256"`
			}
			if json.Unmarshal(line, &l) != nil {
				continue
			}
			if _, err := hex.Decode(sum[:], []byte(l.SHA256)); err != nil || len(l.SHA256) != 64 {
				continue
			}
			id = l.ID
		}
		ix.digests[id] = sum
		ix.order[id] = i
	}
	return ix, nil
}

// chainEntry reads the id and digest of a chain line as the register writes
// it, {"seq":1,"id":"RA-...","sha256":"<64 hex>","prev":"..."}, without a
// JSON decoder; ok is false for a line written any other way.
func chainEntry(line []byte) (id string, sum [32]byte, ok bool) {
	_, rest, found := bytes.Cut(line, []byte(`,"id":"`))
	if !found {
		return "", sum, false
	}
	rawID, rest, found := bytes.Cut(rest, []byte(`","sha256":"`))
	if !found || len(rest) < 64 || bytes.ContainsAny(rawID, `"\`) {
		return "", sum, false
	}
	if _, err := hex.Decode(sum[:], rest[:64]); err != nil || !bytes.HasPrefix(rest[64:], []byte(`","prev":"`)) {
		return "", sum, false
	}
	return string(rawID), sum, true
}
