package pg

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// Verify re-reads every row, in one snapshot, and reports by id every record
// edited, deleted, inserted or reordered in SQL since it was saved: the
// chain columns must link, each document must match its digest and parse,
// and the columns that queries use must say what the document says.
func (r *Register) Verify() (register.Report, error) {
	var rep register.Report
	ctx, conn, done, err := r.session(true)
	if err != nil {
		return rep, err
	}
	defer done()
	rollback, err := r.beginWholeRead(ctx, conn) // one snapshot for both reads
	defer rollback()
	if err != nil {
		return rep, r.explain("verify", err, false)
	}
	add := func(id, kind, format string, args ...any) {
		rep.Problems = append(rep.Problems, register.Problem{ID: id, Kind: kind, Msg: fmt.Sprintf(format, args...)})
	}

	// The chain, from the chain columns alone.
	rows, err := query(ctx, conn, "SELECT seq, id, sha256, prev, supersedes FROM records ORDER BY seq", nil)
	if err != nil {
		return rep, r.explain("verify", err, false)
	}
	type link struct {
		chainLine
		supersedes *string
	}
	links := make([]link, len(rows))
	for i, row := range rows {
		l := link{chainLine: chainLine{ID: string(row[1]), SHA256: string(row[2]), Prev: string(row[3])}}
		if l.Seq, err = parseInt(row[0]); err != nil {
			return rep, err
		}
		if row[4] != nil {
			sup := string(row[4])
			l.supersedes = &sup
		}
		links[i] = l
	}
	ids := map[string]bool{}
	for _, l := range links {
		ids[l.ID] = true
	}
	// A deleted row leaves a gap in seq; a record that superseded it still
	// names it.
	var missing []string
	for _, l := range links {
		if l.supersedes != nil && !ids[*l.supersedes] {
			missing = append(missing, *l.supersedes)
		}
	}
	var gaps []int64
	// follows names the row whose chain entry a misplaced row's prev is the
	// digest of, trying the seq that row has now and the ones it would have
	// had next to this one; it gives up after a few, so a table rewritten
	// wholesale costs no more than a few scans.
	scans := 0
	follows := func(l link) string {
		if scans++; scans > 20 {
			return ""
		}
		for _, o := range links {
			for _, seq := range []int64{o.Seq, l.Seq - 1, l.Seq} {
				c := o.chainLine
				c.Seq = seq
				if o.ID != l.ID && c.digest() == l.Prev {
					return o.ID
				}
			}
		}
		return ""
	}
	prev, prevID, lastSeq := zeroDigest, "", int64(0)
	for i, l := range links {
		gap := l.Seq != lastSeq+1
		for s := lastSeq + 1; s < l.Seq; s++ {
			gaps = append(gaps, s)
		}
		if l.Prev == prev && gap {
			add(l.ID, register.Reordered, "%s: its chain entry says seq %d, after seq %d: the rows were renumbered in SQL", l.ID, l.Seq, lastSeq)
		} else if l.Prev != prev && !gap { // after a gap, the deletion explains it (reported below)
			last := i+1 == len(links)
			if before := follows(l); before != "" {
				add(l.ID, register.Reordered, "%s is out of place (seq %d): in the chain it follows %s: rows were reordered in SQL", l.ID, l.Seq, before)
			} else if !last && links[i+1].Prev == prev {
				// The chain goes on as if this row were not there.
				add(l.ID, register.Inserted, "%s was added in SQL, not saved by rightsaid: the chain goes on without it", l.ID)
				lastSeq = l.Seq
				continue
			} else if last {
				add(l.ID, register.Inserted, "%s does not follow %s in the chain: it was added in SQL, not saved by rightsaid (or %s's row was edited)", l.ID, orStart(prevID), orStart(prevID))
			} else {
				add(l.ID, register.Reordered, "%s: its chain entry (seq %d) does not follow %s: %s's row was edited, or rows were reordered or added, in SQL", l.ID, l.Seq, orStart(prevID), orStart(prevID))
			}
		}
		prev, prevID, lastSeq = l.chainLine.digest(), l.ID, l.Seq
	}
	switch {
	case len(gaps) == 1 && len(missing) == 1:
		add(missing[0], register.Removed, "%s was deleted in SQL (seq %d is missing; it is superseded by a record still there)", missing[0], gaps[0])
	default:
		for _, id := range missing {
			add(id, register.Removed, "%s was deleted in SQL (a record still there supersedes it)", id)
		}
		for _, s := range gaps {
			add("", register.Removed, "the record at seq %d was deleted in SQL", s)
		}
	}

	// Each document against its digest and its columns, one row at a time.
	// Every row read first (the server is not kept waiting while they are
	// decoded), then checked on every core, reported in seq order.
	formats := make([]int16, len(columns))
	formats[slices.Index(columns, "document")] = binaryFormat
	var all []row
	rr := conn.ExecParams(ctx, "SELECT "+strings.Join(columns, ", ")+" FROM records ORDER BY seq", nil, nil, nil, formats)
	for rr.NextRow() {
		w, err := scanRow(rr.Values())
		if err != nil {
			rr.Close()
			return rep, err
		}
		all = append(all, w)
	}
	if _, err := rr.Close(); err != nil {
		return rep, r.explain("verify", err, false)
	}
	found := make([][]register.Problem, len(all))
	parallel(len(all), func(i int) {
		found[i] = r.checkRow(&all[i])
		all[i].Document = nil // done with: a large register need not stay in memory twice
	})
	for _, ps := range found {
		rep.Problems = append(rep.Problems, ps...)
	}
	rep.Records = len(all)
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].ID < rep.Problems[j].ID })
	rep.Head = zeroDigest
	if len(links) > 0 {
		rep.Head = links[len(links)-1].chainLine.digest()
	}
	return rep, nil
}

