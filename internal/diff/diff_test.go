package diff

import (
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"

	"github.com/hybridcheck/hybridcheck/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func res(id, severity string, status result.Status, resource, message string) result.Result {
	return result.Result{ID: id, Title: id + " title", Severity: severity, Status: status, Resource: resource, Message: message, Area: "aws-network"}
}

func checked(path string, rs ...result.Result) *result.Report {
	return &result.Report{
		Snapshot: result.SnapshotInfo{Path: path, CollectedAt: "2026-11-20T09:30:00Z", ToolVersion: "0.1.0", SchemaVersion: "1.0"},
		Summary:  result.Summarize(rs),
		Results:  rs,
	}
}

func keysOf(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID + "@" + f.Resource + ":" + string(f.OldStatus) + ">" + string(f.NewStatus)
	}
	sort.Strings(out)
	return out
}

func TestCompareBuckets(t *testing.T) {
	tests := []struct {
		name                          string
		old, new                      []result.Result
		wantNew, wantResolved, wantUn []string
	}{
		{
			name:    "pass becomes fail",
			old:     []result.Result{res("HN-VPC-03", "high", result.Pass, "vpc-1", "ok")},
			new:     []result.Result{res("HN-VPC-03", "high", result.Fail, "vpc-1", "enableDnsHostnames is false")},
			wantNew: []string{"HN-VPC-03@vpc-1:pass>fail"},
		},
		{
			name:         "fail becomes pass",
			old:          []result.Result{res("HN-VPC-03", "high", result.Fail, "vpc-1", "off")},
			new:          []result.Result{res("HN-VPC-03", "high", result.Pass, "vpc-1", "on")},
			wantResolved: []string{"HN-VPC-03@vpc-1:fail>pass"},
		},
		{
			name:   "reworded failure is unchanged",
			old:    []result.Result{res("HN-SG-01", "critical", result.Fail, "sg-1", "missing 443 from 2 CIDRs")},
			new:    []result.Result{res("HN-SG-01", "critical", result.Fail, "sg-1", "missing 443 from 3 CIDRs")},
			wantUn: []string{"HN-SG-01@sg-1:fail>fail"},
		},
		{
			name:    "failure on a new resource",
			old:     []result.Result{res("HN-SG-01", "critical", result.Fail, "sg-1", "x")},
			new:     []result.Result{res("HN-SG-01", "critical", result.Fail, "sg-1", "x"), res("HN-SG-01", "critical", result.Fail, "sg-2", "x")},
			wantNew: []string{"HN-SG-01@sg-2:absent>fail"},
			wantUn:  []string{"HN-SG-01@sg-1:fail>fail"},
		},
		{
			name:         "failing resource gone",
			old:          []result.Result{res("HN-RT-02", "high", result.Fail, "rtb-1", "blackhole")},
			new:          nil,
			wantResolved: []string{"HN-RT-02@rtb-1:fail>absent"},
		},
		{
			name:         "failure waived",
			old:          []result.Result{res("HN-VPC-10", "low", result.Fail, "eipalloc-1", "unassociated")},
			new:          []result.Result{res("HN-VPC-10", "low", result.Waived, "eipalloc-1", "unassociated")},
			wantResolved: []string{"HN-VPC-10@eipalloc-1:fail>waived"},
		},
		{
			name:   "error then fail stays failing",
			old:    []result.Result{res("HN-IPS-03", "medium", result.Error, "dev", "eval error")},
			new:    []result.Result{res("HN-IPS-03", "medium", result.Fail, "dev", "bad proposal")},
			wantUn: []string{"HN-IPS-03@dev:error>fail"},
		},
		{
			name: "passing and n/a results are not listed",
			old:  []result.Result{res("HN-VPC-02", "high", result.Pass, "vpc-1", "ok"), res("HN-DX-01", "critical", result.NotApplicable, "dx", "no DX")},
			new:  []result.Result{res("HN-VPC-02", "high", result.Pass, "vpc-1", "ok"), res("HN-DX-01", "critical", result.Pass, "dx", "up")},
		},
		{
			name: "several messages for one resource: the worst stands",
			old:  []result.Result{res("HN-FW-01", "critical", result.Pass, "dev", "a")},
			new: []result.Result{res("HN-FW-01", "critical", result.Pass, "dev", "a"),
				res("HN-FW-01", "critical", result.Fail, "dev", "b")},
			wantNew: []string{"HN-FW-01@dev:pass>fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(checked("old.json", tt.old...), checked("new.json", tt.new...), nil, nil)
			for _, c := range []struct {
				what      string
				got, want []string
			}{{"new", keysOf(d.NewFailures), tt.wantNew}, {"resolved", keysOf(d.Resolved), tt.wantResolved}, {"unchanged", keysOf(d.Unchanged), tt.wantUn}} {
				if strings.Join(c.got, " ") != strings.Join(c.want, " ") {
					t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
				}
			}
			if d.Summary.New != len(d.NewFailures) || d.Summary.Resolved != len(d.Resolved) || d.Summary.Unchanged != len(d.Unchanged) {
				t.Errorf("summary %+v does not count the lists", d.Summary)
			}
		})
	}
}

func TestCompareKeepsOldMessage(t *testing.T) {
	d := Compare(checked("a", res("HN-SG-01", "critical", result.Fail, "sg-1", "old words")),
		checked("b", res("HN-SG-01", "critical", result.Fail, "sg-1", "new words")), nil, nil)
	if len(d.Unchanged) != 1 || d.Unchanged[0].Message != "new words" || d.Unchanged[0].OldMessage != "old words" {
		t.Errorf("unchanged %+v", d.Unchanged)
	}
}

