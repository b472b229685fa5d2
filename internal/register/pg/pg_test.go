package pg_test

// What only the PostgreSQL register has to prove: its schema and its
// migrations, the append-only trigger, tampering done in SQL, connections
// that drop mid-save, and servers that are unreachable, slow or read-only.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/register/pg"
	"github.com/rightsaid/rightsaid/internal/register/pg/pgtest"
)

func kindOf(err error) string {
	var e *pg.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

func count(t *testing.T, r *pg.Register) int {
	t.Helper()
	var n int
	if err := connectTo(t, r).QueryRow(context.Background(), "SELECT count(*) FROM records").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIsURLAndRedact(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://h/db": true, " POSTGRES://h ": true,
		"/var/lib/records": false, "records": false, "postgres": false, "": false,
	} {
		if got := pg.IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v", s, got)
		}
	}
	got := pg.Redact("postgres://ward:s3cret@db.example:5432/rightsaid?sslmode=require&password=other")
	if strings.Contains(got, "s3cret") || strings.Contains(got, "other") || !strings.Contains(got, "db.example:5432/rightsaid") {
		t.Errorf("Redact = %q", got)
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"postgres://h/db?schema=Bad-Name", "postgres://h:notaport/db"} {
		if _, err := pg.Open(u, testCatalog(t)); kindOf(err) != pg.BadURL {
			t.Errorf("Open(%q) = %v, want a BadURL error", u, err)
		}
	}
}

func TestMigrate(t *testing.T) {
	url := pgtest.Fresh(t, false)
	_, err := pg.Open(url, testCatalog(t))
	if kindOf(err) != pg.NotMigrated || !strings.Contains(err.Error(), "rightsaid records migrate") {
		t.Fatalf("Open before migrating: %v, want a NotMigrated error saying to run records migrate", err)
	}
	res, err := pg.Migrate(url)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != len(pg.Migrations()) || res.Version != pg.Version() || !strings.HasPrefix(res.Schema, "rstest_") {
		t.Errorf("first Migrate: %+v", res)
	}
	res, err = pg.Migrate(url)
	if err != nil || len(res.Applied) != 0 {
		t.Errorf("second Migrate: applied %v, %v; want nothing to do", res.Applied, err)
	}
	r := openPG(t, url)
	save(t, r, record(t, spec{}))
	// Two at once: one waits for the other, and both end up at the version.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := pg.Migrate(pgtest.With(t, url, "schema", strings.Replace(res.Schema, "rstest_", "rstest_twice_", 1))); err != nil {
				t.Errorf("concurrent Migrate: %v", err)
			}
		}()
	}
	wg.Wait()
	pgtest.Exec(t, url, "DROP SCHEMA "+strings.Replace(res.Schema, "rstest_", "rstest_twice_", 1)+" CASCADE")
	// A newer rightsaid was here.
	pgtest.Exec(t, url, "INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')")
	if _, err := pg.Open(url, testCatalog(t)); kindOf(err) != pg.NotMigrated || !strings.Contains(err.Error(), "upgrade rightsaid") {
		t.Errorf("Open of a newer register: %v, want a NotMigrated error saying to upgrade", err)
	}
	if _, err := pg.Migrate(url); err == nil || !strings.Contains(err.Error(), "upgrade rightsaid") {
		t.Errorf("Migrate of a newer register: %v", err)
	}
}

// The database itself refuses to change or remove a record, whoever asks.
func TestAppendOnly(t *testing.T) {
	url := pgtest.Fresh(t, true)
	r := openPG(t, url)
	id := save(t, r, record(t, spec{}))
	before := verifyClean(t, r)
	for _, sql := range []string{
		"UPDATE records SET light = 'green'",
		"UPDATE records SET document = document || '\\x0a'::bytea",
		"DELETE FROM records",
		"DELETE FROM records WHERE id = '" + id + "'",
		"TRUNCATE records",
	} {
		err := pgtest.TryExec(t, url, sql)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want the append-only trigger to refuse it", sql, err)
		}
	}
	after := verifyClean(t, r)
	if after.Head != before.Head || after.Records != 1 {
		t.Errorf("after the refused statements: %+v, want %+v", after, before)
	}
}

