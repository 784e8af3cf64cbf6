package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/synth"
)

// scale10Estate is the AWS part of the scale-10 synthetic estate as AWS would hold it: each
// group's rules once (the generator may draw a rule twice; AWS refuses a duplicate permission),
// in the snapshot's order, each with an ID (DescribeSecurityGroupRules has one for each).
func scale10Estate(t testing.TB) *snapshot.AWS {
	t.Helper()
	base, err := snapshot.Load("../../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := synth.Generate(base.Snapshot, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range s.AWS.SecurityGroups {
		g := &s.AWS.SecurityGroups[i]
		for _, rules := range []*[]snapshot.SGRule{&g.Ingress, &g.Egress} {
			slices.SortFunc(*rules, compareSGRules)
			*rules = slices.Compact(*rules)
			rules := *rules
			for j := range rules {
				if rules[j].RuleID == "" {
					n++
					rules[j].RuleID = fmt.Sprintf("sgr-%017x", n)
				}
			}
		}
	}
	return s.AWS
}

// fakePageSize is far below AWS's 1000 so that every list of the estate takes several pages.
const fakePageSize = 25

// Collecting the whole scale-10 estate from a fake that pages every list gives back the estate,
// field for field, and asks for no page twice.
func TestScale10EstateRoundTripsWithoutRepeatedCalls(t *testing.T) {
	estate := scale10Estate(t)
	f := newEstateFake(estate, fakePageSize, 0)
	const salt = "0123456789abcdef0123456789abcdef"
	res, err := Collect(context.Background(), f.start(t), Options{Salt: salt})
	if err != nil {
		t.Fatal(err)
	}
	calls, repeated, longest := f.stats()
	if len(repeated) > 0 {
		t.Errorf("calls made more than once:\n%s", strings.Join(repeated, "\n"))
	}
	if res.Calls != calls {
		t.Errorf("the collector counted %d calls, the fake saw %d", res.Calls, calls)
	}
	if longest < 3 {
		t.Errorf("longest chain %d: the fake did not page (rules hang off group pages, which hang off a token)", longest)
	}
	for _, s := range res.Sources {
		if s.Status != "ok" {
			t.Errorf("source %s is %s: %s", s.ID, s.Status, s.Error)
		}
	}
	want := f.truth(salt)
	sortAWS(want)
	got, wantJSON := canonicalJSON(t, res.AWS), canonicalJSON(t, want)
	if got != wantJSON {
		t.Fatalf("the collected estate differs from the served one:\n%s", firstDifference(got, wantJSON))
	}
	if len(res.AWS.VPCs) != 20 || len(res.AWS.SecurityGroups) < 500 {
		t.Fatalf("the estate is not scale 10: %d VPCs, %d groups", len(res.AWS.VPCs), len(res.AWS.SecurityGroups))
	}

	// With the cluster named, the run is scoped to the cluster's VPC and the cluster comes back.
	f = newEstateFake(estate, fakePageSize, 0)
	res, err = Collect(context.Background(), f.start(t), Options{Salt: salt, Cluster: estate.EKSCluster.Name})
	if err != nil {
		t.Fatal(err)
	}
	served := *estate.EKSCluster
	served.SubnetIDs, served.SecurityGroupIDs = slices.Sorted(slices.Values(served.SubnetIDs)), slices.Sorted(slices.Values(served.SecurityGroupIDs))
	if got, want := mustJSON(t, res.AWS.EKSCluster), mustJSON(t, &served); got != want {
		t.Errorf("cluster collected as %s, served %s", got, want)
	}
	if len(res.AWS.VPCs) != 1 || res.AWS.VPCs[0].ID != estate.EKSCluster.VPCID {
		t.Errorf("want only the cluster's VPC %s, got %d VPCs", estate.EKSCluster.VPCID, len(res.AWS.VPCs))
	}
}

// The fake sends a number AWS always sends even when it is zero, as AWS does, so that the
// collector decodes an explicit 0: the reference estate's tunnels have accepted no routes.
// Only the Contains check pins the explicit 0; the comparison of what Collect gives with the
// truth cannot, since a left-out element also decodes to 0. acceptedRouteCount is the only
// always-sent number that is 0 in the reference estate (its ruleNumbers, bgpAsn and
// amazonSideAsn are not), so it is the only one checked here.
func TestEstateFakeSendsZeroRouteCounts(t *testing.T) {
	base, err := snapshot.Load("../../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	f := newEstateFake(base.Snapshot.AWS, fakePageSize, 0)
	w := httptest.NewRecorder()
	f.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader("Action=DescribeVpnConnections")))
	if !strings.Contains(w.Body.String(), "<acceptedRouteCount>0</acceptedRouteCount>") {
		t.Fatalf("no tunnel answered with an accepted route count of 0:\n%s", w.Body)
	}
	const salt = "0123456789abcdef0123456789abcdef"
	res, err := Collect(context.Background(), f.start(t), Options{Salt: salt})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := canonicalJSON(t, res.AWS.VPNConnections), canonicalJSON(t, f.truth(salt).VPNConnections); got != want {
		t.Errorf("VPN connections collected as\n%s\nserved\n%s", got, want)
	}
}

