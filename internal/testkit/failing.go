package testkit

import (
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// Failing is the set of checks that fail or error in rep.
func Failing(rep *result.Report) map[string]bool {
	return failing(rep, false)
}

// FailingBesidesPaths is Failing without the end-to-end path checks (HN-PATH-*): those fail
// with every defect on their flow's path, and which defect stops which flow at which hop is
// internal/path's test, so a seeded defect is expected to fail only its own check beside them.
func FailingBesidesPaths(rep *result.Report) map[string]bool {
	return failing(rep, true)
}

func failing(rep *result.Report, besidesPaths bool) map[string]bool {
	set := map[string]bool{}
	for _, r := range rep.Results {
		if besidesPaths && strings.HasPrefix(r.ID, "HN-PATH-") {
			continue
		}
		if r.Status == result.Fail || r.Status == result.Error {
			set[r.ID] = true
		}
	}
	return set
}
