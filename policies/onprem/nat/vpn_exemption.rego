# METADATA
# title: No NAT between the remote networks and the VPC
# description: |
#   Traffic between the node or pod CIDRs and the VPC CIDRs must keep its addresses (Inter-site
#   9): the cluster reaches kubelets and webhooks by node and pod address. The check asks the
#   device's NAT model (hybridcheck.device_nat, docs/semantics.md "NAT") about every protocol
#   from the remote networks to the VPC CIDRs, and from the VPC CIDRs to the parts of the remote
#   networks the device routes to an inside interface, and fails on every part some rule translates: the model applies the rules in
#   the device's own order (pf: binat, then nat, first match, no-nat exemptions, then pfSense's
#   automatic rules in automatic and hybrid mode; nftables and iptables: the postrouting chain
#   in order, accept or return exempting), each part judged only by the rules bound to the
#   interface the device routes it out of (a WAN masquerade never sees what a VTI carries),
#   so exemptions count per protocol, per interface and as a union (two /17s for a /16), and a
#   negated destination ("! 10.100.0.0/16") leaves the VPC alone. Policy-based IPsec is not
#   trusted to take the traffic before NAT: Linux masquerades in postrouting before the IPsec
#   policy lookup, and a pfSense tunnel that is down leaves the traffic to the WAN rules.
# related_resources:
#   - ref: https://docs.netgate.com/pfsense/en/latest/nat/outbound.html
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS requires node and pod addresses to reach the VPC untranslated; NAT in between breaks kubelet, webhooks and return traffic."
#   seed: "Inter-site 9"
#   id: HN-ONP-03
#   severity: critical
#   remediation: Use hybrid outbound NAT and add, above the translating rules, no-NAT rules from the node and pod CIDRs to the VPC CIDRs (nftables/iptables - an accept or RETURN in the NAT chain before the masquerade).
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.nat.vpn_exemption

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

mode(d) := object.get(object.get(d, "nat", {}), "outbound_mode", "automatic")

# The flows that must keep their addresses: outbound to the VPC, and inbound from it to the
# parts of the remote networks the device's routing table hands to an inside interface (a
# translation on the way to the nodes hides the cluster's addresses). Parts it sends to the
# internet or cannot place (pod routes learned from the nodes over BGP) are not where the nodes
# are: a WAN masquerade of them is a routing matter (HN-ONP-04), not a missing exemption.
inside_remote(d) := {c |
	some r in hybridcheck.device_lookup(d, lib.remote_cidrs)
	some part in r.parts
	part.role == "inside"
	some c in part.cidrs
}

flows(d) := [f |
	some f in [
		{"protocol": "any", "sources": lib.remote_cidrs, "destinations": lib.vpc_cidrs, "aws": devlib.aws_context},
		{"protocol": "any", "sources": lib.vpc_cidrs, "destinations": inside_remote(d), "aws": devlib.aws_context},
	]
	count(f.sources) > 0
	count(f.destinations) > 0
]

# The NAT model's parts of both flows, once per device.
pieces[d.name] := [p |
	some f in flows(d)
	some p in hybridcheck.device_nat(d, f).pieces
] if some d in lib.devices

entry(p) := {
	"rule": object.get(p, "rule", {"text": "no rule"}).text,
	"location": object.get(object.get(p, "rule", {}), "location", null),
	"sources": p.sources,
	"destinations": p.destinations,
	"protocol": p.protocol,
	"egress": p.egress,
	"reason": p.reason,
}

parts_with(d, verdict) := [entry(p) | some p in pieces[d.name]; p.verdict == verdict]

text(t) := sprintf("%s -> %s (%s) by %s", [concat(",", t.sources), concat(",", t.destinations), t.protocol, t.rule])

checked contains d.name if some d in lib.devices

deny contains {
	"resource": d.name,
	"message": sprintf("translates traffic between the remote networks and the VPC: %s", [concat("; ", sort({text(t) | some t in translations}))]),
	"evidence": {"outbound_mode": mode(d), "translations": translations},
} if {
	some d in lib.devices
	translations := parts_with(d, "translated")
	count(translations) > 0
}

unknown contains {
	"resource": d.name,
	"message": sprintf("whether the device translates traffic between the remote networks and the VPC cannot be told: %s", [concat("; ", sort({sprintf("%s -> %s: %s", [concat(",", t.sources), concat(",", t.destinations), t.reason]) | some t in undecided}))]),
	"evidence": {"outbound_mode": mode(d), "undecided": undecided},
} if {
	some d in lib.devices
	count(parts_with(d, "translated")) == 0
	undecided := parts_with(d, "unknown")
	count(undecided) > 0
}
