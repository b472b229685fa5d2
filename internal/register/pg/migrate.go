package pg

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// The migrations, applied in order of their number, each once.
//
//go:embed *.sql
var migrationFiles embed.FS

// Migration is one step of the register's schema.
type Migration struct {
	Version int
	Name    string // the file, 0001_records.sql
	SQL     string
}

// Migrations returns the steps this rightsaid knows, in order.
func Migrations() []Migration {
	names, _ := fs.Glob(migrationFiles, "*.sql")
	var out []Migration
	for _, name := range names {
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			panic("pg: migration " + name + " has no number")
		}
		data, _ := migrationFiles.ReadFile(name)
		out = append(out, Migration{Version: v, Name: name, SQL: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// Version is the schema version this rightsaid reads and writes.
func Version() int {
	m := Migrations()
	return m[len(m)-1].Version
}

// MigrateResult is what Migrate did.
type MigrateResult struct {
	Where   string      // the URL without its password
	Schema  string      // the schema holding the register
	Applied []Migration // the steps applied now (none if it was up to date)
	Version int         // the version the register is at now
}

// Migrate creates the register's schema and tables in the database at url,
// or brings them up to date, in one transaction: two rightsaid migrating at
// once wait for each other, and a step that fails leaves nothing half done.
// A database at a newer version than this rightsaid knows is an error.
func Migrate(url string) (MigrateResult, error) {
	config, schema, err := parseURL(url)
	if err != nil {
		return MigrateResult{}, err
	}
	r := &Register{config: config, where: Redact(url), schema: schema, connectTimeout: config.ConnectTimeout}
	r.statementTimeout = pgDuration(config.RuntimeParams["statement_timeout"])
	r.lockTimeout = pgDuration(config.RuntimeParams["lock_timeout"])
	res := MigrateResult{Where: r.where, Schema: schema}
	ctx, cancel := r.context()
	defer cancel()
	conn, err := r.connect(ctx)
	if err != nil {
		return res, err
	}
	defer r.Close()
	if err := exec(ctx, conn, "BEGIN"); err != nil {
		return res, r.explain("migrate", err, false)
	}
	defer exec(context.Background(), conn, "ROLLBACK") //nolint:errcheck // after COMMIT, a warning only
	ident := quoteIdent(schema)
	if err := execArgs(ctx, conn, "SELECT pg_advisory_xact_lock(hashtext('rightsaid migrate ' || $1))", schema); err != nil {
		return res, r.explain("migrate", err, false)
	}
	for _, sql := range []string{
		"SET LOCAL statement_timeout = 0", // an index on a large table takes its time
		"CREATE SCHEMA IF NOT EXISTS " + ident,
		"SET LOCAL search_path = " + ident,
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer     PRIMARY KEY,
			name       text        NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`,
	} {
		if err := exec(ctx, conn, sql); err != nil {
			return res, r.explain("migrate", err, false)
		}
	}
	rows, err := query(ctx, conn, "SELECT version FROM schema_migrations", nil)
	if err != nil {
		return res, r.explain("migrate", err, false)
	}
	applied := map[int64]bool{}
	for _, row := range rows {
		v, err := parseInt(row[0])
		if err != nil {
			return res, err
		}
		applied[v] = true
		if v > int64(Version()) {
			return res, &Error{Kind: NotMigrated, Msg: fmt.Sprintf("migrate: the register at %s is at schema version %d, newer than this rightsaid knows (%d): upgrade rightsaid", r.where, v, Version())}
		}
	}
	for _, m := range Migrations() {
		if applied[int64(m.Version)] {
			continue
		}
		if err := exec(ctx, conn, m.SQL); err != nil { // one file, many statements
			return res, r.explain("migrate: "+m.Name, err, false)
		}
		if err := execArgs(ctx, conn, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
			return res, r.explain("migrate", err, false)
		}
		res.Applied = append(res.Applied, m)
	}
	if err := exec(ctx, conn, "COMMIT"); err != nil {
		return res, r.explain("migrate", err, false)
	}
	res.Version = Version()
	return res, nil
}

// checkVersion checks that the register's tables are the version this
// rightsaid expects.
func checkVersion(ctx context.Context, conn *pgconn.PgConn, where, schema string) error {
	rows, err := query(ctx, conn, "SELECT max(version) FROM schema_migrations", nil)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "42P01" || pgErr.Code == "3F000") || err == nil && rows[0][0] == nil {
		return &Error{Kind: NotMigrated, Msg: fmt.Sprintf("the database at %s has no rightsaid register (schema %s) yet: run 'rightsaid records migrate --records URL' as a user that may create tables", where, schema), Err: err}
	}
	if err != nil {
		r := &Register{where: where, schema: schema}
		return r.explain("open the register", err, false)
	}
	v, err := parseInt(rows[0][0])
	if err != nil {
		return err
	}
	switch {
	case v < int64(Version()):
		return &Error{Kind: NotMigrated, Msg: fmt.Sprintf("the register at %s is at schema version %d; this rightsaid needs %d: run 'rightsaid records migrate --records URL'", where, v, Version())}
	case v > int64(Version()):
		return &Error{Kind: NotMigrated, Msg: fmt.Sprintf("the register at %s is at schema version %d, newer than this rightsaid knows (%d): upgrade rightsaid", where, v, Version())}
	}
	return nil
}
