package hybridcheck.cidr.remote_cidrs_known_test

import data.hybridcheck.cidr.remote_cidrs_known
import data.hybridcheck.test.fixture

without_pods := json.patch(fixture.compliant, [
	{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": []},
	{"op": "remove", "path": "/intent/remote_pod_cidrs"},
])

test_pass_compliant if {
	count(remote_cidrs_known.deny) == 0 with input as fixture.compliant
	{c.resource | some c in remote_cidrs_known.checked} == {"remote_node_networks", "remote_pod_networks"} with input as fixture.compliant
}

test_pass_from_intent_only if {
	snap := json.patch(fixture.compliant, [{"op": "remove", "path": "/aws/eks_cluster"}])
	count(remote_cidrs_known.deny) == 0 with input as snap
	some c in remote_cidrs_known.checked with input as snap
	c.message == "1 remote node CIDR(s) known from intent"
}

test_fail_no_pod_cidrs if {
	denies := remote_cidrs_known.deny with input as without_pods
	[d.resource | some d in denies] == ["remote_pod_networks"]
	some d in denies
	contains(d.message, "the pod CIDR checks cannot run")
}

test_fail_nothing_known if {
	snap := json.patch(without_pods, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	denies := remote_cidrs_known.deny with input as snap
	{d.resource | some d in denies} == {"remote_node_networks", "remote_pod_networks"}
	some d in denies
	d.resource == "remote_node_networks"
	contains(d.message, "the hybrid checks cannot run")
	d.evidence.cluster_remote_node_networks == []
	d.evidence.intent_remote_node_cidrs == null
}

test_fail_nothing_known_without_cluster if {
	snap := json.patch(fixture.compliant, [
		{"op": "remove", "path": "/aws/eks_cluster"},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	denies := remote_cidrs_known.deny with input as snap
	[[d.resource, d.evidence.eks_cluster] | some d in denies] == [["remote_node_networks", null]]
}
