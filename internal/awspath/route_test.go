package awspath

import (
	"reflect"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

func vpcRoute(dest, typ, target, state, origin string) Route {
	return Route{"destination_cidr": dest, "target_type": typ, "target_id": target, "state": state, "origin": origin}
}

func tgwRoute(dest, typ, state, attType, attID string) Route {
	r := Route{"destination_cidr": dest, "type": typ, "state": state, "attachments": []any{}}
	if attID != "" {
		r["attachments"] = []any{map[string]any{"attachment_id": attID, "resource_type": attType, "resource_id": attType + "-x"}}
	}
	return r
}

// summary is each piece as "cidr status target".
func summary(t *testing.T, pieces []Piece, key string) []string {
	t.Helper()
	var out []string
	for _, p := range pieces {
		target := "-"
		if len(p.Routes) > 0 {
			target = targetOf(p.Routes[0], key)
		}
		out = append(out, p.CIDR+" "+p.Status+" "+target)
	}
	return out
}

func targetOf(r Route, key string) string {
	if key == "attachments" {
		atts, _ := r["attachments"].([]any)
		if len(atts) == 0 {
			return "none"
		}
		return atts[0].(map[string]any)["attachment_id"].(string)
	}
	return str(r, key)
}

// lookup is where the table (built with the error err) sends cidr.
func lookup(t *testing.T, tb *Table, err error, cidr string) []Piece {
	t.Helper()
	tb = testkit.Must(tb, err)(t)
	return testkit.Must(tb.Lookup(cidr))(t)
}

// routeCase is a route table, a CIDR looked up in it, and the pieces it must give (summary).
type routeCase struct {
	name   string
	routes []Route
	cidr   string
	want   []string
}

// checkRoutes looks each case's CIDR up in its table as newTable builds it, summarizing the
// pieces by their routes' key.
func checkRoutes(t *testing.T, newTable func([]Route, *PrefixLists) (*Table, error), key string, cases []routeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb, err := newTable(c.routes, NewPrefixLists(nil))
			if got := summary(t, lookup(t, tb, err, c.cidr), key); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestVPCRoutePriority(t *testing.T) {
	cases := []routeCase{
		{"longest prefix wins over a broader route", []Route{
			vpcRoute("0.0.0.0/0", "nat", "nat-1", "active", "CreateRoute"),
			vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "EnableVgwRoutePropagation"),
		}, "10.200.0.0/16", []string{"10.200.0.0/16 routed vgw-1"}},
		{"a more specific route steals its part", []Route{
			vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "CreateRoute"),
			vpcRoute("10.200.5.0/24", "pcx", "pcx-1", "active", "CreateRoute"),
		}, "10.200.0.0/16", []string{
			"10.200.0.0/22 routed vgw-1", "10.200.4.0/24 routed vgw-1", "10.200.5.0/24 routed pcx-1",
			"10.200.6.0/23 routed vgw-1", "10.200.8.0/21 routed vgw-1", "10.200.16.0/20 routed vgw-1",
			"10.200.32.0/19 routed vgw-1", "10.200.64.0/18 routed vgw-1", "10.200.128.0/17 routed vgw-1"}},
		{"static beats propagated on equal prefixes, in any order", []Route{
			vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "EnableVgwRoutePropagation"),
			vpcRoute("10.200.0.0/16", "igw", "igw-1", "active", "CreateRoute"),
		}, "10.200.0.0/16", []string{"10.200.0.0/16 routed igw-1"}},
		{"a blackhole route still decides", []Route{
			vpcRoute("10.0.0.0/8", "tgw", "tgw-gone", "blackhole", "CreateRoute"),
		}, "10.200.0.0/16", []string{"10.200.0.0/16 blackhole tgw-gone"}},
		{"a blackhole under a more specific route decides nothing", []Route{
			vpcRoute("10.0.0.0/8", "tgw", "tgw-gone", "blackhole", "CreateRoute"),
			vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "CreateRoute"),
		}, "10.200.0.0/16", []string{"10.200.0.0/16 routed vgw-1"}},
		{"no covering route", []Route{vpcRoute("10.100.0.0/16", "local", "local", "active", "CreateRouteTable")},
			"10.200.0.0/16", []string{"10.200.0.0/16 no_route -"}},
		{"two halves merge back into one answer", []Route{
			vpcRoute("10.200.0.0/17", "vgw", "vgw-1", "active", "CreateRoute"),
			vpcRoute("10.200.128.0/17", "vgw", "vgw-1", "active", "CreateRoute"),
		}, "10.200.0.0/16", []string{"10.200.0.0/17 routed vgw-1", "10.200.128.0/17 routed vgw-1"}},
		{"IPv6 routes are ignored", []Route{{"destination_ipv6_cidr": "::/0", "target_type": "igw", "target_id": "igw-1", "state": "active"}},
			"10.200.0.0/16", []string{"10.200.0.0/16 no_route -"}},
	}
	checkRoutes(t, NewVPCTable, "target_id", cases)
}

