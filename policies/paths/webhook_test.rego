package hybridcheck.paths.webhook_test

import data.hybridcheck.paths.webhook
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

resource := "webhook: control plane to pod webhooks (TCP 443)"

test_pass_compliant if {
	count(webhook.deny) == 0 with input as fixture.compliant
	some c in webhook.checked with input as fixture.compliant
	c.resource == resource
	startswith(c.message, "gets through 13 hops")
}

# The seeded HN-RT-01 defect: the private subnet's pod route is gone and the default route to
# the NAT gateway takes the pods' traffic.
test_fail_route_falls_to_nat if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "192.168.0.0/16"]}])
	some d in webhook.deny with input as snap
	d.resource == resource
	contains(d.message, "aws-route")
	contains(d.message, "route 0.0.0.0/0 -> nat-0327bf58440ab78b9")
}

# The seeded HN-VPN-03 defect: the VPN's static routes lack the pod CIDR.
test_fail_vpn_static_routes if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "192.168.0.0/16"]}])
	some d in webhook.deny with input as snap
	contains(d.message, "aws-vpn")
	contains(d.message, "static routes (10.200.0.0/16) lack 192.168.0.0/16")
}
