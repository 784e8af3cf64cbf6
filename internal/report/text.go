package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Text is the human report: the scope at the top, then every failure as one compact block
// (finding, location, evidence, fix), the unknown and waived results, the passes summarised per
// area, and a one-line summary. With Options.Quiet only the failures and the summary line.
type Text struct{}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

type painter func(code, s string) string

// Render writes the terminal report: the scope header, failures, unknowns, waived results and
// passes, then the notes; in colour when opts.Color is set.
func (Text) Render(w io.Writer, r *result.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	paint := painter(func(code, s string) string {
		if !opts.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	})
	if !opts.Quiet {
		fmt.Fprintf(bw, "%s\n", paint(ansiBold, "hybridcheck report"))
		for _, l := range scopeLines(r) {
			fmt.Fprintf(bw, "  %-11s %s\n", l.Key+":", Printable(l.Value))
		}
	}
	writeTextSection(bw, paint, "Failures", failures(r.Results), opts.Quiet)
	if !opts.Quiet {
		writeTextSection(bw, paint, "Unknown: the snapshot cannot decide", withStatus(r.Results, result.Unknown), false)
		writeTextSection(bw, paint, "Waived", withStatus(r.Results, result.Waived), false)
		writeTextPasses(bw, paint, r.Results)
		if len(r.Notes) > 0 {
			fmt.Fprintln(bw)
			for _, n := range r.Notes {
				fmt.Fprintf(bw, "note: %s\n", Printable(n))
			}
		}
	}
	sum := r.Summary
	color := ansiGreen
	switch {
	case sum.Fail+sum.Error > 0:
		color = ansiRed
	case sum.Unknown > 0:
		color = ansiYellow
	}
	fmt.Fprintf(bw, "\n%s\n", paint(color, summaryText(sum)))
	return bw.Flush()
}

// writeTextSection prints one block per result under a heading with their count; an empty
// section prints nothing (quiet or not: the summary line says there were none).
func writeTextSection(w io.Writer, paint painter, title string, rs []result.Result, quiet bool) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", paint(ansiBold, fmt.Sprintf("%s (%d)", title, len(rs))))
	for _, x := range rs {
		label := statusLabel(x.Status)
		fmt.Fprintf(w, "\n%s %s %s  %s\n", paint(statusColor(x.Status), label), paint(ansiBold, Printable(x.ID)), Printable(x.Severity), Printable(x.Title))
		fmt.Fprintf(w, "  %s\n", Printable(messageWithResource(x)))
		if x.Status == result.Waived {
			if x.Waiver != nil {
				fmt.Fprintf(w, "  waived: %s\n", Printable(x.Waiver.Justification+waiverTerms(x.Waiver)))
			}
			continue
		}
		writeTextEvidence(w, x)
	}
}

// writeTextPasses summarises the passing and not-applicable results per area: their detail
// is in the json, sarif and html formats.
func writeTextPasses(w io.Writer, paint painter, rs []result.Result) {
	fmt.Fprintf(w, "\n%s\n", paint(ansiBold, "Passed and not applicable, by area"))
	for _, g := range groupByArea(rs) {
		ids := map[string]bool{}
		for _, x := range g.Results {
			if x.Status == result.Pass || x.Status == result.NotApplicable {
				ids[x.ID] = true
			}
		}
		fmt.Fprintf(w, "  %-24s %d passed, %d not applicable (%d checks)\n", Printable(g.Title), g.Summary.Pass, g.Summary.NotApplicable, len(ids))
	}
}

func writeTextEvidence(w io.Writer, x result.Result) {
	for _, loc := range evidenceLocations(x.Evidence) {
		fmt.Fprintf(w, "  at %s\n", Printable(loc.String()))
	}
	for _, key := range evidenceKeysBesideLocations(x.Evidence) {
		fmt.Fprintf(w, "  %s: %s\n", Printable(key), Printable(plainValue(x.Evidence[key])))
	}
	if x.Remediation != "" {
		fmt.Fprintf(w, "  fix: %s\n", Printable(x.Remediation))
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

func statusColor(s result.Status) string {
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
