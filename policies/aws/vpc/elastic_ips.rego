# METADATA
# title: No unassociated Elastic IPs
# description: |
#   Every Elastic IP in the snapshot is associated with an instance or network interface (the
#   NAT gateway's among them). An unassociated address is usually one a NAT gateway lost, and
#   it is billed while idle.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-eips.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "An unassociated Elastic IP costs money and usually marks a leftover of a NAT gateway or instance."
#   seed: "AWS validate 3"
#   id: HN-VPC-10
#   severity: low
#   remediation: Associate the address where it is needed (aws ec2 associate-address --allocation-id EIPALLOC_ID --network-interface-id ENI_ID) or release it (aws ec2 release-address --allocation-id EIPALLOC_ID)
#   applies_when: always
package hybridcheck.aws.vpc.elastic_ips

import data.hybridcheck.lib

checked contains eip.allocation_id if some eip in object.get(lib.aws, "elastic_ips", [])

deny contains {
	"resource": eip.allocation_id,
	"message": sprintf("Elastic IP %s (%s) is not associated with any instance or network interface; expected it associated or released", [eip.allocation_id, eip.public_ip]),
	"evidence": eip,
} if {
	some eip in object.get(lib.aws, "elastic_ips", [])
	object.get(eip, "association_id", "") == ""
	object.get(eip, "instance_id", "") == ""
	object.get(eip, "network_interface_id", "") == ""
}
