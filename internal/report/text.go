package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Text is the human report: failures first with their evidence, then a one-line summary.
type Text struct{}

func (Text) Render(w io.Writer, r *result.Report, _ Options) error {
	rs := append([]result.Result(nil), r.Results...)
	sort.SliceStable(rs, func(i, j int) bool {
		return statusOrder(rs[i].Status) < statusOrder(rs[j].Status)
	})
	for _, x := range rs {
		fmt.Fprintf(w, "%-14s %-8s %-9s %s: %s\n", x.Status, x.Severity, x.ID, x.Resource, x.Message)
	}
	s := r.Summary
	fmt.Fprintf(w, "\n%d failed, %d passed, %d not applicable, %d waived, %d errors\n", s.Fail, s.Pass, s.NotApplicable, s.Waived, s.Error)
	return nil
}

func statusOrder(s string) int {
	switch s {
	case result.Error:
		return 0
	case result.Fail:
		return 1
	case result.Waived:
		return 2
	case result.Pass:
		return 3
	}
	return 4
}
