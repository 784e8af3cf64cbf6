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

# needed_by maps each source to the checks that read what it yields. A source that failed or
# answered partly (a gap) fails this check only when the estate needs it, and then once per
# source ID (however many files or calls it spans), naming the checks it leaves undecided.
needed_by := {
	"eks:DescribeCluster": ["HN-CIDR-01", "HN-CIDR-02", "HN-CIDR-03", "HN-SG-01", "HN-SG-02", "HN-SG-03", "HN-SG-04", "HN-SG-05", "HN-SG-06", "HN-VPC-04"],
	"ec2:DescribeVpcs": ["HN-VPC-01", "HN-VPC-08", "HN-CIDR-02", "HN-RT-01", "HN-FW-01", "HN-FW-06", "HN-ONP-03", "HN-ONP-05", "HN-IPS-02"],
	"ec2:DescribeVpcAttribute": ["HN-VPC-02", "HN-VPC-03"],
	"ec2:DescribeSubnets": ["HN-VPC-04", "HN-VPC-05", "HN-VPC-07", "HN-VPC-09", "HN-RT-01", "HN-RT-02", "HN-RT-03", "HN-TGW-06"],
	"ec2:DescribeRouteTables": ["HN-RT-01", "HN-RT-02", "HN-RT-03", "HN-VPC-05", "HN-VPC-06", "HN-VPC-07", "HN-VPC-08", "HN-VPC-09"],
	"ec2:DescribeInternetGateways": ["HN-VPC-05", "HN-VPC-06", "HN-VPC-07"],
	"ec2:DescribeNatGateways": ["HN-VPC-07"],
	"ec2:DescribeAddresses": ["HN-VPC-10"],
	"ec2:DescribeSecurityGroups": ["HN-SG-01", "HN-SG-02", "HN-SG-03", "HN-SG-04", "HN-SG-05", "HN-SG-06"],
	"ec2:DescribeSecurityGroupRules": ["HN-SG-01", "HN-SG-02", "HN-SG-03", "HN-SG-04", "HN-SG-05", "HN-SG-06"],
	"ec2:DescribeTransitGateways": ["HN-TGW-01", "HN-TGW-02", "HN-TGW-03", "HN-TGW-04", "HN-TGW-09"],
	"ec2:DescribeTransitGatewayAttachments": ["HN-TGW-05", "HN-TGW-06", "HN-TGW-07", "HN-RT-01", "HN-RT-03"],
	"ec2:DescribeTransitGatewayVpcAttachments": ["HN-TGW-05", "HN-TGW-06", "HN-TGW-07"],
	"ec2:DescribeTransitGatewayRouteTables": ["HN-TGW-08"],
	"ec2:SearchTransitGatewayRoutes": ["HN-TGW-08"],
	"ec2:DescribeVpnGateways": ["HN-VGW-01", "HN-RT-01", "HN-RT-03", "HN-CGW-02", "HN-VPN-01"],
	"ec2:DescribeCustomerGateways": ["HN-CGW-01", "HN-CGW-02", "HN-X-01"],
	"ec2:DescribeVpnConnections": ["HN-VPN-01", "HN-VPN-02", "HN-VPN-03", "HN-VPN-04", "HN-VPN-05", "HN-VPN-06", "HN-CGW-01", "HN-CGW-02", "HN-X-01", "HN-X-03", "HN-FW-10", "HN-IPS-01"],
	"directconnect:DescribeConnections": ["HN-DX-01"],
	"directconnect:DescribeVirtualInterfaces": ["HN-DX-02", "HN-DX-03"],
	"directconnect:DescribeDirectConnectGateways": ["HN-DX-03"],
	"directconnect:DescribeDirectConnectGatewayAssociations": ["HN-DX-03"],
	"probe": ["HN-PRB-01"],
}

# The on-prem checks read every device export.
device_checks := ["HN-ONP-01", "HN-ONP-02", "HN-ONP-03", "HN-ONP-04", "HN-ONP-05", "HN-FW-01", "HN-FW-06", "HN-FW-10", "HN-IPS-01", "HN-IPS-02", "HN-CIL-01", "HN-EGR-01", "HN-X-01", "HN-X-02", "HN-X-03"]

checks_needing(s) := device_checks if s.kind == "device"

else := object.get(needed_by, s.id, [])

# The IDs of the sources that failed or answered partly, each once.
gap_ids := {s.id | some s in sources; not s.status in {"ok", "skipped"}}

