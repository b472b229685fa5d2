package pg

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The register talks to PostgreSQL through pgconn, pgx's wire-protocol layer,
// with text parameters and results: it needs a dozen statements and a few
// column types, and pgx's type system would more than double what
// PostgreSQL support adds to the binary.

// Result formats: text, or binary (the raw bytes of a bytea).
const (
	textFormat   int16 = 0
	binaryFormat int16 = 1
)

// encodeArgs writes parameters in PostgreSQL's text format.
func encodeArgs(args []any) [][]byte {
	out := make([][]byte, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case nil:
		case string:
			out[i] = []byte(v)
		case *string:
			if v != nil {
				out[i] = []byte(*v)
			}
		case int64:
			out[i] = strconv.AppendInt(nil, v, 10)
		case int:
			out[i] = strconv.AppendInt(nil, int64(v), 10)
		case bool:
			out[i] = []byte(map[bool]string{true: "t", false: "f"}[v])
		case time.Time:
			out[i] = []byte(v.UTC().Format(time.RFC3339Nano))
		case *time.Time:
			if v != nil {
				out[i] = []byte(v.UTC().Format(time.RFC3339Nano))
			}
		case []byte:
			out[i] = append([]byte(`\x`), hex.EncodeToString(v)...)
		default:
			panic(fmt.Sprintf("pg: cannot send a %T", a))
		}
	}
	return out
}

// query runs one statement and returns its rows, each column in the format
// asked (text when formats is nil).
func query(ctx context.Context, c *pgconn.PgConn, sql string, formats []int16, args ...any) ([][][]byte, error) {
	res := c.ExecParams(ctx, sql, encodeArgs(args), nil, nil, formats).Read()
	return res.Rows, res.Err
}

// exec runs statements that return nothing the register reads (BEGIN,
// COMMIT, SET, a migration of many statements), through the simple protocol.
func exec(ctx context.Context, c *pgconn.PgConn, sql string) error {
	_, err := c.Exec(ctx, sql).ReadAll()
	return err
}

// execArgs runs one statement with parameters, ignoring what it returns.
func execArgs(ctx context.Context, c *pgconn.PgConn, sql string, args ...any) error {
	_, err := c.ExecParams(ctx, sql, encodeArgs(args), nil, nil, nil).Close()
	return err
}

// Text values as PostgreSQL writes them (DateStyle ISO, TimeZone UTC: set
// on every connection).

func parseInt(b []byte) (int64, error) { return strconv.ParseInt(string(b), 10, 64) }

func parseBool(b []byte) bool { return string(b) == "t" }

// timestamptzLayout reads 2026-11-23 14:00:00+00 and 2026-11-23 14:00:00.5+00.
const timestamptzLayout = "2006-01-02 15:04:05.999999999Z07"

func parseTime(b []byte) (time.Time, error) {
	s := string(b)
	// Offsets come as +00, or +05:30 for a zone with minutes.
	t, err := time.Parse(timestamptzLayout, s)
	if err != nil {
		t, err = time.Parse("2006-01-02 15:04:05.999999999Z07:00", s)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read the time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// copyText writes a value for COPY ... FROM STDIN in text format.
func copyText(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString(`\N`)
	case *string:
		if v == nil {
			b.WriteString(`\N`)
			return
		}
		copyText(b, *v)
	case *time.Time:
		if v == nil {
			b.WriteString(`\N`)
			return
		}
		b.WriteString(v.UTC().Format(time.RFC3339Nano))
	case string:
		for i := 0; i < len(v); i++ { // bytes, not runes: nothing is changed
			switch c := v[i]; c {
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteByte(c)
			}
		}
	case []byte:
		b.WriteString(`\\x`)
		b.WriteString(hex.EncodeToString(v))
	default:
		b.Write(encodeArgs([]any{v})[0])
	}
}

// quoteIdent quotes an identifier for SQL.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
