package hybridcheck.intersite.dx_connection_test

import data.hybridcheck.intersite.dx_connection as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(variants.direct_connect, ops)

test_pass_direct_connect if {
	count(check.deny) == 0 with input as variants.direct_connect
	check.checked == {"dxcon-fgab1234"} with input as variants.direct_connect
}

test_fail_down if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "direct_connect", "connections", "dxcon-fgab1234", "state"], "value": "down"}])
	[d.message | some d in denies] == ["Direct Connect connection dxcon-fgab1234 is in state down; expected available"]
}

test_fail_connection_not_collected if {
	denies := check.deny with input as patched([{"op": "replace", "path": "/aws/direct_connect/connections", "value": []}])
	[d.message | some d in denies] == ["Direct Connect connection dxcon-fgab1234, used by virtual interface(s) dxvif-fgcd5678, is not in the snapshot; expected it to be collected and available"]
}

test_fail_nothing_collected if {
	denies := check.deny with input as patched([{"op": "remove", "path": "/aws/direct_connect"}])
	[d.evidence | some d in denies] == [{"vpc_id": "vpc-0518d3603257bf85d", "direct_connect_collected": false}]
}

test_not_applicable_vpn if {
	check.not_applicable == "connectivity is site-to-site-vpn, not direct-connect, so the Direct Connect checks do not apply" with input as fixture.compliant
}