// tamperFixture is a register of five records, the third reviewed by the
// fifth, with the append-only trigger disabled as a tamperer who owns the
// table would.
func tamperFixture(t *testing.T) (url string, r *pg.Register, ids []string) {
	url = pgtest.Fresh(t, true)
	r = openPG(t, url)
	for i := range 4 {
		ids = append(ids, save(t, r, record(t, spec{Ref: fmt.Sprintf("P-%04d", i), RecordedAt: fmt.Sprintf("2026-11-23T1%d:00:00Z", i)})))
	}
	ids = append(ids, save(t, r, record(t, spec{Ref: "P-0002", RecordedAt: "2026-11-23T18:00:00Z", Supersedes: ids[2]})))
	verifyClean(t, r)
	pgtest.Exec(t, url, "ALTER TABLE records DISABLE TRIGGER USER")
	return url, r, ids
}

func problems(rep register.Report) []string {
	var out []string
	for _, p := range rep.Problems {
		out = append(out, p.Kind+" "+p.ID)
	}
	return out
}

// Tampering done in SQL by someone who disabled the trigger: each kind is
// reported, by id where the id is left to name.
func TestTamperInSQL(t *testing.T) {
	edit := func(id, from, to string) string {
		return fmt.Sprintf("UPDATE records SET document = convert_to(replace(convert_from(document, 'UTF8'), '%s', '%s'), 'UTF8') WHERE id = '%s'", from, to, id)
	}
	for _, tc := range []struct {
		name string
		sql  func(ids []string) []string
		want func(ids []string) []string // Kind ID, sorted by ID
	}{
		{"edit a record", func(ids []string) []string {
			return []string{edit(ids[1], "Seclusion in the ward", "Quiet time in the ward")}
		}, func(ids []string) []string { return []string{"edited " + ids[1]} }},
		{"edit a record and its digest", func(ids []string) []string {
			return []string{edit(ids[1], "Seclusion in the ward", "Quiet time in the ward"),
				fmt.Sprintf("UPDATE records SET sha256 = encode(sha256(document), 'hex') WHERE id = '%s'", ids[1])}
		}, func(ids []string) []string { return []string{"reordered " + ids[2]} }},
		{"edit a column reports read", func(ids []string) []string {
			return []string{fmt.Sprintf("UPDATE records SET light = 'green', unit = 'Ward 9' WHERE id = '%s'", ids[0])}
		}, func(ids []string) []string { return []string{"edited " + ids[0]} }},
		{"delete a record", func(ids []string) []string {
			return []string{fmt.Sprintf("DELETE FROM records WHERE id = '%s'", ids[1])}
		}, func(ids []string) []string { return []string{"removed "} }},
		{"delete a reviewed record", func(ids []string) []string {
			return []string{"ALTER TABLE records DISABLE TRIGGER ALL", fmt.Sprintf("DELETE FROM records WHERE id = '%s'", ids[2])}
		}, func(ids []string) []string { return []string{"removed " + ids[2]} }},
		{"insert a record", func(ids []string) []string {
			return []string{fmt.Sprintf(`INSERT INTO records (seq, id, person_ref, setting, unit, kind, light, verdict, recorded_at, review_due, ended, document, sha256, prev)
				SELECT 6, 'RA-20261123-200000-abcdef', person_ref, setting, unit, kind, light, verdict, recorded_at, review_due, ended,
					convert_to(replace(convert_from(document, 'UTF8'), '%s', 'RA-20261123-200000-abcdef'), 'UTF8'),
					encode(sha256(convert_to(replace(convert_from(document, 'UTF8'), '%s', 'RA-20261123-200000-abcdef'), 'UTF8')), 'hex'),
					repeat('a', 64)
				FROM records WHERE id = '%s'`, ids[0], ids[0], ids[0])}
		}, func(ids []string) []string { return []string{"inserted RA-20261123-200000-abcdef"} }},
		{"swap two records", func(ids []string) []string {
			return []string{"UPDATE records SET seq = seq + 100 WHERE seq IN (2, 3)", "UPDATE records SET seq = 105 - seq WHERE seq IN (102, 103)"}
		}, func(ids []string) []string {
			// The two swapped, and the one after, which no longer follows
			// the row before it.
			return []string{"reordered " + ids[1], "reordered " + ids[2], "reordered " + ids[3]}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, r, ids := tamperFixture(t)
			for _, sql := range tc.sql(ids) {
				pgtest.Exec(t, url, sql)
			}
			rep, err := r.Verify()
			if err != nil {
				t.Fatal(err)
			}
			if rep.Clean() {
				t.Fatal("Verify found nothing")
			}
			got := problems(rep)
			if tc.want != nil && !slices.Equal(got, tc.want(ids)) {
				t.Errorf("problems %q, want %q", got, tc.want(ids))
			}
			for _, p := range rep.Problems {
				if p.Msg == "" {
					t.Errorf("problem %+v has no message", p)
				}
			}
			t.Logf("%q", got)
		})
	}
}

