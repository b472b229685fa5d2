// Command gen writes a synthetic register, to measure `rightsaid report` at
// scale:
//
//	go run ./internal/report/gen -n 100000 -dir /tmp/register
//	time rightsaid report --records /tmp/register --now 2026-12-01T00:00:00Z
//
// The records spread over the year before -end (default 1 Dec 2026) across
// settings, kinds, people (some restricted again and again), lights,
// reviews made on time, late or not at all, chains that end, and blanket
// rules. The same -n and -seed always write the same register, and it passes
// `rightsaid records verify`. -save saves each record through the register,
// as `rightsaid decide --save` does: the reference, but far slower.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // Europe/London on any machine, as cmd/rightsaid

	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

func main() {
	n := flag.Int("n", 1000, "the number of `records`")
	dir := flag.String("dir", "", "the register folder to write (`DIR`; it must not hold a register yet)")
	seed := flag.Uint64("seed", 1, "the random `seed`")
	end := flag.String("end", synth.DefaultEnd.Format(time.RFC3339), "records are made in the year before `TIME`")
	save := flag.Bool("save", false, "save each record through the register (slow: the reference)")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/report/gen -n RECORDS -dir DIR [-seed N] [-end TIME] [-save]")
		os.Exit(2)
	}
	if err := run(*n, *dir, *seed, *end, *save); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, dir string, seed uint64, end string, save bool) error {
	t, err := time.Parse(time.RFC3339, end)
	if err != nil {
		return fmt.Errorf("-end: %w", err)
	}
	c, err := catalog.Load(checklists.FS, "")
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return err
	}
	o := synth.Options{N: n, Seed: seed, End: t, Location: loc}
	start := time.Now()
	if save {
		reg, err := register.OpenDir(dir, c)
		if err != nil {
			return err
		}
		defer reg.Close()
		err = synth.Save(reg, c, o)
		if err != nil {
			return err
		}
	} else if err := synth.Write(dir, c, o); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %d records to %s in %s\n", n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}
