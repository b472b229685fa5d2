package register_test

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// child starts this test binary as a process that saves count records into
// dir (see childMain).
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Scanner
	stderr strings.Builder
}

func startChild(t *testing.T, dir, tag string, count int, wait bool) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"=save", envDir+"="+dir, envTag+"="+tag, fmt.Sprintf("%s=%d", envCount, count))
	if wait {
		cmd.Env = append(cmd.Env, envWait+"=1")
	}
	c := &child{cmd: cmd}
	cmd.Stderr = &c.stderr
	var err error
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.stdout = bufio.NewScanner(out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if !c.stdout.Scan() || c.stdout.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child %s did not start: %q %s", tag, c.stdout.Text(), c.stderr.String())
	}
	return c
}

// ids reads the ids the child reports saved, until it exits or is killed,
// and the longest a save took.
func (c *child) ids() (ids []string, longest time.Duration) {
	for c.stdout.Scan() {
		id, us, _ := strings.Cut(c.stdout.Text(), " ")
		ids = append(ids, id)
		if n, err := strconv.Atoi(us); err == nil {
			longest = max(longest, time.Duration(n)*time.Microsecond)
		}
	}
	return ids, longest
}

// Eight processes saving 100 records each, all at once, into one register.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 800 saves in 8 processes")
	}
	const procs, each = 8, 100
	dir := filepath.Join(t.TempDir(), "records")
	openAt(t, dir) // create it, so the children race only on saving
	children := make([]*child, procs)
	for i := range children {
		children[i] = startChild(t, dir, fmt.Sprint(i), each, true)
	}
	start := time.Now()
	for _, c := range children {
		c.stdin.Write([]byte("g"))
		c.stdin.Close()
	}
	var mu sync.Mutex
	var saved []string
	var longest time.Duration
	var wg sync.WaitGroup
	for i, c := range children {
		wg.Go(func() {
			ids, long := c.ids()
			if err := c.cmd.Wait(); err != nil {
				t.Errorf("child %d: %v: %s", i, err, c.stderr.String())
			}
			mu.Lock()
			saved = append(saved, ids...)
			longest = max(longest, long)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d processes saved %d records in %v (%.1f ms a save); the longest save, waiting for the lock, took %v",
		procs, len(saved), elapsed.Round(time.Millisecond), float64(elapsed.Milliseconds())/float64(max(1, len(saved))), longest.Round(time.Millisecond))

	if len(saved) != procs*each {
		t.Fatalf("%d saves reported, want %d", len(saved), procs*each)
	}
	files := recordFiles(t, dir)
	if len(files) != procs*each {
		t.Errorf("%d record files, want %d", len(files), procs*each)
	}
	slices.Sort(saved)
	if !slices.Equal(saved, files) {
		t.Errorf("the ids reported saved are not the record files")
	}
	if n := len(chainLines(t, dir)); n != procs*each {
		t.Errorf("%d chain lines, want %d", n, procs*each)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
	r := openAt(t, dir)
	rep := verifyClean(t, r)
	if rep.Records != procs*each {
		t.Errorf("Verify checked %d records, want %d", rep.Records, procs*each)
	}
	all, err := r.All()
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]bool{}
	for _, d := range all {
		refs[d.Person.Ref] = true
	}
	if len(refs) != procs*each {
		t.Errorf("%d distinct records read back, want %d", len(refs), procs*each)
	}
}

// A process saving 1,000 records is killed (SIGKILL) at random points, again
// and again, in the same register: after each kill the register opens,
// verifies clean, holds no temporary or journal file, every record decodes,
// and every save the process was told had succeeded is there.
func TestKilledMidSave(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	if testing.Short() {
		t.Skip("-short: kills a saving process 20 times")
	}
	const runs, each = 20, 1000
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	dir := filepath.Join(t.TempDir(), "records")
	openAt(t, dir)
	var reported []string
	start := time.Now()
	recovered := 0
	for run := range runs {
		c := startChild(t, dir, fmt.Sprintf("run%02d", run), each, false)
		wait := time.Duration(5+rng.IntN(196)) * time.Millisecond
		time.Sleep(wait)
		c.cmd.Process.Kill()
		ids, _ := c.ids()
		c.cmd.Wait()
		reported = append(reported, ids...)

		// What the kill left, before the register is opened.
		left := leftovers(t, dir)
		if len(left) > 0 {
			recovered++
		}
		r := openAt(t, dir)
		rep := verifyClean(t, r)
		if l := leftovers(t, dir); len(l) > 0 {
			t.Fatalf("run %d: left behind after opening: %v", run, l)
		}
		all, err := r.All()
		if err != nil {
			t.Fatalf("run %d: a record does not decode: %v", run, err)
		}
		files := recordFiles(t, dir)
		lines := chainLines(t, dir)
		if len(all) != len(files) || len(files) != len(lines) || rep.Records != len(files) {
			t.Fatalf("run %d: %d records read, %d files, %d chain lines, %d verified", run, len(all), len(files), len(lines), rep.Records)
		}
		for _, id := range reported {
			if !slices.Contains(files, id) {
				t.Fatalf("run %d: %s was reported saved but is gone", run, id)
			}
		}
		t.Logf("run %2d: killed after %3v: %3d saves reported, %4d records in all, left behind %v", run, wait, len(ids), len(files), left)
	}
	t.Logf("%d kills in %v; %d left a save to recover", runs, time.Since(start), recovered)
	if len(reported) == 0 {
		t.Errorf("no save completed before a kill: the kills came too early to test anything")
	}
}
