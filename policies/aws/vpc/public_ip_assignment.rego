# METADATA
# title: Public subnets auto-assign public IPv4 addresses
# description: |
#   A subnet of the cluster VPC whose route table sends the default route (0.0.0.0/0) to an
#   internet gateway is public; instances launched there need a public IPv4 address to use it,
#   so the subnet's "auto-assign public IPv4 address" setting is on.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Instances in a public subnet need public addresses to use the internet gateway; the seed's public subnet hosts the NAT gateway."
#   seed: "AWS network 4"
#   id: HN-VPC-05
#   severity: low
#   remediation: aws ec2 modify-subnet-attribute --subnet-id SUBNET_ID --map-public-ip-on-launch , or in the console Subnet > Actions > Edit subnet settings > Enable auto-assign public IPv4 address
#   applies_when: public subnets exist
package hybridcheck.aws.vpc.public_ip_assignment

import data.hybridcheck.lib

not_applicable := "the cluster VPC has no public subnet (no subnet's route table has a default route to an internet gateway)" if {
	count(lib.public_subnet_ids) == 0
}

checked contains id if some id in lib.public_subnet_ids

deny contains {
	"resource": s.id,
	"message": sprintf("Public subnet %s (default route to %s in %s) does not auto-assign public IPv4 addresses; expected map_public_ip_on_launch true", [s.id, route.target_id, rt.id]),
	"evidence": {"subnet_id": s.id, "map_public_ip_on_launch": s.map_public_ip_on_launch, "route_table_id": rt.id, "default_route": route},
} if {
	some id in lib.public_subnet_ids
	s := lib.subnets_by_id[id]
	not s.map_public_ip_on_launch
	rt := lib.subnet_route_table(s)
	some route in rt.routes
	route.destination_cidr == "0.0.0.0/0"
	route.target_type == "igw"
}
