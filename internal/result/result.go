// Package result holds what checking a snapshot produces: one Result per check and resource,
// joined with the check's metadata, plus the summary and provenance that every report shows.
package result

import "sort"

// Status is a result's outcome; its JSON is the plain string.
type Status string

// Statuses of a result.
const (
	Pass          Status = "pass"
	Fail          Status = "fail"
	NotApplicable Status = "not_applicable"
	// Unknown: the snapshot lacks what the check needs (an attribute not collected, a prefix
	// list without its entries, an unmodelled match); the message names what is missing. It
	// does not fail a run unless the caller asks (check --fail-on-unknown).
	Unknown Status = "unknown"
	Waived  Status = "waived"
	// Error: the policy crashed, ran out of time or memory.
	Error Status = "error"
)

// Statuses lists every status, in the order reports count them.
var Statuses = []Status{Fail, Error, Unknown, Waived, Pass, NotApplicable}

// Severities from most to least severe.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// SeverityRank orders severities: critical is 0, info 4, unknown 5.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return len(Severities)
}

// AtLeast reports whether severity s is at or above threshold.
func AtLeast(s, threshold string) bool { return SeverityRank(s) <= SeverityRank(threshold) }

// Result is one outcome of one check on one resource.
type Result struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Severity    string         `json:"severity"`
	Status      Status         `json:"status"`
	Resource    string         `json:"resource"`
	Message     string         `json:"message"`
	Evidence    map[string]any `json:"evidence,omitempty"`
	Remediation string         `json:"remediation,omitempty"`
	References  []string       `json:"references,omitempty"`
	// Area groups checks in reports: addressing, aws-network, routing, inter-site, on-prem,
	// cross-site, evidence.
	Area string `json:"area,omitempty"`
	// Waiver is set when Status is waived: who approved it, why, until when.
	Waiver *WaiverInfo `json:"waiver,omitempty"`
	// Source is "builtin" or the path of the user policy file.
	Source string `json:"-"`
}

// WaiverInfo is the part of a waiver a report shows next to the result it waives.
type WaiverInfo struct {
	Justification string `json:"justification"`
	ApprovedBy    string `json:"approved_by,omitempty"`
	Expires       string `json:"expires,omitempty"`
}

