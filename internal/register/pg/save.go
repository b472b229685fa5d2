package pg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
)

// row is a record as the table holds it.
type row struct {
	Seq        int64
	ID         string
	Supersedes string
	PersonRef  string
	Setting    string
	Unit       string
	Kind       string
	Light      string
	Verdict    string
	RecordedAt time.Time
	ReviewDue  *time.Time
	Ended      bool
	Document   []byte
	SHA256     string
	Prev       string
}

// columns are the table's columns, in the order of row's fields.
var columns = []string{"seq", "id", "supersedes", "person_ref", "setting", "unit", "kind", "light", "verdict",
	"recorded_at", "review_due", "ended", "document", "sha256", "prev"}

func (w *row) values() []any {
	var sup *string
	if w.Supersedes != "" {
		sup = &w.Supersedes
	}
	return []any{w.Seq, w.ID, sup, w.PersonRef, w.Setting, w.Unit, w.Kind, w.Light, w.Verdict,
		w.RecordedAt, w.ReviewDue, w.Ended, w.Document, w.SHA256, w.Prev}
}

// rowOf is the row of a record (with its id) whose canonical bytes are data.
func rowOf(d *decision.Decision, data []byte) row {
	w := row{ID: d.ID, Supersedes: d.Supersedes, PersonRef: d.Person.Ref, Setting: string(d.Setting), Unit: d.Unit,
		Kind: string(d.Restriction.Kind), RecordedAt: d.RecordedAt.Time().UTC(), Ended: register.Ended(d),
		Document: data, SHA256: digest(data)}
	if o := d.Outcome; o != nil {
		w.Light, w.Verdict = o.Light, o.Verdict
		if !o.ReviewDue.IsZero() {
			due := o.ReviewDue.UTC()
			w.ReviewDue = &due
		}
	}
	return w
}

// chainLine is a row's entry in the chain: the same JSON line as the folder
// register's chain.log, so the two registers' digests mean the same.
type chainLine struct {
	Seq    int64  `json:"seq"`
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Prev   string `json:"prev"`
}

func (l chainLine) digest() string {
	b, _ := json.Marshal(l) // plain struct: cannot fail
	return digest(b)
}

func (w *row) line() chainLine {
	return chainLine{Seq: w.Seq, ID: w.ID, SHA256: w.SHA256, Prev: w.Prev}
}

// head is the last entry of the chain: seq 0 and the zero digest when empty.
func head(ctx context.Context, c *pgconn.PgConn) (seq int64, digest string, err error) {
	rows, err := query(ctx, c, "SELECT seq, id, sha256, prev FROM records ORDER BY seq DESC LIMIT 1", nil)
	if err != nil || len(rows) == 0 {
		return 0, zeroDigest, err
	}
	l := chainLine{ID: string(rows[0][1]), SHA256: string(rows[0][2]), Prev: string(rows[0][3])}
	if l.Seq, err = parseInt(rows[0][0]); err != nil {
		return 0, "", err
	}
	return l.Seq, l.digest(), nil
}

// lock takes the register's writer lock until the transaction ends.
func (r *Register) lock(ctx context.Context, c *pgconn.PgConn) error {
	return execArgs(ctx, c, "SELECT pg_advisory_xact_lock($1)", r.lockKey)
}

// begin starts a transaction; the function it returns rolls it back unless
// it was committed.
func begin(ctx context.Context, c *pgconn.PgConn) (rollback func(), err error) {
	if err := exec(ctx, c, "BEGIN"); err != nil {
		return func() {}, err
	}
	return func() {
		if !c.IsClosed() && c.TxStatus() != 'I' {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = exec(ctx, c, "ROLLBACK")
		}
	}, nil
}

// commit commits the transaction; an answer of ROLLBACK (the transaction had
// failed) is an error.
func commit(ctx context.Context, c *pgconn.PgConn) error {
	res, err := c.Exec(ctx, "COMMIT").ReadAll()
	if err != nil {
		return err
	}
	if len(res) == 1 && res[0].CommandTag.String() == "ROLLBACK" {
		return errors.New("the transaction was rolled back")
	}
	return nil
}

