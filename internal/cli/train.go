package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/rightsaid/rightsaid/checklists"
	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/theme"
	"github.com/rightsaid/rightsaid/internal/training"
	"github.com/rightsaid/rightsaid/internal/wizard"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// Scenarios loads the training scenarios of the checklists in use.
func (f *Factory) Scenarios(c *catalog.Catalog) ([]*training.Scenario, error) {
	var (
		fsys fs.FS = checklists.FS
		dir        = "checklists"
	)
	if f.ChecklistsDir != "" {
		fsys, dir = os.DirFS(f.ChecklistsDir), f.ChecklistsDir
	}
	s, err := training.LoadScenarios(fsys, dir, c)
	if es, ok := yamlnode.AsErrors(err); ok {
		printProblems(f.IO.ErrOut, es)
		return nil, &InvalidError{Count: 1}
	}
	return s, err
}

// layout is how workshop screens are drawn on a screen: as wide as it is,
// colour only on a terminal without NO_COLOR, the presenter look when asked.
func (f *Factory) layout(sc screenSize, tty bool, presenter bool) training.Layout {
	styles := theme.Plain()
	if tty && !f.Env.set("NO_COLOR") {
		styles = theme.New(true)
		if presenter {
			styles = theme.Presenter(true)
		}
	} else if presenter {
		styles.Presenter = true
	}
	return training.Layout{Width: sc.width, Styles: styles}
}

// colorWriter downsamples colour to what the stream it will be copied to
// supports: tty says whether that stream is a terminal (a buffer never is),
// and the terminal's colours come from the environment; none in a file or a
// pipe, or with NO_COLOR.
func (f *Factory) colorWriter(w io.Writer, tty bool) *colorprofile.Writer {
	cw := colorprofile.NewWriter(w, nil)
	cw.Profile = colorprofile.NoTTY
	if tty && !f.Env.set("NO_COLOR") {
		cw.Profile = colorprofile.Env([]string{"TERM=" + f.Env("TERM"), "COLORTERM=" + f.Env("COLORTERM")})
	}
	return cw
}

// writePaged writes a command's text output to --out, or to stdout: a
// screen at a time when paged is true and it does not fit the terminal.
func (f *Factory) writePaged(out *outputFlags, paged bool, data []byte) error {
	tty := f.IO.StdoutTTY && out.Out == ""
	if !paged || !tty {
		return out.write(f, data)
	}
	_, err := f.pager(f.IO.Out, tty, newKeyReader(f.IO.In)).show(string(data))
	return err
}

// TrainOptions are the options of `rightsaid train`.
type TrainOptions struct {
	Factory   *Factory
	Prompt    promptFlags
	Output    outputFlags
	Answers   string
	Reveal    bool
	Presenter bool
}

// NewCmdTrain builds `rightsaid train`.
func NewCmdTrain(f *Factory) *cobra.Command {
	opts := &TrainOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "train [SCENARIO]",
		Short: "Workshop mode: a scenario, the group's answers, then the model answer",
		Long: `Workshop mode. Without SCENARIO, lists the training scenarios. With one, shows
its story in a calm presenter layout, then the group works through the wizard
with the scenario's context filled in; at the end their answers and the model
answers are shown side by side, step by step, with the teaching points where
they differ, and both outcomes.

  --reveal      step through the model answer one screen at a time instead
  --presenter   a high-contrast, large-spacing look for a projector
  --out FILE    when the group answers the questions, keep their answers in
                FILE (for 'rightsaid train compare'); the comparison is still
                shown. Otherwise (--answers, the list) write to FILE instead
                of stdout
  --answers F   compare a prepared answers file with the model (no questions)

SCENARIO is a scenario's id, or the start of it (s01).

On a terminal, text is wrapped to its width, and a story or a step longer
than the screen is shown a screen at a time: space or Enter for the next, q
to quit. With --reveal, space or Enter reveals the next step and q stops.`,
		Example: `  rightsaid train
  rightsaid train s01 --presenter
  rightsaid train s01 --reveal
  rightsaid train s01 --out table3.yaml
  rightsaid train s01 --answers table3.yaml
  rightsaid train compare s01 table*.yaml`,
		Args: maxOneArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return trainList(opts)
			}
			return trainRun(opts, args[0])
		},
	}
	opts.Output.register(cmd, "text, yaml or json (the comparison)")
	// train's --out does two things, as the long help says.
	cmd.Flags().Lookup("out").Usage = "when the group answers the questions, keep their answers in `FILE` (for 'train compare'); otherwise write to FILE instead of stdout"
	opts.Prompt.register(cmd)
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "compare the answers in `FILE` with the model, without asking")
	cmd.Flags().BoolVar(&opts.Reveal, "reveal", false, "step through the model answer one screen at a time")
	cmd.Flags().BoolVar(&opts.Presenter, "presenter", false, "a high-contrast, large-spacing look for a projector")
	cmd.AddCommand(newCmdTrainCompare(f))
	return cmd
}