// Summary counts results by status.
type Summary struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"not_applicable"`
	Unknown       int `json:"unknown"`
	Waived        int `json:"waived"`
	Error         int `json:"error"`
}

// SnapshotInfo is the provenance of the snapshot a report is about.
type SnapshotInfo struct {
	Path          string   `json:"path"`
	SchemaVersion string   `json:"schema_version"`
	ToolVersion   string   `json:"tool_version"`
	CollectedAt   string   `json:"collected_at"`
	Sources       []Source `json:"sources"`
	// AWSAccountID and AWSRegion are the snapshot's AWS account and region, for formats that
	// address findings to them (ASFF, OCSF); not part of the JSON report.
	AWSAccountID string `json:"-"`
	AWSRegion    string `json:"-"`
}

// Source mirrors snapshot.Source for reports, kept here so reports need not load snapshots.
type Source struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Location string `json:"location,omitempty"`
	Status   string `json:"status"`
	Error    string `json:"error,omitempty"`
	Items    int    `json:"items"`
}

// Check is a check's metadata, as `policies` lists it and reports use it for rule catalogs.
type Check struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Severity    string `json:"severity"`
	Description string `json:"description,omitempty"`
	Remediation string `json:"remediation,omitempty"`
	AppliesWhen string `json:"applies_when,omitempty"`
	// Rationale says why the rule matters (METADATA custom.rationale).
	Rationale string `json:"rationale,omitempty"`
	// Seed names the section of the seed guide (prepare-network.md) the rule comes from
	// (METADATA custom.seed).
	Seed       string   `json:"seed,omitempty"`
	References []string `json:"references,omitempty"`
	Area       string   `json:"area,omitempty"`
	// Reads lists what the check's rules read from the snapshot (input paths) and the shared
	// helpers they use (lib rules); filled for `policies` and `explain`, not for reports.
	Reads   []string `json:"reads,omitempty"`
	Package string   `json:"package"`
	Source  string   `json:"source"`
}

// Scope says when a report was checked, with which tool and policies, and what it covers: the
// account, region, cluster, VPC, CIDRs and devices the snapshot holds. The engine fills it
// from the snapshot (observed values first, the intent where nothing was observed), so every
// report format can say at its top what it is about.
type Scope struct {
	// CheckedAt is the time of the check (RFC 3339 UTC): the wall clock or `check --as-of`.
	CheckedAt   string `json:"checked_at"`
	ToolVersion string `json:"tool_version"`
	// PolicyVersion names the policy set: the built-in policies' release plus a digest of
	// every policy module evaluated (built-in and --policy-dir), so two reports with the same
	// digest were judged by the same rules.
	PolicyVersion string        `json:"policy_version"`
	PolicyDirs    []string      `json:"policy_dirs,omitempty"`
	AccountID     string        `json:"account_id,omitempty"`
	Region        string        `json:"region,omitempty"`
	Cluster       string        `json:"cluster,omitempty"`
	VPCID         string        `json:"vpc_id,omitempty"`
	VPCCIDRs      []string      `json:"vpc_cidrs,omitempty"`
	NodeCIDRs     []string      `json:"node_cidrs,omitempty"`
	PodCIDRs      []string      `json:"pod_cidrs,omitempty"`
	Devices       []ScopeDevice `json:"devices,omitempty"`
}

// ScopeDevice is one on-prem device a report covers, with the export it was read from.
type ScopeDevice struct {
	Name   string `json:"name"`
	Format string `json:"format"`
	File   string `json:"file"`
}

// Report is the whole output of `check`: DESIGN.md's JSON shape.
type Report struct {
	Scope    Scope        `json:"scope"`
	Snapshot SnapshotInfo `json:"snapshot"`
	Summary  Summary      `json:"summary"`
	Results  []Result     `json:"results"`
	// Checks is the catalog the results were produced with (not in the JSON output; reports
	// such as SARIF and HTML list every rule from it).
	Checks []Check `json:"-"`
	// Notes are report-level messages: expired or unused waivers.
	Notes []string `json:"notes,omitempty"`
}

// Summarize counts the results by status.
func Summarize(rs []Result) Summary {
	var s Summary
	for _, r := range rs {
		switch r.Status {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
		case NotApplicable:
			s.NotApplicable++
		case Unknown:
			s.Unknown++
		case Waived:
			s.Waived++
		case Error:
			s.Error++
		}
	}
	return s
}

// Sort orders results deterministically: by check ID, then resource, then message.
func Sort(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.ID != b.ID {
			return idLess(a.ID, b.ID)
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Message < b.Message
	})
}

// idLess compares check IDs so HN-VPC-2 sorts before HN-VPC-10 (IDs are zero-padded, but
// user checks may not be).
func idLess(a, b string) bool {
	if len(a) != len(b) {
		pa, pb := prefix(a), prefix(b)
		if pa == pb {
			return len(a) < len(b)
		}
	}
	return a < b
}

func prefix(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] < '0' || id[i] > '9' {
			return id[:i+1]
		}
	}
	return ""
}

// StatusRank orders statuses by what needs attention first: error, fail, unknown, waived,
// pass, not_applicable, then anything else.
func StatusRank(s Status) int {
	switch s {
	case Error:
		return 0
	case Fail:
		return 1
	case Unknown:
		return 2
	case Waived:
		return 3
	case Pass:
		return 4
	case NotApplicable:
		return 5
	}
	return 6
}

// IsFailing reports whether a result fails the run (fail or error), whatever its severity.
func (r Result) IsFailing() bool { return r.Status == Fail || r.Status == Error }

// Failing reports whether any result has status fail or error at or above threshold.
func Failing(rs []Result, threshold string) bool {
	return FailingWith(rs, threshold, false)
}

// FailingWith is Failing where, with unknownFails, an unknown result at or above threshold
// fails the run too (check --fail-on-unknown).
func FailingWith(rs []Result, threshold string, unknownFails bool) bool {
	for _, r := range rs {
		if (r.IsFailing() || unknownFails && r.Status == Unknown) && AtLeast(r.Severity, threshold) {
			return true
		}
	}
	return false
}
