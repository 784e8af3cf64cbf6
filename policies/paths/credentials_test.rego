package hybridcheck.paths.credentials_test

import data.hybridcheck.paths.credentials
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

resource := "credentials: nodes to the credential endpoint via the device's internet NAT (TCP 443)"

test_pass_compliant if {
	count(credentials.deny) == 0 with input as fixture.compliant
	some c in credentials.checked with input as fixture.compliant
	c.resource == resource
	c.message == "gets through 3 hops: device-firewall, device-nat, device-route"
}

test_fail_without_internet_nat if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["devices", "eks-hybrid-remote-gateway-1", "nat", "outbound_mode"], "value": "disabled"}])
	some d in credentials.deny with input as snap
	d.resource == resource
	contains(d.message, "device-nat")
	contains(d.message, "private sources reach the internet untranslated")
}

test_not_applicable_without_device if {
	credentials.not_applicable == "flow credentials cannot be traced on this snapshot: no device export in the snapshot" with input as fixture.without_device
}