// The same tampering, through psql as a person at the database would.
func TestTamperThroughPsql(t *testing.T) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		if pgtest.InCI() {
			t.Fatal("psql is not installed (.ci/run installs postgresql)")
		}
		t.Skip("psql is not installed")
	}
	url, r, ids := tamperFixture(t)
	config, err := pg.Config(url)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := neturl(pgtest.URL(t))
	q := u.Query()
	q.Del("schema")
	u.RawQuery = q.Encode()
	script := fmt.Sprintf("SET search_path = %s;\nUPDATE records SET document = document || convert_to(E'# edited by hand\\n', 'UTF8') WHERE id = '%s';\n", config.RuntimeParams["search_path"], ids[3])
	cmd := exec.Command(psql, "-v", "ON_ERROR_STOP=1", "-X", "-q", u.String())
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	rep, err := r.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if got := problems(rep); !slices.Equal(got, []string{"edited " + ids[3]}) {
		t.Errorf("after psql edited %s: problems %q", ids[3], got)
	}
}

func neturl(s string) (*url.URL, error) { return url.Parse(s) }

// Deleting the newest record leaves a chain that links: only the head digest,
// kept elsewhere, shows it, as with the folder.
func TestTamperNewestRemovedShowsInHead(t *testing.T) {
	url, r, ids := tamperFixture(t)
	before := verifyClean(t, r)
	pgtest.Exec(t, url, fmt.Sprintf("DELETE FROM records WHERE id = '%s'", ids[4]))
	after := verifyClean(t, r)
	if after.Head == before.Head || after.Records != before.Records-1 {
		t.Errorf("head %s before, %s after: it should change", before.Head, after.Head)
	}
}

// A connection killed just before COMMIT: nothing was saved, the user is
// told so, and the register works on.
func TestKilledBeforeCommit(t *testing.T) {
	url := pgtest.Fresh(t, true)
	r := openPG(t, url)
	first := save(t, r, record(t, spec{Ref: "P-0001"}))
	killer := pgtest.Connect(t, url)
	pg.SetBeforeCommit(r, func(pid uint32) {
		if _, err := killer.Exec(context.Background(), "SELECT pg_terminate_backend($1)", int(pid)); err != nil {
			t.Errorf("pg_terminate_backend: %v", err)
		}
	})
	_, err := r.Save(record(t, spec{Ref: "P-0002"}))
	if kindOf(err) != pg.Lost || !strings.Contains(err.Error(), "NOT saved") {
		t.Fatalf("Save on a killed connection: %v, want a Lost error saying it was NOT saved", err)
	}
	pg.SetBeforeCommit(r, nil)
	if n := count(t, r); n != 1 {
		t.Errorf("%d records after the failed save, want 1", n)
	}
	second := save(t, r, record(t, spec{Ref: "P-0002"}))
	if second == first {
		t.Error("the second save reused an id")
	}
	if rep := verifyClean(t, r); rep.Records != 2 {
		t.Errorf("Verify: %d records", rep.Records)
	}
}

