package cli

import (
	"fmt"
	"time"

	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/wizard"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// ReviewOptions are the options of `rightsaid records review`.
type ReviewOptions struct {
	DecideOptions
	End bool
}

func newCmdRecordsReview(f *Factory) *cobra.Command {
	opts := &ReviewOptions{DecideOptions: DecideOptions{Factory: f}}
	cmd := &cobra.Command{
		Use:   "review ID",
		Short: "Review a saved decision: a new record that supersedes it",
		Long: `Review a saved decision. The wizard opens with the record's answers; change
what has changed and save: the new record supersedes the old one, which stays
in the register unchanged. With --answers FILE the new answers come from a
file instead. With --end, record that the restriction has ended: this closes
the chain, so no more reviews fall due for it.

ID must be the latest record of its chain ('rightsaid records list' shows
which records have been reviewed).`,
		Example: `  rightsaid records review RA-20261123-140200-3f9a1c
  rightsaid records review RA-20261123-140200-3f9a1c --answers reviewed.yaml
  rightsaid records review RA-20261123-140200-3f9a1c --end`,
		Args: exactlyOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			return reviewRun(cmd, opts, args[0])
		},
	}
	opts.Output.register(cmd, "text, markdown, yaml or json")
	opts.Prompt.register(cmd)
	opts.Saving.register(cmd)
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "take the reviewed answers from `FILE` (- for stdin); never prompts")
	cmd.Flags().BoolVar(&opts.End, "end", false, "record that the restriction has ended, closing the chain")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 3 when the light is at or worse than `LIGHT` (amber or red)")
	return cmd
}

func reviewRun(cmd *cobra.Command, opts *ReviewOptions, id string) error {
	f := opts.Factory
	format, err := render.ParseFormat(opts.Output.Format)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("--format: %w", err)}
	}
	if err := checkFailOn(opts.FailOn); err != nil {
		return err
	}
	if opts.End && opts.Answers != "" {
		return usageErrorf("--end records that the restriction ended; it does not take --answers")
	}
	now, err := opts.Output.now(f)
	if err != nil {
		return err
	}
	c, prev, err := getRecord(f, id)
	if err != nil {
		return err
	}
	if register.Ended(prev) {
		return usageErrorf("%s closes its chain (the restriction ended): start a new decision instead", prev.ID)
	}
	next := reviewDraft(prev, now)
	switch {
	case opts.End:
		next.EndedAt = decision.NewTime(now)
		next.Restriction.Stage = "past"
		next.Review = decision.Review{}
		// The planned duration is not how long it lasted: not restated.
		next.Restriction.Duration = decision.Duration{}
		return finishDecision(f, c, next, now, format, &opts.DecideOptions, true)
	case opts.Answers != "":
		d, err := loadDecision(f, c, opts.Answers, now)
		if err != nil {
			return err
		}
		if d.Supersedes != "" && d.Supersedes != prev.ID {
			return usageErrorf("%s says it supersedes %s, not %s", opts.Answers, d.Supersedes, prev.ID)
		}
		d.Supersedes = prev.ID
		if d.RecordedAt.Time().Before(prev.RecordedAt.Time()) {
			return usageErrorf("%s: recorded_at %s is before the record it reviews (%s, recorded %s)", opts.Answers, d.RecordedAt, prev.ID, prev.RecordedAt)
		}
		return finishDecision(f, c, d, now, format, &opts.DecideOptions, true)
	}
	mode := DecideMode(f.IO, f.Env, opts.Prompt.Accessible, opts.Prompt.NoPrompt)
	if mode == NonInteractive {
		return usageErrorf("give the reviewed answers with --answers FILE, or --end: rightsaid cannot ask questions here")
	}
	store := f.drafts()
	name := newDraftName(now)
	if err := store.SavePlace(name, f.place()); err != nil {
		return err
	}
	if err := store.Save(name, next); err != nil {
		return err
	}
	ui := newWizardUI(f, mode, c, f.Location())
	resume := resumeCommand(cmd, name)
	res, err := ui.Run(next, 0, wizard.Hooks{Resume: resume, StepDone: func(d *decision.Decision) error { return store.Save(name, d) }})
	if err != nil {
		return wizardError(err, resume)
	}
	if !res.Saved {
		fmt.Fprintln(f.IO.ErrOut, "Discarded: nothing was saved.")
		return store.Remove(name)
	}
	rec, err := decision.Decode(c, "the reviewed decision", decision.Canonical(res.Decision), decision.Options{Now: now})
	if err != nil {
		if es, ok := yamlnode.AsErrors(err); ok {
			printProblems(f.IO.ErrOut, es)
			return &InvalidError{Count: 1}
		}
		return err
	}
	if err := finishDecision(f, c, rec, now, format, &opts.DecideOptions, true); err != nil {
		return keptAs(err, resume)
	}
	return store.Remove(name)
}

// reviewDraft starts a review from the record it reviews: the same answers,
// recorded now, superseding it. A restriction that was proposed is, by the
// time it is reviewed, in place (the practitioner can still change it).
func reviewDraft(prev *decision.Decision, now time.Time) *decision.Decision {
	next := *prev
	next.ID = ""
	next.Supersedes = prev.ID
	next.RecordedAt = decision.NewTime(now)
	if next.Restriction.Stage == "proposed" {
		next.Restriction.Stage = "in-place"
	}
	next.Outcome, next.Rationale = nil, ""
	next.StoredOutcome, next.StoredRationale = nil, nil
	if !next.Review.At.IsZero() && next.Review.At.Time().Before(now) {
		next.Review.At = decision.Time{} // a review time now past is set afresh
	}
	return &next
}
