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

	"github.com/rightsaid/rightsaid/internal/register"
	"github.com/rightsaid/rightsaid/internal/yamlnode"
	"github.com/spf13/cobra"
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
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && !f.started {
		// cobra found the arguments wrong before any command ran.
		var usage *UsageError
		if !errors.As(err, &usage) {
			err = &UsageError{Err: err}
		}
	}
	report(f, cmd, err)
	return exitCode(err)
}

// report prints an error for a person, on stderr; cmd is the command that
// failed.
func report(f *Factory, cmd *cobra.Command, err error) {
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
		fmt.Fprintln(w, seeLine(usage, cmd))
	case errors.As(err, &problems):
		printProblems(w, problems)
	case errors.As(err, &invalid):
		// The problems were printed as they were found.
	default:
		fmt.Fprintf(w, "rightsaid: %v\n", err)
	}
}

// seeLine is the one line after a usage error that says where to look next:
// the error's own pointer; for a record id the register does not hold, the
// list of records; otherwise the failing command's help.
func seeLine(usage *UsageError, cmd *cobra.Command) string {
	switch {
	case usage.See != "":
		return usage.See
	case errors.Is(usage.Err, register.ErrNotFound):
		return "See 'rightsaid records list' for the records in the register."
	}
	path := "rightsaid"
	if cmd != nil {
		path = cmd.CommandPath()
	}
	return fmt.Sprintf("Run '%s --help' for usage.", path)
}