// A connection killed while the server is committing (a deferred trigger
// makes COMMIT slow): rightsaid asks again and says it was not saved.
func TestKilledDuringCommit(t *testing.T) {
	url := pgtest.Fresh(t, true)
	pgtest.Exec(t, url, `CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(10); RETURN NULL; END $$`)
	pgtest.Exec(t, url, `CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON records DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()`)
	r := openPG(t, url)
	killer := pgtest.Connect(t, url)
	pg.SetBeforeCommit(r, func(pid uint32) {
		go func() {
			// Once COMMIT is running the deferred trigger, end the backend.
			for range 100 {
				time.Sleep(50 * time.Millisecond)
				var waiting bool
				_ = killer.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query ILIKE 'commit%')", int(pid)).Scan(&waiting)
				if waiting {
					break
				}
			}
			if _, err := killer.Exec(context.Background(), "SELECT pg_terminate_backend($1)", int(pid)); err != nil {
				t.Errorf("pg_terminate_backend: %v", err)
			}
		}()
	})
	start := time.Now()
	_, err := r.Save(record(t, spec{}))
	if kindOf(err) != pg.Lost || !strings.Contains(err.Error(), "NOT saved") {
		t.Fatalf("Save killed during COMMIT: %v, want a Lost error saying it was NOT saved", err)
	}
	if time.Since(start) > 8*time.Second {
		t.Errorf("the save took %s: the kill should have cut the slow commit short", time.Since(start))
	}
	pg.SetBeforeCommit(r, nil)
	pgtest.Exec(t, url, "DROP TRIGGER slow_commit ON records")
	if n := count(t, r); n != 0 {
		t.Errorf("%d records after the killed commit, want 0", n)
	}
	save(t, r, record(t, spec{}))
	verifyClean(t, r)
}

// proxy stands between rightsaid and the server, on loopback, so a test can
// lose the server's answer to COMMIT, or refuse new connections.
type proxy struct {
	ln         net.Listener
	target     string // network address of the server
	network    string
	dropCommit atomic.Bool // lose the answer to the next COMMIT, then hang up
	refuse     atomic.Bool // hang up on new connections at once
	dropped    atomic.Int32
}

func startProxy(t *testing.T, url string) (*proxy, string) {
	t.Helper()
	config, err := pg.Config(url)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{network: "tcp", target: net.JoinHostPort(config.Host, fmt.Sprint(config.Port))}
	if strings.HasPrefix(config.Host, "/") {
		p.network, p.target = "unix", fmt.Sprintf("%s/.s.PGSQL.%d", config.Host, config.Port)
	}
	p.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.ln.Close() })
	go p.serve()
	u, err := neturl(url)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Del("host")
	q.Del("port")
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	u.Host = p.ln.Addr().String()
	return p, u.String()
}

func (p *proxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.refuse.Load() {
			client.Close()
			continue
		}
		server, err := net.Dial(p.network, p.target)
		if err != nil {
			client.Close()
			continue
		}
		go p.pipe(client, server)
	}
}

