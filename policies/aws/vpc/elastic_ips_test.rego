package hybridcheck.aws.vpc.elastic_ips_test

import data.hybridcheck.aws.vpc.elastic_ips as check
import data.hybridcheck.test.fixture

idle := {"allocation_id": "eipalloc-0d1e2f3a4b5c6d7e8", "public_ip": "3.91.22.14", "domain": "vpc"}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"eipalloc-05e4fdafb32b05447"} with input as fixture.compliant
}

test_fail_unassociated if {
	snap := json.patch(fixture.compliant, [{"op": "add", "path": "/aws/elastic_ips/-", "value": idle}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Elastic IP eipalloc-0d1e2f3a4b5c6d7e8 (3.91.22.14) is not associated with any instance or network interface; expected it associated or released"]
	check.checked == {"eipalloc-05e4fdafb32b05447", "eipalloc-0d1e2f3a4b5c6d7e8"} with input as snap
}

test_pass_instance_association if {
	snap := json.patch(fixture.compliant, [{"op": "add", "path": "/aws/elastic_ips/-", "value": object.union(idle, {"instance_id": "i-0123456789abcdef0"})}])
	count(check.deny) == 0 with input as snap
	check.checked == {"eipalloc-05e4fdafb32b05447", "eipalloc-0d1e2f3a4b5c6d7e8"} with input as snap
}
