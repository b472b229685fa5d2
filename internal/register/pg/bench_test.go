package pg_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
	"github.com/rightsaid/rightsaid/internal/register/pg/pgtest"
)

// benchRecords is how many records the copy benchmark moves:
// RIGHTSAID_BENCH_RECORDS, or 100,000 (a year of a large trust's decisions).
func benchRecords() int {
	if n, err := strconv.Atoi(os.Getenv("RIGHTSAID_BENCH_RECORDS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// writeFolder writes a folder register of n records, in the folder
// register's own format (one canonical file a record, chain.log), directly:
// saving them one by one would take far longer than copying them. Records
// vary by kind, setting, unit, person and time, and one in ten reviews the
// record before it.
func writeFolder(b *testing.B, dir string, n int) {
	b.Helper()
	c := testCatalog(b)
	var templates []*decision.Decision
	units := []string{"Ward 1", "Ward 2", "Ward 3", "Ward 7", "Rose House", "Oak Lodge", ""}
	kinds := []struct{ kind, setting, within string }{
		{"seclusion", "mental-health-inpatient", "2h"},
		{"physical-restraint", "mental-health-inpatient", "1d"},
		{"enhanced-observation", "acute-hospital", "1d"},
		{"exit-restriction", "care-home", "3d"},
		{"possessions-restriction", "school", "1d"},
	}
	for i, u := range units {
		k := kinds[i%len(kinds)]
		rec, err := buildRecord(c, spec{Kind: k.kind, Setting: k.setting, Unit: u, Within: k.within})
		if err != nil {
			b.Fatal(err)
		}
		templates = append(templates, rec)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	chain, err := os.OpenFile(filepath.Join(dir, "chain.log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Close()
	start := utc("2025-01-01T00:00:00Z")
	ids := make([]string, n)
	data := make([][]byte, n)
	make1 := func(i int) {
		t := templates[i%len(templates)]
		d := *t
		o := *t.Outcome
		at := start.Add(time.Duration(i) * 5 * time.Minute)
		d.RecordedAt = decision.NewTime(at)
		o.ReviewDue = at.Add(t.Outcome.ReviewDue.Sub(t.RecordedAt.Time()))
		d.Outcome = &o
		d.Person.Ref = fmt.Sprintf("P-%05d", i%5000)
		if i%10 == 9 {
			d.Supersedes = ids[i-1] // a review of the record before
		}
		d.ID = ""
		d.ID = "RA-" + at.UTC().Format("20060102-150405") + "-" + digestOf(decision.Canonical(&d))[:6]
		ids[i], data[i] = d.ID, decision.Canonical(&d)
	}
	// The reviews after the records they review, each set on every core.
	inParallel(n, func(i int) {
		if i%10 != 9 {
			make1(i)
		}
	})
	inParallel(n, func(i int) {
		if i%10 == 9 {
			make1(i)
		}
	})
	prev := "0000000000000000000000000000000000000000000000000000000000000000"
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, ids[i]+".yaml"), data[i], 0o600); err != nil {
			b.Fatal(err)
		}
		// The folder register's chain line, keys in its order.
		line := []byte(fmt.Sprintf(`{"seq":%d,"id":%q,"sha256":%q,"prev":%q}`, i+1, ids[i], digestOf(data[i]), prev))
		if _, err := chain.Write(append(line, '\n')); err != nil {
			b.Fatal(err)
		}
		prev = digestOf(line)
	}
}

// inParallel calls fn(0) ... fn(n-1) on every core.
func inParallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkCopy100k copies a folder register of 100,000 records into a new
// PostgreSQL register (verifying both ends before and after, as the command
// does), lists the reviews due across it (from every record, and as
// `rightsaid records due` does, on the index), and runs the same copy again.
//
//	RIGHTSAID_TEST_POSTGRES=postgres://... go test ./internal/register/pg -run '^$' -bench Copy100k -benchtime 1x
func BenchmarkCopy100k(b *testing.B) {
	if testing.Short() {
		b.Skip("-short: copies 100,000 records")
	}
	n := benchRecords()
	dir := filepath.Join(b.TempDir(), "records")
	t0 := time.Now()
	writeFolder(b, dir, n)
	b.Logf("wrote a folder register of %d records in %s", n, time.Since(t0).Round(time.Millisecond))
	src := openDir(b, dir)
	for range b.N {
		b.StopTimer()
		url := pgtest.Fresh(b, true)
		dst := openPG(b, url)
		b.StartTimer()
		t1 := time.Now()
		res, err := pg.Copy(src, dst)
		if err != nil {
			b.Fatal(err)
		}
		copied := time.Since(t1)
		if res.Copied != n {
			b.Fatalf("copied %d of %d", res.Copied, n)
		}
		t2 := time.Now()
		entries, err := register.Entries(dst)
		if err != nil {
			b.Fatal(err)
		}
		// Half a day before the newest record: the reviews of the last day
		// or so are due, as in a register in daily use.
		now := utc("2025-01-01T00:00:00Z").Add(time.Duration(n)*5*time.Minute - 12*time.Hour)
		due := register.DueBy(entries, now, 0)
		dueTime := time.Since(t2)
		t4 := time.Now()
		indexed, err := dst.Due(now, 0)
		if err != nil || len(indexed) != len(due) {
			b.Fatalf("Due on the index: %d reviews, %v; DueBy %d", len(indexed), err, len(due))
		}
		indexedTime := time.Since(t4)
		t3 := time.Now()
		again, err := pg.Copy(src, dst)
		if err != nil || again.Copied != 0 {
			b.Fatalf("second copy: %+v, %v", again, err)
		}
		b.Logf("copy of %d records: %s (%.0f records/s); reviews due over them (%d due): %s from every record, %s on the index; the same copy again (nothing to do): %s",
			n, copied.Round(time.Millisecond), float64(n)/copied.Seconds(), len(due), dueTime.Round(time.Millisecond), indexedTime.Round(time.Millisecond), time.Since(t3).Round(time.Millisecond))
		b.ReportMetric(indexedTime.Seconds(), "due-indexed-s")
		b.ReportMetric(copied.Seconds(), "copy-s")
		b.ReportMetric(dueTime.Seconds(), "due-s")
	}
}

func digestOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
