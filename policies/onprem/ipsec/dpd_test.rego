package hybridcheck.onprem.ipsec.dpd_test

import data.hybridcheck.onprem.ipsec.dpd
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_dpd if {
	count(dpd.deny) == 0 with input as device.compliant_with_device
	count(dpd.checked) == 2 with input as device.compliant_with_device
}

test_fail_dpd_off if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "2", "dpd_enabled"], "value": false}])
	{d.resource | some d in dpd.deny} == {"edge-fw: phase 1 2 (3.225.148.144)"} with input as snap
}

test_pass_dpd_off_on_other_peer if {
	other := object.union(locate.element(device.seed_pfsense, ["ipsec", "phase1", "1"]), {"id": "9", "remote_gateway": "198.51.100.9", "dpd_enabled": false})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "ipsec", "phase1", "-"], "value": other}])
	count(dpd.deny) == 0 with input as snap
	dpd.checked == {"edge-fw: phase 1 1 (52.44.108.101)", "edge-fw: phase 1 2 (3.225.148.144)"} with input as snap
}

test_not_applicable_without_device if {
	dpd.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

test_not_applicable_without_a_phase1_to_aws if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1"], "value": []}])
	startswith(dpd.not_applicable, "no enabled phase 1 on the device points at an AWS tunnel address") with input as snap
}