// Save stores a record, as register.Register says: in one transaction that
// holds the writer lock, checks the review rule, takes the next seq and
// chain digest, picks the id and inserts the row.
func (r *Register) Save(rec *decision.Decision) (string, error) {
	if rec.Outcome == nil {
		return "", errors.New("save: the record has no outcome")
	}
	ctx, conn, done, err := r.session(false)
	if err != nil {
		return "", r.explain("save", err, true)
	}
	defer done()
	rollback, err := begin(ctx, conn)
	defer rollback()
	if err != nil {
		return "", r.explain("save", err, true)
	}
	if err := r.lock(ctx, conn); err != nil {
		return "", r.explain("save", err, true)
	}
	if rec.Supersedes != "" {
		if err := r.checkSupersede(ctx, conn, rec.Supersedes); err != nil {
			return "", err
		}
	}
	seq, prev, err := head(ctx, conn)
	if err != nil {
		return "", r.explain("save", err, true)
	}
	var id string
	for _, try := range register.IDs(rec) {
		rows, err := query(ctx, conn, "SELECT 1 FROM records WHERE id = $1", nil, try)
		if err != nil {
			return "", r.explain("save", err, true)
		}
		if len(rows) == 0 {
			id = try
			break
		}
	}
	if id == "" {
		return "", errors.New("save: cannot find a free record id")
	}
	out := *rec
	out.ID = id
	w := rowOf(&out, decision.Canonical(&out))
	w.Seq, w.Prev = seq+1, prev
	if err := execArgs(ctx, conn, "INSERT INTO records ("+strings.Join(columns, ", ")+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)", w.values()...); err != nil {
		return "", r.explain("save", err, true)
	}
	if r.beforeCommit != nil {
		r.beforeCommit(conn.PID())
	}
	if err := commit(ctx, conn); err != nil {
		return r.settle(id, w.SHA256, err)
	}
	return id, nil
}

// settle finds out whether a save whose COMMIT failed was saved: on a new
// connection it waits for the writer lock (so the lost transaction has
// ended, one way or the other) and looks for the record by id.
func (r *Register) settle(id, sum string, commitErr error) (string, error) {
	var pgErr *pgconn.PgError
	if errors.As(commitErr, &pgErr) && !strings.HasPrefix(pgErr.Code, "57") && !strings.HasPrefix(pgErr.Code, "08") {
		// The server answered the COMMIT with an error of the transaction
		// itself (a deferred constraint, a serialisation failure): it was
		// rolled back.
		return "", r.explain("save", commitErr, true)
	}
	if r.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		r.conn.Close(ctx) //nolint:errcheck // it is already broken
		cancel()
		r.conn = nil
	}
	uncertain := func(err error) error {
		return &Error{Kind: Uncertain, ID: id, Err: errors.Join(commitErr, err), Msg: fmt.Sprintf(
			"save: the connection to the database at %s dropped while the record %s was being committed, and rightsaid cannot reach the database to check whether it was saved: when it is back, run 'rightsaid records show %s'; if it is not there, save the decision again", r.where, id, id)}
	}
	ctx, cancel := r.context()
	defer cancel()
	conn, err := r.connect(ctx)
	if err != nil {
		return "", uncertain(err)
	}
	rollback, err := begin(ctx, conn)
	defer rollback()
	if err != nil {
		return "", uncertain(err)
	}
	// The lost transaction holds the writer lock until the server has
	// finished it; if its client went silent, until the server gives up on
	// it (idle_in_transaction_session_timeout).
	wait := pgDuration(r.config.RuntimeParams["idle_in_transaction_session_timeout"])
	if wait <= 0 {
		wait = defaultIdleInTx
	}
	wait += r.lockTimeout
	if err := exec(ctx, conn, fmt.Sprintf("SET LOCAL lock_timeout = %d; SET LOCAL statement_timeout = %d", wait.Milliseconds(), (wait+r.statementTimeout).Milliseconds())); err != nil {
		return "", uncertain(err)
	}
	if err := r.lock(ctx, conn); err != nil {
		return "", uncertain(err)
	}
	rows, err := query(ctx, conn, "SELECT sha256 FROM records WHERE id = $1", nil, id)
	switch {
	case err != nil:
		return "", uncertain(err)
	case len(rows) == 0:
		return "", &Error{Kind: Lost, ID: id, Err: commitErr, Msg: fmt.Sprintf(
			"save: the connection to the database at %s dropped while the record was being committed; rightsaid checked again and it was NOT saved: save the decision again", r.where)}
	case string(rows[0][0]) != sum:
		return "", &Error{Kind: Conflict, ID: id, Msg: fmt.Sprintf("save: the connection dropped while %s was being committed, and the register now holds a different record under that id: run 'rightsaid records verify'", id)}
	}
	return id, nil // it was committed before the connection dropped
}

