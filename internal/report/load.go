package report

import (
	"bytes"
	"errors"
	"regexp"
	"runtime"
	"strconv"
	"sync"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
)

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
