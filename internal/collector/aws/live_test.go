package aws

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// realXML maps each EC2 action with a real response body in the shared folder to its file.
var realXML = map[string]string{
	"DescribeVpcs":             "ec2-describe-vpcs.xml",
	"DescribeSubnets":          "ec2-describe-subnets.xml",
	"DescribeRouteTables":      "ec2-describe-route-tables.xml",
	"DescribeSecurityGroups":   "ec2-describe-security-groups.xml",
	"DescribeInternetGateways": "ec2-describe-internet-gateways.xml",
	"DescribeCustomerGateways": "ec2-describe-customer-gateways.xml",
	"DescribeVpnGateways":      "ec2-describe-vpn-gateways.xml",
	"DescribeVpnConnections":   "ec2-describe-vpn-connections.xml",
}

func serveRealXML(f *fakeAWS) {
	for action := range realXML {
		f.ec2XML(action, realBody(f.t, action))
	}
}

func sourceByID(t *testing.T, sources []snapshot.Source, id string) snapshot.Source {
	t.Helper()
	for _, s := range sources {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no source %s among %v", id, sources)
	return snapshot.Source{}
}

// The same state read live (the real EC2 Query XML answers) and offline (botocore's parse of
// the same answers, which is what the AWS CLI prints) must give the same AWS snapshot.
func TestLiveAndOfflineGiveTheSameSnapshot(t *testing.T) {
	needRealdata(t)
	f := newFakeAWS(t)
	serveRealXML(f)
	// The calls without a real answer are refused, live, and absent, offline: both are gaps.
	for _, action := range []string{"DescribeNatGateways", "DescribeAddresses", "DescribeTransitGateways", "DescribeTransitGatewayAttachments",
		"DescribeTransitGatewayVpcAttachments", "DescribeTransitGatewayRouteTables", "DescribeVpcAttribute", "DescribeNetworkAcls", "DescribeManagedPrefixLists"} {
		f.ec2[action] = ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
	}
	salt := snapshot.NewSalt()
	live := collectFromFake(t, f, Options{Salt: salt})
	offline, err := Import([]string{filepath.Join(realdata, "aws-ec2-query-xml")}, ImportOptions{Region: "us-east-1", Salt: salt})
	if err != nil {
		t.Fatal(err)
	}
	liveJSON, offlineJSON := mustJSON(t, live.AWS), mustJSON(t, offline.AWS)
	if liveJSON != offlineJSON {
		t.Fatalf("live and offline differ\nlive:    %s\noffline: %s", liveJSON, offlineJSON)
	}
	if len(live.AWS.VPCs) != 1 || len(live.AWS.RouteTables) == 0 || len(live.AWS.VPNConnections) != 1 {
		t.Fatalf("the real answers did not come through: %s", liveJSON)
	}
	for _, id := range []string{"ec2:DescribeNatGateways", "ec2:DescribeVpcAttribute"} {
		l, o := sourceByID(t, live.Sources, id), sourceByID(t, offline.Sources, id)
		if l.Status != "error" || o.Status != "error" {
			t.Errorf("%s: want an errored source both ways, got live %q, offline %q", id, l.Status, o.Status)
		}
	}
}

func TestEveryCallRefusedFailsTheRun(t *testing.T) {
	f := newFakeAWS(t)
	clients, _ := startFake(t, f)
	for _, action := range append(slices.Collect(maps.Keys(realXML)), "DescribeNatGateways", "DescribeAddresses", "DescribeTransitGateways",
		"DescribeTransitGatewayAttachments", "DescribeTransitGatewayVpcAttachments", "DescribeTransitGatewayRouteTables",
		"DescribeNetworkAcls", "DescribeManagedPrefixLists") {
		f.ec2[action] = ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials")
	}
	_, err := Collect(context.Background(), clients, Options{})
	if err == nil || !strings.Contains(err.Error(), "AuthFailure") {
		t.Fatalf("want a run failure naming AuthFailure, got %v", err)
	}
}

// A VPC scope is sent to the API as a filter where the API takes one, and applied to the rest.
func TestVPCScopeFiltersCalls(t *testing.T) {
	needRealdata(t)
	f := newFakeAWS(t)
	serveRealXML(f)
	subnetFilter := f.capture("DescribeSubnets")
	res := collectFromFake(t, f, Options{VPCID: "vpc-other"})
	if subnetFilter.Get("Filter.1.Name") != "vpc-id" || subnetFilter.Get("Filter.1.Value.1") != "vpc-other" {
		t.Errorf("DescribeSubnets was not filtered by VPC: %v", subnetFilter)
	}
	// The fake ignores filters, so everything it returns is for vpc-8d2910e4: the scope drops it.
	if len(res.AWS.VPCs)+len(res.AWS.Subnets)+len(res.AWS.RouteTables)+len(res.AWS.SecurityGroups)+len(res.AWS.VPNGateways) != 0 {
		t.Errorf("objects of another VPC kept: %s", mustJSON(t, res.AWS))
	}
	if len(res.AWS.CustomerGateways) != 1 {
		t.Errorf("customer gateways are region-wide and must stay, got %d", len(res.AWS.CustomerGateways))
	}
}

const describeClusterJSON = `{"cluster": {"name": "eks-hybrid", "arn": "arn:aws:eks:us-east-1:123456789012:cluster/eks-hybrid",
 "createdAt": 1.767607200E9, "version": "1.31", "status": "ACTIVE",
 "resourcesVpcConfig": {"subnetIds": ["subnet-9d4a7b6c"], "securityGroupIds": ["sg-1a2b3c4d"], "clusterSecurityGroupId": "sg-0cluster",
  "vpcId": "vpc-8d2910e4", "endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["0.0.0.0/0"]},
 "kubernetesNetworkConfig": {"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
 "remoteNetworkConfig": {"remoteNodeNetworks": [{"cidrs": ["10.200.0.0/16"]}], "remotePodNetworks": [{"cidrs": ["192.168.0.0/16"]}]}}}`

const managedPrefixListsXML = `<DescribeManagedPrefixListsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
<prefixListSet><item><prefixListId>pl-0abc</prefixListId><prefixListName>onprem</prefixListName><addressFamily>IPv4</addressFamily><maxEntries>5</maxEntries></item></prefixListSet>
</DescribeManagedPrefixListsResponse>`

const tgwRouteTablesXML = `<DescribeTransitGatewayRouteTablesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
<transitGatewayRouteTables><item><transitGatewayRouteTableId>tgw-rtb-0abc</transitGatewayRouteTableId><transitGatewayId>tgw-0abc</transitGatewayId>
<state>available</state><defaultAssociationRouteTable>true</defaultAssociationRouteTable><defaultPropagationRouteTable>true</defaultPropagationRouteTable></item></transitGatewayRouteTables>
</DescribeTransitGatewayRouteTablesResponse>`

const tgwRoutesXML = `<SearchTransitGatewayRoutesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
<routeSet><item><destinationCidrBlock>10.200.0.0/16</destinationCidrBlock><transitGatewayAttachments><item><resourceId>vpn-44a8938f</resourceId>
<transitGatewayAttachmentId>tgw-attach-0vpn</transitGatewayAttachmentId><resourceType>vpn</resourceType></item></transitGatewayAttachments>
<type>static</type><state>active</state></item></routeSet><additionalRoutesAvailable>false</additionalRoutesAvailable></SearchTransitGatewayRoutesResponse>`

const tgwVpcAttachmentsXML = `<DescribeTransitGatewayVpcAttachmentsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>
<transitGatewayVpcAttachments><item><transitGatewayAttachmentId>tgw-attach-0vpc</transitGatewayAttachmentId><transitGatewayId>tgw-0abc</transitGatewayId>
<vpcId>vpc-8d2910e4</vpcId><state>available</state><subnetIds><item>subnet-812910e8</item></subnetIds>
<options><dnsSupport>enable</dnsSupport><securityGroupReferencingSupport>disable</securityGroupReferencingSupport><ipv6Support>disable</ipv6Support><applianceModeSupport>disable</applianceModeSupport></options>
</item></transitGatewayVpcAttachments></DescribeTransitGatewayVpcAttachmentsResponse>`

const dxGatewaysJSON = `{"directConnectGateways": [{"directConnectGatewayId": "dxgw-1", "directConnectGatewayName": "onprem", "amazonSideAsn": 64512, "directConnectGatewayState": "available"}]}`

// iamPolicyActions reads the IAM policy that docs/collect-aws.md documents.
func iamPolicyActions(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile("../../../docs/collect-aws.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/collect-aws.md has no ```json block with the IAM policy")
	}
	var policy struct {
		Statement []struct {
			Effect   string
			Action   []string
			Resource any
		}
	}
	if err := json.Unmarshal(m[1], &policy); err != nil {
		t.Fatalf("the documented IAM policy is not valid JSON: %v", err)
	}
	var actions []string
	for _, s := range policy.Statement {
		if s.Effect != "Allow" {
			t.Errorf("statement with effect %q; the policy only allows", s.Effect)
		}
		actions = append(actions, s.Action...)
	}
	return actions
}

