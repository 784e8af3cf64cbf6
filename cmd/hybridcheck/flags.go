package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
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
