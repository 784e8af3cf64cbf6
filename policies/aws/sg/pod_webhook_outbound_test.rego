package hybridcheck.aws.sg.pod_webhook_outbound_test

import data.hybridcheck.aws.sg.pod_webhook_outbound as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

# The cluster security group's default egress (all traffic to 0.0.0.0/0) alone allows 443;
# the failing cases remove it so that only the additional group's rules count.
patched(ops) := locate.patch(fixture.compliant, array.concat([{"op": "replace", "at": ["aws", "security_groups", "sg-0c1a2b3c4d5e6f708", "egress"], "value": []}], ops))

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"192.168.0.0/16"} with input as fixture.compliant
}

test_pass_explicit_rule if {
	snap := patched([])
	count(check.deny) == 0 with input as snap
	check.checked == {"192.168.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_rule_missing if {
	denies := check.deny with input as patched([{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Pod CIDR Webhook Outbound"]}])
	[d.message | some d in denies] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow outbound TCP 443 to pod CIDR 192.168.0.0/16; expected an egress rule (tcp 443 or all) whose destination covers it"]
}

test_fail_narrow_destination if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Pod CIDR Webhook Outbound", "cidr_ipv4"], "value": "192.168.0.0/24"}])
	denies := check.deny with input as snap
	some d in denies
	d.resource == "192.168.0.0/16"
	contains(d.message, "(only 192.168.0.0/24 of it)")
}

test_not_applicable_without_pod_cidrs if {
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_pod_cidrs"},
	])
	contains(check.not_applicable, "HN-CIDR-03") with input as snap
}
