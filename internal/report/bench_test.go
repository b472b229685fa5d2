package report_test

import (
	"io"
	"os"
	"testing"

	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/report"
	"github.com/rightsaid/rightsaid/internal/report/synth"
)

// BenchmarkReport100k is `rightsaid report` over a folder register of
// 100,000 records: read every record, work out the figures, draw them. The
// register is generated once (a few minutes: writing 100,000 small files)
// and kept in the system's temporary folder, named by a fingerprint of the
// generator and the record format, so later runs reuse it; set
// RIGHTSAID_BENCH_DIR to keep it elsewhere. Skipped with -short.
//
//	go test ./internal/report -run '^$' -bench Report100k -benchtime 3x
func BenchmarkReport100k(b *testing.B) {
	if testing.Short() {
		b.Skip("generates a register of 100,000 records")
	}
	c := loadCatalog(b)
	loc := london(b)
	dir := cachedRegister(b, 100_000)
	b.ResetTimer()
	for b.Loop() {
		recs, err := register.ReadSummaries(c, os.DirFS(dir), dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(recs) != 100_000 {
			b.Fatalf("%d records", len(recs))
		}
		f := report.Compute(c, recs, report.Options{Now: synth.DefaultEnd, Location: loc})
		if err := report.WriteText(io.Discard, c, f, report.Layout{Width: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportFigures works out the figures of 100,000 records already
// in memory (10,000 with -short), and writes them in each format.
func BenchmarkReportFigures(b *testing.B) {
	c := loadCatalog(b)
	loc := london(b)
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	ds := synth.Decisions(c, synth.Options{N: n, Seed: 1, End: synth.DefaultEnd, Location: loc})
	recs := make([]report.Record, len(ds))
	for i, d := range ds {
		recs[i] = report.FromDecision(c, d)
	}
	opts := report.Options{Now: synth.DefaultEnd, Location: loc}
	b.Run("compute", func(b *testing.B) {
		for b.Loop() {
			report.Compute(c, recs, opts)
		}
	})
	f := report.Compute(c, recs, opts)
	b.Logf("%d records: %d people, %d blanket rules, %d people restricted repeatedly; reviews %+v", f.Totals.Records, f.Totals.People, f.Totals.Blanket, len(f.Repeats), f.Reviews)
	writers := map[string]func(io.Writer) error{
		"text":     func(w io.Writer) error { return report.WriteText(w, c, f, report.Layout{Width: 80}) },
		"markdown": func(w io.Writer) error { return report.WriteMarkdown(w, c, f) },
		"csv":      func(w io.Writer) error { return report.WriteCSV(w, f) },
		"json":     func(w io.Writer) error { return report.WriteData(w, render.JSON, f) },
	}
	for _, name := range []string{"text", "markdown", "csv", "json"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := writers[name](io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cachedRegister returns a synthetic register of n records, generating it
// the first time (see synth.Cached).
func cachedRegister(b *testing.B, n int) string {
	b.Helper()
	o := synth.Options{N: n, Seed: 1, End: synth.DefaultEnd, Location: london(b)}
	dir, made, err := synth.Cached(os.Getenv("RIGHTSAID_BENCH_DIR"), loadCatalog(b), o)
	if err != nil {
		b.Fatal(err)
	}
	if made {
		b.Logf("wrote a synthetic register of %d records to %s, kept for later runs", n, dir)
	}
	return dir
}