// TestCompareSwapped: swapping the arguments turns every new failure into a resolved one.
func TestCompareSwapped(t *testing.T) {
	a := checked("a", res("HN-VPC-03", "high", result.Pass, "vpc-1", ""), res("HN-SG-01", "critical", result.Fail, "sg-1", ""), res("HN-RT-02", "high", result.Fail, "rtb-1", ""))
	b := checked("b", res("HN-VPC-03", "high", result.Fail, "vpc-1", ""), res("HN-SG-01", "critical", result.Fail, "sg-1", ""), res("HN-TGW-02", "medium", result.Fail, "tgw-1", ""))
	ab, ba := Compare(a, b, nil, nil), Compare(b, a, nil, nil)
	ids := func(fs []Finding) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.ID+"@"+f.Resource)
		}
		sort.Strings(s)
		return strings.Join(s, " ")
	}
	if ids(ab.NewFailures) != ids(ba.Resolved) || ids(ab.Resolved) != ids(ba.NewFailures) || ids(ab.Unchanged) != ids(ba.Unchanged) {
		t.Errorf("not symmetric: a->b new %s resolved %s; b->a new %s resolved %s", ids(ab.NewFailures), ids(ab.Resolved), ids(ba.NewFailures), ids(ba.Resolved))
	}
	if ids(ab.NewFailures) != "HN-TGW-02@tgw-1 HN-VPC-03@vpc-1" {
		t.Errorf("new failures %s", ids(ab.NewFailures))
	}
}

func TestFailing(t *testing.T) {
	old := checked("a", res("HN-SG-01", "critical", result.Fail, "sg-1", ""), res("HN-TGW-02", "medium", result.Pass, "tgw-1", ""))
	nw := checked("b", res("HN-SG-01", "critical", result.Fail, "sg-1", ""), res("HN-TGW-02", "medium", result.Fail, "tgw-1", ""))
	d := Compare(old, nw, nil, nil)
	tests := []struct {
		threshold string
		want      bool
	}{
		{"critical", false}, // the critical failure was already there
		{"high", false},
		{"medium", true},
		{"low", true},
		{"info", true},
	}
	for _, tt := range tests {
		if got := d.Failing(tt.threshold); got != tt.want {
			t.Errorf("Failing(%q) = %v, want %v", tt.threshold, got, tt.want)
		}
	}
	if Compare(nw, old, nil, nil).Failing("info") {
		t.Error("a diff that only resolves failures fails")
	}
}

// A result moving to or from unknown is a change of its own: neither a new failure nor a
// resolved one, and it fails the diff only with --fail-on-unknown.
func TestUndecided(t *testing.T) {
	old := checked("a", res("HN-VPC-02", "high", result.Pass, "vpc-1", ""), res("HN-SG-01", "critical", result.Unknown, "sg-1", ""),
		res("HN-RT-01", "critical", result.Unknown, "rtb-1", ""), res("HN-TGW-08", "critical", result.Unknown, "tgw-rtb-1", ""))
	nw := checked("b", res("HN-VPC-02", "high", result.Unknown, "vpc-1", ""), res("HN-SG-01", "critical", result.Pass, "sg-1", ""),
		res("HN-RT-01", "critical", result.Fail, "rtb-1", ""), res("HN-TGW-08", "critical", result.Unknown, "tgw-rtb-1", ""))
	d := Compare(old, nw, nil, nil)
	var got []string
	for _, f := range d.Undecided {
		got = append(got, f.ID+":"+string(f.OldStatus)+"->"+string(f.NewStatus))
	}
	if want := "HN-SG-01:unknown->pass,HN-VPC-02:pass->unknown"; strings.Join(got, ",") != want {
		t.Errorf("undecided %v, want %s", got, want)
	}
	if len(d.NewFailures) != 1 || d.NewFailures[0].ID != "HN-RT-01" {
		t.Errorf("unknown -> fail is a new failure: %+v", d.NewFailures)
	}
	if d.Failing("critical") != true {
		t.Error("the new critical failure does not fail the diff")
	}
	only := Compare(old, checked("b", res("HN-VPC-02", "high", result.Unknown, "vpc-1", "")), nil, nil)
	if only.Failing("info") {
		t.Error("a result that became unknown fails the diff without --fail-on-unknown")
	}
	if !only.FailingWith("high", true) || only.FailingWith("critical", true) {
		t.Error("--fail-on-unknown does not follow the severity threshold")
	}
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got, *update, "go test ./internal/diff -update")
}

// TestMessagesShown: a new failure shows its own message, a resolved one the failure that was
// fixed (not the pass message), neither an old message.
func TestMessagesShown(t *testing.T) {
	d := Compare(
		checked("a", res("HN-VPC-02", "high", result.Pass, "vpc-1", "meets the rule"), res("HN-RT-02", "high", result.Fail, "rtb-1", "blackhole 10.0.0.0/8")),
		checked("b", res("HN-VPC-02", "high", result.Fail, "vpc-1", "DNS support off"), res("HN-RT-02", "high", result.Pass, "rtb-1", "meets the rule")), nil, nil)
	if len(d.NewFailures) != 1 || d.NewFailures[0].Message != "DNS support off" || d.NewFailures[0].OldMessage != "" {
		t.Errorf("new %+v", d.NewFailures)
	}
	if len(d.Resolved) != 1 || d.Resolved[0].Message != "blackhole 10.0.0.0/8" || d.Resolved[0].OldMessage != "" {
		t.Errorf("resolved %+v", d.Resolved)
	}
}
