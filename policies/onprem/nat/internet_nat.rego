# METADATA
# title: Outbound NAT to the internet for the node networks
# description: |
#   Hybrid nodes reach the AWS service endpoints of the seed's Remote network 2 over the
#   internet, so the device translates the node networks (the parts of the node CIDRs on its
#   interfaces or behind its static routes) on the way out. Per outbound NAT mode: automatic
#   translates every inside network of the device; hybrid applies the manual rules first (first
#   match, a no-NAT rule ends the search) and then the automatic ones; advanced and plain rule
#   sets (nftables, iptables) translate only through their rules; disabled translates nothing.
#   A rule counts for internet traffic when its destination is any (or a negated list) and it
#   sits on a WAN interface or names none.
# related_resources:
#   - ref: https://docs.netgate.com/pfsense/en/latest/nat/outbound.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Nodes pull images and reach public AWS endpoints through outbound NAT unless they go through the VPN."
#   seed: "Remote network 2"
#   id: HN-ONP-02
#   severity: high
#   remediation: Use automatic or hybrid outbound NAT, or add an outbound NAT (masquerade) rule on the WAN for the node subnets to any destination.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.nat.internet_nat

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.firewall_not_applicable

source_translating := {"outbound", "snat", "masquerade", "one-to-one"}

mode(d) := object.get(object.get(d, "nat", {}), "outbound_mode", "automatic")

nat_rules(d) := object.get(object.get(d, "nat", {}), "rules", [])

# The networks pfSense's automatic rules translate: every inside network and static route.
automatic_sources(d) := devlib.inside_networks(d) | devlib.route_destinations(d)

on_wan(_, r) if object.get(r, "interface", "") == ""

on_wan(d, r) if r.interface in devlib.wan_ids(d)

on_wan(d, _) if count(devlib.wan_ids(d)) == 0

covers(ep, _) if {
	ep.any
	not ep["not"]
}

covers(ep, n) if {
	not ep.any
	not ep["not"]
	some c in object.get(ep, "cidrs", [])
	net.cidr_contains(c, n)
}

toward_internet(ep) if ep.any

toward_internet(ep) if ep["not"]

# The manual rules, in order, that decide internet-bound traffic from network n.
deciding(d, n) := [r |
	some r in nat_rules(d)
	not r.disabled
	r.kind in source_translating
	on_wan(d, r)
	covers(r.source, n)
	toward_internet(r.destination)
]

# translation(d, n) says whether and by what internet-bound traffic from n is translated.
translation(d, n) := {"translated": false, "by": "outbound NAT is disabled"} if {
	mode(d) == "disabled"
} else := {"translated": true, "by": "automatic outbound NAT"} if {
	mode(d) == "automatic"
	some s in automatic_sources(d)
	net.cidr_contains(s, n)
} else := {"translated": first.no_nat == false, "by": first} if {
	mode(d) != "automatic"
	first := deciding(d, n)[0]
} else := {"translated": true, "by": "automatic outbound NAT (after the manual rules)"} if {
	mode(d) == "hybrid"
	some s in automatic_sources(d)
	net.cidr_contains(s, n)
} else := {"translated": false, "by": sprintf("no %s outbound NAT rule covers it", [mode(d)])}

node_networks(d) := devlib.served(d, lib.node_cidrs)

checked contains d.name if some d in lib.devices

deny contains {
	"resource": d.name,
	"message": sprintf("does not translate node network(s) %s to the internet (outbound NAT mode %s)", [concat(", ", [m.network | some m in missing]), mode(d)]),
	"evidence": {"outbound_mode": mode(d), "untranslated": missing},
} if {
	some d in lib.devices
	missing := [{"network": n, "decided_by": t.by} |
		some n in node_networks(d)
		t := translation(d, n)
		not t.translated
	]
	count(missing) > 0
}
