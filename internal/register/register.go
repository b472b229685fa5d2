// Package register keeps saved decisions: records of restrictive practice,
// which are evidence and must never be lost, overwritten or silently edited.
//
// # The folder register
//
// [Dir] keeps one canonical schema-v1 YAML file per decision, <id>.yaml, in a
// folder (0700, files 0600). A file is never overwritten: a review is a new
// record that supersedes the latest record of its chain. The id is
// RA-<YYYYMMDD>-<HHMMSS>-<hex6>: the UTC date and time of recorded_at and the
// first six hex digits of the SHA-256 of the record's canonical bytes without
// its id (on a clash, six more digits).
//
// Writes are atomic (temporary file, fsync, rename, fsync of the folder) and
// serialised across processes by a lock on <dir>/.lock. chain.log is
// append-only, one JSON line a record, each line carrying the digest of the
// record file and of the line before it, so [Dir.Verify] can report by id any
// record edited, removed, inserted or reordered, and print the head digest to
// keep elsewhere. A save interrupted at any point (even by SIGKILL) leaves
// either no record or a complete one: the line it is about to add is first
// journalled in <dir>/.pending, and the next open completes or drops it.
//
// The commands use the [Register] interface, so an organisation-wide store
// can be added without touching them.
package register

import (
	"errors"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
)

// Register is a store of saved decisions.
type Register interface {
	// Save assigns the record an id and stores it; rec must carry its outcome
	// and rationale. A record that supersedes another must name the latest
	// record of its chain.
	Save(rec *decision.Decision) (id string, err error)
	// Get returns one record by id.
	Get(id string) (*decision.Decision, error)
	// All returns every record, in the order they were saved.
	All() ([]*decision.Decision, error)
	// Verify re-reads every record and the chain and reports tampering.
	Verify() (Report, error)
	// Close releases the register.
	Close() error
}

// Report is what Verify found.
type Report struct {
	Records  int
	Head     string // the SHA-256 of the last chain line: keep it elsewhere
	Problems []Problem
}

// Clean reports whether no tampering was found.
func (r Report) Clean() bool { return len(r.Problems) == 0 }

// Problem is one sign of tampering, by record id.
type Problem struct {
	ID   string
	Kind string // edited, removed, inserted, reordered, unreadable, chain
	Msg  string
}

// The kinds of problem.
const (
	Edited     = "edited"
	Removed    = "removed"
	Inserted   = "inserted"
	Reordered  = "reordered"
	Unreadable = "unreadable"
	Chain      = "chain"
)

// ErrNotFound is returned for an unknown record id.
var ErrNotFound = errors.New("no such record")

// SupersedeError is a review of a record that is not the latest of its
// chain, or of a chain that has ended.
type SupersedeError struct{ ID, By, Msg string }

func (e *SupersedeError) Error() string { return e.Msg }

// Entry is a record with what the commands need to know about its chain.
type Entry struct {
	Record *decision.Decision
	// SupersededBy is the id of the record that reviews this one, if any.
	SupersededBy string
}

// Latest reports whether no record supersedes this one.
func (e Entry) Latest() bool { return e.SupersededBy == "" }

// Ended reports whether the chain ended with this record: it records the end
// of the restriction, or it reviews a past incident and sets no review.
func Ended(d *decision.Decision) bool {
	if !d.EndedAt.IsZero() {
		return true
	}
	_, hasReview := d.ReviewTime()
	return d.Restriction.Stage == "past" && !hasReview
}

// Entries returns every record with its place in its chain, in saved order.
func Entries(r Register) ([]Entry, error) {
	all, err := r.All()
	if err != nil {
		return nil, err
	}
	by := map[string]string{}
	for _, d := range all {
		if d.Supersedes != "" {
			by[d.Supersedes] = d.ID
		}
	}
	out := make([]Entry, len(all))
	for i, d := range all {
		out[i] = Entry{Record: d, SupersededBy: by[d.ID]}
	}
	return out, nil
}

// Due is a record whose review is due.
type Due struct {
	Record  *decision.Decision
	Due     time.Time
	Overdue time.Duration // negative when not yet due
}

// DueBy returns the latest, not-ended record of each chain whose stored
// review_due is at or before now plus within, soonest first.
func DueBy(entries []Entry, now time.Time, within time.Duration) []Due {
	var out []Due
	limit := now.Add(within)
	for _, e := range entries {
		d := e.Record
		if !e.Latest() || Ended(d) || d.Outcome == nil {
			continue
		}
		if due := d.Outcome.ReviewDue; !due.After(limit) {
			out = append(out, Due{Record: d, Due: due, Overdue: now.Sub(due)})
		}
	}
	sortDue(out)
	return out
}
