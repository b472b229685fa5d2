package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

// LoadDir reads every record of a folder register: fsys is the register's
// folder, and dir names it in messages. It reads the same records as
// register.Dir.All, and fails on the same unreadable record, but much faster:
// files are read in parallel, and a record whose bytes match the digest
// chain.log holds for it (so it is exactly what the register wrote, in the
// canonical form) is read with a scanner of that form instead of the strict
// YAML decoder. Every other record (edited, added by hand, or in a form the
// scanner does not expect) is decoded strictly, as All does.
//
// Reading is the slow part of a report over a large register: decoding a
// record strictly takes about half a millisecond, mostly in the YAML parser.
func LoadDir(c *catalog.Catalog, fsys fs.FS, dir string) ([]Record, error) {
	digests, err := chainDigests(fsys)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read the register: %w", err)
	}
	var names []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && recordID(id) {
			names = append(names, e.Name())
		}
	}
	recs := make([]Record, len(names))
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
			if want, ok := digests[id]; ok && sha256.Sum256(buf) == want {
				if r, ok := sc.scan(buf); ok {
					recs[i] = r
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
			r, err := decodeRecord(c, path.Join(dir, name), data)
			if err != nil {
				errs[i] = fmt.Errorf("read %s: %w", name, err)
				return
			}
			recs[i] = r
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return recs, nil
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

// recordID reports whether id has the shape of a record id, as the register
// checks before it reads a file.
func recordID(id string) bool {
	if !strings.HasPrefix(id, "RA-") || len(id) < len("RA-20261123-140200-3f9a1c") || len(id) > 100 {
		return false
	}
	for _, c := range id[3:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-') {
			return false
		}
	}
	return true
}

// chainDigests reads the digest chain.log holds for each record; a line it
// cannot read is left out (its record is then decoded strictly).
func chainDigests(fsys fs.FS) (map[string][32]byte, error) {
	data, err := fs.ReadFile(fsys, "chain.log")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the chain: %w", err)
	}
	out := make(map[string][32]byte, bytes.Count(data, []byte{'\n'}))
	for line := range bytes.Lines(data) {
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
		out[id] = sum
	}
	return out, nil
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

// decodeRecord decodes a record strictly, with its stored outcome, as the
// register reads it.
func decodeRecord(c *catalog.Catalog, name string, data []byte) (Record, error) {
	d, err := decision.Decode(c, name, data, decision.Options{})
	if err != nil {
		return Record{}, err
	}
	o, ok, err := d.ReadStoredOutcome()
	if err != nil {
		return Record{}, err
	}
	if ok {
		d.Outcome = &o
	}
	return FromDecision(c, d), nil
}

// parallel runs fn for 0..n-1 on as many goroutines as there are CPUs.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	const batch = 64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				lo := next
				next += batch
				mu.Unlock()
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}

// ReadStream reads the records of an exported YAML stream (`records export`:
// schema-v1 documents separated by ---), read from the file name. Each
// document is decoded strictly; every problem in every document is returned
// at once, as decision.Errors, with lines counted from the top of the stream.
// A document with no outcome (an answers file) is assessed as at its
// recorded_at, which a report needs.
func ReadStream(c *catalog.Catalog, name string, data []byte) ([]Record, error) {
	docs := splitDocuments(data)
	recs := make([]Record, len(docs))
	errs := make([]error, len(docs))
	parallel(len(docs), func(i int) {
		recs[i], errs[i] = decodeRecord(c, name, docs[i].data)
		if errs[i] == nil && recs[i].RecordedAt.IsZero() {
			errs[i] = &decision.Error{File: name, Line: 1, Column: 1, Path: "recorded_at",
				Msg: "required in a report: when the decision was made"}
		}
		if errs[i] != nil {
			shiftLines(errs[i], docs[i].line-1)
		}
	})
	var problems decision.Errors
	for _, err := range errs {
		if err == nil {
			continue
		}
		var es decision.Errors
		var e *decision.Error
		switch {
		case errors.As(err, &es):
			problems = append(problems, es...)
		case errors.As(err, &e):
			problems = append(problems, e)
		default:
			return nil, err
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return recs, nil
}

// shiftLines moves the lines of a document's problems, and the lines their
// messages name ("first given on line 2"), to where the document starts in
// its stream.
func shiftLines(err error, by int) {
	shift := func(e *decision.Error) {
		if e.Line > 0 {
			e.Line += by
		}
		e.Msg = lineInMessage().ReplaceAllStringFunc(e.Msg, func(m string) string {
			n, err := strconv.Atoi(m[len("line "):])
			if err != nil {
				return m
			}
			return "line " + strconv.Itoa(n+by)
		})
	}
	var es decision.Errors
	var e *decision.Error
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			shift(e)
		}
	case errors.As(err, &e):
		shift(e)
	}
}

// lineInMessage is a line a problem's message names.
var lineInMessage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\bline [0-9]+`) })

// document is one document of a YAML stream, and the line it starts on.
type document struct {
	data []byte
	line int
}

// splitDocuments cuts a YAML stream at its document markers. YAML forbids
// "---" and "..." at the start of a line inside a document's content (even
// in a block or quoted scalar), so a line that begins with either, followed
// by a space, a tab or the end of the line, always marks a document. Text
// after "--- " on the marker's line belongs to the next document; the marker
// itself is blanked so columns stay right. Directives (%YAML) are dropped,
// and documents holding nothing but blank lines and comments are skipped.
func splitDocuments(data []byte) []document {
	var (
		docs  []document
		cur   []byte
		start = 1
		line  = 0
	)
	flush := func(next int) {
		if !blankYAML(cur) {
			docs = append(docs, document{data: cur, line: start})
		}
		cur, start = nil, next
	}
	for l := range bytes.Lines(data) {
		line++
		switch {
		case marker(l, "---"):
			flush(line)
			cur = append(cur, "   "...)
			cur = append(cur, l[3:]...)
		case marker(l, "..."):
			flush(line + 1)
		case len(l) > 0 && l[0] == '%' && len(cur) == 0:
			start = line + 1
		default:
			cur = append(cur, l...)
		}
	}
	flush(line + 1)
	return docs
}

func marker(l []byte, m string) bool {
	if !bytes.HasPrefix(l, []byte(m)) {
		return false
	}
	rest := l[len(m):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

// blankYAML reports whether a document holds only blank lines and comments.
func blankYAML(b []byte) bool {
	for l := range bytes.Lines(b) {
		t := bytes.TrimSpace(l)
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}
