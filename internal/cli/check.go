package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
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
	var invalid, mismatched, failed int
	worst := ""
	var failures []error
	w := f.IO.Out
	for _, name := range opts.Files {
		d, err := loadDecision(f, c, name, now)
		if err != nil {
			var inv *InvalidError
			if errors.As(err, &inv) {
				invalid++
				fmt.Fprintf(w, "%s: not valid\n", name)
			} else {
				failed++
				failures = append(failures, err)
				fmt.Fprintf(w, "%s: %v\n", name, err)
			}
			continue
		}
		o := assess.Evaluate(c, d, now)
		if worst == "" || slices.Index(catalog.Lights, o.Light) > slices.Index(catalog.Lights, worst) {
			worst = o.Light
		}
		stored, ok, err := d.ReadStoredOutcome()
		switch {
		case err != nil:
			invalid++
			fmt.Fprintln(f.IO.ErrOut, err)
			fmt.Fprintf(w, "%s: not valid (the stored outcome cannot be read)\n", name)
		case !ok:
			fmt.Fprintf(w, "%s: valid; %s, %s (no stored outcome)\n", name, o.Light, o.Verdict)
		default:
			if diff := compareOutcomes(stored, o); diff != "" {
				mismatched++
				fmt.Fprintf(w, "%s: STORED OUTCOME NO LONGER MATCHES: %s\n", name, diff)
			} else {
				fmt.Fprintf(w, "%s: valid; %s, %s (matches the stored outcome)\n", name, o.Light, o.Verdict)
			}
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
