package register_test

import (
	"os"
	"testing"
	"time"

	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

// BenchmarkList reads a register of 10,000 records (1,000 with -short) as
// `records list`, `records due` and `records verify` do, beside reading
// every record in full as `records export` does. The register is generated
// once and kept (see synth.Cached; RIGHTSAID_BENCH_DIR says where).
//
//	go test ./internal/register -run '^$' -bench List
func BenchmarkList(b *testing.B) {
	c := testCatalog(b)
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		b.Fatal(err)
	}
	dir, made, err := synth.Cached(os.Getenv("RIGHTSAID_BENCH_DIR"), c, synth.Options{N: n, Seed: 1, End: synth.DefaultEnd, Location: loc})
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("wrote a synthetic register of %d records to %s, kept for later runs", n, dir)
	}
	reg := openAt(b, dir)
	b.Run("summaries", func(b *testing.B) {
		for b.Loop() {
			if list, err := register.List(reg); err != nil || len(list) != n {
				b.Fatalf("%d records, %v", len(list), err)
			}
		}
	})
	b.Run("due", func(b *testing.B) {
		for b.Loop() {
			if _, err := reg.Due(synth.DefaultEnd, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if rep, err := reg.Verify(); err != nil || !rep.Clean() {
				b.Fatalf("%v %+v", err, rep.Problems)
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if all, err := reg.All(); err != nil || len(all) != n {
				b.Fatalf("%d records, %v", len(all), err)
			}
		}
	})
}
