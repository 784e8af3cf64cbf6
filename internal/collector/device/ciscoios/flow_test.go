package ciscoios

import (
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/flow"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// router is the Cisco evaluation's test bed: the VPC 10.0.0.0/16 behind Tunnel1 (no ACL), the
// nodes 10.200.0.0/24 on GigabitEthernet2 with an ACL each way, the internet on
// GigabitEthernet1 with an inbound ACL. EXTRA is replaced per case.
const router = `hostname r
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
 ip access-group OUTSIDE-IN in
EXTRA1
interface GigabitEthernet2
 ip address 10.200.0.1 255.255.255.0
 ip access-group LAN-IN in
 ip access-group LAN-OUT out
EXTRA2
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 198.51.100.7
 tunnel protection ipsec profile P
crypto ipsec profile P
 set transform-set T
crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac
ip route 10.0.0.0 255.255.0.0 Tunnel1
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip access-list extended OUTSIDE-IN
 permit esp host 198.51.100.7 host 203.0.113.2
 deny ip any any
ip access-list extended LAN-IN
EXTRA3
 permit ip 10.200.0.0 0.0.0.255 any
ip access-list extended LAN-OUT
 permit tcp 10.0.0.0 0.0.255.255 10.200.0.0 0.0.0.255 eq 10250
 permit icmp 10.0.0.0 0.0.255.255 10.200.0.0 0.0.0.255 echo
`

// evaluate evaluates the flow on the test bed with the EXTRA lines of extra.
func evaluate(t *testing.T, extra map[string]string, f flow.Flow) *flow.Result {
	t.Helper()
	cfg := router
	for _, k := range []string{"EXTRA1", "EXTRA2", "EXTRA3"} {
		cfg = strings.Replace(cfg, k, extra[k], 1)
	}
	res, _ := evaluateConfig(t, cfg, f)
	return res
}

// evaluateConfig imports the running-config and evaluates the flow on it; it returns the
// import's warnings too.
func evaluateConfig(t *testing.T, cfg string, f flow.Flow) (*flow.Result, []string) {
	t.Helper()
	dev, warnings, err := Import("r.cfg", []byte(cfg), testSalt)
	if err != nil {
		t.Fatal(err)
	}
	dev.Format = Format
	e := testkit.Must(flow.NewEvaluator(dev))(t)
	return testkit.Must(e.Evaluate(f))(t), warnings
}

func describe(res *flow.Result) string {
	var parts []string
	if res.Allowed {
		parts = append(parts, "allowed")
	}
	for _, r := range res.AllowedBy {
		parts = append(parts, "by "+r.Description)
	}
	for _, b := range res.Blocked {
		parts = append(parts, "blocked by "+b.By.Description)
	}
	for _, u := range res.Unknown {
		if u.By == nil {
			parts = append(parts, "unknown: "+u.Reason)
			continue
		}
		parts = append(parts, "unknown: "+u.By.Description+" ("+u.Reason+")")
	}
	return strings.Join(parts, "; ")
}

func TestCiscoEvaluation(t *testing.T) {
	tcp := func(port int, src, dst string) flow.Flow {
		return flow.Flow{Protocol: "tcp", Port: port, Sources: []string{src}, Destinations: []string{dst}}
	}
	icmp := func(typ int, src, dst string) flow.Flow {
		return flow.Flow{Protocol: "icmp", ICMPType: &typ, Sources: []string{src}, Destinations: []string{dst}}
	}
	cases := []struct {
		name  string
		extra map[string]string
		flow  flow.Flow
		want  string
	}{
		{"the egress ACL passes kubelet from the VPC (Tunnel1 has no ACL)", nil, tcp(10250, "10.0.0.0/16", "10.200.0.0/24"),
			"allowed; by LAN-OUT: permit tcp 10.0.0.0 0.0.255.255 10.200.0.0 0.0.0.255 eq 10250"},
		{"what the egress ACL does not permit meets its implicit deny", nil, tcp(22, "10.0.0.0/16", "10.200.0.0/24"),
			"blocked by LAN-OUT: implicit deny"},
		{"stateless: echo replies need their own permit (only echo is permitted)", nil, icmp(0, "10.0.0.0/16", "10.200.0.0/24"),
			"blocked by LAN-OUT: implicit deny"},
		{"the ingress ACL passes the nodes out; the egress interface has no ACL", nil, tcp(443, "10.200.0.0/24", "10.0.0.0/16"),
			"allowed; by LAN-IN: permit ip 10.200.0.0 0.0.0.255 any"},
		{"an ingress deny above the permit blocks", map[string]string{"EXTRA3": " deny tcp any any eq 443"}, tcp(443, "10.200.0.0/24", "10.0.0.0/16"),
			"blocked by LAN-IN: deny tcp any any eq 443"},
		{"a deny with an unmodelled match is unknown, not guessed", map[string]string{"EXTRA3": " deny tcp any any eq 443 time-range WORK"}, tcp(443, "10.200.0.0/24", "10.0.0.0/16"),
			"unknown: LAN-IN: deny tcp any any eq 443 time-range WORK"},
		{"an entry that cannot be read is an unmodelled match: a deny is unknown", map[string]string{"EXTRA3": " deny tcp any any eq no-such-port"}, tcp(443, "10.200.0.0/24", "10.0.0.0/16"),
			"unknown: LAN-IN: deny tcp any any eq no-such-port"},
		{"the internet inbound meets OUTSIDE-IN", nil, tcp(22, "192.0.2.0/24", "10.200.0.0/24"),
			"blocked by OUTSIDE-IN: deny ip any any"},
		{"CBAC may open return traffic through a deny: unknown", map[string]string{"EXTRA1": " ip inspect FW out"}, tcp(22, "192.0.2.0/24", "10.200.0.0/24"),
			"unknown: OUTSIDE-IN: deny ip any any"},
		{"traffic to the router meets the inbound ACL", nil, tcp(22, "192.0.2.0/24", "203.0.113.2"),
			"blocked by OUTSIDE-IN: deny ip any any"},
		{"traffic the router originates meets no outbound ACL", nil, tcp(179, "10.200.0.1", "10.200.0.0/24"),
			"allowed"},
		{"a zone-based firewall member is unknown", map[string]string{"EXTRA2": " zone-member security INSIDE"}, tcp(10250, "10.0.0.0/16", "10.200.0.0/24"),
			"unknown: zone-based firewall member"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := describe(evaluate(t, tc.extra, tc.flow))
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %q\nwant %q...", got, tc.want)
			}
		})
	}
}

// An access-group naming a list that does not exist filters nothing on IOS.
func TestCiscoUndefinedACLPasses(t *testing.T) {
	cfg := strings.NewReplacer("EXTRA1", "", "EXTRA2", "", "EXTRA3", "", "ip access-group LAN-OUT out", "ip access-group MISSING out").Replace(router)
	res, warnings := evaluateConfig(t, cfg, flow.Flow{Protocol: "tcp", Port: 22, Sources: []string{"10.0.0.0/16"}, Destinations: []string{"10.200.0.0/24"}})
	if !res.Allowed || len(res.AllowedBy) != 0 {
		t.Errorf("got %s, want allowed with no rule", describe(res))
	}
	if !strings.Contains(strings.Join(warnings, "\n"), "MISSING out: the access list is not defined, so IOS permits everything") {
		t.Errorf("no warning for the undefined list: %q", warnings)
	}
}