// Read-only by construction: every action the collector calls is in the documented policy,
// that policy holds only Describe*, Search* and Get* actions, and nothing in it goes unused.
func TestCollectorCallsOnlyTheDocumentedReadOnlyActions(t *testing.T) {
	needRealdata(t)
	policy := iamPolicyActions(t)
	for _, a := range policy {
		_, op, _ := strings.Cut(a, ":")
		if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "Search") && !strings.HasPrefix(op, "Get") {
			t.Errorf("policy action %s is not a read-only Describe/Search/Get action", a)
		}
		if strings.Contains(a, "*") {
			t.Errorf("policy action %s is a wildcard; list each action", a)
		}
	}
	f := newFakeAWS(t)
	serveRealXML(f)
	f.ec2XML("DescribeTransitGatewayRouteTables", tgwRouteTablesXML)
	f.ec2XML("SearchTransitGatewayRoutes", tgwRoutesXML)
	f.ec2XML("DescribeTransitGatewayVpcAttachments", tgwVpcAttachmentsXML)
	f.ec2XML("DescribeManagedPrefixLists", managedPrefixListsXML)
	f.eks["eks-hybrid"] = describeClusterJSON
	f.dx["DescribeDirectConnectGateways"] = dxGatewaysJSON
	clients, rec := startFake(t, f)
	res, err := Collect(context.Background(), clients, Options{Cluster: "eks-hybrid", DirectConnect: true, Salt: snapshot.NewSalt()})
	if err != nil {
		t.Fatal(err)
	}
	called := slices.Sorted(maps.Keys(rec.actions))
	for _, a := range called {
		if !slices.Contains(policy, a) {
			t.Errorf("the collector called %s, which the documented policy does not allow", a)
		}
	}
	for _, a := range policy {
		if !rec.actions[a] {
			t.Errorf("the documented policy allows %s, which the collector never calls", a)
		}
	}
	// The run reached the per-table and per-gateway calls, so the comparison covered them.
	if c := res.AWS.EKSCluster; c == nil || c.VPCID != "vpc-8d2910e4" || !slices.Equal(c.RemoteNodeNetworks, []string{"10.200.0.0/16"}) {
		t.Errorf("cluster not collected: %+v", c)
	}
	if dx := res.AWS.DirectConnect; dx == nil || len(dx.Gateways) != 1 {
		t.Errorf("Direct Connect gateways not collected: %+v", dx)
	}
	if rts := res.AWS.TransitGatewayRouteTables; len(rts) != 1 || len(rts[0].Routes) != 1 {
		t.Errorf("the route table of the TGW attached to the cluster VPC lacks its routes: %s", mustJSON(t, rts))
	}
	atts := res.AWS.TransitGatewayAttachments
	if len(atts) != 1 || atts[0].DNSSupport == nil || !*atts[0].DNSSupport || atts[0].SecurityGroupReferencingSupport == nil || *atts[0].SecurityGroupReferencingSupport {
		t.Errorf("the VPC attachment's options were not kept: %s", mustJSON(t, atts))
	}
}

