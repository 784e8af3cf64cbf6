# METADATA
# title: Outbound NAT to the internet for the node networks
# description: |
#   Hybrid nodes reach the AWS service endpoints of the seed's Remote network 2 over the
#   internet, so the device translates the node networks (the parts of the node CIDRs on its
#   interfaces or behind its static routes) on the way out. The check asks the device's NAT
#   model (hybridcheck.device_nat, docs/semantics.md "NAT") about every protocol from each node
#   network to the public IPv4 address space, leaving by the device's default route, and fails
#   on every part left untranslated: automatic mode translates every inside network; hybrid
#   applies the manual rules first (first match, a no-NAT rule ends the search) and then the
#   automatic ones; advanced and plain rule sets (nftables, iptables) translate only through
#   their rules, in their own order; disabled translates nothing. A rule bound to an interface
#   counts only when it is the one the internet traffic leaves by.
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

mode(d) := object.get(object.get(d, "nat", {}), "outbound_mode", "automatic")

node_networks(d) := devlib.served(d, lib.node_cidrs)

# The NAT model's parts of internet-bound traffic from the node networks, once per device.
pieces[d.name] := hybridcheck.device_nat(d, {"protocol": "any", "sources": node_networks(d), "internet": true}).pieces if {
	some d in lib.devices
	count(node_networks(d)) > 0
}

parts_with(d, verdict) := [{"network": n, "sources": p.sources, "protocol": p.protocol, "decided_by": p.reason} |
	some n in node_networks(d)
	some p in object.get(pieces, d.name, [])
	p.verdict == verdict
	some s in p.sources
	net.cidr_intersects(s, n)
]

checked contains d.name if some d in lib.devices

deny contains {
	"resource": d.name,
	"message": sprintf("does not translate node network(s) %s to the internet (outbound NAT mode %s)", [concat(", ", sort({m.network | some m in missing})), mode(d)]),
	"evidence": {"outbound_mode": mode(d), "untranslated": missing},
} if {
	some d in lib.devices
	missing := parts_with(d, "not_translated")
	count(missing) > 0
}

unknown contains {
	"resource": d.name,
	"message": sprintf("whether node network(s) %s are translated to the internet cannot be told: %s", [concat(", ", sort({m.network | some m in undecided})), concat("; ", sort({m.decided_by | some m in undecided}))]),
	"evidence": {"outbound_mode": mode(d), "undecided": undecided},
} if {
	some d in lib.devices
	count(parts_with(d, "not_translated")) == 0
	undecided := parts_with(d, "unknown")
	count(undecided) > 0
}
