package collector

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const realdata = "../../testdata/realdata"

func TestParseIntent(t *testing.T) {
	cases := []struct {
		name, body, wantErr string
		check               func(t *testing.T, in *snapshot.Intent)
	}{
		{name: "the DESIGN.md example", body: `region: us-east-1
cluster: eks-hybrid
vpc_id: vpc-0518d3603257bf85d       # optional when the cluster is collected
remote_node_cidrs: [10.200.0.0/16]
remote_pod_cidrs: [192.168.0.0/16]
service_cidr: 172.20.0.0/16          # optional
credential_provider: ssm             # ssm | iam-roles-anywhere
connectivity: site-to-site-vpn       # site-to-site-vpn | direct-connect | software-vpn
routing: static                      # static | bgp
cni_overlay: none                    # none | vxlan
public_ip: 3.232.157.211             # optional: the device's public address when it sits behind NAT
max_snapshot_age: 7d
`, check: func(t *testing.T, in *snapshot.Intent) {
			if in.Region != "us-east-1" || in.Routing != "static" || in.PublicIP != "3.232.157.211" || !slices.Equal(in.RemotePodCIDRs, []string{"192.168.0.0/16"}) || in.MaxSnapshotAge != "7d" {
				t.Errorf("intent read as %+v", in)
			}
		}},
		{name: "JSON", body: `{"connectivity": "direct-connect", "remote_node_cidrs": ["10.1.0.0/16", "10.2.0.0/16"]}`, check: func(t *testing.T, in *snapshot.Intent) {
			if in.Connectivity != "direct-connect" || len(in.RemoteNodeCIDRs) != 2 {
				t.Errorf("intent read as %+v", in)
			}
		}},
		{name: "unknown field", body: "region: us-east-1\nremote_nodes: [10.0.0.0/8]\n", wantErr: "line 2: remote_nodes: unknown field"},
		{name: "bad CIDR", body: "remote_pod_cidrs: [192.168.0.0/33]\n", wantErr: `line 1: remote_pod_cidrs: "192.168.0.0/33" is not an IPv4 CIDR`},
		{name: "host bits set", body: "remote_node_cidrs: [10.200.0.1/16]\n", wantErr: `line 1: remote_node_cidrs: "10.200.0.1/16" has host bits set; the network is 10.200.0.0/16`},
		{name: "CIDRs not a list", body: "remote_node_cidrs: 10.0.0.0/8\n", wantErr: "want a list of IPv4 CIDRs"},
		{name: "bad enum", body: "routing: ospf\n", wantErr: `"ospf" is not one of static, bgp`},
		{name: "management", body: "management: palette-saas\n", check: func(t *testing.T, in *snapshot.Intent) {
			if in.Management != "palette-saas" {
				t.Errorf("management read as %q", in.Management)
			}
		}},
		{name: "bad management", body: "management: palette\n", wantErr: `line 1: management: "palette" is not one of palette-saas, self-hosted, none`},
		{name: "bad age", body: "max_snapshot_age: a week\n", wantErr: "not a duration"},
		{name: "bad public IP", body: "public_ip: 3.232.157\n", wantErr: "not an IPv4 address"},
		{name: "too many CIDRs (the tag's maxItems)", body: "remote_pod_cidrs: [" + strings.Repeat("10.0.0.0/8, ", 1024) + "10.0.0.0/8]\n", wantErr: "1025 IPv4 CIDRs, over the limit of 1024"},
		{name: "security groups not a list", body: "hybrid_security_groups: sg-1\n", wantErr: "want a list of security group IDs, got a string"},
		{name: "IPv6 service CIDR", body: "service_cidr: fd00::/108\n", wantErr: `"fd00::/108" is not an IPv4 CIDR`},
		{name: "not YAML", body: "region: [us-east-1\n", wantErr: "not valid YAML or JSON"},
		{name: "a list, not a mapping", body: "- region\n", wantErr: "must be a mapping"},
		{name: "empty", body: "\n", wantErr: "intent file is empty"},
		{name: "wrong type", body: "cluster: [a, b]\n", wantErr: "line 1: cluster: wrong type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := ParseIntent("intent.yaml", []byte(tc.body))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "intent.yaml: ") || strings.Contains(err.Error(), "\n") {
					t.Fatalf("want one line naming intent.yaml and saying %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, in)
		})
	}
}

