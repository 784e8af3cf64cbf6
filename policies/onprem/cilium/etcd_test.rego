package hybridcheck.onprem.cilium.etcd_test

import data.hybridcheck.onprem.cilium.etcd
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_etcd if {
	count(etcd.deny) == 0 with input as device.compliant_with_device
	count(etcd.checked) == 2 with input as device.compliant_with_device
}

test_fail_port_2380_missing if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid node to Amazon EKS etcd", "interfaces": ["opt1"]}, "destination", "ports"], "value": [{"from": 2379, "to": 2379}]},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid node to Amazon EKS etcd", "interfaces": ["opt2"]}, "destination", "ports"], "value": [{"from": 2379, "to": 2379}]},
	])
	{d.resource | some d in etcd.deny} == {"edge-fw: tcp/2380 10.200.0.0/16 -> 10.100.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	etcd.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
