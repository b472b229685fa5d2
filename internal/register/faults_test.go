package register_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/rightsaid/rightsaid/internal/register"
)

// snapshot is a register's files and their contents.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range names(t, dir) {
		if n == ".lock" {
			continue
		}
		out[n] = mustRead(t, filepath.Join(dir, n))
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for n, b := range before {
		if a, ok := after[n]; !ok {
			t.Errorf("%s is gone", n)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s changed", n)
		}
	}
	for n := range after {
		if _, ok := before[n]; !ok {
			t.Errorf("%s appeared", n)
		}
	}
}

func TestLockTimeout(t *testing.T) {
	r := openDir(t)
	save(t, r, record(t, spec{Ref: "P-1"}))
	before := snapshot(t, r.Path())

	old := register.LockTimeout
	register.LockTimeout = 200 * time.Millisecond
	t.Cleanup(func() { register.LockTimeout = old })

	// Another rightsaid holds the lock (flock locks belong to an open file,
	// so a second open of .lock in this process conflicts like another
	// process would).
	other := flock.New(filepath.Join(r.Path(), ".lock"))
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := r.Save(record(t, spec{Ref: "P-2"}))
	waited := time.Since(start)
	var le *register.LockError
	if !errors.As(err, &le) {
		other.Unlock()
		t.Fatalf("Save with the lock held: %v, want a *LockError", err)
	}
	if le.Dir != r.Path() || le.Wait != 200*time.Millisecond {
		t.Errorf("LockError %+v", le)
	}
	msg := err.Error()
	for _, want := range []string{r.Path(), "busy", "200ms", "nothing was saved"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message %q does not say %q", msg, want)
		}
	}
	if waited < 200*time.Millisecond || waited > 5*time.Second {
		t.Errorf("Save gave up after %v, want about 200ms", waited)
	}
	// Verify waits for the lock too.
	if _, err := r.Verify(); !errors.As(err, &le) {
		t.Errorf("Verify with the lock held: %v, want a *LockError", err)
	}
	// Reading needs no lock.
	if _, err := r.All(); err != nil {
		t.Errorf("All with the lock held: %v", err)
	}
	sameSnapshot(t, before, snapshot(t, r.Path()))

	// Once the lock is released, saving works.
	if err := other.Unlock(); err != nil {
		t.Fatal(err)
	}
	save(t, r, record(t, spec{Ref: "P-2"}))
	verifyClean(t, r)
}

// A lock held for a while, then released within LockTimeout: the save waits
// and succeeds.
func TestLockWaits(t *testing.T) {
	r := openDir(t)
	other := flock.New(filepath.Join(r.Path(), ".lock"))
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(150 * time.Millisecond)
		other.Unlock()
	}()
	start := time.Now()
	save(t, r, record(t, spec{}))
	if waited := time.Since(start); waited < 100*time.Millisecond {
		t.Errorf("Save did not wait for the lock (%v)", waited)
	}
	verifyClean(t, r)
}

func TestReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows folders have no Unix permissions")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root, which ignores folder permissions: see TestReadOnlyFilesystem and TestFolderUnderAFile")
	}
	r := openDir(t)
	save(t, r, record(t, spec{Ref: "P-1"}))
	before := snapshot(t, r.Path())
	if err := os.Chmod(r.Path(), 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(r.Path(), 0o700) })

	_, err := r.Save(record(t, spec{Ref: "P-2"}))
	if err == nil {
		t.Fatal("Save into a read-only folder succeeded")
	}
	if !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("Save: %v, want a permission error", err)
	}
	t.Logf("Save: %v", err)
	sameSnapshot(t, before, snapshot(t, r.Path()))
	// Reading and verifying work on a read-only register.
	if _, err := r.All(); err != nil {
		t.Errorf("All: %v", err)
	}
	ro := openAt(t, r.Path())
	verifyClean(t, ro)
	if err := os.Chmod(r.Path(), 0o700); err != nil {
		t.Fatal(err)
	}
	save(t, r, record(t, spec{Ref: "P-2"}))
	verifyClean(t, r)
}

// A register whose folder cannot be made (a file is in the way): a clear
// error at open, and nothing made.
func TestFolderUnderAFile(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "data")
	mustWrite(t, file, []byte("a file, not a folder\n"))
	dir := filepath.Join(file, "records")
	_, err := register.OpenDir(dir, testCatalog(t))
	if err == nil {
		t.Fatal("OpenDir under a file succeeded")
	}
	if !strings.Contains(err.Error(), "open the register") || !strings.Contains(err.Error(), "data") {
		t.Errorf("OpenDir: %v, want an error naming the path", err)
	}
	t.Logf("OpenDir: %v", err)
	if got := string(mustRead(t, file)); got != "a file, not a folder\n" {
		t.Errorf("the file in the way was changed")
	}
	if n := names(t, parent); len(n) != 1 {
		t.Errorf("the parent now holds %v", n)
	}
}

// The register's folder removed (an unplugged drive) after it was opened:
// Save fails clearly and nothing is left half-made.
func TestFolderGone(t *testing.T) {
	r := openDir(t)
	save(t, r, record(t, spec{Ref: "P-1"}))
	if err := os.RemoveAll(r.Path()); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Save(record(t, spec{Ref: "P-2"})); err == nil {
		t.Errorf("Save into a removed folder succeeded")
	} else {
		t.Logf("Save: %v", err)
	}
}
