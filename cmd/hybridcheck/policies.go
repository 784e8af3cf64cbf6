package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/engine"
)

func init() {
	register("policies", "list the checks: built-in and from --policy-dir", runPolicies)
	registerRaw("policy", "work on policies: 'policy test' runs the Rego unit tests", runPolicy)
}

// catalogFlags are the flags of the commands that describe the checks rather than run them
// (policies, explain): which checks (the built-ins and those of --policy-dir), as text or JSON.
type catalogFlags struct {
	textOrJSON
	policyDirs []string
}

func (o *catalogFlags) flags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.policyDirs, "policy-dir", nil, "add the Rego checks in `DIR` (repeatable)")
	o.textOrJSON.flags(fs)
}

func runPolicies(ctx context.Context, e *env, o *catalogFlags, fs *pflag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError("takes no arguments (see --help)")
	}
	if err := o.check(); err != nil {
		return err
	}
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: o.policyDirs})
	if err != nil {
		return err
	}
	checks := eng.Checks()
	if o.format == "json" {
		// The full metadata of each check (title, severity, description, rationale, seed,
		// remediation, applies_when, references, area, what it reads, package, source).
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(eng.CheckDetails())
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE\tSOURCE")
	for _, c := range checks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Title, c.Source)
	}
	return tw.Flush()
}

func runPolicy(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(e.stdout, "Usage: hybridcheck policy test [--policy-dir DIR]... [--run REGEX] [-q] [--format FORMAT] [--policy-memory MIB]\n\n"+
			"Runs the Rego unit tests (test_* rules) of the built-in policies and of every --policy-dir,\n"+
			"with hybridcheck's built-ins, like 'opa test -v'. Exits 1 when a test fails.\n"+
			"--format is one of "+strings.Join(engine.TestFormats.Names(), ", ")+" (json and junit for CI, as 'opa test' and 'conftest verify' offer).\n")
		if len(args) == 0 {
			return usageError("missing subcommand: test")
		}
		return nil
	}
	if args[0] != "test" {
		return usageError("unknown subcommand %q (want: test)", args[0])
	}
	return withFlags("policy test", runPolicyTest)(ctx, e, args[1:])
}

// policyTestFlags are the flags of policy test.
type policyTestFlags struct {
	policyDirs   []string
	run          string
	quiet        bool
	format       string
	policyMemory int
}

func (o *policyTestFlags) flags(fs *pflag.FlagSet) {
	fs.StringArrayVar(&o.policyDirs, "policy-dir", nil, "add the Rego policies and tests in `DIR` (repeatable)")
	fs.StringVar(&o.run, "run", "", "run only tests whose name matches `REGEX`")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "text format: print only failing tests and the summary")
	fs.StringVar(&o.format, "format", "text", engine.TestFormats.Help())
	fs.IntVar(&o.policyMemory, "policy-memory", engine.DefaultPolicyMemory>>20, "stop the tests when they grow the heap by more than `MIB` mebibytes;\n"+
		"the running tests are reported as errors (each test also has 30 seconds)")
}

func runPolicyTest(ctx context.Context, e *env, o *policyTestFlags, fs *pflag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q: give policy folders with --policy-dir DIR", fs.Arg(0))
	}
	if o.policyMemory <= 0 {
		return usageError("--policy-memory %d: want a positive number of MiB such as 1024", o.policyMemory)
	}
	render, err := engine.TestFormats.Get(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	tests, err := engine.PolicyTests(ctx, o.policyDirs, o.run, uint64(o.policyMemory)<<20)
	if err != nil {
		return err
	}
	if err := render(e.stdout, tests, !o.quiet); err != nil {
		return err
	}
	sum := tests.Summary
	if o.format == "text" {
		fmt.Fprintf(e.stdout, "--------------------------------------------------------------------------------\n")
		fmt.Fprintf(e.stdout, "policy tests: %d passed, %d failed\n", sum.Passed, sum.Failed+sum.Errored)
	}
	if sum.Failed+sum.Errored > 0 {
		return failing
	}
	if sum.Passed == 0 {
		return usageError("no tests found")
	}
	return nil
}