func trainList(opts *TrainOptions) error {
	f := opts.Factory
	c, err := f.Catalog()
	if err != nil {
		return err
	}
	scenarios, err := f.Scenarios(c)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	sc := f.screenOf(f.IO.Out, f.IO.StdoutTTY && opts.Output.Out == "")
	if err := training.WriteList(&b, scenarios, c, f.layout(sc, false, opts.Presenter)); err != nil {
		return err
	}
	// The list is longer than a screen: a screen at a time on a terminal,
	// as the other workshop screens are.
	return f.writePaged(&opts.Output, true, b.Bytes())
}

func findScenario(f *Factory, c *catalog.Catalog, id string) (*training.Scenario, error) {
	scenarios, err := f.Scenarios(c)
	if err != nil {
		return nil, err
	}
	const see = "See 'rightsaid train' for the scenarios."
	switch m := training.Matching(scenarios, id); len(m) {
	case 0:
		return nil, notFoundf(see, "no scenario %q", id)
	case 1:
		return m[0], nil
	case 2, 3, 4:
		ids := make([]string, len(m))
		for i, s := range m {
			ids[i] = s.ID
		}
		return nil, notFoundf(see, "%q is the start of %d scenarios, %s: give more of the id", id, len(m), orList(ids))
	default:
		return nil, notFoundf(see, "%q is the start of %d scenarios: give more of the id", id, len(m))
	}
}

func trainRun(opts *TrainOptions, id string) error {
	f := opts.Factory
	format := opts.Output.Format
	if !slices.Contains([]string{"text", "yaml", "json"}, format) {
		return usageErrorf("--format %q: train writes text, yaml or json", format)
	}
	now, err := opts.Output.now(f)
	if err != nil {
		return err
	}
	c, err := f.Catalog()
	if err != nil {
		return err
	}
	s, err := findScenario(f, c, id)
	if err != nil {
		return err
	}
	loc := f.Location()
	mode := DecideMode(f.IO, f.Env, opts.Prompt.Accessible, opts.Prompt.NoPrompt)
	// The story and the model answer are drawn on stderr, as wide as it is.
	screen := f.layout(f.screenOf(f.IO.ErrOut, f.IO.StderrTTY), f.IO.StderrTTY && mode == FullScreen, opts.Presenter)

	if opts.Reveal {
		return trainReveal(opts, c, s, mode, screen)
	}
	var group *decision.Decision
	if opts.Answers != "" {
		if group, err = loadDecision(f, c, opts.Answers, now); err != nil {
			return err
		}
	} else {
		if mode == NonInteractive {
			return usageErrorf("the group's answers need a terminal or --accessible; or give them with --answers FILE, or use --reveal")
		}
		var nb bytes.Buffer
		_ = training.WriteNarrative(f.colorWriter(&nb, f.IO.StderrTTY), s, c, screen)
		// A story longer than the screen is read a screen at a time; q
		// there ends the workshop before it starts.
		if quit, err := f.pager(f.IO.ErrOut, f.IO.StderrTTY, newKeyReader(f.IO.In)).show(nb.String()); quit || err != nil {
			return err
		}
		if err := waitForEnter(f, "Press Enter when the group is ready to start."); err != nil {
			return err
		}
		d := s.Start(decision.NewTime(now))
		start := 0
		for start < len(training.StepIDs) && slices.Contains(s.Given, training.StepIDs[start]) {
			start++
		}
		ui := newWizardUI(f, mode, c, loc)
		res, err := ui.Run(d, start, wizard.Hooks{Workshop: true})
		if err != nil {
			return wizardError(err, "")
		}
		if !res.Saved {
			fmt.Fprintln(f.IO.ErrOut, "Discarded: nothing to compare.")
			return nil
		}
		group = res.Decision
	}
	cmp := training.Compare(c, s, group, loc, now)
	keep := opts.Answers == "" && opts.Output.Out != "" // --out keeps the group's answers for `train compare`
	tty := f.IO.StdoutTTY && (opts.Output.Out == "" || keep)
	var b bytes.Buffer
	switch format {
	case "yaml", "json":
		err = render.WriteData(&b, render.Format(format), comparisonData(cmp))
	default:
		err = training.WriteComparison(f.colorWriter(&b, tty), cmp, c, f.layout(f.screenOf(f.IO.Out, tty), tty, opts.Presenter))
	}
	if err != nil {
		return err
	}
	// The presenter look is paged on a terminal; data never is.
	paged := opts.Presenter && format == "text"
	if keep {
		if _, err := f.pager(f.IO.Out, tty && paged, newKeyReader(f.IO.In)).show(b.String()); err != nil {
			return err
		}
		return writeOutput(f, opts.Output.Out, decision.Canonical(group))
	}
	return f.writePaged(&opts.Output, paged, b.Bytes())
}

