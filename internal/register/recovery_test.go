package register_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rightsaid/rightsaid/internal/register"
)

// The states a save can be interrupted in (DESIGN.md §6: journal the line in
// .pending, put the record in place, append the line, remove .pending), made
// by hand from a register whose last save completed, and what the next open,
// save or verify must make of them.
func TestRecoverInterruptedSave(t *testing.T) {
	// base: two records; the second save, of last, is the one "interrupted".
	r := openDir(t)
	first := save(t, r, record(t, spec{Ref: "P-1"}))
	last := save(t, r, record(t, spec{Ref: "P-2"}))
	base := r.Path()
	lines := chainLines(t, base)
	lastLine := append(slices.Clone(lines[1]), '\n')
	recordFile := last + ".yaml"

	type state struct {
		name string
		make func(t *testing.T, dir string)
		kept bool // whether the interrupted record must survive
	}
	states := []state{
		{
			name: "temp file of the journal, before its rename",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				os.Remove(filepath.Join(dir, recordFile))
				mustWrite(t, filepath.Join(dir, ".tmp-123456"), lastLine[:20])
			},
		},
		{
			name: "journal written, record not yet",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				os.Remove(filepath.Join(dir, recordFile))
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine)
			},
		},
		{
			name: "journal written, record half written in its temp file",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				data := mustRead(t, filepath.Join(dir, recordFile))
				os.Remove(filepath.Join(dir, recordFile))
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine)
				mustWrite(t, filepath.Join(dir, ".tmp-777"), data[:len(data)/2])
			},
		},
		{
			name: "record in place, chain line not appended",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine)
			},
			kept: true,
		},
		{
			name: "record in place, chain line half appended",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				f, err := os.OpenFile(filepath.Join(dir, "chain.log"), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Write(lastLine[:30])
				f.Close()
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine)
			},
			kept: true,
		},
		{
			name: "chain line appended, journal not removed",
			make: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine)
			},
			kept: true,
		},
		{
			name: "journal cut short",
			make: func(t *testing.T, dir string) {
				writeChain(t, dir, lines[:1])
				os.Remove(filepath.Join(dir, recordFile))
				mustWrite(t, filepath.Join(dir, ".pending"), lastLine[:25])
			},
		},
	}
	check := func(t *testing.T, dir string, st state, r register.Register, extra int) {
		t.Helper()
		verifyClean(t, r)
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
		files := recordFiles(t, dir)
		if got := slices.Contains(files, last); got != st.kept {
			t.Errorf("the interrupted record present: %v, want %v", got, st.kept)
		}
		if !slices.Contains(files, first) {
			t.Errorf("the first record is gone")
		}
		want := 1 + extra
		if st.kept {
			want++
		}
		if len(files) != want || len(chainLines(t, dir)) != want {
			t.Errorf("%d records and %d chain lines, want %d", len(files), len(chainLines(t, dir)), want)
		}
		all, err := r.All()
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		if len(all) != want {
			t.Errorf("All: %d records, want %d", len(all), want)
		}
	}
	for _, st := range states {
		t.Run(st.name+"/open", func(t *testing.T) {
			dir := copyDir(t, base)
			st.make(t, dir)
			check(t, dir, st, openAt(t, dir), 0)
		})
		t.Run(st.name+"/verify", func(t *testing.T) {
			dir := copyDir(t, base)
			r := openAt(t, dir) // opened before the crash
			st.make(t, dir)
			check(t, dir, st, r, 0)
		})
		// Another process had the register open when this one crashed: its
		// next save must complete or drop the interrupted one first, or
		// the chain forks.
		t.Run(st.name+"/save", func(t *testing.T) {
			dir := copyDir(t, base)
			r := openAt(t, dir)
			st.make(t, dir)
			save(t, r, record(t, spec{Ref: "P-3"}))
			check(t, dir, st, r, 1)
		})
	}
}