func TestVPCPrefixListRoutes(t *testing.T) {
	plRoute := Route{"destination_prefix_list_id": "pl-1", "target_type": "pcx", "target_id": "pcx-1", "state": "active", "origin": "CreateRoute"}
	static := vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "CreateRoute")
	propagated := vpcRoute("10.200.0.0/16", "vgw", "vgw-1", "active", "EnableVgwRoutePropagation")
	lists := func(entries ...string) *PrefixLists {
		es := []struct {
			CIDR string `json:"cidr"`
		}{}
		for _, e := range entries {
			es = append(es, struct {
				CIDR string `json:"cidr"`
			}{e})
		}
		return NewPrefixLists(&[]PrefixList{{ID: "pl-1", Entries: &es}})
	}
	t.Run("a static route beats a prefix-list route of the same prefix", func(t *testing.T) {
		tb, err := NewVPCTable([]Route{plRoute, static}, lists("10.200.0.0/16"))
		if got := summary(t, lookup(t, tb, err, "10.200.0.0/16"), "target_id"); !reflect.DeepEqual(got, []string{"10.200.0.0/16 routed vgw-1"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a prefix-list route beats a propagated route of the same prefix", func(t *testing.T) {
		tb, err := NewVPCTable([]Route{propagated, plRoute}, lists("10.200.0.0/16"))
		if got := summary(t, lookup(t, tb, err, "10.200.0.0/16"), "target_id"); !reflect.DeepEqual(got, []string{"10.200.0.0/16 routed pcx-1"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a prefix list without entries makes every piece unknown", func(t *testing.T) {
		es := NewPrefixLists(&[]PrefixList{{ID: "pl-1"}})
		tb, err := NewVPCTable([]Route{static, plRoute}, es)
		pieces := lookup(t, tb, err, "10.200.0.0/16")
		if len(pieces) != 1 || pieces[0].Status != "unknown" || pieces[0].Reasons[0] != "prefix list pl-1: its entries are not in the snapshot (ec2:GetManagedPrefixListEntries)" {
			t.Errorf("got %+v", pieces)
		}
	})
	t.Run("prefix lists never collected", func(t *testing.T) {
		tb, err := NewVPCTable([]Route{plRoute}, NewPrefixLists(nil))
		pieces := lookup(t, tb, err, "10.200.0.0/16")
		if pieces[0].Status != "unknown" {
			t.Errorf("got %+v", pieces)
		}
	})
}

func TestTGWRoutePriority(t *testing.T) {
	vpn := tgwRoute("10.200.0.0/16", "propagated", "active", "vpn", "tgw-attach-vpn")
	cases := []routeCase{
		{"static blackhole beats a propagated route listed first", []Route{vpn, tgwRoute("10.200.0.0/16", "static", "blackhole", "", "")},
			"10.200.0.0/16", []string{"10.200.0.0/16 blackhole none"}},
		{"static blackhole beats a propagated route listed after", []Route{tgwRoute("10.200.0.0/16", "static", "blackhole", "", ""), vpn},
			"10.200.0.0/16", []string{"10.200.0.0/16 blackhole none"}},
		{"VPC propagation beats VPN propagation", []Route{vpn, tgwRoute("10.200.0.0/16", "propagated", "active", "vpc", "tgw-attach-vpc")},
			"10.200.0.0/16", []string{"10.200.0.0/16 routed tgw-attach-vpc"}},
		{"Direct Connect propagation beats VPN propagation", []Route{vpn, tgwRoute("10.200.0.0/16", "propagated", "active", "direct-connect-gateway", "tgw-attach-dx")},
			"10.200.0.0/16", []string{"10.200.0.0/16 routed tgw-attach-dx"}},
		{"a prefix-list reference (listed as propagated) beats a propagated VPC route", []Route{
			tgwRoute("10.200.0.0/16", "propagated", "active", "vpc", "tgw-attach-vpc"),
			func() Route {
				r := tgwRoute("10.200.0.0/16", "propagated", "active", "vpn", "tgw-attach-pl")
				r["prefix_list_id"] = "pl-1"
				return r
			}()},
			"10.200.0.0/16", []string{"10.200.0.0/16 routed tgw-attach-pl"}},
		{"a static route beats a prefix-list reference", []Route{
			func() Route {
				r := tgwRoute("10.200.0.0/16", "propagated", "active", "vpc", "tgw-attach-pl")
				r["prefix_list_id"] = "pl-1"
				return r
			}(),
			tgwRoute("10.200.0.0/16", "static", "active", "vpn", "tgw-attach-vpn")},
			"10.200.0.0/16", []string{"10.200.0.0/16 routed tgw-attach-vpn"}},
		{"deleted and pending routes are not in force", []Route{vpn, tgwRoute("10.200.5.0/24", "static", "deleted", "vpc", "tgw-attach-vpc"), tgwRoute("10.200.6.0/24", "static", "pending", "vpc", "tgw-attach-vpc")},
			"10.200.0.0/16", []string{"10.200.0.0/16 routed tgw-attach-vpn"}},
		{"a more specific route to the VPC steals part of the node CIDR", []Route{vpn, tgwRoute("10.200.128.0/17", "static", "active", "vpc", "tgw-attach-vpc")},
			"10.200.0.0/16", []string{"10.200.0.0/17 routed tgw-attach-vpn", "10.200.128.0/17 routed tgw-attach-vpc"}},
	}
	checkRoutes(t, NewTGWTable, "attachments", cases)
}

func TestTGWEqualCostRoutesAllWin(t *testing.T) {
	a := tgwRoute("10.200.0.0/16", "propagated", "active", "vpn", "tgw-attach-vpn1")
	b := tgwRoute("10.200.0.0/16", "propagated", "active", "vpn", "tgw-attach-vpn2")
	tb, err := NewTGWTable([]Route{a, b}, nil)
	pieces := lookup(t, tb, err, "10.200.0.0/16")
	if len(pieces) != 1 || len(pieces[0].Routes) != 2 {
		t.Fatalf("want one piece with both ECMP routes, got %+v", pieces)
	}
}

func TestLookupRejectsBadInput(t *testing.T) {
	if _, err := NewVPCTable([]Route{vpcRoute("10.0.0.0/33", "igw", "igw-1", "active", "")}, nil); err == nil {
		t.Error("a bad route CIDR was accepted")
	}
	tb, _ := NewVPCTable(nil, nil)
	for _, c := range []string{"nonsense", "2001:db8::/32"} {
		if _, err := tb.Lookup(c); err == nil {
			t.Errorf("Lookup(%q) accepted", c)
		}
	}
}
