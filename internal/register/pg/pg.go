// Package pg is the organisation-wide register: the same
// [register.Register] as the folder, kept in PostgreSQL, so that a trust or a
// care group with dozens of wards and homes has every decision in one place.
//
// # The table
//
// Each saved decision is one row of the table records, in a schema of its own
// (rightsaid, or the schema named by ?schema= in the URL). The row holds the
// record's canonical schema-v1 YAML, byte for byte as the folder register
// would write it, and the columns that queries need: id, supersedes,
// person_ref, setting, unit, kind, light, verdict, recorded_at, review_due
// and ended. Ids follow the folder's rule: RA-<YYYYMMDD>-<HHMMSS>-<hex6>,
// from the canonical bytes without the id, six more digits on a clash.
//
// The tables are created and brought up to date by [Migrate] (rightsaid
// records migrate), from the SQL files embedded in this package, each applied
// once and noted in schema_migrations. [Open] refuses a database whose tables
// are missing, older or newer than this rightsaid expects.
//
// # The guarantees
//
// Records are append-only in the database itself: a trigger raises on any
// UPDATE, DELETE or TRUNCATE of records, whoever runs it. Each row carries the
// chain columns of the folder's chain.log (seq, sha256 of the document, and
// prev, the SHA-256 of the previous row's chain line), so [Register.Verify]
// reports by id any row edited, deleted, inserted or reordered in SQL by
// someone who disabled the trigger, and prints the head digest to keep
// elsewhere.
//
// Writers are serialised by a transaction-scoped advisory lock, so the chain
// stays linear with any number of wards saving at once; unique constraints
// on seq, prev and supersedes make a fork impossible even without it. A save
// either commits or does not: when the connection drops as it commits,
// [Register.Save] reconnects, waits for the lock the lost transaction held,
// and looks the record up by id, so it can say which. Errors say what
// happened in words a ward can act on: the database cannot be reached, is
// too slow (statement_timeout), is busy (lock_timeout), or is read-only.
package pg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/register"
)

// The defaults, each overridden by the URL's own parameter of the same name
// (connect_timeout in seconds; statement_timeout, lock_timeout and
// idle_in_transaction_session_timeout as PostgreSQL reads them: 5000, 5s).
const (
	DefaultSchema           = "rightsaid"
	DefaultConnectTimeout   = 10 * time.Second
	DefaultStatementTimeout = 30 * time.Second
	DefaultLockTimeout      = 10 * time.Second
	defaultIdleInTx         = 60 * time.Second
)

const zeroDigest = "0000000000000000000000000000000000000000000000000000000000000000"