// scanRow reads a row of all the columns, copying what the driver will
// reuse.
func scanRow(v [][]byte) (row, error) {
	w := row{ID: string(v[1]), PersonRef: string(v[3]), Setting: string(v[4]), Unit: string(v[5]), Kind: string(v[6]),
		Light: string(v[7]), Verdict: string(v[8]), Ended: parseBool(v[11]), Document: bytes.Clone(v[12]),
		SHA256: string(v[13]), Prev: string(v[14])}
	var err error
	if w.Seq, err = parseInt(v[0]); err != nil {
		return w, err
	}
	if v[2] != nil {
		w.Supersedes = string(v[2])
	}
	if w.RecordedAt, err = parseTime(v[9]); err != nil {
		return w, err
	}
	if v[10] != nil {
		due, err := parseTime(v[10])
		if err != nil {
			return w, err
		}
		w.ReviewDue = &due
	}
	return w, nil
}

// checkRow checks one row's document against its digest and its columns.
func (r *Register) checkRow(w *row) []register.Problem {
	problem := func(kind, format string, args ...any) []register.Problem {
		return []register.Problem{{ID: w.ID, Kind: kind, Msg: fmt.Sprintf(format, args...)}}
	}
	if digest(w.Document) != w.SHA256 {
		return problem(register.Edited, "%s was changed after it was saved (its document does not match its digest)", w.ID)
	}
	d, err := r.parse(w.ID, w.Document)
	if err != nil {
		return problem(register.Unreadable, "%s cannot be read: %v", w.ID, firstLine(err))
	}
	if diff := columnsDiffer(w, d); diff != "" {
		return problem(register.Edited, "%s: its %s was changed in SQL (the record itself is intact; reports and due lists read the columns)", w.ID, diff)
	}
	return nil
}

// columnsDiffer names the columns of a row that do not say what its record
// says ("light column, which says green where the record says red").
func columnsDiffer(w *row, d *decision.Decision) string {
	want := rowOf(d, w.Document)
	var diffs []string
	check := func(name, got, want string) {
		if got != want {
			diffs = append(diffs, fmt.Sprintf("%s column, which says %q where the record says %q", name, got, want))
		}
	}
	check("id", w.ID, want.ID)
	check("supersedes", w.Supersedes, want.Supersedes)
	check("person_ref", w.PersonRef, want.PersonRef)
	check("setting", w.Setting, want.Setting)
	check("unit", w.Unit, want.Unit)
	check("kind", w.Kind, want.Kind)
	check("light", w.Light, want.Light)
	check("verdict", w.Verdict, want.Verdict)
	check("recorded_at", stamp(&w.RecordedAt), stamp(&want.RecordedAt))
	check("review_due", stamp(w.ReviewDue), stamp(want.ReviewDue))
	check("ended", fmt.Sprint(w.Ended), fmt.Sprint(want.Ended))
	return strings.Join(slices.Compact(diffs), "; ")
}

func orStart(id string) string {
	if id == "" {
		return "the start of the chain"
	}
	return id
}

func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
