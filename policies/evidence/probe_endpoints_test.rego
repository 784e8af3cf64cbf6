package hybridcheck.evidence.probe_endpoints_test

import data.hybridcheck.evidence.probe_endpoints as check
import data.hybridcheck.lib.endpoints
import data.hybridcheck.test.fixture

ok(fqdn) := {"endpoint": fqdn, "port": 443, "resolved": ["192.0.2.10"], "connected": true, "latency_ms": 12.5}

# A probe of every required endpoint of the compliant estate (us-east-1, SSM), all reached.
reached_all := [ok(fqdn) | some fqdn in endpoints.required("us-east-1", "ssm")]

with_results(results) := object.union(fixture.compliant, {"probe": {"run_at": "2026-11-20T09:00:00Z", "host": "node-probe-1", "results": results}})

test_pass_all_reached if {
	snap := with_results(reached_all)
	count(check.deny) == 0 with input as snap
	"ssm.us-east-1.amazonaws.com:443" in check.checked with input as snap
	count(check.checked) == count(reached_all) with input as snap
}

test_fail_connect_timeout if {
	failed := {"endpoint": "ssm.us-east-1.amazonaws.com", "port": 443, "resolved": ["52.46.141.34"], "connected": false, "latency_ms": 5000, "error": "dial tcp 52.46.141.34:443: i/o timeout"}
	results := array.concat([r | some r in reached_all; r.endpoint != "ssm.us-east-1.amazonaws.com"], [failed])
	denies := check.deny with input as with_results(results)
	[d.message | some d in denies] == ["Probe from node-probe-1 could not reach ssm.us-east-1.amazonaws.com:443: dial tcp 52.46.141.34:443: i/o timeout (resolved 52.46.141.34, 5000 ms); expected the name to resolve and a TCP connection to succeed"]
	[d.evidence.latency_ms | some d in denies] == [5000]
}

test_fail_not_resolved if {
	failed := {"endpoint": "hybrid-assets.eks.amazonaws.com", "port": 443, "connected": false, "latency_ms": 3}
	results := array.concat([r | some r in reached_all; r.endpoint != "hybrid-assets.eks.amazonaws.com"], [failed])
	denies := check.deny with input as with_results(results)
	[d.message | some d in denies] == ["Probe from node-probe-1 could not reach hybrid-assets.eks.amazonaws.com:443: the name did not resolve (resolved to nothing, 3 ms); expected the name to resolve and a TCP connection to succeed"]
}

test_fail_required_endpoint_not_probed if {
	results := [r | some r in reached_all; r.endpoint != "api.ecr.us-east-1.amazonaws.com"]
	denies := check.deny with input as with_results(results)
	[d.resource | some d in denies] == ["api.ecr.us-east-1.amazonaws.com:443"]
}

test_fail_empty_probe if {
	denies := check.deny with input as with_results([])
	count(denies) == count(endpoints.required("us-east-1", "ssm"))
}

test_not_applicable_without_probe if {
	check.not_applicable with input as fixture.compliant
}

palette_saas(snap) := json.patch(snap, [{"op": "add", "path": "/intent/management", "value": "palette-saas"}])

reached_palette := [object.union(ok(e.host), {"port": e.port}) | some e in endpoints.management("palette-saas")]

# With management palette-saas the Palette endpoints are reported like the AWS ones.
test_pass_palette_endpoints_probed if {
	snap := palette_saas(with_results(array.concat(reached_all, reached_palette)))
	count(check.deny) == 0 with input as snap
	"api1.spectrocloud.com:443" in check.checked with input as snap
	"44.232.106.120:443" in check.checked with input as snap
	count(check.checked) == count(reached_all) + 27 with input as snap
}

test_fail_palette_endpoints_not_probed if {
	snap := palette_saas(with_results(array.concat(reached_all, [r | some r in reached_palette; r.endpoint != "registry2.spectrocloud.com"; r.endpoint != "54.80.29.137"])))
	{d.resource | some d in check.deny} == {"registry2.spectrocloud.com:443", "54.80.29.137:443"} with input as snap
}

test_fail_palette_endpoint_unreachable if {
	failed := {"endpoint": "52.6.49.233", "port": 443, "resolved": ["52.6.49.233"], "connected": false, "latency_ms": 5000, "error": "dial tcp 52.6.49.233:443: i/o timeout"}
	results := array.concat(reached_all, array.concat([r | some r in reached_palette; r.endpoint != "52.6.49.233"], [failed]))
	{d.resource | some d in check.deny} == {"52.6.49.233:443"} with input as palette_saas(with_results(results))
}

# Without palette-saas, a probe of the AWS endpoints alone is complete.
test_pass_no_palette_endpoints_without_palette_saas if {
	count(check.deny) == 0 with input as with_results(reached_all)
}
