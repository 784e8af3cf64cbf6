# METADATA
# title: Direct Connect private virtual interface available with BGP up
# description: |
#   The private (or, with a TGW, transit) virtual interface that reaches the cluster VPC's
#   gateway is available and each of its BGP peers is up; routes to and from the hybrid nodes
#   are exchanged over those sessions.
# related_resources:
#   - ref: https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without an available private virtual interface with BGP up, no route to the VPC reaches the site over Direct Connect."
#   seed: "Inter-site validate (DX) 2"
#   id: HN-DX-02
#   severity: critical
#   remediation: Create a private virtual interface to the VGW or to a Direct Connect gateway associated with it (aws directconnect create-private-virtual-interface), and bring its BGP sessions up on the device (ASN, peer addresses, MD5 key)
#   applies_when: connectivity is direct-connect
package hybridcheck.intersite.dx_virtual_interface

import data.hybridcheck.lib

not_applicable := lib.dx_not_applicable

checked contains v.id if some v in lib.hybrid_dx_vifs

checked contains lib.cluster_vpc_id if count(lib.hybrid_dx_vifs) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No Direct Connect virtual interface reaches the VGW or TGW of VPC %s; expected a private virtual interface on it or on a Direct Connect gateway associated with it", [lib.cluster_vpc_id]),
	"evidence": {
		"target_gateway_ids": lib.sort_set(lib.target_gateway_ids),
		"virtual_interfaces": [{
			"id": v.id,
			"type": v.type,
			"virtual_gateway_id": object.get(v, "virtual_gateway_id", ""),
			"direct_connect_gateway_id": object.get(v, "direct_connect_gateway_id", ""),
		} |
			some v in object.get(lib.direct_connect, "virtual_interfaces", [])
		],
		"gateway_associations": [{"direct_connect_gateway_id": a.direct_connect_gateway_id, "associated_gateway_id": a.associated_gateway_id} |
			some a in object.get(lib.direct_connect, "gateway_associations", [])
		],
	},
} if {
	count(lib.hybrid_dx_vifs) == 0
}

deny contains {
	"resource": v.id,
	"message": sprintf("Direct Connect %s virtual interface %s is in state %s; expected available", [v.type, v.id, v.state]),
	"evidence": {"virtual_interface_id": v.id, "type": v.type, "state": v.state, "connection_id": v.connection_id, "vlan": v.vlan},
} if {
	some v in lib.hybrid_dx_vifs
	v.state != "available"
}

deny contains {
	"resource": v.id,
	"message": sprintf("Direct Connect virtual interface %s has no BGP peer; expected at least one peer with status up", [v.id]),
	"evidence": {"virtual_interface_id": v.id, "bgp_peers": []},
} if {
	some v in lib.hybrid_dx_vifs
	count(object.get(v, "bgp_peers", [])) == 0
}

deny contains {
	"resource": v.id,
	"message": sprintf("Direct Connect virtual interface %s has BGP peer %s (ASN %d, %s) with status %s; expected up", [v.id, object.get(p, "id", ""), p.asn, object.get(p, "address_family", ""), p.status]),
	"evidence": {"virtual_interface_id": v.id, "bgp_peer": p},
} if {
	some v in lib.hybrid_dx_vifs
	some p in v.bgp_peers
	p.status != "up"
}