// IsURL reports whether s names a PostgreSQL register rather than a folder.
func IsURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact returns the URL without its password, for messages and output.
func Redact(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "postgres://(an address that cannot be read)"
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Register is the PostgreSQL register. Its methods may be called from several
// goroutines; each Register holds one connection, opened again when it drops.
type Register struct {
	mu      sync.Mutex
	config  *pgconn.Config
	conn    *pgconn.PgConn
	catalog *catalog.Catalog
	where   string // the URL without its password
	schema  string
	lockKey int64 // the advisory lock that serialises writers

	connectTimeout   time.Duration
	statementTimeout time.Duration
	lockTimeout      time.Duration

	// beforeCommit, when set (by tests), runs inside Save just before COMMIT
	// with the backend's process id.
	beforeCommit func(pid uint32)
}

// The register is a register.Register.
var _ register.Register = (*Register)(nil)

var schemaName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`) })

// parseURL reads a register URL: the libpq URL, plus schema=NAME, with
// rightsaid's defaults for the timeouts the URL does not set.
func parseURL(raw string) (*pgconn.Config, string, error) {
	raw = strings.TrimSpace(raw)
	config, err := pgconn.ParseConfig(raw)
	if err != nil {
		return nil, "", &Error{Kind: BadURL, Msg: fmt.Sprintf("%s is not a PostgreSQL URL rightsaid can use: %v (use postgres://USER@HOST:PORT/DATABASE)", Redact(raw), shortCause(err)), Err: err}
	}
	schema := DefaultSchema
	if s, ok := config.RuntimeParams["schema"]; ok {
		delete(config.RuntimeParams, "schema")
		schema = s
	}
	if !schemaName().MatchString(schema) {
		return nil, "", &Error{Kind: BadURL, Msg: fmt.Sprintf("%s: schema %q: use lower-case letters, digits and _", Redact(raw), schema)}
	}
	if config.ConnectTimeout == 0 {
		config.ConnectTimeout = DefaultConnectTimeout
	}
	params := config.RuntimeParams
	if params == nil {
		params = map[string]string{}
		config.RuntimeParams = params
	}
	setDefault := func(name string, d time.Duration) {
		if _, ok := params[name]; !ok {
			params[name] = strconv.FormatInt(d.Milliseconds(), 10)
		}
	}
	setDefault("statement_timeout", DefaultStatementTimeout)
	setDefault("lock_timeout", DefaultLockTimeout)
	setDefault("idle_in_transaction_session_timeout", defaultIdleInTx)
	if _, ok := params["application_name"]; !ok {
		params["application_name"] = "rightsaid"
	}
	params["search_path"] = quoteIdent(schema)
	params["DateStyle"] = "ISO" // the times the register reads back
	params["TimeZone"] = "UTC"
	return config, schema, nil
}

// Open connects to the register in the database at url and checks that its
// tables are the version this rightsaid expects (see [Migrate]).
func Open(url string, c *catalog.Catalog) (*Register, error) {
	config, schema, err := parseURL(url)
	if err != nil {
		return nil, err
	}
	r := &Register{config: config, catalog: c, where: Redact(url), schema: schema, connectTimeout: config.ConnectTimeout}
	r.statementTimeout = pgDuration(config.RuntimeParams["statement_timeout"])
	r.lockTimeout = pgDuration(config.RuntimeParams["lock_timeout"])
	ctx, cancel := r.context()
	defer cancel()
	conn, err := r.connect(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(ctx, conn, r.where, schema); err != nil {
		r.Close()
		return nil, err
	}
	rows, err := query(ctx, conn, "SELECT 'records'::regclass::oid::bigint", nil)
	if err != nil {
		r.Close()
		return nil, r.explain("open the register", err, false)
	}
	oid, err := parseInt(rows[0][0])
	if err != nil {
		r.Close()
		return nil, err
	}
	r.lockKey = int64(0x52534149)<<32 | oid // "RSAI" and the table: one lock per register
	return r, nil
}

// Where is the register's URL without its password.
func (r *Register) Where() string { return r.where }

// Close closes the connection.
func (r *Register) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := r.conn.Close(ctx)
	r.conn = nil
	return err
}

// session starts one operation: it takes the register's lock, sets its
// deadline (whole: the longer one of a read of every record) and connects.
// The caller defers done, which cancels the deadline and releases the lock.
func (r *Register) session(whole bool) (ctx context.Context, conn *pgconn.PgConn, done func(), err error) {
	r.mu.Lock()
	deadline := r.context
	if whole {
		deadline = r.readContext
	}
	ctx, cancel := deadline()
	done = func() {
		cancel()
		r.mu.Unlock()
	}
	if conn, err = r.connect(ctx); err != nil {
		done()
		return nil, nil, nil, err
	}
	return ctx, conn, done, nil
}

// context bounds one operation on the client side too, in case the network
// goes silent and the server's own timeouts can never reach us.
func (r *Register) context() (context.Context, context.CancelFunc) {
	if r.statementTimeout <= 0 {
		return context.WithCancel(context.Background())
	}
	return context.WithTimeout(context.Background(), r.connectTimeout+r.lockTimeout+4*r.statementTimeout)
}

// wholeRead is how long a read of the whole register (All, Verify) may take:
// its time grows with the register, so one statement_timeout, meant for a
// save, is not enough for a year of an organisation's records.
func (r *Register) wholeRead() time.Duration {
	if r.statementTimeout <= 0 {
		return 0
	}
	return max(10*r.statementTimeout, 10*time.Minute)
}

// readContext bounds a read of the whole register.
func (r *Register) readContext() (context.Context, context.CancelFunc) {
	if r.statementTimeout <= 0 {
		return context.WithCancel(context.Background())
	}
	return context.WithTimeout(context.Background(), r.connectTimeout+r.lockTimeout+r.wholeRead())
}

// beginWholeRead starts a read-only transaction, in one snapshot, whose
// statements may take as long as wholeRead.
func (r *Register) beginWholeRead(ctx context.Context, conn *pgconn.PgConn) (rollback func(), err error) {
	rollback, err = begin(ctx, conn)
	if err == nil {
		err = exec(ctx, conn, fmt.Sprintf("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL statement_timeout = %d", r.wholeRead().Milliseconds()))
	}
	return rollback, err
}

// connect returns the open connection, connecting (again) if it has none or
// the one it had was lost.
func (r *Register) connect(ctx context.Context) (*pgconn.PgConn, error) {
	if r.conn != nil && !r.conn.IsClosed() {
		return r.conn, nil
	}
	r.conn = nil
	cctx, cancel := context.WithTimeout(ctx, r.connectTimeout)
	defer cancel()
	conn, err := pgconn.ConnectConfig(cctx, r.config)
	if err != nil {
		return nil, r.explain("connect", err, false)
	}
	r.conn = conn
	return conn, nil
}

// The kinds of Error.
const (
	BadURL      = "bad-url"      // the URL cannot be used
	Unreachable = "unreachable"  // no connection could be made
	Refused     = "refused"      // the server refused: login, privileges, append-only
	NotMigrated = "not-migrated" // the tables are missing or of another version
	Timeout     = "timeout"      // the server or the network was too slow
	Busy        = "busy"         // another writer held the register too long
	ReadOnly    = "read-only"    // the database, the user or the session is read-only
	Lost        = "lost"         // the connection dropped
	Uncertain   = "uncertain"    // the connection dropped as a save committed, and it could not be checked
	Conflict    = "conflict"     // a record with this id is already there, with other contents
)

// Error is a problem with the database, said so a person can act on it.
type Error struct {
	Kind string
	ID   string // the record concerned, for Uncertain and Conflict
	Msg  string
	Err  error // the driver's error, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// explain turns a driver error into an Error that says what happened. op is
// what was being done ("save", "read the register"); saving adds what
// became of the record.
func (r *Register) explain(op string, err error, saving bool) error {
	if err == nil {
		return nil
	}
	var own *Error
	if errors.As(err, &own) {
		return err
	}
	nothing := ""
	if saving {
		nothing = "; nothing was saved"
	}
	e := &Error{Err: err}
	var pgErr *pgconn.PgError
	var connectErr *pgconn.ConnectError
	switch {
	case errors.As(err, &pgErr):
		switch pgErr.Code {
		case "57014": // query_canceled: statement_timeout
			e.Kind, e.Msg = Timeout, fmt.Sprintf("%s: the database at %s did not finish within its statement timeout (%s): it is overloaded, or something is holding it up%s; try again, and tell whoever runs the database if it goes on", op, r.where, words(r.statementTimeout), nothing)
		case "55P03": // lock_not_available: lock_timeout
			e.Kind, e.Msg = Busy, fmt.Sprintf("%s: the register at %s is busy: another save or a long transaction held it for over %s%s; try again", op, r.where, words(r.lockTimeout), nothing)
		case "25006": // read_only_sql_transaction
			e.Kind, e.Msg = ReadOnly, fmt.Sprintf("%s: the database at %s is read-only here (a standby server, or a read-only user or session)%s; save through a server and user that may write", op, r.where, nothing)
		case "42P01", "3F000": // undefined_table, invalid_schema_name
			e.Kind, e.Msg = NotMigrated, fmt.Sprintf("%s: the database at %s has no rightsaid register (schema %s) yet: run 'rightsaid records migrate --records URL' as a user that may create tables", op, r.where, r.schema)
		case "3D000": // invalid_catalog_name
			e.Kind, e.Msg = Unreachable, fmt.Sprintf("%s: %s: %s; create it first (createdb)", op, r.where, pgErr.Message)
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			e.Kind, e.Msg = Refused, fmt.Sprintf("%s: the database at %s refused the login: %s; check the user and password (or ~/.pgpass)", op, r.where, pgErr.Message)
		case "42501": // insufficient_privilege, and the append-only trigger
			e.Kind, e.Msg = Refused, fmt.Sprintf("%s: the database at %s refused: %s%s", op, r.where, pgErr.Message, nothing)
		case "57P01", "57P02", "57P03": // admin_shutdown, crash_shutdown, cannot_connect_now
			e.Kind, e.Msg = Lost, fmt.Sprintf("%s: the database at %s closed the connection (%s)%s; try again", op, r.where, pgErr.Message, nothing)
		default:
			e.Kind, e.Msg = Refused, fmt.Sprintf("%s: the database at %s: %s (SQLSTATE %s)%s", op, r.where, pgErr.Message, pgErr.Code, nothing)
		}
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		e.Kind, e.Msg = Timeout, fmt.Sprintf("%s: no answer from the database at %s in time: the server or the network is too slow or down%s", op, r.where, nothing)
		if errors.As(err, &connectErr) {
			e.Kind, e.Msg = Unreachable, fmt.Sprintf("%s: cannot reach the PostgreSQL register at %s: no answer within %s (check the address, that the server is running and that this machine may connect to it)", op, r.where, words(r.connectTimeout))
		}
	case errors.As(err, &connectErr):
		e.Kind, e.Msg = Unreachable, fmt.Sprintf("%s: cannot reach the PostgreSQL register at %s: %s (check the address, that the server is running and that this machine may connect to it)", op, r.where, shortCause(err))
	case isConnectionLoss(err):
		e.Kind, e.Msg = Lost, fmt.Sprintf("%s: the connection to the database at %s was lost%s; try again", op, r.where, nothing)
	default:
		e.Kind, e.Msg = Lost, fmt.Sprintf("%s: the database at %s: %v%s", op, r.where, err, nothing)
	}
	return e
}

// isConnectionLoss reports whether err is the connection failing rather than
// the server answering.
func isConnectionLoss(err error) bool {
	var netErr net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.As(err, &netErr) || strings.Contains(err.Error(), "conn closed")
}

// shortCause is the innermost useful part of a driver error: "connection
// refused", not the whole wrapped chain with the user and database.
func shortCause(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		return msg[i+2:]
	}
	return msg
}

// pgDuration reads a PostgreSQL time setting (5000, 5000ms, 5s, 1min); 0 if it
// cannot.
func pgDuration(s string) time.Duration {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		d      time.Duration
	}{{"ms", time.Millisecond}, {"min", time.Minute}, {"us", time.Microsecond}, {"s", time.Second}, {"h", time.Hour}, {"d", 24 * time.Hour}}
	unit := time.Millisecond
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			s, unit = strings.TrimSpace(n), u.d
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(n * float64(unit))
}

// words says a duration as a person would: 30s, 1m30s.
func words(d time.Duration) string {
	if d <= 0 {
		return "no limit"
	}
	return d.Round(time.Millisecond).String()
}

func digest(b []byte) string { return register.Digest(b) }

// validID reports whether id has the shape of a record id.
func validID(id string) bool { return register.ValidID(id) }

// Config returns the connection settings rightsaid uses for url: the URL's
// own, with the register's schema as the search path and rightsaid's default
// timeouts. Tools and tests that reach the same tables with SQL use it.
func Config(url string) (*pgconn.Config, error) {
	config, _, err := parseURL(url)
	return config, err
}