// waitForEnter shows a message and waits for a line on stdin, reading a
// byte at a time so that piped answers after it are left for the wizard.
func waitForEnter(f *Factory, msg string) error {
	fmt.Fprintln(f.IO.ErrOut, msg)
	var b [1]byte
	for {
		n, err := f.IO.In.Read(b[:])
		if n == 1 && b[0] == '\n' {
			return nil
		}
		if err != nil {
			// The command was right; the input ran out (exit 2).
			return &InputEndedError{Msg: fmt.Sprintf("the input ended before the group was ready: %v", err)}
		}
	}
}

func trainReveal(opts *TrainOptions, c *catalog.Catalog, s *training.Scenario, mode Mode, screen training.Layout) error {
	f := opts.Factory
	now, _ := opts.Output.now(f)
	cmp := training.Compare(c, s, s.Model, f.Location(), now)
	if mode == NonInteractive {
		// A script or a handout: every page at once, for stdout.
		tty := f.IO.StdoutTTY && opts.Output.Out == ""
		l := screen
		l.Width = f.screenOf(f.IO.Out, tty).width
		var b bytes.Buffer
		w := f.colorWriter(&b, tty)
		_ = training.WriteNarrative(w, s, c, l)
		for _, p := range training.RevealPages(cmp, c, l) {
			fmt.Fprint(w, "\n"+p)
		}
		return opts.Output.write(f, b.Bytes())
	}
	// On a terminal a key press is enough (q stops at once); from a pipe, a
	// line at a time.
	keys := newKeyReader(f.IO.In)
	pg := f.pager(f.IO.ErrOut, f.IO.StderrTTY, keys)
	var lines *bufio.Reader
	if !f.IO.StdinTTY {
		lines = bufio.NewReader(f.IO.In)
	}
	var nb bytes.Buffer
	_ = training.WriteNarrative(f.colorWriter(&nb, f.IO.StderrTTY), s, c, screen)
	if quit, err := pg.show(nb.String()); quit || err != nil {
		return err
	}
	pages := training.RevealPages(cmp, c, screen)
	for i, p := range pages {
		if lines != nil {
			fmt.Fprintf(f.IO.ErrOut, "\n[%d of %d] Press Enter to reveal the next step (q to stop).\n", i+1, len(pages))
			line, err := lines.ReadString('\n')
			if err != nil || strings.TrimSpace(line) == "q" {
				return nil
			}
		} else {
			fmt.Fprintf(f.IO.ErrOut, "\n[%d of %d] Press Enter or space to reveal the next step, q to stop.", i+1, len(pages))
			k, err := keys.next()
			fmt.Fprintln(f.IO.ErrOut)
			switch {
			case err != nil:
				return err
			case k == keyInterrupt:
				return &CancelError{Msg: "Stopped."}
			case k != keyNext:
				return nil
			}
		}
		var pb bytes.Buffer
		fmt.Fprint(f.colorWriter(&pb, f.IO.StderrTTY), "\n"+p)
		if quit, err := pg.show(pb.String()); quit || err != nil {
			return err
		}
	}
	return nil
}

