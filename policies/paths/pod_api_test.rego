package hybridcheck.paths.pod_api_test

import data.hybridcheck.paths.pod_api
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

resource := "pod-to-control-plane: pods to the control plane (TCP 443)"

test_pass_compliant if {
	count(pod_api.deny) == 0 with input as fixture.compliant
	some c in pod_api.checked with input as fixture.compliant
	c.resource == resource
	startswith(c.message, "gets through 14 hops")
}

# The seeded HN-SG-02 defect: the control plane's security groups no longer admit the pods.
test_fail_security_group if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Pod CIDR Inbound"]}])
	some d in pod_api.deny with input as snap
	d.resource == resource
	contains(d.message, "aws-sg")
	contains(d.message, "admits tcp 443 from/to 192.168.0.0/16")
}

test_not_applicable_without_pod_cidrs if {
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_pod_cidrs"},
	])
	contains(pod_api.not_applicable, "its networks are not known") with input as snap
}
