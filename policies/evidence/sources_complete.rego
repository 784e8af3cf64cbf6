# METADATA
# title: Collection complete
# description: |
#   Every source of the snapshot (API call, saved export, device file) answered; an API error,
#   a partial answer or an unreadable export is a finding, and a snapshot without its AWS part is
#   one too, so an incomplete snapshot never looks compliant.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-policy-examples.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Checks can only judge what was collected; a source a check needs that failed or answered partly would make that check's pass meaningless."
#   seed: "Validate sections"
#   id: HN-SNAP-01
#   severity: high
#   remediation: Grant the collector the read-only actions of the README's IAM policy (or export the missing describe output) and collect again; the finding names the source and its error
#   applies_when: always
package hybridcheck.evidence.sources_complete

import data.hybridcheck.lib

sources := object.get(input, "sources", [])

source_resource(s) := sprintf("%s (%s)", [s.id, s.location]) if object.get(s, "location", "") != ""

else := s.id

# A skipped source is an input the collector read and set aside on purpose (an export no check
# uses), not a gap; it passes with its reason.
checked contains {"resource": source_resource(s), "message": sprintf("%s was skipped: %s", [s.id, concat("; ", object.get(s, "warnings", []))])} if {
	some s in sources
	s.status == "skipped"
}

checked contains source_resource(s) if {
	some s in sources
	s.status == "ok"
}

deny contains {
	"resource": source_resource(s),
	"message": sprintf("Source %s (%s) is %s%s; expected every source to answer completely", [s.id, object.get(s, "location", ""), s.status, detail(s)]),
	"evidence": {
		"id": s.id,
		"kind": s.kind,
		"location": object.get(s, "location", ""),
		"status": s.status,
		"error": object.get(s, "error", ""),
		"warnings": object.get(s, "warnings", []),
		"items": object.get(s, "items", 0),
	},
} if {
	some s in sources
	not s.status in {"ok", "skipped"}
}

detail(s) := sprintf(": %s", [concat("; ", [x | some x in array.concat([object.get(s, "error", "")], object.get(s, "warnings", [])); x != ""])]) if {
	object.get(s, "error", "") != ""
} else := sprintf(": %s", [concat("; ", s.warnings)]) if {
	count(object.get(s, "warnings", [])) > 0
} else := ""

deny contains {
	"resource": "sources",
	"message": "The snapshot lists no sources; expected every API call, export and device file the collector read, with its status",
	"evidence": {"sources": sources},
} if {
	count(sources) == 0
}

deny contains {
	"resource": "aws",
	"message": "The snapshot holds no AWS data; expected the AWS side (VPC, subnets, route tables, gateways, VPN) to be collected",
	"evidence": {"aws": object.get(input, "aws", null)},
} if {
	object.get(input, "aws", null) == null
}

# DescribeVpcAttribute answers once per VPC and attribute; a null value is a call that did not
# answer even when no source says so.
deny contains {
	"resource": v.id,
	"message": sprintf("VPC %s's %s not collected (null); expected DescribeVpcAttribute to answer for every VPC", [v.id, concat(" and ", missing)]),
	"evidence": {"vpc_id": v.id, "enable_dns_support": object.get(v, "enable_dns_support", null), "enable_dns_hostnames": object.get(v, "enable_dns_hostnames", null)},
} if {
	some v in object.get(lib.aws, "vpcs", [])
	missing := [attr | some attr in ["enable_dns_support", "enable_dns_hostnames"]; object.get(v, attr, null) == null]
	count(missing) > 0
}

deny contains {
	"resource": lib.intent.cluster,
	"message": sprintf("The intent names EKS cluster %s but the snapshot holds no EKS cluster; expected DescribeCluster to be collected", [lib.intent.cluster]),
	"evidence": {"intent_cluster": lib.intent.cluster, "eks_cluster": null},
} if {
	object.get(lib.intent, "cluster", "") != ""
	object.get(input, "aws", null) != null
	lib.cluster == null
}

deny contains {
	"resource": "direct_connect",
	"message": "Connectivity is direct-connect but the snapshot holds no Direct Connect data; expected DescribeConnections, DescribeVirtualInterfaces and DescribeDirectConnectGateways to be collected",
	"evidence": {"connectivity": lib.connectivity, "direct_connect": null},
} if {
	lib.connectivity == "direct-connect"
	object.get(input, "aws", null) != null
	object.get(lib.aws, "direct_connect", null) == null
}

# The intent and the collected estate disagree (a VPC ID the account does not have, CIDRs the
# cluster does not use): the snapshot does not show the network the design describes, so the
# evidence is incomplete until one of the two is corrected.
deny contains {
	"resource": sprintf("intent.%s", [c.field]),
	"message": sprintf("The intent's %s is %s but %s shows %s; expected the intent and the collected estate to agree", [c.field, json.marshal(c.intent), c.observed_from, json.marshal(c.observed)]),
	"evidence": c,
} if {
	some c in object.get(input, "intent_conflicts", [])
}
