package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Text is the human report: results grouped by area, failing ones first with the evidence that
// proves them, then a one-line summary.
type Text struct{}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

func (Text) Render(w io.Writer, r *result.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opts.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	s := r.Snapshot
	fmt.Fprintf(bw, "hybridcheck report for %s (collected %s by hybridcheck %s)\n", Printable(orDash(s.Path)), Printable(orDash(s.CollectedAt)), Printable(orDash(s.ToolVersion)))
	for _, g := range groupByArea(r.Results) {
		gs := g.Summary
		fmt.Fprintf(bw, "\n%s  %s\n", paint(ansiBold, g.Title), paint(ansiDim, "("+summaryText(gs)+")"))
		for _, x := range g.Results {
			label := fmt.Sprintf("%-6s", statusLabel(x.Status))
			fmt.Fprintf(bw, "  %s %-10s %-8s %s: %s\n", paint(statusColor(x.Status), label), Printable(x.ID), Printable(x.Severity), Printable(orDash(x.Resource)), Printable(x.Message))
			if x.IsFailing() || x.Status == result.Unknown {
				writeTextEvidence(bw, x)
			}
			if x.Status == result.Waived && x.Waiver != nil {
				fmt.Fprintf(bw, "         waived: %s\n", Printable(x.Waiver.Justification+waiverTerms(x.Waiver)))
			}
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(bw)
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "note: %s\n", Printable(n))
		}
	}
	sum := r.Summary
	line := summaryText(sum)
	color := ansiGreen
	switch {
	case sum.Fail+sum.Error > 0:
		color = ansiRed
	case sum.Unknown > 0:
		color = ansiYellow
	}
	fmt.Fprintf(bw, "\n%s\n", paint(color, line))
	return bw.Flush()
}

func writeTextEvidence(w io.Writer, x result.Result) {
	for _, loc := range evidenceLocations(x.Evidence) {
		fmt.Fprintf(w, "         at %s\n", Printable(loc.String()))
	}
	lines := evidenceBesideLocations(x.Evidence)
	if len(lines) > 0 {
		fmt.Fprintf(w, "         evidence:\n")
		for _, l := range lines {
			fmt.Fprintf(w, "           %s: %s\n", Printable(l.Key), Printable(l.Value))
		}
	}
	if x.Remediation != "" {
		fmt.Fprintf(w, "         fix: %s\n", Printable(x.Remediation))
	}
}

func waiverTerms(wv *result.WaiverInfo) string {
	s := ""
	if wv.ApprovedBy != "" {
		s += " (approved by " + wv.ApprovedBy
		if wv.Expires != "" {
			s += ", expires " + wv.Expires
		}
		return s + ")"
	}
	if wv.Expires != "" {
		s += " (expires " + wv.Expires + ")"
	}
	return s
}

func statusColor(s string) string {
	switch s {
	case result.Fail, result.Error:
		return ansiRed
	case result.Waived, result.Unknown:
		return ansiYellow
	case result.Pass:
		return ansiGreen
	case result.NotApplicable:
		return ansiDim
	}
	return ""
}

// Printable replaces control characters, so text taken from a device export (a rule
// description, say) cannot move the cursor or recolour the user's terminal.
func Printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