// comparisonData is the comparison as data, for --format yaml or json.
func comparisonData(cmp training.Comparison) any {
	type reason struct {
		Rule string `json:"rule"`
		Text string `json:"text"`
	}
	type effect struct {
		Rule string `json:"rule"`
		By   string `json:"by"` // group or model: whose answer brings the rule in
		Text string `json:"text"`
	}
	type row struct {
		Question string `json:"question"`
		Group    string `json:"group"`
		Model    string `json:"model"`
		// AlsoAccepted are answers the scenario accepts besides the
		// model's: a group that adds them is the same as the model.
		AlsoAccepted string   `json:"also_accepted,omitempty"`
		Same         *bool    `json:"same,omitempty"`
		Effects      []effect `json:"why_it_matters,omitempty"`
	}
	type step struct {
		Step    string `json:"step"`
		Differs bool   `json:"differs"`
		Rows    []row  `json:"rows"`
	}
	type outcome struct {
		Light   string   `json:"light"`
		Verdict string   `json:"verdict"`
		Rules   []string `json:"rules"`
	}
	out := func(o decision.Outcome) outcome {
		r := outcome{Light: o.Light, Verdict: o.Verdict, Rules: []string{}}
		for _, x := range o.Reasons {
			r.Rules = append(r.Rules, x.Rule)
		}
		return r
	}
	reasons := func(rs []decision.Reason) []reason {
		out := []reason{}
		for _, r := range rs {
			out = append(out, reason{Rule: r.Rule, Text: r.Text})
		}
		return out
	}
	data := struct {
		Scenario    string   `json:"scenario"`
		Group       outcome  `json:"group_outcome"`
		Model       outcome  `json:"model_outcome"`
		SameOutcome bool     `json:"same_outcome"`
		Matches     bool     `json:"matches"`
		OnlyGroup   []reason `json:"only_group_reasons"`
		OnlyModel   []reason `json:"only_model_reasons"`
		Steps       []step   `json:"steps"`
	}{Scenario: cmp.Scenario.ID, Group: out(cmp.GroupOutcome), Model: out(cmp.ModelOutcome),
		SameOutcome: cmp.SameOutcome(), Matches: cmp.Matches(), OnlyGroup: reasons(cmp.OnlyGroup), OnlyModel: reasons(cmp.OnlyModel)}
	for _, st := range cmp.Steps {
		s := step{Step: st.ID, Differs: st.Differs}
		for _, r := range st.Rows {
			x := row{Question: r.Question, Group: r.Group, Model: r.Model, AlsoAccepted: r.AlsoAccepted}
			if r.Compared {
				same := r.Same
				x.Same = &same
			}
			for _, e := range r.Effects {
				by := "group"
				if e.Model {
					by = "model"
				}
				x.Effects = append(x.Effects, effect{Rule: e.Rule, By: by, Text: e.Text})
			}
			s.Rows = append(s.Rows, x)
		}
		data.Steps = append(data.Steps, s)
	}
	return data
}

func newCmdTrainCompare(f *Factory) *cobra.Command {
	var (
		out       outputFlags
		presenter bool
	)
	cmd := &cobra.Command{
		Use:   "compare SCENARIO FILE...",
		Short: "How the room answered a scenario, question by question, against the model",
		Long: `Tally the answer files a room made for a scenario ('rightsaid train SCENARIO
--out mine.yaml' on each machine, or prepared files): for each question, how
many chose each answer (with a bar), where the room split, and how that
compares with the model answer; and the spread of outcomes.`,
		Example: "  rightsaid train compare s01 table1.yaml table2.yaml table3.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("compare needs a SCENARIO and at least one answers FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			now, err := out.now(f)
			if err != nil {
				return err
			}
			c, err := f.Catalog()
			if err != nil {
				return err
			}
			s, err := findScenario(f, c, args[0])
			if err != nil {
				return err
			}
			var (
				answers  []*decision.Decision
				failures []error
				invalid  int
			)
			for _, name := range args[1:] {
				d, err := loadDecision(f, c, name, now)
				var inv *InvalidError
				switch {
				case errors.As(err, &inv), errors.As(err, new(*UsageError)):
					invalid++
				case err != nil:
					fmt.Fprintf(f.IO.ErrOut, "rightsaid: %v\n", err)
					failures = append(failures, err)
				default:
					answers = append(answers, d)
				}
			}
			if invalid > 0 || len(failures) > 0 {
				// Every file is named before stopping; an invalid one (2)
				// outranks one that cannot be read (1).
				if invalid > 0 {
					return &InvalidError{Count: invalid}
				}
				return errors.Join(failures...)
			}
			room := training.Room(c, s, answers, f.Location(), now)
			var b bytes.Buffer
			switch out.Format {
			case "yaml", "json":
				err = render.WriteData(&b, render.Format(out.Format), room)
			case "text":
				tty := f.IO.StdoutTTY && out.Out == ""
				err = training.WriteRoom(f.colorWriter(&b, tty), room, c, f.layout(f.screenOf(f.IO.Out, tty), tty, presenter))
			default:
				return usageErrorf("--format %q: use text, yaml or json", out.Format)
			}
			if err != nil {
				return err
			}
			return f.writePaged(&out, presenter && out.Format == "text", b.Bytes())
		},
	}
	out.register(cmd, "text, yaml or json")
	cmd.Flags().BoolVar(&presenter, "presenter", false, "a high-contrast, large-spacing look for a projector")
	return cmd
}