func TestMergeIntentRecordsConflicts(t *testing.T) {
	cluster := &snapshot.EKSCluster{Name: "eks-hybrid", VPCID: "vpc-1", ServiceIPv4CIDR: "172.20.0.0/16",
		RemoteNodeNetworks: []string{"10.200.0.0/16"}, RemotePodNetworks: []string{"192.168.0.0/16"}}
	cases := []struct {
		name          string
		intent        *snapshot.Intent
		wantConflicts []string
		check         func(t *testing.T, in *snapshot.Intent)
	}{
		{name: "no intent: filled from the cluster", intent: nil, check: func(t *testing.T, in *snapshot.Intent) {
			if in.VPCID != "vpc-1" || !slices.Equal(in.RemoteNodeCIDRs, []string{"10.200.0.0/16"}) || in.Region != "us-east-1" {
				t.Errorf("not filled: %+v", in)
			}
		}},
		{name: "agreeing intent, CIDRs in another order", intent: &snapshot.Intent{RemoteNodeCIDRs: []string{"10.200.0.0/16"}, ServiceCIDR: "172.20.0.0/16", Routing: "bgp"},
			check: func(t *testing.T, in *snapshot.Intent) {
				if in.Routing != "bgp" {
					t.Errorf("intent-only value lost: %+v", in)
				}
			}},
		{name: "intent CIDRs differ from RemoteNetworkConfig", intent: &snapshot.Intent{RemoteNodeCIDRs: []string{"10.201.0.0/16"}, RemotePodCIDRs: []string{"192.168.0.0/16"}, VPCID: "vpc-2"},
			wantConflicts: []string{"vpc_id", "remote_node_cidrs"}, check: func(t *testing.T, in *snapshot.Intent) {
				if !slices.Equal(in.RemoteNodeCIDRs, []string{"10.201.0.0/16"}) {
					t.Errorf("the intent's own value must stay beside the conflict: %+v", in.RemoteNodeCIDRs)
				}
			}},
		{name: "region differs", intent: &snapshot.Intent{Region: "eu-west-1"}, wantConflicts: []string{"region"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, conflicts := mergeIntent(tc.intent, &snapshot.AWS{Region: "us-east-1", EKSCluster: cluster}, "", "")
			var fields []string
			for _, c := range conflicts {
				fields = append(fields, c.Field)
				if c.ObservedFrom == "" || c.Observed == nil {
					t.Errorf("conflict without its observation: %+v", c)
				}
			}
			if !slices.Equal(fields, tc.wantConflicts) {
				t.Errorf("conflicts %v, want %v", fields, tc.wantConflicts)
			}
			if tc.check != nil {
				tc.check(t, in)
			}
		})
	}
}

func TestCollectOfflineWithIntent(t *testing.T) {
	dumps := filepath.Join(realdata, "aws-describe-json", "batfish-hybrid-cloud-aws")
	if _, err := os.Stat(dumps); err != nil {
		t.Fatalf("%s is missing: %v", dumps, err)
	}
	intent := filepath.Join(t.TempDir(), "intent.yaml")
	if err := os.WriteFile(intent, []byte("region: us-east-1\nvpc_id: vpc-815775e7\nremote_node_cidrs: [10.200.0.0/16]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	snap, err := Collect(context.Background(), Options{AWSDirs: []string{dumps}, IntentFile: intent, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	if snap.CollectedAt != "2026-11-26T08:00:00Z" || len(snap.FingerprintSalt) != 64 {
		t.Errorf("header: %s %q", snap.CollectedAt, snap.FingerprintSalt)
	}
	if len(snap.AWS.VPCs) != 1 || snap.AWS.VPCs[0].ID != "vpc-815775e7" {
		t.Errorf("the intent's vpc_id did not scope the import: %v", snap.AWS.VPCs)
	}
	if len(snap.IntentConflicts) != 1 || snap.IntentConflicts[0].Field != "region" || snap.IntentConflicts[0].Observed != "us-west-2" {
		t.Errorf("want the region conflict (intent us-east-1, folder us-west-2), got %+v", snap.IntentConflicts)
	}
	data, err := snapshot.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.Parse("collected", data); err != nil {
		t.Fatalf("collected snapshot is invalid: %v", err)
	}
	for _, key := range []string{"QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV", "tYrysT4iT0.CRwQnhiBbng.BahDc7YPq"} {
		if strings.Contains(string(data), key) {
			t.Errorf("pre-shared key %.4s... reached the snapshot", key)
		}
	}
}

func TestCollectRefusesConflictingModes(t *testing.T) {
	_, err := Collect(context.Background(), Options{AWSLive: true, AWSDirs: []string{"x"}})
	if err == nil || !strings.Contains(err.Error(), "exclusive") {
		t.Fatalf("got %v", err)
	}
}

func TestIntentVPCMissingFromTheAccountIsAConflict(t *testing.T) {
	a := &snapshot.AWS{VPCs: []snapshot.VPC{{ID: "vpc-1"}, {ID: "vpc-2"}}}
	_, conflicts := mergeIntent(&snapshot.Intent{VPCID: "vpc-9"}, a, "", "")
	if len(conflicts) != 1 || conflicts[0].Field != "vpc_id" || conflicts[0].ObservedFrom != "ec2:DescribeVpcs" {
		t.Fatalf("want one vpc_id conflict, got %+v", conflicts)
	}
	if _, conflicts := mergeIntent(&snapshot.Intent{VPCID: "vpc-2"}, a, "", ""); len(conflicts) != 0 {
		t.Fatalf("a VPC that is there is no conflict: %+v", conflicts)
	}
}

// Offline import scoped to an intent VPC the saved outputs do not have records a conflict.
func TestCollectScopedToAMissingVPCRecordsAConflict(t *testing.T) {
	dir := t.TempDir()
	intent := filepath.Join(dir, "intent.yaml")
	if err := os.WriteFile(intent, []byte("vpc_id: vpc-0000000000000dead\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Collect(context.Background(), Options{AWSDirs: []string{"../../testdata/reference/aws"}, IntentFile: intent})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range s.IntentConflicts {
		found = found || (c.Field == "vpc_id" && c.ObservedFrom == "ec2:DescribeVpcs")
	}
	if !found {
		t.Fatalf("want a vpc_id conflict from ec2:DescribeVpcs, got %+v", s.IntentConflicts)
	}
}
