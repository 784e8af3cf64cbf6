package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Markdown is for a pull-request comment or a CI job summary: a summary table by area, then
// each failure with its evidence.
type Markdown struct{}

// Render writes the summary table by area and each failure with its evidence, as Markdown.
func (Markdown) Render(w io.Writer, r *result.Report, _ Options) error {
	bw := bufio.NewWriter(w)
	s := r.Summary
	fmt.Fprintf(bw, "## hybridcheck: %s\n\n", summaryText(s))
	fmt.Fprintf(bw, "| Scope | |\n|---|---|\n")
	for _, l := range scopeLines(r) {
		fmt.Fprintf(bw, "| %s | %s |\n", EscapeMarkdown(l.Key), EscapeMarkdown(l.Value))
	}
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "| Area | Failed | Errors | Unknown | Waived | Passed | Not applicable |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, g := range groupByArea(r.Results) {
		gs := g.Summary
		fmt.Fprintf(bw, "| %s | %d | %d | %d | %d | %d | %d |\n", EscapeMarkdown(g.Title), gs.Fail, gs.Error, gs.Unknown, gs.Waived, gs.Pass, gs.NotApplicable)
	}
	fails := failures(r.Results)
	if len(fails) == 0 {
		fmt.Fprintf(bw, "\nNo failing checks.\n")
	} else {
		fmt.Fprintf(bw, "\n### Failures\n\n| Status | ID | Severity | Resource | Message |\n|---|---|---|---|---|\n")
		for _, x := range fails[:min(len(fails), MarkdownRows)] {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", statusLabel(x.Status), EscapeMarkdown(x.ID), EscapeMarkdown(x.Severity), EscapeMarkdown(x.Resource), EscapeMarkdown(x.Message))
		}
		writeOmitted(bw, len(fails), MarkdownRows)
		for _, x := range fails[:min(len(fails), markdownDetails)] {
			fmt.Fprintln(bw)
			writeMarkdownDetails(bw, x)
		}
		if len(fails) > markdownDetails {
			fmt.Fprintf(bw, "\nEvidence is shown for the first %d failures; the other formats carry all of it.\n", markdownDetails)
		}
	}
	if unk := withStatus(r.Results, result.Unknown); len(unk) > 0 {
		fmt.Fprintf(bw, "\n### Unknown (the snapshot cannot decide)\n\n| ID | Severity | Resource | Missing |\n|---|---|---|---|\n")
		for _, x := range unk[:min(len(unk), MarkdownRows)] {
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", EscapeMarkdown(x.ID), EscapeMarkdown(x.Severity), EscapeMarkdown(x.Resource), EscapeMarkdown(x.Message))
		}
		writeOmitted(bw, len(unk), MarkdownRows)
	}
	if waived := withStatus(r.Results, result.Waived); len(waived) > 0 {
		fmt.Fprintf(bw, "\n### Waivers\n\n| ID | Resource | Justification | Approved by | Expires |\n|---|---|---|---|---|\n")
		for _, x := range waived[:min(len(waived), MarkdownRows)] {
			wv := x.Waiver
			if wv == nil {
				wv = &result.WaiverInfo{}
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", EscapeMarkdown(x.ID), EscapeMarkdown(x.Resource), EscapeMarkdown(wv.Justification), EscapeMarkdown(wv.ApprovedBy), EscapeMarkdown(wv.Expires))
		}
		writeOmitted(bw, len(waived), MarkdownRows)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(bw, "\n### Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "- %s\n", EscapeMarkdown(n))
		}
	}
	return bw.Flush()
}

// MarkdownRows caps each Markdown table: GitHub refuses comments over 65,536 characters, and a
// large estate can fail thousands of times. markdownDetails caps the evidence blocks likewise.
const (
	MarkdownRows    = 100
	markdownDetails = 20
)

// writeOmitted says how many rows a capped Markdown table left out.
func writeOmitted(w io.Writer, total, shown int) {
	if total > shown {
		fmt.Fprintf(w, "| … | %d more, see the json, sarif or html output | | | |\n", total-shown)
	}
}

// writeMarkdownDetails writes a collapsible block per failure so a long PR comment stays
// readable; the evidence goes in a fenced block, which needs no escaping inside.
func writeMarkdownDetails(w io.Writer, x result.Result) {
	fmt.Fprintf(w, "<details><summary>%s %s: %s</summary>\n\n", EscapeMarkdown(x.ID), EscapeMarkdown(orDash(x.Resource)), EscapeMarkdown(x.Title))
	fmt.Fprintf(w, "%s\n\n", EscapeMarkdown(x.Message))
	for _, loc := range evidenceLocations(x.Evidence) {
		fmt.Fprintf(w, "At `%s`\n\n", CodeSpan(loc.String()))
	}
	if lines := evidenceBesideLocations(x.Evidence); len(lines) > 0 {
		var b strings.Builder
		for _, l := range lines {
			fmt.Fprintf(&b, "%s: %s\n", l.Key, plainValue(x.Evidence[l.Key]))
		}
		f := fence(b.String())
		fmt.Fprintf(w, "%s\n%s%s\n\n", f, b.String(), f)
	}
	if x.Remediation != "" {
		fmt.Fprintf(w, "**Fix:** %s\n\n", EscapeMarkdown(x.Remediation))
	}
	fmt.Fprintf(w, "</details>\n")
}

// markdownEscaper neutralises what GitHub-flavoured Markdown would interpret inside a table
// cell or a line: emphasis, links, tables, code, HTML (resource names and messages come from
// the snapshot and must not inject markup into a PR comment).
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `|`, `\|`, `#`, `\#`, `~`, `\~`,
	`<`, "&lt;", `>`, "&gt;", `&`, "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

// EscapeMarkdown makes text safe as literal Markdown on one line.
func EscapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// CodeSpan makes text safe inside single backticks: backticks and line breaks cannot appear
// inside a one-backtick code span, and a pipe would still split a table cell.
func CodeSpan(s string) string {
	return strings.NewReplacer("`", "'", "\n", " ", "\r", " ", "|", `\|`).Replace(s)
}

// fence returns a code fence longer than any run of backticks in s.
func fence(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