// canonicalJSON is v's JSON without null and empty lists: the snapshot does not tell "none"
// from "not listed" for lists, so the comparison should not either.
func canonicalJSON(t *testing.T, v any) string {
	t.Helper()
	var doc any
	if err := json.Unmarshal([]byte(mustJSON(t, v)), &doc); err != nil {
		t.Fatal(err)
	}
	var prune func(any) any
	prune = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				if l, ok := v.([]any); v == nil || ok && len(l) == 0 {
					delete(x, k)
					continue
				}
				x[k] = prune(v)
			}
		case []any:
			for i := range x {
				x[i] = prune(x[i])
			}
		}
		return x
	}
	return mustJSON(t, prune(doc))
}

func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-300)
	return fmt.Sprintf("got:  ...%s\nwant: ...%s", got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
}

// BenchmarkCollectScale10Delayed collects the scale-10 estate from a fake that pages every list
// and answers each call after 50 ms, and reports the calls made, the longest chain of calls
// that had to run one after another (each needs an answer of the one before: a page token, a
// VPC ID, a group ID, a route table ID), and the wall time as a multiple of that chain's
// time. The performance target is a ratio of at most 1.5 (issue 15).
func BenchmarkCollectScale10Delayed(b *testing.B) {
	const delay = 50 * time.Millisecond
	estate := scale10Estate(b)
	var calls, longest int
	var wall time.Duration
	for b.Loop() {
		f := newEstateFake(estate, fakePageSize, delay)
		clients := f.start(b)
		start := time.Now()
		if _, err := Collect(context.Background(), clients, Options{Salt: "bench"}); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		calls, longest = onceEach(b, f)
	}
	reportChain(b, wall, calls, longest, delay)
}

// BenchmarkCollectProcessScale10Delayed is BenchmarkCollectScale10Delayed for the whole
// process, as a user runs it: `hybridcheck collect --aws` built from cmd/hybridcheck, against
// the same fake, writing the snapshot (which Save validates). It adds what the in-process
// benchmark leaves out (start, configuration, normalising, validating and writing the
// snapshot) and reports the wall time as a multiple of the longest chain. The target
// (issue 15) is at most 1.5.
func BenchmarkCollectProcessScale10Delayed(b *testing.B) {
	const delay = 50 * time.Millisecond
	estate := scale10Estate(b)
	dir := b.TempDir()
	bin := filepath.Join(dir, "hybridcheck")
	if out, err := exec.Command("go", "build", "-o", bin, "../../../cmd/hybridcheck").CombinedOutput(); err != nil {
		b.Fatalf("building hybridcheck: %v\n%s", err, out)
	}
	var calls, longest int
	var wall time.Duration
	for b.Loop() {
		f := newEstateFake(estate, fakePageSize, delay)
		srv := httptest.NewServer(f)
		cmd := exec.Command(bin, "collect", "--aws", "--endpoint-url", srv.URL, "--region", estate.Region,
			"--no-ip-ranges", "--quiet", "-o", filepath.Join(dir, "snapshot.json"))
		cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret",
			"AWS_CONFIG_FILE="+filepath.Join(dir, "none"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "none"),
			"AWS_EC2_METADATA_DISABLED=true")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall += time.Since(start)
		srv.Close()
		if err != nil {
			b.Fatalf("collect: %v\n%s", err, out)
		}
		calls, longest = onceEach(b, f)
	}
	reportChain(b, wall, calls, longest, delay)
}

// onceEach is the fake's count of calls and its longest chain of dependent calls, failing the
// benchmark when a call was made more than once.
func onceEach(b *testing.B, f *estateFake) (calls, longest int) {
	b.Helper()
	calls, repeated, longest := f.stats()
	if len(repeated) > 0 {
		b.Fatalf("calls made more than once: %v", repeated)
	}
	return calls, longest
}

// reportChain reports the calls, the longest chain (in calls and at delay each) and the wall
// time per run, alone and as a multiple of the chain.
func reportChain(b *testing.B, wall time.Duration, calls, longest int, delay time.Duration) {
	perRun := wall / time.Duration(b.N)
	chain := time.Duration(longest) * delay
	b.ReportMetric(float64(calls), "calls/op")
	b.ReportMetric(float64(longest), "chain-calls")
	b.ReportMetric(float64(chain.Milliseconds()), "chain-ms")
	b.ReportMetric(float64(perRun.Milliseconds()), "wall-ms")
	b.ReportMetric(float64(perRun)/float64(chain), "wall/chain")
}
