package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// helpTexts holds each command's --help prelude, help/NAME.txt (NAME with "policy test" as
// policy-test): its usage lines, a blank line and its description. Prose is kept as prose, so
// a command's code declares only its flags.
//
//go:embed help/*.txt
var helpTexts embed.FS

// newFlags returns the flag set of the command name: it reports errors instead of exiting, and
// its --help prints the command's help text (help/NAME.txt) and flags.
func newFlags(name string, out io.Writer) *pflag.FlagSet {
	help, err := helpTexts.ReadFile("help/" + strings.ReplaceAll(name, " ", "-") + ".txt")
	if err != nil {
		panic("hybridcheck: no help text for " + name) // a command added without its help file
	}
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.Usage = func() {
		out.Write(help)
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

// noFlags are the flags of a command that has none but --help.
type noFlags struct{}

func (*noFlags) flags(*pflag.FlagSet) {}

// textOrJSON is the --format of the commands that print text for people or JSON for scripts.
type textOrJSON struct{ format string }

func (f *textOrJSON) flags(fs *pflag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
}

// check refuses a --format other than text and json.
func (f *textOrJSON) check() error {
	if f.format != "text" && f.format != "json" {
		return usageError("--format %q: want text or json", f.format)
	}
	return nil
}

// evalFlags are the flags of the commands that check snapshots (check, diff, report and
// publish): the checks of --policy-dir, the --waivers applied to the results and the time
// --as-of they are evaluated at.
type evalFlags struct {
	policyDirs []string
	waivers    string
	asOf       string
}

// declare declares them; scope prefixes their help where they apply only with another flag.
func (f *evalFlags) declare(fs *pflag.FlagSet, scope string) {
	fs.StringArrayVar(&f.policyDirs, "policy-dir", nil, scope+"add the Rego checks in `DIR` (repeatable)")
	fs.StringVar(&f.waivers, "waivers", "", scope+"YAML `FILE` of waivers (check id, resource glob, justification, approver, expiry)")
	fs.StringVar(&f.asOf, "as-of", "", scope+"evaluate as if checked at `TIME` (RFC 3339; default now): re-checks old evidence reproducibly;\n"+
		"policies' time.now_ns() answers this time and rand.intn/uuid.rfc4122 use a fixed seed")
}

// failOnFlag declares --fail-on into p: the least severity of what (failing results, new
// failures) that makes the exit code 1. checkFailOn checks it once parsed.
func failOnFlag(fs *pflag.FlagSet, p *string, what string) {
	fs.StringVar(p, "fail-on", "low", "exit 1 on "+what+" at or above `SEVERITY`: "+strings.Join(result.Severities, ", ")+", or none")
}

// outputFlag declares -o/--output into p: the file what (the report, the diff...) is written to
// with writeReport or atomicfile.Write, instead of stdout.
func outputFlag(fs *pflag.FlagSet, p *string, what string) {
	fs.StringVarP(p, "output", "o", "", "write "+what+" to `FILE` (atomically; -, devices and FIFOs are written straight through) instead of stdout")
}
