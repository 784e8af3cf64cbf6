package hybridcheck.onprem.cilium.etcd_test

import data.hybridcheck.onprem.cilium.etcd
import data.hybridcheck.test.device

test_pass_seed_allows_etcd if {
	count(etcd.deny) == 0 with input as device.compliant_with_device
	count(etcd.checked) == 2 with input as device.compliant_with_device
}

test_fail_port_2380_missing if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/15/destination/ports", "value": [{"from": 2379, "to": 2379}]},
		{"op": "replace", "path": "/devices/0/firewall/chains/0/rules/22/destination/ports", "value": [{"from": 2379, "to": 2379}]},
	])
	{d.resource | some d in etcd.deny} == {"edge-fw: tcp/2380 10.200.0.0/16 -> 10.100.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	etcd.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
