package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

func options(n int) synth.Options {
	return synth.Options{N: n, Seed: 3, End: synth.DefaultEnd, Location: time.UTC}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.Name() == ".lock" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// Write writes exactly what saving each record through the register does:
// the same files, ids and chain.log.
func TestWriteMatchesSave(t *testing.T) {
	if testing.Short() {
		t.Skip("saving through the register syncs every file")
	}
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	written := filepath.Join(t.TempDir(), "written")
	if err := synth.Write(written, c, options(40)); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "saved")
	reg, err := register.OpenDir(saved, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.Save(reg, c, options(40)); err != nil {
		t.Fatal(err)
	}
	w, s := files(t, written), files(t, saved)
	if len(w) != 41 {
		t.Errorf("%d files written, want 40 records and chain.log", len(w))
	}
	for name, data := range s {
		if !bytes.Equal(w[name], data) {
			t.Errorf("%s differs", name)
		}
	}
	for name := range w {
		if _, ok := s[name]; !ok {
			t.Errorf("%s written, not saved", name)
		}
	}
	rep, err := reg.Verify()
	if err != nil || !rep.Clean() {
		t.Errorf("verify: %v %+v", err, rep.Problems)
	}
	info, err := os.Stat(filepath.Join(written, "chain.log"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("chain.log: %v %v", info.Mode(), err)
	}
}

// The same options make the same register; another seed, another.
func TestDeterministic(t *testing.T) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	chain := func(o synth.Options) []byte {
		dir := filepath.Join(t.TempDir(), "r")
		if err := synth.Write(dir, c, o); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "chain.log"))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	a, b := chain(options(50)), chain(options(50))
	if !bytes.Equal(a, b) {
		t.Error("the same options made different registers")
	}
	other := options(50)
	other.Seed++
	if bytes.Equal(a, chain(other)) {
		t.Error("another seed made the same register")
	}
	if err := synth.Write(t.TempDir(), c, options(5)); err != nil {
		t.Fatal(err)
	}
}

// The spread is realistic: every light, reviews and chains, blanket rules,
// several settings, and someone restricted again and again.
func TestSpread(t *testing.T) {
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	ds := synth.Decisions(c, options(3000))
	lights := map[string]int{}
	settings := map[string]bool{}
	people := map[string]int{}
	reviews, ended, blanket := 0, 0, 0
	ids := map[string]bool{}
	for _, d := range ds {
		lights[d.Outcome.Light]++
		settings[string(d.Setting)] = true
		people[d.Person.Ref]++
		if d.Supersedes != "" {
			reviews++
			if !ids[d.Supersedes] {
				t.Fatalf("%s reviews %s, which is not saved before it", d.ID, d.Supersedes)
			}
		}
		if register.Ended(d) {
			ended++
		}
		if d.IsBlanket() {
			blanket++
		}
		if d.RecordedAt.Time().After(synth.DefaultEnd) {
			t.Fatalf("%s made after End", d.ID)
		}
		ids[d.ID] = true
	}
	most := slices.Max(func() []int {
		var n []int
		for _, v := range people {
			n = append(n, v)
		}
		return n
	}())
	t.Logf("lights %v, %d settings, %d people (most %d records), %d reviews, %d ended, %d blanket", lights, len(settings), len(people), most, reviews, ended, blanket)
	if lights["green"] == 0 || lights["amber"] == 0 || lights["red"] == 0 || len(settings) < 8 || reviews < 300 || ended < 300 || blanket < 30 || most < 20 {
		t.Error("the spread is not realistic")
	}
}
