package hybridcheck.lib.device_test

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

# Verdicts as the device_allows built-in returns them: one allowed, one blocked by a rule, one
# the snapshot cannot settle.
flow := {"protocol": "tcp", "sources": ["10.100.0.0/16"], "destinations": ["10.200.0.0/16"], "port": 10250, "aws": {}}

kubelet_case := {"description": "tcp/10250 10.100.0.0/16 -> 10.200.0.0/16", "flow": flow}

result(overrides) := object.union(
	{
		"allowed": false, "partially_allowed": false, "allowed_by": [], "blocked": [], "unknown": [],
		"ingress_interface": "wan", "notes": [], "routing": [],
	},
	overrides,
)

rule(index, description) := {"chain": "filter", "index": index, "description": description}

allowed := {"device": {"name": "fw-a"}, "case": kubelet_case, "result": result({"allowed": true, "allowed_by": [rule(3, "kubelet")]})}

blocked := {"device": {"name": "fw-b"}, "case": kubelet_case, "result": result({"blocked": [{
	"sources": ["10.100.0.0/16"], "destinations": ["10.200.0.0/16"],
	"by": rule(7, "block the rest"),
}]})}

undecided := {"device": {"name": "fw-c"}, "case": kubelet_case, "result": result({"unknown": [{
	"sources": ["10.100.0.0/16"], "destinations": ["10.200.0.0/16"],
	"reason": "rule 2 matches a GeoIP alias",
}]})}

verdicts := {allowed, blocked, undecided}

test_pass_passes_keeps_the_allowed_verdict_with_its_rule if {
	devlib.passes(verdicts) == {{
		"resource": "fw-a: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16",
		"message": "allowed by filter rule 3 (kubelet)",
	}}
}

test_fail_failures_name_the_blocking_rule if {
	[f] := [f | some f in devlib.failures(verdicts)]
	f.resource == "fw-b: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	f.message == "not allowed: 10.100.0.0/16 -> 10.200.0.0/16 blocked by filter rule 7 (block the rest)"
	f.evidence.device == "fw-b"
	not f.evidence.flow.aws
}

test_unknown_undecided_findings_say_what_is_missing if {
	[u] := [u | some u in devlib.undecided_findings(verdicts)]
	u.resource == "fw-c: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	u.message == "cannot be decided: 10.100.0.0/16 -> 10.200.0.0/16: rule 2 matches a GeoIP alias"
}

test_pass_no_verdicts_no_results if {
	(count(devlib.passes(set())) + count(devlib.failures(set()))) + count(devlib.undecided_findings(set())) == 0
}

# A flow allowed for nothing with nothing unknown fails even without a blocking rule.
test_fail_nothing_allowed_and_nothing_unknown_is_a_failure if {
	v := {"device": {"name": "fw-d"}, "case": kubelet_case, "result": result({})}
	count(devlib.failures({v})) == 1
	count(devlib.passes({v})) == 0
}

# A device with no static WAN address gets one finding that names the traffic and the AWS
# tunnels; a device with one gets none.
test_fail_no_static_wan if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "wan_addresses"], "value": []}])
	findings := devlib.no_static_wan("UDP 1194") with input as snap
	tunnels := concat(", ", lib.tunnel_ips) with input as snap
	findings == {{
		"resource": "edge-fw",
		"message": sprintf("no static WAN address in its export (assigned at run time?), so UDP 1194 to %s cannot be checked", [tunnels]),
		"evidence": {"wan_addresses": []},
	}}
	tunnels != ""
}

test_pass_static_wan_gives_no_finding if {
	count(devlib.no_static_wan("UDP 1194")) == 0 with input as device.compliant_with_device
	count(lib.devices) > 0 with input as device.compliant_with_device
}