// checkSupersede checks that id exists, is the latest of its chain, and that
// the chain has not ended: the folder register's rule and words.
func (r *Register) checkSupersede(ctx context.Context, c *pgconn.PgConn, id string) error {
	id = strings.TrimSpace(id)
	if !validID(id) {
		return fmt.Errorf("%q: %w (ids look like RA-20261123-140200-3f9a1c)", id, register.ErrNotFound)
	}
	rows, err := query(ctx, c, "SELECT r.document, (SELECT s.id FROM records s WHERE s.supersedes = r.id) FROM records r WHERE r.id = $1",
		[]int16{binaryFormat, textFormat}, id)
	if err != nil {
		return r.explain("save", err, true)
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s: %w", id, register.ErrNotFound)
	}
	if by := rows[0][1]; by != nil {
		latest, err := query(ctx, c, `WITH RECURSIVE chain(id, depth) AS (
				SELECT id, 1 FROM records WHERE supersedes = $1
				UNION ALL
				SELECT r.id, c.depth + 1 FROM records r JOIN chain c ON r.supersedes = c.id
			) SELECT id FROM chain ORDER BY depth DESC LIMIT 1`, nil, id)
		if err != nil {
			return r.explain("save", err, true)
		}
		return &register.SupersedeError{ID: id, By: string(by), Msg: fmt.Sprintf("%s has already been reviewed by %s: review the latest record of the chain, %s", id, by, latest[0][0])}
	}
	prev, err := r.parse(id, rows[0][0])
	if err != nil {
		return err
	}
	if !prev.EndedAt.IsZero() {
		return &register.SupersedeError{ID: id, Msg: fmt.Sprintf("%s records that the restriction ended: its chain is closed; start a new decision instead", id)}
	}
	if register.Ended(prev) {
		return &register.SupersedeError{ID: id, Msg: fmt.Sprintf("%s reviews a past restriction and sets no review: its chain has ended; start a new decision instead", id)}
	}
	return nil
}

// Import adds records saved in another register, keeping their ids and
// their canonical bytes, in the order given (the chain order of the
// register they come from), in one transaction: all are added or none.
// Each must carry its id and outcome, and none may be here already.
func (r *Register) Import(recs []*decision.Decision) error {
	data := make([][]byte, len(recs))
	for i, d := range recs {
		data[i] = decision.Canonical(d)
	}
	return r.importEncoded(recs, data)
}

// importEncoded is Import with each record's canonical bytes already made.
func (r *Register) importEncoded(recs []*decision.Decision, data [][]byte) error {
	if len(recs) == 0 {
		return nil
	}
	ctx, conn, done, err := r.session(false)
	if err != nil {
		return r.explain("copy", err, true)
	}
	defer done()
	rollback, err := begin(ctx, conn)
	defer rollback()
	if err != nil {
		return r.explain("copy", err, true)
	}
	if err := r.lock(ctx, conn); err != nil {
		return r.explain("copy", err, true)
	}
	seq, prev, err := head(ctx, conn)
	if err != nil {
		return r.explain("copy", err, true)
	}
	var b strings.Builder
	for i, d := range recs {
		if !validID(d.ID) || d.Outcome == nil {
			return fmt.Errorf("copy: record %d (%q) has no id or no outcome: it was not saved by rightsaid", i+1, d.ID)
		}
		w := rowOf(d, data[i])
		seq++
		w.Seq, w.Prev = seq, prev
		prev = w.line().digest()
		for j, v := range w.values() {
			if j > 0 {
				b.WriteByte('\t')
			}
			copyText(&b, v)
		}
		b.WriteByte('\n')
	}
	if _, err := conn.CopyFrom(ctx, strings.NewReader(b.String()), "COPY records ("+strings.Join(columns, ", ")+") FROM STDIN"); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return &Error{Kind: Conflict, Err: err, Msg: fmt.Sprintf("copy: the register at %s already holds a record these would duplicate (%s); nothing of this batch was saved", r.where, pgErr.Detail)}
		}
		return r.explain("copy", err, true)
	}
	if err := commit(ctx, conn); err != nil {
		// Ask again by the last id, as Save does.
		last := recs[len(recs)-1]
		if _, err := r.settle(last.ID, digest(data[len(data)-1]), err); err != nil {
			return err
		}
	}
	return nil
}
