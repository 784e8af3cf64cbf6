# METADATA
# title: Snapshot recent enough
# description: |
#   Findings describe the estate at collection time; a snapshot older than the intent's maximum
#   age (default 7 days) no longer proves the current state. For an offline import the
#   collection time is the time of the import.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "An old snapshot describes a network that may have changed since; audit evidence must be recent."
#   seed: "auditing practice"
#   id: HN-SNAP-02
#   severity: low
#   remediation: Collect a new snapshot (hybridcheck collect ...) and check it, or raise max_snapshot_age in the intent if the audit cycle allows
#   applies_when: always
package hybridcheck.evidence.snapshot_age

import data.hybridcheck.lib

collected_at := object.get(input, "collected_at", "")

max_age := object.get(lib.intent, "max_snapshot_age", "7d") if object.get(lib.intent, "max_snapshot_age", "") != ""

else := "7d"

unit_ns := {
	"s": 1000000000,
	"m": 60000000000,
	"h": 3600000000000,
	"d": 86400000000000,
	"w": 604800000000000,
}

max_age_ns := to_number(parts[1]) * unit_ns[parts[2]] if {
	parts := regex.find_all_string_submatch_n(`^([0-9]+)(s|m|h|d|w)$`, max_age, 1)[0]
}

# The check time is the engine's (input.check_context.now), so a report can be reproduced;
# the wall clock only stands in when no engine set it.
now_ns := time.parse_rfc3339_ns(input.check_context.now) if regex.match(rfc3339, input.check_context.now)

else := time.now_ns()

# Strict built-in errors would turn an unparseable time into an error result; the pattern
# keeps it a finding instead.
rfc3339 := `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`

collected_ns := time.parse_rfc3339_ns(collected_at) if regex.match(rfc3339, collected_at)

check_time := input.check_context.now if regex.match(rfc3339, input.check_context.now)

else := time.format(now_ns)

age_text(ns) := sprintf("%v days", [round((ns * 10) / unit_ns.d) / 10]) if ns >= unit_ns.d

else := sprintf("%v hours", [round((ns * 10) / unit_ns.h) / 10])

checked contains {"resource": "snapshot", "message": sprintf("collected at %s, %s before the check at %s (maximum %s)", [collected_at, age_text(now_ns - collected_ns), check_time, max_age])} if {
	collected_ns
	max_age_ns
	collected_ns - now_ns <= clock_skew_ns
}

deny contains {
	"resource": "snapshot",
	"message": sprintf("The snapshot was collected at %s, %s before the check at %s; expected at most %s old", [collected_at, age_text(now_ns - collected_ns), check_time, max_age]),
	"evidence": {"collected_at": collected_at, "checked_at": check_time, "age_seconds": (now_ns - collected_ns) / 1000000000, "max_snapshot_age": max_age},
} if {
	now_ns - collected_ns > max_age_ns
}

deny contains {
	"resource": "snapshot",
	"message": sprintf("The snapshot's collected_at %q is not an RFC 3339 time; expected the collection time, so its age can be measured", [collected_at]),
	"evidence": {"collected_at": collected_at},
} if {
	not collected_ns
}

deny contains {
	"resource": "snapshot",
	"message": sprintf("The intent's max_snapshot_age %q is not a number followed by s, m, h, d or w; expected e.g. 7d", [max_age]),
	"evidence": {"max_snapshot_age": max_age},
} if {
	not max_age_ns
}

# A snapshot from after the check time (a clock far off, or --as-of set before the collection)
# proves nothing about the state at the check time.
deny contains {
	"resource": "snapshot",
	"message": sprintf("The snapshot was collected at %s, after the check time %s; expected a snapshot taken before the check", [collected_at, check_time]),
	"evidence": {"collected_at": collected_at, "checked_at": check_time},
} if {
	collected_ns - now_ns > clock_skew_ns
}

# Clocks of the collecting and checking machines may differ by a little.
clock_skew_ns := 5 * unit_ns.m
