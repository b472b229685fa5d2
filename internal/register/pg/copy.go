package pg

import (
	"fmt"
	"strings"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// CopyResult is what Copy did.
type CopyResult struct {
	Copied  int             // records added to the destination
	Skipped int             // records the destination already held, byte for byte
	From    register.Report // the source, verified before the copy
	To      register.Report // the destination, verified after it
}

// copyBatch is how many records one transaction adds to a PostgreSQL
// register: a copy interrupted part way leaves whole batches, and running
// it again adds the rest.
const copyBatch = 2000

// Copy copies into dst every record of src that dst does not hold yet, in
// src's chain order, keeping each record's id and canonical bytes, so that
// copying a folder into PostgreSQL and back gives the same records.
//
// Both ends are verified first, and nothing is copied if either shows
// tampering, or if dst holds a record with one of src's ids but other
// contents. Records dst already holds, byte for byte, are skipped, so
// running the same copy twice adds nothing the second time. Afterwards dst is
// verified again and every record of src is checked to be in it.
func Copy(src, dst register.Register) (CopyResult, error) {
	var res CopyResult
	var err error
	if res.From, err = src.Verify(); err != nil {
		return res, err
	}
	if !res.From.Clean() {
		return res, fmt.Errorf("copy: the register copied from has %d problems (run 'rightsaid records verify' on it): nothing was copied", len(res.From.Problems))
	}
	before, err := dst.Verify()
	if err != nil {
		return res, err
	}
	if !before.Clean() {
		return res, fmt.Errorf("copy: the register copied to has %d problems (run 'rightsaid records verify' on it): nothing was copied", len(before.Problems))
	}
	all, err := src.All()
	if err != nil {
		return res, err
	}
	have, err := digests(dst)
	if err != nil {
		return res, err
	}
	data := make([][]byte, len(all))
	sums := make([]string, len(all))
	parallel(len(all), func(i int) {
		data[i] = decision.Canonical(all[i])
		sums[i] = digest(data[i])
	})
	var todo []int // indexes into all
	var clashes []string
	for i, d := range all {
		sum, ok := have[d.ID]
		switch {
		case !ok:
			todo = append(todo, i)
		case sum == sums[i]:
			res.Skipped++
		default:
			clashes = append(clashes, d.ID)
		}
	}
	if len(clashes) > 0 {
		return res, &Error{Kind: Conflict, ID: clashes[0], Msg: fmt.Sprintf("copy: the register copied to already holds %s with other contents: nothing was copied (the same id must mean the same record; run 'rightsaid records verify' on both)", strings.Join(clashes, ", "))}
	}
	if len(todo) == 0 {
		res.To = before // nothing was written: as verified before
		return res, nil
	}
	if to, ok := dst.(*Register); ok {
		for start := 0; start < len(todo); start += copyBatch {
			var recs []*decision.Decision
			var bytes [][]byte
			for _, i := range todo[start:min(start+copyBatch, len(todo))] {
				recs, bytes = append(recs, all[i]), append(bytes, data[i])
			}
			if err := to.importEncoded(recs, bytes); err != nil {
				return res, fmt.Errorf("%w (%d records were copied before this batch)", err, res.Copied)
			}
			res.Copied += len(recs)
		}
	} else {
		for _, i := range todo {
			d := all[i]
			if want := nextID(d, have); want != d.ID {
				return res, fmt.Errorf("copy: %s would be saved as %s in the register copied to (another record there has the same short id): copy into an empty register instead; %d records were copied", d.ID, want, res.Copied)
			}
			id, err := dst.Save(d)
			if err != nil {
				return res, fmt.Errorf("copy %s: %w (%d records were copied)", d.ID, err, res.Copied)
			}
			if id != d.ID {
				return res, fmt.Errorf("copy: %s was saved as %s: the registers disagree on ids; %d records were copied", d.ID, id, res.Copied+1)
			}
			have[id] = sums[i]
			res.Copied++
		}
	}
	if res.To, err = dst.Verify(); err != nil {
		return res, err
	}
	if !res.To.Clean() {
		return res, fmt.Errorf("copy: after the copy the register copied to has %d problems: run 'rightsaid records verify' on it", len(res.To.Problems))
	}
	after, err := digests(dst)
	if err != nil {
		return res, err
	}
	for i, d := range all {
		if after[d.ID] != sums[i] {
			return res, fmt.Errorf("copy: %s is not in the register copied to as it is in the one copied from", d.ID)
		}
	}
	return res, nil
}

// digests returns the digest of every record's canonical bytes, by id.
func digests(r register.Register) (map[string]string, error) {
	if p, ok := r.(*Register); ok {
		return p.Digests()
	}
	all, err := r.All()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(all))
	for _, d := range all {
		out[d.ID] = digest(decision.Canonical(d))
	}
	return out, nil
}

// nextID is the id the register rule gives d in a register that holds the
// ids in have: the first free one of RA-<stamp>-<6 hex>, <12 hex>, ...
func nextID(d *decision.Decision, have map[string]string) string {
	for _, id := range register.IDs(d) {
		if _, taken := have[id]; !taken {
			return id
		}
	}
	return ""
}
