// Package pgtest gives tests a PostgreSQL register of their own, on the
// server named by RIGHTSAID_TEST_POSTGRES.
//
// Without that variable the tests that need a server are skipped, with a
// message that says so; in CI (CI set to anything but false or 0) they fail
// instead, so a CI run can never pass without them (except in the nested
// go test ./... of the README's own test). .ci/run starts a throwaway server
// and sets the variable.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rightsaid/rightsaid/internal/register/pg"
)

// EnvURL names the variable that holds the test server's URL.
const EnvURL = "RIGHTSAID_TEST_POSTGRES"

// InCI reports whether the tests run in CI.
func InCI() bool {
	ci := os.Getenv("CI")
	return ci != "" && ci != "false" && ci != "0"
}

// URL returns the test server's URL, skipping the test when there is none
// (failing it in CI).
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		// The README's test runs go test ./... again inside CI, without the
		// server's address: the run around it has the PostgreSQL tests.
		if InCI() && os.Getenv("RIGHTSAID_README_CHILD") == "" {
			t.Fatalf("%s is not set, and this is CI: the PostgreSQL register's tests must run here (.ci/run starts a server and sets it)", EnvURL)
		}
		t.Skipf("%s is not set: skipping the tests that need a PostgreSQL server (set it to postgres://USER@HOST:PORT/DATABASE; .ci/run starts one)", EnvURL)
	}
	return u
}

// Fresh returns the URL of a new schema of its own on the test server,
// migrated when migrate is true, and dropped when the test ends.
func Fresh(t testing.TB, migrate bool) string {
	t.Helper()
	fresh, drop, err := NewSchema(URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("drop the test schema: %v", err)
		}
	})
	if migrate {
		if _, err := pg.Migrate(fresh); err != nil {
			t.Fatalf("migrate: %v", err)
		}
	}
	return fresh
}

// NewSchema returns base with a schema of its own (not created yet: Migrate
// creates it), and a function that drops it.
func NewSchema(base string) (fresh string, drop func() error, err error) {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "rstest_" + hex.EncodeToString(b)
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("schema", schema)
	u.RawQuery = q.Encode()
	fresh = u.String()
	drop = func() error {
		config, err := Config(fresh)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.ConnectConfig(ctx, config)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
		return err
	}
	return fresh, drop, nil
}

// With returns url with one more query parameter.
func With(t testing.TB, raw, key, value string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// Connect opens a plain connection to the register's schema, for SQL done
// behind rightsaid's back.
func Connect(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	config, err := Config(url)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Exec runs SQL in the register's schema, failing the test if it fails.
func Exec(t testing.TB, url, sql string, args ...any) {
	t.Helper()
	if err := TryExec(t, url, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TryExec runs SQL in the register's schema and returns its error.
func TryExec(t testing.TB, url, sql string, args ...any) error {
	t.Helper()
	config, err := Config(url)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql, args...)
	return err
}

// Config returns pgx's settings for a register URL: the same server, user
// and session settings (the register's schema first in the search path) as
// rightsaid's own connection.
func Config(raw string) (*pgx.ConnConfig, error) {
	own, err := pg.Config(raw)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Del("schema")
	u.RawQuery = q.Encode()
	config, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, err
	}
	maps.Copy(config.RuntimeParams, own.RuntimeParams)
	return config, nil
}
