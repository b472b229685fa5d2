package register

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gofrs/flock"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

const (
	chainFile   = "chain.log"
	lockFile    = ".lock"
	pendingFile = ".pending"
	zeroDigest  = "0000000000000000000000000000000000000000000000000000000000000000"
)

// LockTimeout is how long a save waits for another process's save to finish.
var LockTimeout = 10 * time.Second

// Dir is the folder register.
type Dir struct {
	dir     string
	catalog *catalog.Catalog
}

// LockError is a register another process holds for too long (a slow or
// network folder, or a stuck process).
type LockError struct {
	Dir  string
	Wait time.Duration
}

func (e *LockError) Error() string {
	return fmt.Sprintf("the register %s is busy: another rightsaid has held its lock for over %s (on a network folder, a slow disk or a stuck process); nothing was saved, try again", e.Dir, e.Wait)
}

// OpenDir opens (creating, 0700) the register in dir, and completes or drops
// a save that was interrupted.
func OpenDir(dir string, c *catalog.Catalog) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open the register: %w", err)
	}
	r := &Dir{dir: dir, catalog: c}
	_, err := os.Stat(filepath.Join(dir, pendingFile))
	pending := err == nil
	if pending || hasTemps(dir) {
		// A temporary file alone (a crash before the journal was in place)
		// is only tidied: failing to is no reason not to open.
		if err := r.locked(r.recover); err != nil && pending {
			return nil, err
		}
	}
	return r, nil
}

// Path is the register's folder.
func (r *Dir) Path() string { return r.dir }

// Close releases the register.
func (r *Dir) Close() error { return nil }

// locked runs fn holding the register's lock.
//
// It waits in the kernel (a blocking flock), not by polling: a poller only
// gets the lock if it happens to try in the moment between one save and the
// next, so with several processes saving at once it could wait out
// LockTimeout although no save held the lock for long.
func (r *Dir) locked(fn func() error) error {
	lock := flock.New(filepath.Join(r.dir, lockFile), flock.SetPermissions(0o600))
	done := make(chan error, 1)
	go func() { done <- lock.Lock() }()
	timer := time.NewTimer(LockTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("lock the register: %w", err)
		}
	case <-timer.C:
		// Give up; release the lock whenever the wait for it ends.
		go func() {
			if err := <-done; err == nil {
				lock.Unlock()
			} else {
				lock.Close()
			}
		}()
		return &LockError{Dir: r.dir, Wait: LockTimeout}
	}
	defer lock.Unlock()
	return fn()
}

// chainLine is one line of chain.log.
type chainLine struct {
	Seq    int    `json:"seq"`
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Prev   string `json:"prev"`
}

func digest(b []byte) string { return Digest(b) }

// readChain reads chain.log: its lines (raw, without newline) and parsed.
func (r *Dir) readChain() (raw [][]byte, lines []chainLine, err error) {
	data, err := os.ReadFile(filepath.Join(r.dir, chainFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read the chain: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := bytes.Clone(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var cl chainLine
		if err := json.Unmarshal(line, &cl); err != nil {
			cl = chainLine{Seq: -1}
		}
		raw = append(raw, line)
		lines = append(lines, cl)
	}
	return raw, lines, sc.Err()
}

// chainTail returns the number of lines in chain.log and the last one: all a
// save needs, without parsing every line.
func (r *Dir) chainTail() (count int, last []byte, err error) {
	data, err := os.ReadFile(filepath.Join(r.dir, chainFile))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("read the chain: %w", err)
	}
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		if len(line) > 0 {
			count++
			last = line
		}
	}
	return count, bytes.Clone(last), nil
}