func TestTransitGatewayRoutesAreSearchedPerTable(t *testing.T) {
	f := newFakeAWS(t)
	f.ec2XML("DescribeTransitGatewayRouteTables", tgwRouteTablesXML)
	f.ec2XML("SearchTransitGatewayRoutes", tgwRoutesXML)
	searched := f.capture("SearchTransitGatewayRoutes")
	res := collectFromFake(t, f, Options{})
	if searched.Get("TransitGatewayRouteTableId") != "tgw-rtb-0abc" {
		t.Fatalf("routes not searched for the table: %v", searched)
	}
	rts := res.AWS.TransitGatewayRouteTables
	if len(rts) != 1 || len(rts[0].Routes) != 1 || rts[0].Routes[0].Attachments[0].ResourceType != "vpn" {
		t.Fatalf("route not collected: %s", mustJSON(t, rts))
	}
}

// No region and no credentials end the run before any call, with a message saying what to set.
func TestLoadClientsNeedsRegionAndCredentials(t *testing.T) {
	none := filepath.Join(t.TempDir(), "none")
	for k, v := range map[string]string{"AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": none,
		"AWS_SHARED_CREDENTIALS_FILE": none, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
		"AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_EC2_METADATA_DISABLED": "true"} {
		t.Setenv(k, v)
	}
	cases := []struct{ region, want string }{
		{"", "no AWS region: pass --region"},
		{"us-east-1", "no usable AWS credentials"},
	}
	for _, tc := range cases {
		_, err := LoadClients(context.Background(), LiveOptions{Region: tc.region})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("region %q: want one line saying %q, got %v", tc.region, tc.want, err)
		}
	}
}
