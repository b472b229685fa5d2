package cli

import (
	"errors"
	"fmt"
)

// Exit codes, mapped in one place (Main).
const (
	ExitOK        = 0
	ExitFailure   = 1
	ExitUsage     = 2
	ExitThreshold = 3
	ExitCancelled = 130
)

// UsageError is a bad flag or argument, or a name that names nothing (a
// right, a kind, a scenario, a record): it prints the problem and one line
// saying where to look next, and exits 2.
type UsageError struct {
	Err error
	// See is that line, for a problem that is not about how the command is
	// used: the command that lists what exists ("See 'rightsaid rights' for
	// the 16 rights."). Empty, the line points to the failing command's
	// help.
	See string
}

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// notFoundf is a name that names nothing: a usage error (exit 2) whose
// pointer is see, the command that lists what exists, as a sentence.
func notFoundf(see, format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...), See: see}
}

// InvalidError is input that fails validation: the problems have already
// been printed; exit 2.
type InvalidError struct{ Count int }

func (e *InvalidError) Error() string {
	if e.Count == 1 {
		return "1 file is not valid"
	}
	return fmt.Sprintf("%d files are not valid", e.Count)
}

// InputEndedError is the end of input in accessible mode before the last
// question: exit 2, with no usage hint (the command was right; the answers
// ran out).
type InputEndedError struct{ Msg string }

func (e *InputEndedError) Error() string { return e.Msg }

// ThresholdError is --fail-on reached: exit 3.
type ThresholdError struct{ Light, Threshold string }

func (e *ThresholdError) Error() string {
	return fmt.Sprintf("the outcome is %s, at or worse than --fail-on %s", e.Light, e.Threshold)
}

// MismatchError is `check` finding stored outcomes that no longer match:
// exit 1.
type MismatchError struct{ Count int }

func (e *MismatchError) Error() string {
	if e.Count == 1 {
		return "1 stored outcome no longer matches"
	}
	return fmt.Sprintf("%d stored outcomes no longer match", e.Count)
}

// CancelError is the user quitting the wizard: exit 130.
type CancelError struct{ Msg string }

func (e *CancelError) Error() string { return e.Msg }

// exitCode maps an error to the process's exit code. Where several apply, the
// first in the order 2, 1, 3 wins; a command that met several returns them
// joined.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var usage *UsageError
	var invalid *InvalidError
	var ended *InputEndedError
	var cancel *CancelError
	var threshold *ThresholdError
	switch {
	case errors.As(err, &cancel):
		return ExitCancelled
	case errors.As(err, &usage), errors.As(err, &invalid), errors.As(err, &ended):
		return ExitUsage
	}
	var mismatch *MismatchError
	if errors.As(err, &mismatch) {
		return ExitFailure
	}
	if errors.As(err, &threshold) {
		// Only when no failure is joined with it.
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range joined.Unwrap() {
				if !errors.As(e, &threshold) {
					return ExitFailure
				}
			}
		}
		return ExitThreshold
	}
	return ExitFailure
}
