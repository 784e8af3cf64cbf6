# METADATA
# title: Direct Connect connection available
# description: |
#   The Direct Connect connection that carries the virtual interface to the cluster VPC is
#   available; a down or ordering connection carries no traffic.
# related_resources:
#   - ref: https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithConnections.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A Direct Connect connection that is not available carries no traffic between the site and the VPC."
#   seed: "Inter-site validate (DX) 2"
#   id: HN-DX-01
#   severity: critical
#   remediation: Check the connection's state and cross-connect in the Direct Connect console (aws directconnect describe-connections); a requested or pending connection needs its LOA-CFA completed by the colocation provider
#   applies_when: connectivity is direct-connect
package hybridcheck.intersite.dx_connection

import data.hybridcheck.lib

not_applicable := lib.dx_not_applicable

connections_by_id := {c.id: c | some c in object.get(lib.direct_connect, "connections", [])}

# The connections of the virtual interfaces that reach the cluster VPC; every collected
# connection when no such interface is known yet (HN-DX-02 reports that).
connection_ids := {v.connection_id | some v in lib.hybrid_dx_vifs} if count(lib.hybrid_dx_vifs) > 0

else := {id | some id, _ in connections_by_id}

checked contains id if some id in connection_ids

checked contains lib.cluster_vpc_id if count(connection_ids) == 0

deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("No Direct Connect connection is in the snapshot for VPC %s; expected an available connection", [lib.cluster_vpc_id]),
	"evidence": {"vpc_id": lib.cluster_vpc_id, "direct_connect_collected": object.get(lib.aws, "direct_connect", null) != null},
} if {
	count(connection_ids) == 0
}

deny contains {
	"resource": id,
	"message": sprintf("Direct Connect connection %s, used by virtual interface(s) %s, is not in the snapshot; expected it to be collected and available", [id, concat(", ", vifs)]),
	"evidence": {"connection_id": id, "virtual_interface_ids": vifs},
} if {
	some id in connection_ids
	not connections_by_id[id]
	vifs := sort([v.id | some v in lib.hybrid_dx_vifs; v.connection_id == id])
}

deny contains {
	"resource": c.id,
	"message": sprintf("Direct Connect connection %s is in state %s; expected available", [c.id, c.state]),
	"evidence": {"connection_id": c.id, "state": c.state, "location": object.get(c, "location", ""), "bandwidth": object.get(c, "bandwidth", "")},
} if {
	some id in connection_ids
	c := connections_by_id[id]
	c.state != "available"
}
