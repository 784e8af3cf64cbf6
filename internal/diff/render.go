package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/format"
	"github.com/hybridcheck/hybridcheck/internal/report"
)

// Registry is the diff's output formats, in the order --help shows them.
var Registry = format.New[func(io.Writer, *Diff) error]("the diff").
	Add("text", renderText).
	Add("json", renderJSON).
	Add("markdown", renderMarkdown)

// Formats lists the registry's format names.
var Formats = Registry.Names()

// Render writes the diff in one of the registry's formats.
func Render(w io.Writer, d *Diff, name string) error {
	render, err := Registry.Get(name)
	if err != nil {
		return err
	}
	return render(w, d)
}

func renderJSON(w io.Writer, d *Diff) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

func (s Summary) line() string {
	return fmt.Sprintf("%d new failures, %d resolved, %d unchanged failures, %d to or from unknown, %d resource changes", s.New, s.Resolved, s.Unchanged, s.Undecided, s.Changes)
}

func renderText(w io.Writer, d *Diff) error {
	bw := bufio.NewWriter(w)
	p := report.Printable
	fmt.Fprintf(bw, "hybridcheck diff\n  old: %s (collected %s)\n  new: %s (collected %s)\n", p(d.Old.Path), p(d.Old.CollectedAt), p(d.New.Path), p(d.New.CollectedAt))
	sections := []struct {
		title string
		list  []Finding
	}{
		{"New failures", d.NewFailures},
		{"Resolved", d.Resolved},
		{"Unchanged failures", d.Unchanged},
		{"To or from unknown", d.Undecided},
	}
	for _, s := range sections {
		fmt.Fprintf(bw, "\n%s (%d)\n", s.title, len(s.list))
		for _, f := range s.list {
			fmt.Fprintf(bw, "  %-10s %-8s %s: %s (%s -> %s)\n", p(f.ID), p(f.Severity), p(orDash(f.Resource)), p(f.Message), f.OldStatus, f.NewStatus)
			if f.OldMessage != "" {
				fmt.Fprintf(bw, "             was: %s\n", p(f.OldMessage))
			}
		}
	}
	fmt.Fprintf(bw, "\nResource changes (%d)\n", len(d.Changes))
	for _, c := range d.Changes {
		fmt.Fprintf(bw, "  %s %s %s", c.Change, c.Kind, p(c.Resource))
		if c.Item != "" {
			fmt.Fprintf(bw, " %s", p(c.Item))
		}
		fmt.Fprintln(bw)
		switch {
		case c.Change == Changed:
			o, n := differingParts(c.Old, c.New)
			fmt.Fprintf(bw, "      old: %s\n      new: %s\n", p(o), p(n))
		case c.Old != "":
			fmt.Fprintf(bw, "      %s\n", p(c.Old))
		case c.New != "":
			fmt.Fprintf(bw, "      %s\n", p(c.New))
		}
	}
	fmt.Fprintf(bw, "\n%s\n", d.Summary.line())
	return bw.Flush()
}

func renderMarkdown(w io.Writer, d *Diff) error {
	bw := bufio.NewWriter(w)
	e := report.EscapeMarkdown
	fmt.Fprintf(bw, "## hybridcheck diff: %s\n\n", d.Summary.line())
	fmt.Fprintf(bw, "| | Snapshot | Collected | Failed | Passed |\n|---|---|---|---:|---:|\n")
	fmt.Fprintf(bw, "| old | `%s` | %s | %d | %d |\n", report.CodeSpan(orDash(d.Old.Path)), e(d.Old.CollectedAt), d.Old.Summary.Fail+d.Old.Summary.Error, d.Old.Summary.Pass)
	fmt.Fprintf(bw, "| new | `%s` | %s | %d | %d |\n", report.CodeSpan(orDash(d.New.Path)), e(d.New.CollectedAt), d.New.Summary.Fail+d.New.Summary.Error, d.New.Summary.Pass)
	findings := func(title string, list []Finding, collapsed bool) {
		if len(list) == 0 {
			return
		}
		if collapsed {
			fmt.Fprintf(bw, "\n<details><summary>%s (%d)</summary>\n\n", title, len(list))
		} else {
			fmt.Fprintf(bw, "\n### %s (%d)\n\n", title, len(list))
		}
		fmt.Fprintf(bw, "| ID | Severity | Resource | Message | Status |\n|---|---|---|---|---|\n")
		for _, f := range list[:min(len(list), report.MarkdownRows)] {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s → %s |\n", e(f.ID), e(f.Severity), e(f.Resource), e(f.Message), e(string(f.OldStatus)), e(string(f.NewStatus)))
		}
		writeOmitted(bw, len(list))
		if collapsed {
			fmt.Fprintf(bw, "\n</details>\n")
		}
	}
	if d.Summary.New == 0 {
		fmt.Fprintf(bw, "\nNo new failures.\n")
	}
	findings("New failures", d.NewFailures, false)
	findings("Resolved", d.Resolved, false)
	findings("Unchanged failures", d.Unchanged, true)
	findings("To or from unknown", d.Undecided, true)
	if len(d.Changes) > 0 {
		fmt.Fprintf(bw, "\n<details><summary>Resource changes (%d)</summary>\n\n| Change | Kind | Resource | Item | Old | New |\n|---|---|---|---|---|---|\n", len(d.Changes))
		for _, c := range d.Changes[:min(len(d.Changes), report.MarkdownRows)] {
			o, n := differingParts(c.Old, c.New)
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", c.Change, c.Kind, e(c.Resource), e(c.Item), e(o), e(n))
		}
		writeOmitted(bw, len(d.Changes))
		fmt.Fprintf(bw, "\n</details>\n")
	}
	return bw.Flush()
}

// writeOmitted says how many rows a Markdown table left out to stay within GitHub's comment size.
func writeOmitted(w io.Writer, total int) {
	if total > report.MarkdownRows {
		fmt.Fprintf(w, "| … | %d more, see --format json | | | |\n", total-report.MarkdownRows)
	}
}

// differingParts shortens a changed item's two descriptions to the comma-separated parts that
// differ, so a reviewer sees "status UP" -> "status DOWN" rather than two long lines; the JSON
// keeps both descriptions whole.
func differingParts(old, new string) (string, string) {
	op, np := strings.Split(old, ", "), strings.Split(new, ", ")
	if len(op) != len(np) || len(op) < 2 {
		return old, new
	}
	var o, n []string
	for i := range op {
		if op[i] != np[i] {
			o, n = append(o, op[i]), append(n, np[i])
		}
	}
	if len(o) == 0 {
		return old, new
	}
	return strings.Join(o, ", "), strings.Join(n, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