gap_sources(id) := [s | some s in sources; s.id == id; not s.status in {"ok", "skipped"}]

# not_needed says why a gap leaves no check undecided: the design does not use what it lists.
not_needed(id) := sprintf("the cluster VPC routes through a VGW, so no check reads the %s listing", [id]) if {
	tgw_source(id)
	lib.target_gateway == "vgw"
}

not_needed(id) := sprintf("connectivity is %s, not direct-connect, so no check reads %s", [lib.connectivity, id]) if {
	startswith(id, "directconnect:")
	lib.connectivity != "direct-connect"
}

not_needed(id) := "the cluster VPC routes through a TGW, so no check reads the VGW listing" if {
	id == "ec2:DescribeVpnGateways"
	lib.target_gateway == "tgw"
}

not_needed(id) := "the cluster VPC's DNS attributes are in the snapshot" if {
	id == "ec2:DescribeVpcAttribute"
	count(missing_dns_attributes) == 0
	lib.cluster_vpc
}

tgw_source(id) if startswith(id, "ec2:DescribeTransitGateway")

tgw_source("ec2:SearchTransitGatewayRoutes")

# An export the importer read only in part (a schedule, a URL alias, policy routing) is a note:
# the flow checks that meet an unmodelled rule say unknown themselves, naming the rule.
not_needed(id) := "the device export was read in part; a flow check that meets an unmodelled rule says unknown" if {
	every s in gap_sources(id) {
		s.kind == "device"
		s.status == "partial"
	}
}

# The cluster VPC's DNS attributes that were not collected (null).
missing_dns_attributes := [attr |
	some attr in ["enable_dns_support", "enable_dns_hostnames"]
	object.get(lib.cluster_vpc, attr, null) == null
]

# A gap no check needs: passes, listed once per source with why.
checked contains {
	"resource": id,
	"message": sprintf("%s is %s (%s); not needed: %s", [id, concat(", ", statuses(id)), gap_details(id), not_needed(id)]),
} if {
	some id in gap_ids
	not_needed(id)
}

deny contains {
	"resource": id,
	"message": sprintf("%s is %s (%s)%s; %s cannot be decided without it", [id, concat(", ", statuses(id)), gap_details(id), dns_text(id), concat(", ", affected(id))]),
	"evidence": object.union(
		{
			"source": id,
			"statuses": statuses(id),
			"locations": sort({object.get(s, "location", "") | some s in gap_sources(id)}),
			"errors": gap_errors(id),
			"needed_by": affected(id),
		},
		dns_evidence(id),
	),
} if {
	some id in gap_ids
	not not_needed(id)
}

statuses(id) := sort({s.status | some s in gap_sources(id)})

affected(id) := sort({c | some s in gap_sources(id); some c in checks_needing(s)})

gap_errors(id) := sort({x |
	some s in gap_sources(id)
	some x in array.concat([object.get(s, "error", "")], object.get(s, "warnings", []))
	x != ""
})

gap_details(id) := concat("; ", gap_errors(id)) if count(gap_errors(id)) > 0

else := "no detail recorded"

dns_evidence(id) := {"missing_dns_attributes": missing_dns_attributes, "vpc_id": lib.cluster_vpc_id} if {
	id == "ec2:DescribeVpcAttribute"
	count(missing_dns_attributes) > 0
}

else := {}

dns_text(id) := sprintf(": %s of %s not collected", [concat(" and ", missing_dns_attributes), lib.cluster_vpc_id]) if {
	id == "ec2:DescribeVpcAttribute"
	count(missing_dns_attributes) > 0
}

else := ""

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

# DescribeVpcAttribute answers once per VPC and attribute; a null value on the cluster VPC is
# a call that did not answer even when no source says so (a gap source already names it).
deny contains {
	"resource": lib.cluster_vpc_id,
	"message": sprintf("VPC %s's %s not collected (null); HN-VPC-02, HN-VPC-03 cannot be decided without DescribeVpcAttribute", [lib.cluster_vpc_id, concat(" and ", missing_dns_attributes)]),
	"evidence": {"vpc_id": lib.cluster_vpc_id, "enable_dns_support": object.get(lib.cluster_vpc, "enable_dns_support", null), "enable_dns_hostnames": object.get(lib.cluster_vpc, "enable_dns_hostnames", null)},
} if {
	count(missing_dns_attributes) > 0
	not "ec2:DescribeVpcAttribute" in gap_ids
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
