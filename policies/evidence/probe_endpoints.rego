# METADATA
# title: Probe from the node network reached every required endpoint
# description: |
#   Where the snapshot holds results of hybridcheck probe, run on a host in a hybrid node
#   subnet, every endpoint resolved and accepted a TCP connection on its port, every endpoint the
#   credential model requires in the region was probed and, with intent management:
#   palette-saas, every Palette SaaS domain and address of HN-EGR-02's table too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A probe from the node network is the ground truth that the required endpoints resolve and answer from where the nodes run."
#   seed: "Remote network validate 3"
#   id: HN-PRB-01
#   severity: high
#   remediation: From the node subnet, fix DNS resolution (resolver, split-horizon records) and the outbound path (firewall rule, NAT, proxy) for the failing endpoint, then run hybridcheck probe again
#   applies_when: probe results exist
package hybridcheck.evidence.probe_endpoints

import data.hybridcheck.lib
import data.hybridcheck.lib.endpoints

probe := object.get(input, "probe", null)

not_applicable := "the snapshot holds no probe results (run hybridcheck probe on a host in a hybrid node subnet and collect with --probe)" if probe == null

results := object.get(probe, "results", []) if probe != null

result_resource(r) := sprintf("%s:%d", [r.endpoint, r.port])

checked contains result_resource(r) if some r in results

deny contains {
	"resource": result_resource(r),
	"message": sprintf("Probe from %s could not reach %s:%d: %s (resolved %s, %v ms); expected the name to resolve and a TCP connection to succeed", [object.get(probe, "host", "the node network"), r.endpoint, r.port, failure(r), resolved_text(r), r.latency_ms]),
	"evidence": {
		"endpoint": r.endpoint,
		"port": r.port,
		"resolved": object.get(r, "resolved", []),
		"connected": r.connected,
		"latency_ms": r.latency_ms,
		"error": object.get(r, "error", ""),
		"host": object.get(probe, "host", ""),
		"run_at": object.get(probe, "run_at", ""),
	},
} if {
	some r in results
	not reached(r)
}

reached(r) if {
	r.connected == true
	count(object.get(r, "resolved", [])) > 0
}

failure(r) := r.error if {
	object.get(r, "error", "") != ""
} else := "the name did not resolve" if {
	count(object.get(r, "resolved", [])) == 0
} else := "the TCP connection failed"

resolved_text(r) := concat(", ", r.resolved) if count(object.get(r, "resolved", [])) > 0

else := "to nothing"

probed := {r.endpoint | some r in results}

deny contains {
	"resource": sprintf("%s:443", [fqdn]),
	"message": sprintf("The probe has no result for %s, required in %s with credential provider %s; expected every required endpoint to be probed", [fqdn, lib.region, lib.credential_provider]),
	"evidence": {"endpoint": fqdn, "region": lib.region, "credential_provider": lib.credential_provider, "probed": lib.sort_set(probed)},
} if {
	probe != null
	lib.region != ""
	some fqdn in endpoints.required(lib.region, lib.credential_provider)
	not fqdn in probed
}

# With management palette-saas, Palette's domains and addresses (HN-EGR-02's table) too.
probed_at := {result_resource(r) | some r in results}

deny contains {
	"resource": result_resource(e),
	"message": sprintf("The probe has no result for %s:%d, a Palette SaaS endpoint the nodes reach with management %s; expected every such endpoint to be probed", [e.endpoint, e.port, lib.management]),
	"evidence": {"endpoint": e.endpoint, "port": e.port, "management": lib.management, "probed": lib.sort_set(probed_at)},
} if {
	probe != null
	some m in endpoints.management(lib.management)
	e := {"endpoint": m.host, "port": m.port}
	not result_resource(e) in probed_at
}
