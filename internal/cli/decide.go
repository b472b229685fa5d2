package cli

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/rightsaid/rightsaid/internal/assess"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// DecideOptions are the options of `rightsaid decide`.
type DecideOptions struct {
	Factory *Factory
	Prompt  promptFlags
	Output  outputFlags
	Answers string
	FailOn  string
	SaveTo  string
	Edit    bool
	Resume  string
	Save    bool
	NoSave  bool
	Saving  saveFlags
}

// NewCmdDecide builds `rightsaid decide`. runF replaces the run function in
// tests of flag parsing.
func NewCmdDecide(f *Factory, runF func(*cobra.Command, *DecideOptions) error) *cobra.Command {
	opts := &DecideOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "decide",
		Short: "Work through a decision about a restriction and print the rationale",
		Long: `Work through a decision about a restriction: what it is and why, the rights it
engages, the red-line screen and the four-part test. Prints the recorded
rationale with its traffic light and review time.

With --answers FILE (or - for stdin) the answers come from a schema-v1 YAML
file and rightsaid never asks a question: see 'rightsaid help schema'.
Without it, rightsaid asks the questions when it can (a terminal, or
--accessible); where it cannot, it stops and says to give --answers.`,
		Example: `  # Decide from an answers file; print the rationale as text
  rightsaid decide --answers examples/seclusion.yaml

  # The full record as YAML, with a fixed clock
  rightsaid decide --answers a.yaml --format yaml --now 2026-11-23T14:00:00Z

  # From a pipe, failing (exit 3) when the light is red
  cat a.yaml | rightsaid decide --answers - --fail-on red

  # Keep the canonical record in a file as well
  rightsaid decide --answers a.yaml --format markdown --out note.md --save-to record.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd, opts)
			}
			return decideRun(cmd, opts)
		},
	}
	opts.Output.register(cmd, "text, markdown, yaml or json")
	opts.Prompt.register(cmd)
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "read the answers from `FILE` (schema rightsaid/v1; - for stdin); never prompts")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 3 when the light is at or worse than `LIGHT` (amber or red)")
	cmd.Flags().StringVar(&opts.SaveTo, "save-to", "", "also write the canonical schema-v1 record to `FILE`")
	cmd.Flags().BoolVar(&opts.Edit, "edit", false, "open the --answers file in the wizard, to check or change it")
	cmd.Flags().StringVar(&opts.Resume, "resume", "", "continue a kept draft: name the `DRAFT`, or give none to choose from the list")
	cmd.Flags().Lookup("resume").NoOptDefVal = resumeList
	cmd.Flags().BoolVar(&opts.Save, "save", false, "with --answers: also save the decision in the register")
	cmd.Flags().BoolVar(&opts.NoSave, "no-save", false, "in the wizard: do not save the decision in the register")
	opts.Saving.register(cmd)
	return cmd
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

func decideRun(cmd *cobra.Command, opts *DecideOptions) error {
	f := opts.Factory
	format, err := render.ParseFormat(opts.Output.Format)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("--format: %w", err)}
	}
	if err := checkFailOn(opts.FailOn); err != nil {
		return err
	}
	if opts.Save && opts.NoSave {
		return usageErrorf("--save and --no-save cannot both be given")
	}
	now, err := opts.Output.now(f)
	if err != nil {
		return err
	}
	interactive := opts.Answers == "" || opts.Edit || opts.Resume != ""
	if opts.Edit && opts.Answers == "" {
		return usageErrorf("--edit opens an answers file in the wizard: give it with --answers FILE")
	}
	if opts.Resume != "" && opts.Answers != "" {
		return usageErrorf("--resume continues a draft; it does not take --answers")
	}
	mode := DecideMode(f.IO, f.Env, opts.Prompt.Accessible, opts.Prompt.NoPrompt)
	if interactive && mode == NonInteractive {
		if opts.Answers == "" && opts.Resume == "" {
			return usageErrorf("give the answers with --answers FILE (or --answers - for stdin): rightsaid cannot ask questions here (no terminal, or --no-prompt)")
		}
		return usageErrorf("--edit and --resume need a terminal or --accessible")
	}
	if interactive && opts.Answers == "-" {
		return usageErrorf("--edit cannot read the answers from stdin: the wizard needs it; give a file")
	}
	c, err := f.Catalog()
	if err != nil {
		return err
	}
	if interactive {
		return decideInteractive(cmd, opts, mode, c, now, format)
	}
	d, err := loadDecision(f, c, opts.Answers, now)
	if err != nil {
		return err
	}
	return finishDecision(f, c, d, now, format, opts, opts.Save)
}

// loadDecision reads and validates one decision file, printing its problems.
func loadDecision(f *Factory, c *catalog.Catalog, name string, now time.Time) (*decision.Decision, error) {
	data, file, err := readInput(f, name, decision.MaxSize)
	if err != nil {
		return nil, err
	}
	d, err := decision.Decode(c, file, data, decision.Options{Now: now})
	if err != nil {
		if es, ok := yamlnode.AsErrors(err); ok {
			printProblems(f.IO.ErrOut, es)
			return nil, &InvalidError{Count: 1}
		}
		return nil, err
	}
	return d, nil
}

// finishDecision evaluates a decision, saves it in the register (when save
// is true) and to --save-to, writes it in the format asked, and applies
// --fail-on.
func finishDecision(f *Factory, c *catalog.Catalog, d *decision.Decision, now time.Time, format render.Format, opts *DecideOptions, save bool) error {
	o := assess.Evaluate(c, d, now)
	// What is said about the saving (a warning, the record's id) comes
	// after the rationale, so that on a terminal it is the last thing seen,
	// not scrolled away above a long rationale.
	var notes bytes.Buffer
	defer func() { _, _ = f.IO.ErrOut.Write(notes.Bytes()) }()
	if save {
		rec, err := saveRecord(f, &notes, c, d, o, opts.Saving.AllowIdentifiers)
		if err != nil {
			return err
		}
		d = rec
		fmt.Fprintf(&notes, "Saved in the register as %s.\n", rec.ID)
	} else if opts.SaveTo != "" {
		if err := checkRef(&notes, d, opts.Saving.AllowIdentifiers); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	var err error
	switch {
	case save && format == render.YAML:
		err = decision.Encode(&out, d) // exactly the record saved
	case save && format == render.JSON:
		err = decision.EncodeJSON(&out, d)
	default:
		err = render.Write(&out, format, c, d, o, f.Location())
	}
	if err != nil {
		return err
	}
	if opts.SaveTo != "" {
		rec := d
		if !save {
			rec = render.Record(c, d, o, f.Location())
		}
		if err := writeOutput(f, opts.SaveTo, decision.Canonical(rec)); err != nil {
			return err
		}
	}
	if err := opts.Output.write(f, out.Bytes()); err != nil {
		return err
	}
	return failOn(opts.FailOn, o.Light)
}

func checkFailOn(threshold string) error {
	if threshold != "" && threshold != "amber" && threshold != "red" {
		return usageErrorf("--fail-on %q: use amber or red", threshold)
	}
	return nil
}

// failOn returns a ThresholdError when light is at or worse than threshold.
func failOn(threshold, light string) error {
	if threshold == "" {
		return nil
	}
	if slices.Index(catalog.Lights, light) >= slices.Index(catalog.Lights, threshold) {
		return &ThresholdError{Light: light, Threshold: threshold}
	}
	return nil
}
