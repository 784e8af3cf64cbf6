package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/result"
)

func init() {
	register("explain", "explain a check: the rule, why it matters, what it reads, how to fix it", runExplain)
}

func runExplain(ctx context.Context, e *env, o *catalogFlags, fs *pflag.FlagSet) error {
	if fs.NArg() != 1 {
		return usageError("want exactly one check ID, got %d arguments (see hybridcheck policies)", fs.NArg())
	}
	if err := o.check(); err != nil {
		return err
	}
	id := strings.ToUpper(strings.TrimSpace(fs.Arg(0)))
	opts := engine.Options{PolicyDirs: o.policyDirs}
	eng, err := engine.New(ctx, opts)
	if err != nil {
		return err
	}
	var c *result.Check
	var ids []string
	for _, x := range eng.CheckDetails() {
		ids = append(ids, x.ID)
		if x.ID == id {
			c = &x
		}
	}
	if c == nil {
		return usageError("no check with id %q%s (see hybridcheck policies)", fs.Arg(0), closest(id, ids))
	}
	example, err := engine.ExampleFailure(ctx, opts, id)
	if err != nil {
		return err
	}
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			result.Check
			ExampleFailure *result.Result `json:"example_failure,omitempty"`
			Tests          string         `json:"tests,omitempty"`
		}{*c, example, eng.TestFile(id)})
	}
	writeExplanation(e.stdout, *c, example, eng.TestFile(id))
	return nil
}

// writeExplanation prints a check's explanation as labelled paragraphs.
func writeExplanation(w io.Writer, c result.Check, example *result.Result, tests string) {
	p := report.Printable
	fmt.Fprintf(w, "%s  %s (%s)\n", p(c.ID), p(c.Title), p(c.Severity))
	section := func(title, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
			fmt.Fprintf(w, "  %s\n", p(line))
		}
	}
	section("Rule", c.Description)
	section("Why it matters", orText(c.Rationale, "(no rationale recorded: METADATA custom.rationale)"))
	if c.Seed != "" {
		section("What the seed says", "prepare-network.md, section "+c.Seed)
	}
	section("Applies when", c.AppliesWhen)
	section("What it reads", strings.Join(c.Reads, "\n"))
	section("How to fix it", c.Remediation)
	switch {
	case example != nil:
		ex := example.Message
		if example.Resource != "" && !strings.Contains(ex, example.Resource) {
			ex = example.Resource + ": " + ex
		}
		var ev []string
		keys := make([]string, 0, len(example.Evidence))
		for k := range example.Evidence {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b, _ := json.Marshal(example.Evidence[k])
			ev = append(ev, "  "+k+": "+string(b))
		}
		section("Example failure (snapshots/reference-broken.json)", ex+"\nevidence:\n"+strings.Join(ev, "\n"))
	case tests != "":
		section("Example failure", "the reference estate passes this check; its failing cases are the deny tests in "+tests)
	}
	section("References", strings.Join(c.References, "\n"))
	section("Source", c.Source+" ("+c.Package+")")
}

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// closest suggests the ID nearest a misspelt one (same prefix, one edit away at most).
func closest(id string, ids []string) string {
	for _, x := range ids {
		if strings.EqualFold(strings.ReplaceAll(x, "-", ""), strings.ReplaceAll(id, "-", "")) {
			return fmt.Sprintf("; did you mean %s?", x)
		}
	}
	return ""
}
