package hybridcheck.paths.node_api_test

import data.hybridcheck.paths.node_api
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

resource := "node-to-control-plane: nodes to the control plane (TCP 443)"

test_pass_compliant if {
	count(node_api.deny) == 0 with input as fixture.compliant
	some c in node_api.checked with input as fixture.compliant
	c.resource == resource
	startswith(c.message, "gets through 14 hops: device-firewall, device-nat, device-route, device-ipsec, aws-vpn")
}

# The seeded HN-ONP-03 defect: without the no-NAT exemptions the nodes reach the VPC as the
# device's address.
test_fail_nat_without_exemption if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["devices", "eks-hybrid-remote-gateway-1", "nat", "rules", "No NAT: hybrid pods to the EKS VPC over IPsec"]}, {"op": "remove", "at": ["devices", "eks-hybrid-remote-gateway-1", "nat", "rules", "No NAT: hybrid nodes to the EKS VPC over IPsec"]}])
	some d in node_api.deny with input as snap
	d.resource == resource
	startswith(d.message, "dropped at hop 2, device-nat")
	contains(d.message, "translated to interface-address by NAT rule 2 (Hybrid nodes to the internet)")
}

# The seeded HN-RT-02 defect breaks the reply: the blackhole takes 10.200.7.0/24.
test_fail_reply_blackhole if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "-"], "value": {"destination_cidr": "10.200.7.0/24", "target_type": "tgw", "target_id": "tgw-0d1c2b3a495867f70", "state": "blackhole", "origin": "CreateRoute"}}])
	some d in node_api.deny with input as snap
	contains(d.message, "reply: aws-route")
	contains(d.message, "10.200.7.0/24")
}
