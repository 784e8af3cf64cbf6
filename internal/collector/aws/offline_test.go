package aws

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

var describeJSON = filepath.Join(realdata, "aws-describe-json")

func TestImportRealDumps(t *testing.T) {
	needRealdata(t)
	cases := []struct {
		dir                                         string
		region                                      string
		vpcs, subnets, routeTables, sgs, igws, vgws int
		tgws, tgwAttachments, tgwRouteTables, vpns  int
		tunnelsWithFingerprint                      int
		tgwRoutes                                   int
	}{
		{dir: "batfish-hybrid-cloud-aws", region: "us-west-2", vpcs: 4, subnets: 10, routeTables: 5, sgs: 11, igws: 3, vgws: 1, vpns: 1, tunnelsWithFingerprint: 2},
		// The TGW's VPN connection is deleted: no configuration, so no key to fingerprint.
		{dir: "batfish-test-transit-gateway", vpcs: 2, subnets: 3, routeTables: 2, sgs: 5, igws: 1, tgws: 1, tgwAttachments: 3, tgwRouteTables: 1, vpns: 1},
		{dir: "batfish-test-vpn-gateway", vpcs: 1, subnets: 1, routeTables: 1, sgs: 3, vgws: 1, vpns: 2, tunnelsWithFingerprint: 2},
		{dir: "batfish-unit", vpcs: 1, subnets: 1, routeTables: 1, sgs: 10, igws: 1, vgws: 2, tgws: 2, tgwAttachments: 5, tgwRouteTables: 2, vpns: 3, tunnelsWithFingerprint: 6, tgwRoutes: 2},
	}
	for _, tc := range cases {
		t.Run(tc.dir, func(t *testing.T) {
			res, err := Import([]string{filepath.Join(describeJSON, tc.dir)}, ImportOptions{Salt: snapshot.NewSalt()})
			if err != nil {
				t.Fatal(err)
			}
			a := res.AWS
			fingerprinted, tgwRoutes := 0, 0
			for _, v := range a.VPNConnections {
				for _, tun := range v.Tunnels {
					if tun.PSKFingerprint != "" {
						fingerprinted++
					}
				}
			}
			for _, rt := range a.TransitGatewayRouteTables {
				tgwRoutes += len(rt.Routes)
			}
			got := []int{len(a.VPCs), len(a.Subnets), len(a.RouteTables), len(a.SecurityGroups), len(a.InternetGateways), len(a.VPNGateways),
				len(a.TransitGateways), len(a.TransitGatewayAttachments), len(a.TransitGatewayRouteTables), len(a.VPNConnections), fingerprinted, tgwRoutes}
			want := []int{tc.vpcs, tc.subnets, tc.routeTables, tc.sgs, tc.igws, tc.vgws, tc.tgws, tc.tgwAttachments, tc.tgwRouteTables, tc.vpns, tc.tunnelsWithFingerprint, tc.tgwRoutes}
			if !equalInts(got, want) {
				t.Errorf("vpcs subnets rts sgs igws vgws tgws tgw-atts tgw-rts vpns fingerprints tgw-routes:\n got %v\nwant %v", got, want)
			}
			if a.Region != tc.region {
				t.Errorf("region %q, want %q (from the folder name)", a.Region, tc.region)
			}
			s := &snapshot.Snapshot{SchemaVersion: snapshot.SchemaVersion, ToolVersion: "test", CollectedAt: "2026-11-26T00:00:00Z",
				FingerprintSalt: snapshot.NewSalt(), Sources: res.Sources, AWS: a}
			data, err := snapshot.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := snapshot.Parse(tc.dir, data); err != nil {
				t.Fatalf("the import is not a valid snapshot: %v", err)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// preSharedKeys finds every key in a saved VpnConnections output: the tunnel options' and the
// ones inside CustomerGatewayConfiguration.
func preSharedKeys(t *testing.T, path string) []string {
	var keys []string
	testkit.AWSPreSharedKeys(fixture.LoadDoc(t, path), func(key, _ string) { keys = append(keys, key) })
	return keys
}

// No pre-shared key of the real dumps reaches the snapshot, nor the gateway configuration
// that carries them; each tunnel has the keyed fingerprint of its key instead.
func TestImportKeepsNoSecret(t *testing.T) {
	needRealdata(t)
	files, _ := filepath.Glob(filepath.Join(describeJSON, "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join(describeJSON, "*", "*", "*.json"))
	files = append(files, more...)
	var keys []string
	for _, f := range files {
		keys = append(keys, preSharedKeys(t, f)...)
	}
	if len(keys) < 4 {
		t.Fatalf("found only %d keys in the real dumps; the test would prove nothing", len(keys))
	}
	salt := snapshot.NewSalt()
	dirs, _ := filepath.Glob(filepath.Join(describeJSON, "*"))
	for _, dir := range dirs {
		res, err := Import([]string{dir}, ImportOptions{Salt: salt})
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if strings.Contains(string(data), k) {
				t.Errorf("%s: pre-shared key %.4s... reached the snapshot", dir, k)
			}
		}
		for _, leak := range []string{"pre_shared_key", "<vpn_connection", "PreSharedKey"} {
			if strings.Contains(string(data), leak) {
				t.Errorf("%s: %q reached the snapshot", dir, leak)
			}
		}
	}
	// The fingerprint is the one the device side computes for the same key and salt.
	res, err := Import([]string{filepath.Join(describeJSON, "batfish-hybrid-cloud-aws")}, ImportOptions{Salt: salt})
	if err != nil {
		t.Fatal(err)
	}
	tunnels := map[string]snapshot.VPNTunnel{}
	for _, tun := range res.AWS.VPNConnections[0].Tunnels {
		tunnels[tun.OutsideIPAddress] = tun
	}
	if got, want := tunnels["52.27.166.152"].PSKFingerprint, snapshot.PSKFingerprint(salt, "QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV"); got != want || got == "" {
		t.Errorf("tunnel 52.27.166.152 fingerprint %q, want %q", got, want)
	}
	if tun := tunnels["52.27.166.152"]; tun.AWSInsideAddress != "169.254.15.193" || tun.CustomerInsideAddress != "169.254.15.194" || tun.InsideCIDR != "169.254.15.192/30" {
		t.Errorf("inside addresses from the gateway configuration: %+v", tun)
	}
}

func TestImportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return filepath.Dir(p)
	}
	cases := []struct {
		name, file, body, want string
	}{
		{"not JSON", "a/Vpcs.json", `{"Vpcs": [`, "not valid JSON"},
		{"syntax error with line", "b/Vpcs.json", "{\n\"Vpcs\": [}\n", "line 2"},
		{"top level not an object", "c/x.json", `[{"VpcId": "vpc-1"}]`, "not an object"},
		{"no known key", "d/x.json", `{"Reservations2": []}`, "no known AWS describe output"},
		{"empty file", "e/Vpcs.json", "  \n", "file is empty"},
		{"wrong shape", "f/Vpcs.json", `{"Vpcs": {"VpcId": "vpc-1"}}`, "does not have the AWS CLI's shape"},
		{"route without its table", "g/routes.json", `{"Routes": [{"DestinationCidrBlock": "10.0.0.0/8", "State": "active", "Type": "static"}]}`, "TransitGatewayRouteTableId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := write(tc.file, tc.body)
			_, err := Import([]string{d}, ImportOptions{})
			if err == nil {
				t.Fatal("bad input accepted")
			}
			msg := err.Error()
			if !strings.Contains(msg, filepath.Join(dir, tc.file)) || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("want one line naming %s and saying %q, got %q", tc.file, tc.want, msg)
			}
		})
	}
	t.Run("missing folder", func(t *testing.T) {
		_, err := Import([]string{filepath.Join(dir, "nope")}, ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "nope: no such file or directory") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a file, not a folder", func(t *testing.T) {
		write("h/Vpcs.json", `{"Vpcs": []}`)
		_, err := Import([]string{filepath.Join(dir, "h", "Vpcs.json")}, ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("got %v", err)
		}
	})
}

// Files are recognised by key, not name; the two outputs that do not name their object
// (vpc attributes, TGW route searches) are tied to it as DESIGN.md describes.
func TestImportRecognisesOutputsByKey(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"whatever.json":  `{"Vpcs": [{"VpcId": "vpc-1", "State": "available", "CidrBlock": "10.0.0.0/16", "OwnerId": "123456789012"}]}`,
		"attr-dns.json":  `{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}`,
		"attr-host.json": `{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": false}}`,
		"rtbs.json": `{"TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-0a1", "TransitGatewayId": "tgw-1", "State": "available"},
			{"TransitGatewayRouteTableId": "tgw-rtb-0b2", "TransitGatewayId": "tgw-1", "State": "available"}]}`,
		"search-transit-gateway-routes.tgw-rtb-0a1.json": `{"Routes": [{"DestinationCidrBlock": "10.200.0.0/16", "State": "active", "Type": "static",
			"TransitGatewayAttachments": [{"ResourceId": "vpn-1", "TransitGatewayAttachmentId": "tgw-attach-1", "ResourceType": "vpn"}]}], "AdditionalRoutesAvailable": false}`,
		"tagged.json":  `{"Routes": [{"DestinationCidrBlock": "192.168.0.0/16", "State": "blackhole", "Type": "static", "TransitGatewayRouteTableId": "tgw-rtb-0b2"}]}`,
		"cluster.json": describeClusterCLI,
		"tgw-vpc-attachments.json": `{"TransitGatewayVpcAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0v", "TransitGatewayId": "tgw-1",
			"VpcId": "vpc-1", "State": "available", "SubnetIds": ["subnet-1"], "Options": {"DnsSupport": "enable"}}]}`,
		"notes.txt": "not read: only *.json files are",
		"sgs.json": `{"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "hybrid", "VpcId": "vpc-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
			"IpRanges": [{"CidrIp": "10.200.0.0/16"}, {"CidrIp": "192.168.0.0/16"}]}], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}`,
		"sg-rules.json": `{"SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-0node", "GroupId": "sg-1", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv4": "10.200.0.0/16"},
			{"SecurityGroupRuleId": "sgr-0all", "GroupId": "sg-1", "IsEgress": true, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0"}]}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Import([]string{dir}, ImportOptions{Cluster: "eks-hybrid"})
	if err != nil {
		t.Fatal(err)
	}
	a := res.AWS
	if len(a.VPCs) != 1 || a.AccountID != "123456789012" {
		t.Fatalf("VPC file not recognised: %s", mustJSON(t, a.VPCs))
	}
	if v := a.VPCs[0]; v.EnableDNSSupport == nil || !*v.EnableDNSSupport || v.EnableDNSHostnames == nil || *v.EnableDNSHostnames {
		t.Errorf("VPC attributes: support %v hostnames %v", v.EnableDNSSupport, v.EnableDNSHostnames)
	}
	routes := map[string]string{}
	for _, rt := range a.TransitGatewayRouteTables {
		for _, r := range rt.Routes {
			routes[rt.ID] = r.DestinationCIDR + " " + r.State
		}
	}
	if routes["tgw-rtb-0a1"] != "10.200.0.0/16 active" || routes["tgw-rtb-0b2"] != "192.168.0.0/16 blackhole" {
		t.Errorf("TGW routes not tied to their tables: %v", routes)
	}
	if c := a.EKSCluster; c == nil || c.ServiceIPv4CIDR != "172.20.0.0/16" || len(c.RemotePodNetworks) != 1 {
		t.Errorf("the CLI's camelCase describe-cluster output was not read: %+v", c)
	}
	for _, s := range res.Sources {
		if s.ID == "eks:DescribeCluster" && s.Status != "ok" {
			t.Errorf("cluster source %+v", s)
		}
	}
	ruleIDs := map[string]string{}
	for _, g := range a.SecurityGroups {
		for _, r := range append(g.Ingress, g.Egress...) {
			ruleIDs[r.Protocol+" "+r.CIDRIPv4] = r.RuleID
		}
	}
	if ruleIDs["tcp 10.200.0.0/16"] != "sgr-0node" || ruleIDs["all 0.0.0.0/0"] != "sgr-0all" || ruleIDs["tcp 192.168.0.0/16"] != "" {
		t.Errorf("rule IDs not matched to their rules: %v", ruleIDs)
	}
	if s := sourceByID(t, res.Sources, "ec2:SearchTransitGatewayRoutes"); s.Status != "ok" {
		t.Errorf("every route table has its routes, yet %+v", s)
	}
}

// describeClusterCLI is `aws eks describe-cluster` output: camelCase keys, ISO timestamps.
const describeClusterCLI = `{"cluster": {"name": "eks-hybrid", "arn": "arn:aws:eks:us-east-1:123456789012:cluster/eks-hybrid",
 "createdAt": "2026-01-05T10:00:00.123000+00:00", "version": "1.31", "status": "ACTIVE",
 "resourcesVpcConfig": {"subnetIds": ["subnet-1"], "securityGroupIds": [], "clusterSecurityGroupId": "sg-0cluster",
  "vpcId": "vpc-1", "endpointPublicAccess": false, "endpointPrivateAccess": true},
 "kubernetesNetworkConfig": {"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
 "remoteNetworkConfig": {"remoteNodeNetworks": [{"cidrs": ["10.200.0.0/16"]}], "remotePodNetworks": [{"cidrs": ["192.168.0.0/16"]}]}}}`

func TestTimestampsInTheFormsTheCLIPrints(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"LastStatusChange": "2017-11-02 16:54:36+00:00"}`, `"2017-11-02T16:54:36Z"`},
		{`{"CreateTime": "2020-03-05T20:27:06.000Z"}`, `"2020-03-05T20:27:06.000Z"`},
		{`{"createdAt": 1767607200}`, `"2026-01-05T10:00:00Z"`},
		{`{"CreationTime": "last tuesday"}`, `{}`},
		{`{"State": "available"}`, `"available"`},
	}
	for _, tc := range cases {
		out, err := normaliseTimestamps([]byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), tc.want) {
			t.Errorf("%s became %s, want it to hold %s", tc.in, out, tc.want)
		}
	}
}

// FuzzImportData feeds arbitrary bytes to the recogniser and the normaliser: any input is an
// error or a snapshot part, never a panic.
func FuzzImportData(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(describeJSON, "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join(realdata, "aws-ec2-query-xml", "*.json"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(filepath.Base(p), b)
		}
	}
	f.Add("search-transit-gateway-routes.tgw-rtb-1.json", []byte(`{"Routes": []}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		raw := newRawState()
		if _, err := importData(raw, name, data); err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		normalise(raw, "", "", "00")
	})
}