func (p *proxy) pipe(client, server net.Conn) {
	var lost atomic.Bool
	hangUp := func() { client.Close(); server.Close() }
	go func() { // server to client
		buf := make([]byte, 64*1024)
		for {
			n, err := server.Read(buf)
			if n > 0 && !lost.Load() {
				if _, err := client.Write(buf[:n]); err != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		hangUp()
	}()
	buf := make([]byte, 64*1024)
	for {
		n, err := client.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			commit := bytes.Contains(bytes.ToLower(chunk), []byte("commit\x00"))
			if commit && p.dropCommit.CompareAndSwap(true, false) {
				lost.Store(true)
				server.Write(chunk)
				time.Sleep(500 * time.Millisecond) // the server commits; its answer is lost
				p.dropped.Add(1)
				hangUp()
				return
			}
			if _, err := server.Write(chunk); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	hangUp()
}

// The server commits but its answer never arrives: rightsaid reconnects,
// finds the record, and reports it saved.
func TestCommitAnswerLost(t *testing.T) {
	url := pgtest.Fresh(t, true)
	p, via := startProxy(t, url)
	r := openPG(t, via)
	p.dropCommit.Store(true)
	rec := record(t, spec{})
	id, err := r.Save(rec)
	if err != nil {
		t.Fatalf("Save whose COMMIT answer was lost: %v, want the id of the committed record", err)
	}
	if p.dropped.Load() != 1 {
		t.Fatal("the proxy never saw the COMMIT")
	}
	got, err := r.Get(id)
	if err != nil || got.Person.Ref != rec.Person.Ref {
		t.Fatalf("Get(%s) = %v", id, err)
	}
	verifyClean(t, r)
}

// The answer to COMMIT is lost and the server cannot be reached again: the
// user is told the save may have happened, and how to check.
func TestCommitAnswerLostAndServerGone(t *testing.T) {
	url := pgtest.Fresh(t, true)
	p, via := startProxy(t, url)
	r := openPG(t, pgtest.With(t, via, "connect_timeout", "2"))
	p.dropCommit.Store(true)
	p.refuse.Store(true)
	_, err := r.Save(record(t, spec{}))
	var e *pg.Error
	if !errors.As(err, &e) || e.Kind != pg.Uncertain || e.ID == "" || !strings.Contains(e.Msg, "records show "+e.ID) {
		t.Fatalf("Save with the server gone: %v, want an Uncertain error naming the record to check", err)
	}
	// It was in fact committed: the check the message asks for finds it.
	p.refuse.Store(false)
	if _, err := r.Get(e.ID); err != nil {
		t.Errorf("Get(%s) after the server came back: %v", e.ID, err)
	}
}

func TestUnreachable(t *testing.T) {
	// Nothing listens: refused at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	start := time.Now()
	_, err = pg.Open("postgres://ward:secret@"+addr+"/rightsaid?sslmode=disable", testCatalog(t))
	if kindOf(err) != pg.Unreachable || !strings.Contains(err.Error(), "cannot reach") || strings.Contains(err.Error(), "secret") {
		t.Errorf("Open with nothing listening: %v, want an Unreachable error without the password", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	// Something listens but never answers: connect_timeout.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
			go io.Copy(io.Discard, c)
		}
	}()
	start = time.Now()
	_, err = pg.Open("postgres://ward@"+silent.Addr().String()+"/rightsaid?sslmode=disable&connect_timeout=1", testCatalog(t))
	if kindOf(err) != pg.Unreachable || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("Open of a server that never answers: %v, want an Unreachable error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("connect_timeout=1 took %s", d)
	}
	mu.Lock()
	for _, c := range held {
		c.Close()
	}
	mu.Unlock()
}

// A statement that waits past statement_timeout: a clear error, nothing saved.
func TestSlowServer(t *testing.T) {
	url := pgtest.Fresh(t, true)
	r := openPG(t, pgtest.With(t, pgtest.With(t, url, "statement_timeout", "300ms"), "lock_timeout", "1s"))
	blocker := pgtest.Connect(t, url)
	ctx := context.Background()
	tx, err := blocker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE records IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	_, err = r.Save(record(t, spec{}))
	if kindOf(err) != pg.Timeout || !strings.Contains(err.Error(), "statement timeout") || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("Save on a stuck table: %v, want a Timeout error", err)
	}
	// A read of the whole register may take longer than a save, but not
	// wait for a lock for ever.
	if _, err := r.All(); kindOf(err) != pg.Busy {
		t.Errorf("All on a stuck table: %v, want a Busy error", err)
	}
	tx.Rollback(ctx)
	save(t, r, record(t, spec{}))
}

// Another writer holds the register past lock_timeout: busy, try again.
func TestBusy(t *testing.T) {
	url := pgtest.Fresh(t, true)
	holder := openPG(t, url)
	release := make(chan struct{})
	holding := make(chan struct{})
	pg.SetBeforeCommit(holder, func(uint32) { close(holding); <-release })
	done := make(chan error)
	go func() {
		_, err := holder.Save(record(t, spec{Ref: "P-HOLD"}))
		done <- err
	}()
	<-holding
	r := openPG(t, pgtest.With(t, url, "lock_timeout", "300ms"))
	_, err := r.Save(record(t, spec{Ref: "P-WAIT"}))
	if kindOf(err) != pg.Busy || !strings.Contains(err.Error(), "busy") {
		t.Errorf("Save while another holds the register: %v, want a Busy error", err)
	}
	// Readers are not held up by a writer.
	if _, err := r.All(); err != nil {
		t.Errorf("All while a save is in progress: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	save(t, r, record(t, spec{Ref: "P-WAIT"}))
	verifyClean(t, r)
}

// A read-only database (a standby, a read-only user): reading works, saving
// says why it cannot.
func TestReadOnly(t *testing.T) {
	url := pgtest.Fresh(t, true)
	id := save(t, openPG(t, url), record(t, spec{}))
	r := openPG(t, pgtest.With(t, url, "default_transaction_read_only", "on"))
	if _, err := r.Get(id); err != nil {
		t.Errorf("Get from a read-only database: %v", err)
	}
	verifyClean(t, r)
	_, err := r.Save(record(t, spec{Ref: "P-0002"}))
	if kindOf(err) != pg.ReadOnly || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("Save to a read-only database: %v, want a ReadOnly error", err)
	}
}

// folderWith returns a folder register holding a few chains in two units.
func folderWith(t *testing.T) (*register.Dir, []string) {
	t.Helper()
	r := openDir(t, t.TempDir()+"/records")
	var ids []string
	a := save(t, r, record(t, spec{Ref: "P-0001", Unit: "Ward 7"}))
	ids = append(ids, a, save(t, r, record(t, spec{Ref: "P-0002", Unit: "Ward 9", Kind: "physical-restraint"})))
	ids = append(ids, save(t, r, record(t, spec{Ref: "P-0001", Unit: "Ward 7", RecordedAt: "2026-11-23T16:00:00Z", Supersedes: a})))
	ids = append(ids, save(t, r, record(t, spec{Ref: "C-0003", Setting: "care-home", Unit: "Rose House", Kind: "possessions-restriction", Within: "1d"})))
	return r, ids
}

func TestCopyFolderToPostgresAndBack(t *testing.T) {
	src, ids := folderWith(t)
	url := pgtest.Fresh(t, true)
	db := openPG(t, url)
	res, err := pg.Copy(src, db)
	if err != nil {
		t.Fatal(err)
	}
	if res.Copied != len(ids) || res.Skipped != 0 || res.From.Head != res.To.Head {
		t.Errorf("first copy: %+v; want %d copied and the same head both ends", res, len(ids))
	}
	for _, id := range ids {
		if !bytes.Equal(stored(t, src, id), stored(t, db, id)) {
			t.Errorf("%s: the bytes differ after the copy", id)
		}
	}
	// Idempotent.
	res, err = pg.Copy(src, db)
	if err != nil || res.Copied != 0 || res.Skipped != len(ids) {
		t.Errorf("second copy: %+v, %v; want all skipped", res, err)
	}
	// New records in the folder: only they are copied.
	more := save(t, src, record(t, spec{Ref: "P-0004", Unit: "Ward 9"}))
	res, err = pg.Copy(src, db)
	if err != nil || res.Copied != 1 || res.Skipped != len(ids) {
		t.Errorf("copy after one more record: %+v, %v", res, err)
	}
	// And back, into an empty folder: the same records, the same chain.
	back := openDir(t, t.TempDir()+"/back")
	res, err = pg.Copy(db, back)
	if err != nil || res.Copied != len(ids)+1 {
		t.Fatalf("copy back: %+v, %v", res, err)
	}
	for _, id := range append(ids, more) {
		if !bytes.Equal(stored(t, src, id), stored(t, back, id)) {
			t.Errorf("%s: the bytes differ after the copy back", id)
		}
	}
	if h1, h2 := verifyClean(t, src).Head, verifyClean(t, back).Head; h1 != h2 {
		t.Errorf("the folder's head %s, the copy's %s", h1, h2)
	}
	// A review saved in PostgreSQL of a record copied from the folder.
	save(t, db, record(t, spec{Ref: "P-0002", Unit: "Ward 9", Kind: "physical-restraint", RecordedAt: "2026-11-23T20:00:00Z", Supersedes: ids[1]}))
	res, err = pg.Copy(db, back)
	if err != nil || res.Copied != 1 {
		t.Errorf("copy back of the review: %+v, %v", res, err)
	}
}

func TestCopyRefusesTamperedOrClashing(t *testing.T) {
	src, ids := folderWith(t)
	// The same id with other contents in the destination.
	url := pgtest.Fresh(t, true)
	db := openPG(t, url)
	other := record(t, spec{Ref: "P-9999"})
	other.ID = ids[1]
	if err := db.Import([]*decision.Decision{other}); err != nil {
		t.Fatal(err)
	}
	_, err := pg.Copy(src, db)
	if kindOf(err) != pg.Conflict || !strings.Contains(err.Error(), ids[1]) {
		t.Errorf("copy onto a clashing id: %v, want a Conflict naming %s", err, ids[1])
	}
	if n := count(t, db); n != 1 {
		t.Errorf("%d records after a refused copy, want 1 (nothing copied)", n)
	}
	// A tampered source.
	url2, tampered, tids := tamperFixture(t)
	pgtest.Exec(t, url2, fmt.Sprintf("UPDATE records SET light = 'green' WHERE id = '%s'", tids[0]))
	dst := openDir(t, t.TempDir()+"/dst")
	if _, err := pg.Copy(tampered, dst); err == nil || !strings.Contains(err.Error(), "nothing was copied") {
		t.Errorf("copy from a tampered register: %v", err)
	}
}

// A ward's user that may only read and add records (as the README grants):
// it saves and verifies, and the database refuses it anything else, even
// with the trigger out of the way.
func TestWardUserMayOnlyReadAndAdd(t *testing.T) {
	url := pgtest.Fresh(t, true)
	config, err := pg.Config(url)
	if err != nil {
		t.Fatal(err)
	}
	schema := strings.Trim(config.RuntimeParams["search_path"], `"`)
	role := "ward_" + strings.TrimPrefix(schema, "rstest_")
	pgtest.Exec(t, url, "CREATE ROLE "+role+" LOGIN")
	t.Cleanup(func() {
		pgtest.TryExec(t, url, "DROP OWNED BY "+role)
		pgtest.TryExec(t, url, "DROP ROLE "+role)
	})
	pgtest.Exec(t, url, fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s; GRANT SELECT ON %s.schema_migrations TO %s; GRANT SELECT, INSERT ON %s.records TO %s", schema, role, schema, role, schema, role))
	u, err := neturl(url)
	if err != nil {
		t.Fatal(err)
	}
	u.User = neturlUser(role)
	wardURL := u.String()
	ward := openPG(t, wardURL)
	first := save(t, ward, record(t, spec{}))
	save(t, ward, record(t, spec{RecordedAt: "2026-11-23T16:00:00Z", Supersedes: first}))
	verifyClean(t, ward)
	for _, sql := range []string{
		"UPDATE records SET light = 'green'",
		"DELETE FROM records",
		"ALTER TABLE records DISABLE TRIGGER USER",
		"TRUNCATE records",
	} {
		if err := pgtest.TryExec(t, wardURL, sql); err == nil || !strings.Contains(err.Error(), "42501") {
			t.Errorf("as the ward's user, %s: %v, want a permission error", sql, err)
		}
	}
	if _, err := pg.Migrate(wardURL); err == nil {
		t.Error("the ward's user migrated the register")
	}
}

func neturlUser(name string) *url.Userinfo { return url.User(name) }
