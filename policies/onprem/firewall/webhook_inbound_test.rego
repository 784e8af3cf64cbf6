package hybridcheck.onprem.firewall.webhook_inbound_test

import data.hybridcheck.onprem.firewall.webhook_inbound
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_webhooks if {
	count(webhook_inbound.deny) == 0 with input as device.compliant_with_device
	count(webhook_inbound.checked) == 1 with input as device.compliant_with_device
}

test_fail_rule_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid pods", "disabled"], "value": true}])
	{d.resource | some d in webhook_inbound.deny} == {"edge-fw: tcp/443 10.100.0.0/16 -> 192.168.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	webhook_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
