package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// newFlags returns a flag set that reports errors instead of exiting, with a --help that prints
// the command's usage line, description and flags.
func newFlags(name, usage, description string, out io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: hybridcheck %s\n\n%s\n", usage, description)
		if flags := fs.FlagUsages(); flags != "" {
			fmt.Fprintf(out, "\nFlags:\n%s", flags)
		}
	}
	return fs
}

// parseFlags parses args; --help prints usage (pflag calls fs.Usage itself) and returns
// errHelp (exit 0), any other flag problem is a usage error (exit 2).
func parseFlags(fs *pflag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		return errHelp
	}
	if err != nil {
		return usageError("%v (see --help)", err)
	}
	return nil
}

// errHelp ends a command after --help with exit 0 and no message.
var errHelp = &exitErr{code: exitOK}

// checkFailOn refuses a --fail-on that is neither a severity nor none (check, diff, report).
func checkFailOn(failOn string) error {
	if failOn != "none" && result.SeverityRank(failOn) == len(result.Severities) {
		return usageError("--fail-on %q: want one of %s, or none", failOn, strings.Join(result.Severities, ", "))
	}
	return nil
}

// parseAsOf reads --as-of; the zero time when it is not given, and the command then takes the
// wall clock once for everything it checks.
func parseAsOf(asOf string) (time.Time, error) {
	if asOf == "" {
		return time.Time{}, nil
	}
	now, err := time.Parse(time.RFC3339, asOf)
	if err != nil {
		return time.Time{}, usageError("--as-of %q: want an RFC 3339 time such as 2026-11-20T10:00:00Z", asOf)
	}
	return now, nil
}