// Save stores a record, as Register.Save says.
func (r *Dir) Save(rec *decision.Decision) (string, error) {
	if rec.Outcome == nil {
		return "", errors.New("save: the record has no outcome")
	}
	var id string
	err := r.locked(func() error {
		// Another process may have crashed mid-save since this one opened
		// the register: finish or drop that save first, or the chain forks.
		if _, err := os.Stat(filepath.Join(r.dir, pendingFile)); err == nil {
			if err := r.recover(); err != nil {
				return err
			}
		}
		count, last, err := r.chainTail()
		if err != nil {
			return err
		}
		if rec.Supersedes != "" {
			if err := r.checkSupersede(rec.Supersedes); err != nil {
				return err
			}
		}
		id = ""
		for _, try := range IDs(rec) {
			if _, err := os.Stat(r.recordPath(try)); errors.Is(err, fs.ErrNotExist) {
				id = try
				break
			}
		}
		if id == "" {
			return errors.New("save: cannot find a free record id")
		}
		out := *rec
		out.ID = id
		data := decision.Canonical(&out)
		prev := zeroDigest
		if last != nil {
			prev = digest(last)
		}
		line, _ := json.Marshal(chainLine{Seq: count + 1, ID: id, SHA256: digest(data), Prev: prev}) // plain struct: cannot fail
		return r.commit(id, data, line)
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// commit writes a record and its chain line so that a crash at any point
// leaves the register as it was or with the record complete: the line is
// journalled first, then the record file is put in place, then the line is
// appended, then the journal is removed.
func (r *Dir) commit(id string, data, line []byte) error {
	pending := filepath.Join(r.dir, pendingFile)
	if err := writeSynced(pending, append(line, '\n')); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if err := writeSynced(r.recordPath(id), data); err != nil {
		_ = os.Remove(pending)
		return fmt.Errorf("save: %w", err)
	}
	if err := r.appendChain(line); err != nil {
		return fmt.Errorf("save: %w (the record %s is written; the next save or verify completes its chain line)", err, id)
	}
	_ = os.Remove(pending)
	return syncDir(r.dir)
}

// recover completes or drops a save interrupted by a crash: called with the
// lock held when .pending exists.
func (r *Dir) recover() error {
	pendingPath := filepath.Join(r.dir, pendingFile)
	data, err := os.ReadFile(pendingPath)
	if err != nil {
		return removeTemps(r.dir) // no save was interrupted after its journal: only temporary files to tidy
	}
	if err := r.trimPartialLine(); err != nil {
		return err
	}
	line := bytes.TrimSpace(data)
	var cl chainLine
	if json.Unmarshal(line, &cl) != nil {
		return os.Remove(pendingPath) // the crash came while journalling: nothing else was written
	}
	raw, _, err := r.readChain()
	if err != nil {
		return err
	}
	inLog := len(raw) > 0 && bytes.Equal(raw[len(raw)-1], line)
	rec, err := os.ReadFile(r.recordPath(cl.ID))
	switch {
	case err == nil && digest(rec) == cl.SHA256 && !inLog:
		if err := r.appendChain(line); err != nil {
			return err
		}
	case err == nil && digest(rec) != cl.SHA256 && !inLog:
		// The record was not completely put in place: it never was saved.
		_ = os.Remove(r.recordPath(cl.ID))
	}
	_ = removeTemps(r.dir)
	return os.Remove(pendingPath)
}

// trimPartialLine drops a chain line cut short by a crash.
func (r *Dir) trimPartialLine() error {
	path := filepath.Join(r.dir, chainFile)
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 || data[len(data)-1] == '\n' {
		return nil
	}
	cut := bytes.LastIndexByte(data, '\n') + 1
	return os.Truncate(path, int64(cut))
}

func (r *Dir) appendChain(line []byte) error {
	f, err := os.OpenFile(filepath.Join(r.dir, chainFile), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeSynced writes a new file that must not exist yet, through a temporary
// file that is synced and then renamed into place.
func writeSynced(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("sync the register folder: %w", err)
	}
	return nil // some platforms cannot sync a folder; the rename stands
}

// hasTemps reports whether a crash left temporary files in dir.
func hasTemps(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			return true
		}
	}
	return false
}

// removeTemps removes temporary files left by a crash: called with the lock
// held, when no save is writing any.
func removeTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

func (r *Dir) recordPath(id string) string { return filepath.Join(r.dir, id+".yaml") }

// checkSupersede checks that id exists, is the latest of its chain, and that
// the chain has not ended.
func (r *Dir) checkSupersede(id string) error {
	prev, err := r.Get(id)
	if err != nil {
		return err
	}
	// Records are canonical, so a review names what it supersedes on a line
	// of its own: a plain search finds it without decoding every record.
	if by, err := r.supersededBy(id); err != nil {
		return err
	} else if by != "" {
		latest := by
		for next := by; next != ""; {
			if next, err = r.supersededBy(latest); err != nil {
				return err
			}
			if next != "" {
				latest = next
			}
		}
		return &SupersedeError{ID: id, By: by, Msg: fmt.Sprintf("%s has already been reviewed by %s: review the latest record of the chain, %s", id, by, latest)}
	}
	if !prev.EndedAt.IsZero() {
		return &SupersedeError{ID: id, Msg: fmt.Sprintf("%s records that the restriction ended: its chain is closed; start a new decision instead", id)}
	}
	if Ended(prev) {
		return &SupersedeError{ID: id, Msg: fmt.Sprintf("%s reviews a past restriction and sets no review: its chain has ended; start a new decision instead", id)}
	}
	return nil
}

// supersededBy returns the id of the record that supersedes id, if any.
func (r *Dir) supersededBy(id string) (string, error) {
	needle := []byte("\nsupersedes: '" + id + "'\n")
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		other, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || !validID(other) || other == id {
			continue
		}
		data, err := os.ReadFile(filepath.Join(r.dir, e.Name()))
		if err != nil {
			return "", err
		}
		if bytes.Contains(data, needle) {
			return other, nil
		}
	}
	return "", nil
}

// Get returns one record.
func (r *Dir) Get(id string) (*decision.Decision, error) {
	id = strings.TrimSpace(id)
	if !validID(id) {
		return nil, fmt.Errorf("%q: %w (ids look like RA-20261123-140200-3f9a1c)", id, ErrNotFound)
	}
	data, err := os.ReadFile(r.recordPath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return r.parse(id+".yaml", data)
}

func validID(id string) bool { return ValidID(id) }

// parse decodes a record file, with its stored outcome and rationale.
func (r *Dir) parse(name string, data []byte) (*decision.Decision, error) {
	return ParseRecord(r.catalog, filepath.Join(r.dir, name), data)
}

// All returns every record in the order the chain holds them; records not in
// the chain come last, by id.
func (r *Dir) All() ([]*decision.Decision, error) {
	_, lines, err := r.readChain()
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, l := range lines {
		order[l.ID] = i
	}
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return nil, fmt.Errorf("read the register: %w", err)
	}
	var out []*decision.Decision
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || !validID(id) {
			continue
		}
		d, err := r.Get(id)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", e.Name(), err)
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, iok := order[out[i].ID]
		oj, jok := order[out[j].ID]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Verify re-reads every record and the chain, as Register.Verify says.
func (r *Dir) Verify() (Report, error) {
	var rep Report
	err := r.locked(func() error {
		if err := r.recover(); err != nil {
			return err
		}
		raw, lines, err := r.readChain()
		if err != nil {
			return err
		}
		add := func(id, kind, format string, args ...any) {
			rep.Problems = append(rep.Problems, Problem{ID: id, Kind: kind, Msg: fmt.Sprintf(format, args...)})
		}
		files := map[string]bool{}
		entries, err := os.ReadDir(r.dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !strings.HasPrefix(e.Name(), ".") {
				files[id] = true
			}
		}
		inLog := map[string]bool{}
		sc := newScanner(r.catalog)
		// Each line names the digest of the line before it, by seq. A line
		// is out of place when its seq is not its position, or when no line
		// with the seq before its own has the digest it names; so two lines
		// swapped are named, and not the line after them, which still
		// follows the line it always followed.
		bySeq := map[int][]string{0: {zeroDigest}}
		for i, l := range lines {
			if l.Seq >= 1 {
				bySeq[l.Seq] = append(bySeq[l.Seq], digest(raw[i]))
			}
		}
		for i, l := range lines {
			switch {
			case l.Seq < 0:
				add("", Chain, "chain.log line %d cannot be read: the log was edited", i+1)
				continue
			case l.Seq != i+1:
				add(l.ID, Reordered, "%s: chain line %d says seq %d: the log was reordered or had a line removed", l.ID, i+1, l.Seq)
			case !slices.Contains(bySeq[l.Seq-1], l.Prev):
				add(l.ID, Reordered, "%s: its chain line %d does not follow the line before it: the log was edited, reordered or had a line removed", l.ID, i+1)
			}
			inLog[l.ID] = true
			data, err := os.ReadFile(r.recordPath(l.ID))
			if err != nil {
				add(l.ID, Removed, "%s is in the chain but its file is missing", l.ID)
				continue
			}
			rep.Records++
			if digest(data) != l.SHA256 {
				add(l.ID, Edited, "%s was changed after it was saved (its digest does not match the chain)", l.ID)
				continue
			}
			// A record as the register wrote it reads with the scanner; only
			// one it gives up on is decoded strictly (ten times slower).
			if _, ok := sc.scan(data); ok {
				continue
			}
			if _, err := r.parse(l.ID+".yaml", data); err != nil {
				add(l.ID, Unreadable, "%s cannot be read: %v", l.ID, firstLine(err))
			}
		}
		for id := range files {
			if !inLog[id] {
				rep.Records++
				add(id, Inserted, "%s is in the folder but not in the chain: it was added by hand", id)
			}
		}
		sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].ID < rep.Problems[j].ID })
		if len(raw) > 0 {
			rep.Head = digest(raw[len(raw)-1])
		} else {
			rep.Head = zeroDigest
		}
		return nil
	})
	return rep, err
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func sortDue(d []Due) {
	sort.SliceStable(d, func(i, j int) bool { return d[i].Due.Before(d[j].Due) })
}
