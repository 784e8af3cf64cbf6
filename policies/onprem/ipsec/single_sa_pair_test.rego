package hybridcheck.onprem.ipsec.single_sa_pair_test

import data.hybridcheck.onprem.ipsec.single_sa_pair
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

# The seed: IKEv2 on pfSense without split connections, so the node and pod phase 2 entries of
# each tunnel travel in one child SA.
test_pass_seed_ikev2_unsplit if {
	count(single_sa_pair.deny) == 0 with input as device.compliant_with_device
	single_sa_pair.checked == {
		{"resource": "edge-fw: phase 1 1 (52.44.108.101)", "message": "2 policy-based phase 2 entries combined into one IKEv2 child SA (connections not split)"},
		{"resource": "edge-fw: phase 1 2 (3.225.148.144)", "message": "2 policy-based phase 2 entries combined into one IKEv2 child SA (connections not split)"},
	} with input as device.compliant_with_device
}

test_fail_split_connections if {
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "split_connections"], "value": true}])
	{d.resource | some d in single_sa_pair.deny} == {"edge-fw: phase 1 1 (52.44.108.101)"} with input as snap
	some d in single_sa_pair.deny with input as snap
	startswith(d.message, "2 phase 2 entries negotiate 2 SA pairs, but an AWS tunnel accepts one")
}

test_fail_ikev1 if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "ike_version"], "value": "ikev1"},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "2", "ike_version"], "value": "ikev1"},
	])
	count(single_sa_pair.deny) == 2 with input as snap
}

# One phase 2 per tunnel, 0.0.0.0/0 <-> VPC: one SA pair even with IKEv1.
test_pass_single_summary_phase2 if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "ike_version"], "value": "ikev1"},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-0"]), {"local_networks": ["0.0.0.0/0"]}), object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-2"]), {"local_networks": ["0.0.0.0/0"]})]},
	])
	count(single_sa_pair.deny) == 0 with input as snap
	some c in single_sa_pair.checked with input as snap
	c.message == "1 policy-based phase 2 entries: at most one SA pair"
}

test_not_applicable_without_device if {
	single_sa_pair.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
