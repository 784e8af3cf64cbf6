# METADATA
# title: Device has a hybrid node network
# description: |
#   The edge device has an enabled interface or VLAN whose network lies inside the node CIDRs:
#   the hybrid node subnets the seed defines (Remote network 1) exist on the device that
#   routes and filters their traffic.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Hybrid nodes need a network on the device to live in, with the node CIDR the cluster expects."
#   seed: "Remote network 1"
#   id: HN-ONP-01
#   severity: high
#   remediation: Add an interface or VLAN (for example 10.200.0.0/24) inside the node CIDRs on the device, or correct the node CIDRs of the cluster.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.addressing.node_networks

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.firewall_not_applicable

# Per device, the interface networks inside the node CIDRs.
node_networks[d.name] := {sprintf("%s (%s)", [n, i.name]) |
	some i in d.interfaces
	i.enabled
	some n in i.networks
	lib.covered(n, lib.node_cidrs)
} if {
	some d in lib.devices
}

checked contains {"resource": d.name, "message": sprintf("node networks on the device: %s", [concat(", ", sort([n | some n in node_networks[d.name]]))])} if {
	some d in lib.devices
	count(node_networks[d.name]) > 0
}

deny contains {
	"resource": d.name,
	"message": sprintf("no enabled interface or VLAN network inside the node CIDRs %s", [concat(", ", lib.node_cidrs)]),
	"evidence": {
		"node_cidrs": lib.node_cidrs,
		"interfaces": [{"name": i.name, "enabled": i.enabled, "role": i.role, "networks": i.networks} | some i in d.interfaces],
	},
} if {
	some d in lib.devices
	count(node_networks[d.name]) == 0
}
