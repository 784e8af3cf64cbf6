package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/hybridcheck/hybridcheck/internal/engine"
)

func init() {
	register("policies", "list the checks: built-in and from --policy-dir", runPolicies)
	register("policy", "work on policies: 'policy test' runs the Rego unit tests", runPolicy)
}

func runPolicies(ctx context.Context, e *env, args []string) error {
	fs := newFlags("policies", "policies [flags]",
		"Lists every check with its ID, severity, title and source (builtin, or the user policy file).", e.stdout)
	policyDirs := fs.StringArray("policy-dir", nil, "add the Rego checks in `DIR` (repeatable)")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("takes no arguments (see --help)")
	}
	if *format != "text" && *format != "json" {
		return usageError("--format %q: want text or json", *format)
	}
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: *policyDirs})
	if err != nil {
		return err
	}
	checks := eng.Checks()
	if *format == "json" {
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
	fs := newFlags("policy test", "policy test [flags]",
		"Runs the Rego unit tests of the built-in policies and of every --policy-dir, like 'opa test -v'.", e.stdout)
	policyDirs := fs.StringArray("policy-dir", nil, "add the Rego policies and tests in `DIR` (repeatable)")
	run := fs.String("run", "", "run only tests whose name matches `REGEX`")
	quiet := fs.BoolP("quiet", "q", false, "text format: print only failing tests and the summary")
	format := fs.String("format", "text", engine.TestFormats.Help())
	policyMemory := fs.Int("policy-memory", engine.DefaultPolicyMemory>>20, "stop the tests when they grow the heap by more than `MIB` mebibytes;\n"+
		"the running tests are reported as errors (each test also has 30 seconds)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q: give policy folders with --policy-dir DIR", fs.Arg(0))
	}
	if *policyMemory <= 0 {
		return usageError("--policy-memory %d: want a positive number of MiB such as 1024", *policyMemory)
	}
	render, err := engine.TestFormats.Get(*format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	tests, err := engine.PolicyTests(ctx, *policyDirs, *run, uint64(*policyMemory)<<20)
	if err != nil {
		return err
	}
	if err := render(e.stdout, tests, !*quiet); err != nil {
		return err
	}
	sum := tests.Summary
	if *format == "text" {
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
