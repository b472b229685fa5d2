package pg

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// parse decodes a stored record, with its stored outcome and rationale, as
// the folder register does.
func (r *Register) parse(id string, data []byte) (*decision.Decision, error) {
	return register.ParseRecord(r.catalog, id+".yaml (in the database)", data)
}

// Get returns one record.
func (r *Register) Get(id string) (*decision.Decision, error) {
	id = strings.TrimSpace(id)
	if !validID(id) {
		return nil, fmt.Errorf("%q: %w (ids look like RA-20261123-140200-3f9a1c)", id, register.ErrNotFound)
	}
	data, err := r.document(id)
	if err != nil {
		return nil, err
	}
	return r.parse(id, data)
}

// document returns a record's stored bytes.
func (r *Register) document(id string) ([]byte, error) {
	ctx, conn, done, err := r.session(false)
	if err != nil {
		return nil, err
	}
	defer done()
	rows, err := query(ctx, conn, "SELECT document FROM records WHERE id = $1", []int16{binaryFormat}, id)
	if err != nil {
		return nil, r.explain("read "+id, err, false)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: %w", id, register.ErrNotFound)
	}
	return rows[0][0], nil
}

// stored is a record's id and bytes.
type stored struct {
	ID   string
	Data []byte
}

// documents returns every record's bytes in chain order.
func (r *Register) documents() ([]stored, error) {
	ctx, conn, done, err := r.session(true)
	if err != nil {
		return nil, err
	}
	defer done()
	rollback, err := r.beginWholeRead(ctx, conn)
	defer rollback()
	if err != nil {
		return nil, r.explain("read the register", err, false)
	}
	rows, err := query(ctx, conn, "SELECT id, document FROM records ORDER BY seq", []int16{textFormat, binaryFormat})
	if err != nil {
		return nil, r.explain("read the register", err, false)
	}
	out := make([]stored, len(rows))
	for i, row := range rows {
		out[i] = stored{ID: string(row[0]), Data: row[1]}
	}
	return out, nil
}

// All returns every record in the order they were saved.
func (r *Register) All() ([]*decision.Decision, error) {
	docs, err := r.documents()
	if err != nil {
		return nil, err
	}
	return r.parseAll(docs)
}

// parseAll decodes stored records on every core, in order.
func (r *Register) parseAll(docs []stored) ([]*decision.Decision, error) {
	out := make([]*decision.Decision, len(docs))
	errs := make([]error, len(docs))
	parallel(len(docs), func(i int) { out[i], errs[i] = r.parse(docs[i].ID, docs[i].Data) })
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", docs[i].ID, err)
		}
	}
	return out, nil
}

// parallel calls fn(0) ... fn(n-1) on every core: decoding a record is most of
// the work of reading a large register.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Digests returns the SHA-256 of every record's stored bytes, by id: what
// a copy needs to know to skip the records already here.
func (r *Register) Digests() (map[string]string, error) {
	ctx, conn, done, err := r.session(false)
	if err != nil {
		return nil, err
	}
	defer done()
	rows, err := query(ctx, conn, "SELECT id, sha256 FROM records", nil)
	if err != nil {
		return nil, r.explain("read the register", err, false)
	}
	out := make(map[string]string, len(rows))
	for _, row := range rows {
		out[string(row[0])] = string(row[1])
	}
	return out, nil
}

// Due returns the reviews due by now plus within, as register.DueBy does
// over every record, but found by the database on its index of open
// records: only the records due are read and decoded.
func (r *Register) Due(now time.Time, within time.Duration) ([]register.Due, error) {
	r.mu.Lock()
	ctx, cancel := r.context()
	defer cancel()
	conn, err := r.connect(ctx)
	if err != nil {
		r.mu.Unlock()
		return nil, err
	}
	rows, err := query(ctx, conn, `SELECT r.id, r.document FROM records r
		WHERE NOT r.ended AND (r.review_due <= $1 OR r.review_due IS NULL)
		AND NOT EXISTS (SELECT 1 FROM records s WHERE s.supersedes = r.id)
		ORDER BY r.review_due NULLS FIRST, r.seq`, []int16{textFormat, binaryFormat}, now.Add(within))
	r.mu.Unlock()
	if err != nil {
		return nil, r.explain("read the reviews due", err, false)
	}
	docs := make([]stored, len(rows))
	for i, row := range rows {
		docs[i] = stored{ID: string(row[0]), Data: row[1]}
	}
	recs, err := r.parseAll(docs)
	if err != nil {
		return nil, err
	}
	out := make([]register.Due, 0, len(recs))
	for _, d := range recs {
		if d.Outcome == nil {
			continue
		}
		due := d.Outcome.ReviewDue
		out = append(out, register.Due{Record: d, Due: due, Overdue: now.Sub(due)})
	}
	return out, nil
}
