package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/rightsaid/rightsaid/internal/catalog"
	"github.com/rightsaid/rightsaid/internal/decision"
	"github.com/rightsaid/rightsaid/internal/render"
	"github.com/rightsaid/rightsaid/internal/wizard"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
	if opts.Saving.AllowIdentifiers {
		ui = allowingIdentifiers(ui)
	}

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
				label := in.Modified.In(loc).Format("Mon 2 Jan 15:04") + ": " + in.Summary
				if p, err := store.Place(in.Name); err == nil {
					if p.Records != "" {
						label += " (register " + p.Records + ")"
					}
					if p.Checklists != "" {
						label += " (checklists " + p.Checklists + ")"
					}
				}
				options[i] = wizard.Option{Value: in.Name, Label: label}
			}
			i, err := ui.Choose("Which draft do you want to continue?", options)
			if err != nil {
				return wizardError(err, "")
			}
			name = infos[i].Name
		}
		if err := f.carryOn(store, name); err != nil {
			return err
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
		d = decision.Blank(now)
		name = newDraftName(now)
	}

	// The draft is kept at once, so the command that resumes it always
	// works; the write runs beside the first screen rather than before it.
	first := *d
	resume := resumeCommand(cmd, name)
	kept := make(chan error, 1)
	place := f.place()
	go func() {
		err := store.SavePlace(name, place)
		if err == nil {
			err = store.Save(name, &first)
		}
		kept <- err
	}()
	waitKept := sync.OnceValue(func() error { return <-kept })
	if mode == Accessible {
		// Reading a terminal line cannot be interrupted: on Ctrl-C the draft
		// (saved after the last step) is kept and the process ends here.
		stop := onInterrupt(func() {
			_ = waitKept()
			fmt.Fprintln(f.IO.ErrOut, resumeMessage(resume))
			os.Exit(ExitCancelled)
		})
		defer stop()
	}
	hooks := wizard.Hooks{Resume: resume, StepDone: func(d *decision.Decision) error {
		if err := waitKept(); err != nil { // never let the first write land after a later one
			return err
		}
		return store.Save(name, d)
	}}
	res, err := ui.Run(d, start, hooks)
	if kerr := waitKept(); kerr != nil && err == nil {
		return kerr
	}
	if errors.Is(err, wizard.ErrQuit) && opts.Resume == "" && opts.Answers == "" && store.Unchanged(name, &first) {
		// Quit before anything was answered: no draft is worth keeping.
		if err := store.Remove(name); err != nil {
			return err
		}
		return &CancelError{Msg: "Stopped. Nothing was answered, so no draft was kept."}
	}
	if err != nil {
		return wizardError(err, resume)
	}
	if !res.Saved {
		if err := store.Remove(name); err != nil {
			return err
		}
		fmt.Fprintln(f.IO.ErrOut, "Discarded: nothing was saved.")
		return nil
	}
	// A decision is made when it is saved, not when the wizard opened (nor
	// when an answers file opened with --edit was written): its record, and
	// the review counted from it, carry the time of saving.
	if now, err = opts.Output.now(f); err != nil {
		return err
	}
	res.Decision.RecordedAt = decision.NewTime(now)
	// The record must be as valid as one read from a file.
	rec, err := decision.Decode(c, "the wizard's decision", decision.Canonical(res.Decision), decision.Options{Now: now})
	if err != nil {
		return fmt.Errorf("the decision is not complete: %w (your answers are kept: %s)", err, resume)
	}
	if err := finishDecision(f, c, rec, now, format, opts, !opts.NoSave); err != nil {
		return keptAs(err, resume)
	}
	return store.Remove(name)
}

// wizardError turns how the wizard stopped into the command's error; resume
// is the command that carries on from the draft ("" where none is kept).
func wizardError(err error, resume string) error {
	var eoi *wizard.EndOfInputError
	switch {
	case errors.Is(err, wizard.ErrQuit):
		return &CancelError{Msg: resumeMessage(resume)}
	case errors.As(err, &eoi):
		msg := eoi.Error()
		if resume != "" {
			msg += "; the answers so far are kept: " + resume
		}
		return &InputEndedError{Msg: msg}
	}
	return err
}

// keptAs adds to an error that stopped a decision being saved that the
// answers are kept, and how to carry on, keeping the kind of error (and so
// the exit code).
func keptAs(err error, resume string) error {
	var usage *UsageError
	if errors.As(err, &usage) {
		return &UsageError{Err: fmt.Errorf("%w; your answers are kept as a draft: %s", usage.Err, resume)}
	}
	return fmt.Errorf("%w; your answers are kept as a draft: %s", err, resume)
}

// resumeCommand is the command that carries on from a draft: decide
// --resume, with the flags the command was given that say where and how the
// decision is saved and printed (--records, --checklists, --format, --out,
// --no-save...), so the resumed decision goes where this one would have.
func resumeCommand(cmd *cobra.Command, draft string) string {
	parts := []string{"rightsaid", "decide", "--resume=" + draft}
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		switch fl.Name {
		case "resume", "answers", "edit", "end", "accessible":
			return // what the draft replaces, or how to ask, not where it goes
		}
		if fl.Value.Type() == "bool" {
			if fl.Value.String() == "true" {
				parts = append(parts, "--"+fl.Name)
			}
			return
		}
		parts = append(parts, "--"+fl.Name, shellQuote(fl.Value.String()))
	})
	return strings.Join(parts, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func resumeMessage(resume string) string {
	if resume == "" {
		return "Stopped."
	}
	return "Stopped. Your answers are kept as a draft. To carry on:\n  " + resume
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

// allowingIdentifiers is ui accepting an NHS or CHI number as the person's
// reference (--allow-identifiers); without it the question refuses one.
func allowingIdentifiers(ui wizardUI) wizardUI {
	switch u := ui.(type) {
	case fullScreenUI:
		u.opts.AllowIdentifiers = true
		return u
	case accessibleUI:
		u.p.AllowIdentifiers = true
		return u
	}
	return ui
}
