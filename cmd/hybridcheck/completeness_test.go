package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// On the Batfish hybrid-cloud capture with its intent, HN-SNAP-01 judges relevance: the TGW
// listings the VGW estate does not need pass with the reason, and the missing DNS attributes
// are named once, on the DescribeVpcAttribute gap, with the checks they leave undecided.
func TestCompletenessJudgesRelevanceOnBatfishCapture(t *testing.T) {
	dir := "../../testdata/batfish-hybrid-cloud-aws"
	snap := filepath.Join(t.TempDir(), "snap.json")
	if code, _, stderr := runCLI(t, "collect", "--aws-dir", dir, "--intent", filepath.Join(dir, "intent.yaml"), "-o", snap, "-q"); code != 0 {
		t.Fatalf("collect: exit %d: %s", code, stderr)
	}
	_, out, stderr := runCLI(t, "check", snap, "--format", "json", "--only", "HN-SNAP-01")
	var rep result.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v (%s)", err, stderr)
	}
	failed := map[string]string{}
	passed := map[string]string{}
	dnsNamed := 0
	for _, x := range rep.Results {
		if x.Status == result.Fail {
			failed[x.Resource] = x.Message
		} else {
			passed[x.Resource] = x.Message
		}
		if strings.Contains(x.Message, "enable_dns_support") {
			dnsNamed++
		}
	}
	want := "ec2:DescribeVpcAttribute is error (no saved output of this call in the --aws-dir folders): enable_dns_support and enable_dns_hostnames of vpc-815775e7 not collected; HN-VPC-02, HN-VPC-03 cannot be decided without it"
	if failed["ec2:DescribeVpcAttribute"] != want {
		t.Errorf("DescribeVpcAttribute gap:\n got %q\nwant %q", failed["ec2:DescribeVpcAttribute"], want)
	}
	if dnsNamed != 1 {
		t.Errorf("the DNS attributes are named %d times, want once", dnsNamed)
	}
	for _, id := range []string{"ec2:DescribeTransitGateways", "ec2:DescribeTransitGatewayAttachments", "ec2:DescribeTransitGatewayVpcAttachments", "ec2:DescribeTransitGatewayRouteTables"} {
		if _, bad := failed[id]; bad || !strings.Contains(passed[id], "not needed: the cluster VPC routes through a VGW") {
			t.Errorf("%s on a VGW estate: failed %v, pass message %q", id, bad, passed[id])
		}
	}
	// What else fails is a gap some check needs (EIPs for HN-VPC-10), each once.
	for resource, msg := range failed {
		if resource != "ec2:DescribeVpcAttribute" && resource != "ec2:DescribeAddresses" {
			t.Errorf("unexpected HN-SNAP-01 failure on %s: %s", resource, msg)
		}
	}
}
