package register_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tmpfs mounts a small tmpfs of size (e.g. "64k") on a new folder and
// unmounts it when the test ends. It needs root and mount(8); the test is
// skipped without them.
func tmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	if _, err := exec.LookPath("mount"); err != nil {
		t.Skip("no mount(8)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a file in dir until the filesystem is full, then frees
// `free` bytes of it.
func fill(t *testing.T, dir string, free int64) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	var n int64
	for {
		w, err := f.Write(buf)
		n += int64(w)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(max(0, n-free)); err != nil {
		t.Fatal(err)
	}
	return path
}

// A full disk: every point at which a save can run out of space (the
// journal, the record, the chain line) gives a clear error, leaves no
// partial record or temporary file, and the register verifies.
func TestDiskFull(t *testing.T) {
	mnt := tmpfs(t, "64k")
	dir := filepath.Join(mnt, "records")
	r := openAt(t, dir)
	first := save(t, r, record(t, spec{Ref: "P-1"}))

	failed := 0
	// Free 0, 1, 2, ... pages: the save runs out of space later each time,
	// until it fits.
	for pages := int64(0); pages <= 6; pages++ {
		filler := fill(t, mnt, pages*4096)
		before := recordFiles(t, dir)
		id, err := r.Save(record(t, spec{Ref: "P-2", Desc: strings.Repeat("A long description. ", 1+int(pages))}))
		// A save whose record was written but whose chain line was not says
		// so; the next verify completes it.
		written := err != nil && strings.Contains(err.Error(), "is written")
		if err != nil {
			failed++
			t.Logf("%d pages free: %v", pages, err)
			if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device") {
				t.Errorf("%d pages free: Save: %v, want an error saying no space is left", pages, err)
			}
		}
		if l := leftovers(t, dir); len(l) > 0 && !written {
			t.Errorf("%d pages free: left behind: %v", pages, l)
		}
		after := recordFiles(t, dir)
		switch {
		case err == nil && len(after) != len(before)+1:
			t.Errorf("%d pages free: saved %s but %d records, want %d", pages, id, len(after), len(before)+1)
		case err != nil && len(after) != len(before) && !written:
			t.Errorf("%d pages free: a failed save left %d records, want %d", pages, len(after), len(before))
		}
		// With room again, the register verifies (completing a save whose
		// record was written, if any) and every record reads.
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		verifyClean(t, r)
		if _, err := r.All(); err != nil {
			t.Errorf("All: %v", err)
		}
		if _, err := r.Get(first); err != nil {
			t.Errorf("the first record: %v", err)
		}
		if err == nil {
			break
		}
	}
	if failed == 0 {
		t.Errorf("no save ran out of space: the test filled nothing")
	}
}

// A read-only filesystem (a remounted tmpfs), which stops root as well:
// a clear error, the register unchanged and still readable and verifiable.
func TestReadOnlyFilesystem(t *testing.T) {
	mnt := tmpfs(t, "1m")
	dir := filepath.Join(mnt, "records")
	r := openAt(t, dir)
	save(t, r, record(t, spec{Ref: "P-1"}))
	save(t, r, record(t, spec{Ref: "P-2"}))
	before := snapshot(t, dir)
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("mount", "-o", "remount,rw", mnt).Run() })

	_, err := r.Save(record(t, spec{Ref: "P-3"}))
	if err == nil {
		t.Fatal("Save on a read-only filesystem succeeded")
	}
	t.Logf("Save: %v", err)
	if !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), "read-only file system") {
		t.Errorf("Save: %v, want an error saying the file system is read-only", err)
	}
	sameSnapshot(t, before, snapshot(t, dir))

	// Reading, opening and verifying a read-only register work.
	ro := openAt(t, dir)
	if all, err := ro.All(); err != nil || len(all) != 2 {
		t.Errorf("All: %d records, %v", len(all), err)
	}
	verifyClean(t, ro)

	if out, err := exec.Command("mount", "-o", "remount,rw", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount rw: %v: %s", err, out)
	}
	save(t, r, record(t, spec{Ref: "P-3"}))
	verifyClean(t, r)
}
