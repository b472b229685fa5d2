package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/wizard"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
)

// resumeList is --resume given without a draft name: choose from the list.
const resumeList = "list"

// decideInteractive runs the wizard (full-screen or accessible) on a new
// decision, a kept draft or an answers file, keeping a draft after every
// step, and finishes the decision when the practitioner saves it.
func decideInteractive(cmd *cobra.Command, opts *DecideOptions, mode Mode, c *catalog.Catalog, now time.Time, format render.Format) error {
	f := opts.Factory
	store := f.drafts()
	loc := f.Location()
	steps := wizard.Steps(c, loc)
	ui := newWizardUI(f, mode, c, loc)

	var (
		d     *decision.Decision
		name  string
		start int
	)
	switch {
	case opts.Resume != "":
		name = opts.Resume
		if name == resumeList {
			infos, err := store.List(c)
			if err != nil {
				return err
			}
			if len(infos) == 0 {
				return usageErrorf("there are no drafts to resume: start a new decision with 'rightsaid decide'")
			}
			options := make([]wizard.Option, len(infos))
			for i, in := range infos {
				options[i] = wizard.Option{Value: in.Name, Label: in.Modified.In(loc).Format("Mon 2 Jan 15:04") + ": " + in.Summary}
			}
			i, err := ui.Choose("Which draft do you want to continue?", options)
			if err != nil {
				return wizardError(err, "")
			}
			name = infos[i].Name
		}
		var err error
		if d, err = store.Load(c, name); err != nil {
			if es, ok := yamlnode.AsErrors(err); ok {
				printProblems(f.IO.ErrOut, es)
				return &InvalidError{Count: 1}
			}
			return err
		}
		// The decision is made now, not when the draft was begun: its
		// record, and the review counted from it, carry today's time.
		d.RecordedAt = decision.NewTime(now)
		start = wizard.FirstUnanswered(steps, d)
	case opts.Answers != "":
		data, file, err := readInput(f, opts.Answers, decision.MaxSize)
		if err != nil {
			return err
		}
		if d, err = decision.Decode(c, file, data, decision.Options{Draft: true, Now: now}); err != nil {
			if es, ok := yamlnode.AsErrors(err); ok {
				printProblems(f.IO.ErrOut, es)
				return &InvalidError{Count: 1}
			}
			return err
		}
		name = newDraftName(now)
		start = wizard.FirstUnanswered(steps, d)
	default:
		d = decision.New(now)
		name = newDraftName(now)
	}

	// The draft is kept at once, so the command that resumes it always
	// works; the write runs beside the first screen rather than before it.
	first := *d
	kept := make(chan error, 1)
	go func() { kept <- store.Save(name, &first) }()
	waitKept := sync.OnceValue(func() error { return <-kept })
	if mode == Accessible {
		// Reading a terminal line cannot be interrupted: on Ctrl-C the draft
		// (saved after the last step) is kept and the process ends here.
		stop := onInterrupt(func() {
			_ = waitKept()
			fmt.Fprintln(f.IO.ErrOut, resumeMessage(name))
			os.Exit(ExitCancelled)
		})
		defer stop()
	}
	hooks := wizard.Hooks{StepDone: func(d *decision.Decision) error {
		if err := waitKept(); err != nil { // never let the first write land after a later one
			return err
		}
		return store.Save(name, d)
	}}
	res, err := ui.Run(d, start, hooks)
	if kerr := waitKept(); kerr != nil && err == nil {
		return kerr
	}
	if err != nil {
		return wizardError(err, name)
	}
	if !res.Saved {
		if err := store.Remove(name); err != nil {
			return err
		}
		fmt.Fprintln(f.IO.ErrOut, "Discarded: nothing was saved.")
		return nil
	}
	// The record must be as valid as one read from a file.
	rec, err := decision.Decode(c, "the wizard's decision", decision.Canonical(res.Decision), decision.Options{Now: now})
	if err != nil {
		return fmt.Errorf("the decision is not complete: %w (your answers are kept: %s)", err, resumeCommand(name))
	}
	if err := finishDecision(f, c, rec, now, format, opts, !opts.NoSave); err != nil {
		return err
	}
	return store.Remove(name)
}

// wizardError turns how the wizard stopped into the command's error.
func wizardError(err error, draft string) error {
	var eoi *wizard.EndOfInputError
	switch {
	case errors.Is(err, wizard.ErrQuit):
		return &CancelError{Msg: resumeMessage(draft)}
	case errors.As(err, &eoi):
		msg := eoi.Error()
		if draft != "" {
			msg += "; the answers so far are kept: " + resumeCommand(draft)
		}
		return &InputEndedError{Msg: msg}
	}
	return err
}

func resumeCommand(draft string) string { return "rightsaid decide --resume=" + draft }

func resumeMessage(draft string) string {
	if draft == "" {
		return "Stopped."
	}
	return "Stopped. Your answers are kept as a draft. To carry on:\n  " + resumeCommand(draft)
}

// onInterrupt calls fn on Ctrl-C; the returned function stops listening.
func onInterrupt(fn func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			fn()
		case <-done:
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// wizardUI is a wizard front end: the accessible prompter or the full-screen
// wizard.
type wizardUI interface {
	Run(d *decision.Decision, start int, hooks wizard.Hooks) (wizard.Result, error)
	Choose(title string, options []wizard.Option) (int, error)
}

type accessibleUI struct{ p *wizard.Prompter }

func (a accessibleUI) Run(d *decision.Decision, start int, hooks wizard.Hooks) (wizard.Result, error) {
	a.p.Hooks = hooks
	return a.p.Run(d, start)
}

func (a accessibleUI) Choose(title string, options []wizard.Option) (int, error) {
	return a.p.Choose(title, options)
}

func newWizardUI(f *Factory, mode Mode, c *catalog.Catalog, loc *time.Location) wizardUI {
	if mode == FullScreen {
		return newFullScreenUI(f, c, loc)
	}
	return accessibleUI{&wizard.Prompter{In: f.IO.In, Out: f.IO.ErrOut, Catalog: c, Loc: loc, Now: f.Now}}
}
