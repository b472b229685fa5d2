// Package cli is rightsaid's command line: the only user of cobra. It turns
// flags, streams and the environment into options, calls the packages that do
// the work, and maps every error to an exit code in one place ([Run]).
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rightsaid/rightsaid/internal/yamlnode"
)

// Main runs rightsaid with the process's arguments, streams, environment and
// clock, and returns the exit code.
func Main() int {
	return Run(context.Background(), System(), os.Args[1:], os.Getenv, time.Now)
}

// Run runs rightsaid with the given arguments and returns the exit code.
func Run(ctx context.Context, streams *IOStreams, args []string, env Env, now func() time.Time) int {
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		// The most common health check of an install: answered before the
		// command tree is built.
		fmt.Fprintf(streams.Out, "rightsaid %s\n", version())
		return ExitOK
	}
	f := &Factory{IO: streams, Env: env, Now: now}
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	err := root.ExecuteContext(ctx)
	if err != nil && !f.started {
		// cobra found the arguments wrong before any command ran.
		var usage *UsageError
		if !errors.As(err, &usage) {
			err = &UsageError{Err: err}
		}
	}
	report(f, err)
	return exitCode(err)
}

// report prints an error for a person, on stderr.
func report(f *Factory, err error) {
	if err == nil {
		return
	}
	w := f.IO.ErrOut
	var (
		usage    *UsageError
		invalid  *InvalidError
		cancel   *CancelError
		problems yamlnode.Errors
	)
	switch {
	case errors.As(err, &cancel):
		if cancel.Msg != "" {
			fmt.Fprintln(w, cancel.Msg)
		}
	case errors.As(err, &usage):
		fmt.Fprintf(w, "rightsaid: %v\n", usage.Err)
		fmt.Fprintln(w, "Run 'rightsaid --help' for usage.")
	case errors.As(err, &problems):
		printProblems(w, problems)
	case errors.As(err, &invalid):
		// The problems were printed as they were found.
	default:
		fmt.Fprintf(w, "rightsaid: %v\n", err)
	}
}
