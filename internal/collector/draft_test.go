package collector

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Without an EKS cluster, init guesses the VPC from the gateway attachments and the node CIDRs
// from the VPN's static routes, says so, and reads the TGW, VPN and routing from the estate.
func TestDraftIntentWithoutCluster(t *testing.T) {
	s := &snapshot.Snapshot{AWS: &snapshot.AWS{
		Region: "eu-west-1",
		VPCs:   []snapshot.VPC{{ID: "vpc-a"}, {ID: "vpc-b"}},
		TransitGatewayAttachments: []snapshot.TransitGatewayAttachment{
			{ID: "tgw-attach-1", TransitGatewayID: "tgw-1", ResourceType: "vpc", ResourceID: "vpc-b", State: "available"},
		},
		VPNConnections: []snapshot.VPNConnection{{ID: "vpn-1", TransitGatewayID: "tgw-1", StaticRoutesOnly: true,
			Routes: []snapshot.VPNRoute{{DestinationCIDR: "10.80.0.0/16", State: "available"}}}},
	}}
	lines := DraftIntent(s)
	byField := map[string]DraftLine{}
	for _, l := range lines {
		byField[l.Field] = l
	}
	tests := []struct {
		field    string
		value    string
		observed bool
	}{
		{"region", "eu-west-1", true},
		{"vpc_id", "vpc-b", false},
		{"remote_node_cidrs", "[10.80.0.0/16]", false},
		{"connectivity", "site-to-site-vpn", true},
		{"routing", "static", true},
		{"target_gateway", "tgw", true},
		{"credential_provider", "ssm", false},
	}
	for _, tt := range tests {
		l, ok := byField[tt.field]
		if !ok {
			t.Errorf("%s: not drafted", tt.field)
			continue
		}
		if fmtValue(l.Value) != tt.value || l.Observed != tt.observed {
			t.Errorf("%s: got %v (observed %v), want %s (observed %v)", tt.field, l.Value, l.Observed, tt.value, tt.observed)
		}
	}
	for _, field := range []string{"cluster", "remote_pod_cidrs", "hybrid_security_groups"} {
		if byField[field].Value != nil {
			t.Errorf("%s: drafted %v, want it left out (the snapshot cannot show it)", field, byField[field].Value)
		}
	}
	var buf bytes.Buffer
	if err := WriteDraft(&buf, "test", lines); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseIntent("drafted", buf.Bytes()); err != nil {
		t.Fatalf("the draft does not load: %v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), `vpc_id: "vpc-b"  # GUESS: the only one of 2 VPCs with a VGW or TGW attached`) {
		t.Errorf("the VPC guess is not marked:\n%s", buf.String())
	}
}

func fmtValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []string:
		return "[" + strings.Join(x, " ") + "]"
	}
	return ""
}
