package cli

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// CheckOptions are the options of `rightsaid check`.
type CheckOptions struct {
	Factory *Factory
	Files   []string
	FailOn  string
	Now     string
}

// NewCmdCheck builds `rightsaid check`.
func NewCmdCheck(f *Factory, runF func(*cobra.Command, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Validate decision files and recompute their outcomes",
		Long: `Validate decision files (answers or records, schema rightsaid/v1) and recompute
each outcome with the current checklists and rules.

A file with a stored outcome is compared with the recomputed one: it matches
when the light, the verdict, the set of rules and the review due are the same
(the sentences are not compared). A file without an outcome is only
validated. Every problem is named with its file, line and field.

Exit status: 2 if any file is not valid; otherwise 1 if any stored outcome no
longer matches; otherwise 3 if --fail-on is reached; otherwise 0.`,
		Example: `  # Check every record in a folder
  rightsaid check records/*.yaml

  # Fail a pipeline when any decision is red
  rightsaid check --fail-on red decisions/*.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd, opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 3 when any light is at or worse than `LIGHT` (amber or red)")
	cmd.Flags().StringVar(&opts.Now, "now", "", "the clock for files without recorded_at, as an RFC 3339 `TIME`")
	return cmd
}

func checkRun(opts *CheckOptions) error {
	f := opts.Factory
	if err := checkFailOn(opts.FailOn); err != nil {
		return err
	}
	out := outputFlags{Now: opts.Now}
	now, err := out.now(f)
	if err != nil {
		return err
	}
	c, err := f.Catalog()
	if err != nil {
		return err
	}
	// The files are checked on every core at once; what each prints is kept
	// and written in the order the files were given.
	results := make([]checkResult, len(opts.Files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = checkFile(f, c, opts.Files[i], now)
			}
		})
	}
	for i := range opts.Files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var invalid, mismatched int
	worst := ""
	var failures []error
	for _, r := range results {
		f.IO.ErrOut.Write(r.stderr.Bytes())
		fmt.Fprintln(f.IO.Out, r.line)
		switch {
		case r.invalid:
			invalid++
		case r.failure != nil:
			failures = append(failures, r.failure)
		case r.mismatch:
			mismatched++
		}
		if r.light != "" && (worst == "" || slices.Index(catalog.Lights, r.light) > slices.Index(catalog.Lights, worst)) {
			worst = r.light
		}
	}
	var errs []error
	if invalid > 0 {
		errs = append(errs, &InvalidError{Count: invalid})
	}
	errs = append(errs, failures...)
	if mismatched > 0 {
		errs = append(errs, &MismatchError{Count: mismatched})
	}
	if worst != "" {
		if err := failOn(opts.FailOn, worst); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkResult is what checking one file found.
type checkResult struct {
	line     string       // the file's line on stdout
	stderr   bytes.Buffer // its problems, for stderr
	light    string
	invalid  bool
	mismatch bool
	failure  error
}

// checkFile validates one file and recomputes its outcome.
func checkFile(f *Factory, c *catalog.Catalog, name string, now time.Time) checkResult {
	var r checkResult
	data, file, err := readInput(f, name, decision.MaxSize)
	if err != nil {
		var usage *UsageError
		if errors.As(err, &usage) {
			r.invalid = true
		} else {
			r.failure = err
		}
		r.line = fmt.Sprintf("%s: %v", name, err)
		return r
	}
	d, err := decision.Decode(c, file, data, decision.Options{Now: now})
	if err != nil {
		if es, ok := yamlnode.AsErrors(err); ok {
			printProblems(&r.stderr, es)
			r.invalid = true
			r.line = name + ": not valid"
			return r
		}
		r.failure = err
		r.line = fmt.Sprintf("%s: %v", name, err)
		return r
	}
	o := assess.Evaluate(c, d, now)
	r.light = o.Light
	stored, ok, err := d.ReadStoredOutcome()
	switch {
	case err != nil:
		r.invalid = true
		fmt.Fprintln(&r.stderr, err)
		r.line = name + ": not valid (the stored outcome cannot be read)"
	case !ok:
		r.line = fmt.Sprintf("%s: valid; %s, %s (no stored outcome)", name, o.Light, o.Verdict)
	default:
		if diff := compareOutcomes(stored, o); diff != "" {
			r.mismatch = true
			r.line = fmt.Sprintf("%s: STORED OUTCOME NO LONGER MATCHES: %s", name, diff)
		} else {
			r.line = fmt.Sprintf("%s: valid; %s, %s (matches the stored outcome)", name, o.Light, o.Verdict)
		}
	}
	return r
}

// compareOutcomes says how a stored outcome differs from the recomputed one
// ("" when it matches): the light, the verdict, the set of rules and the
// review due.
func compareOutcomes(stored, now decision.Outcome) string {
	var diffs []string
	if stored.Light != now.Light {
		diffs = append(diffs, fmt.Sprintf("light %s, now %s", stored.Light, now.Light))
	}
	if stored.Verdict != now.Verdict {
		diffs = append(diffs, fmt.Sprintf("verdict %s, now %s", stored.Verdict, now.Verdict))
	}
	a, b := ruleSet(stored), ruleSet(now)
	if !slices.Equal(a, b) {
		diffs = append(diffs, fmt.Sprintf("rules %s, now %s", listOrNone(a), listOrNone(b)))
	}
	if !stored.ReviewDue.Equal(now.ReviewDue) {
		diffs = append(diffs, fmt.Sprintf("review due %s, now %s",
			stored.ReviewDue.UTC().Format("2006-01-02T15:04:05Z"), now.ReviewDue.UTC().Format("2006-01-02T15:04:05Z")))
	}
	return strings.Join(diffs, "; ")
}

func ruleSet(o decision.Outcome) []string {
	var ids []string
	for _, r := range o.Reasons {
		if !slices.Contains(ids, r.Rule) {
			ids = append(ids, r.Rule)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return catalog.RuleOrder(a) - catalog.RuleOrder(b) })
	return ids
}

func listOrNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ",")
}
