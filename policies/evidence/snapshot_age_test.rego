package hybridcheck.evidence.snapshot_age_test

import data.hybridcheck.evidence.snapshot_age as check
import data.hybridcheck.test.fixture

at(now, max_age) := json.patch(fixture.compliant, [
	{"op": "add", "path": "/check_context", "value": {"now": now}},
	{"op": "replace", "path": "/intent/max_snapshot_age", "value": max_age},
])

test_pass_compliant_reference if {
	count(check.deny) == 0 with input as fixture.compliant
	[c.resource | some c in check.checked] == ["snapshot"] with input as fixture.compliant
}

test_pass_within_default_week if {
	snap := json.patch(fixture.compliant, [
		{"op": "remove", "path": "/intent/max_snapshot_age"},
		{"op": "add", "path": "/check_context", "value": {"now": "2026-11-27T09:29:59Z"}},
	])
	count(check.deny) == 0 with input as snap
	[c.message | some c in check.checked] == ["collected at 2026-11-20T09:30:00Z, 7 days before the check at 2026-11-27T09:29:59Z (maximum 7d)"] with input as snap
}

test_fail_older_than_default_week if {
	snap := json.patch(fixture.compliant, [
		{"op": "remove", "path": "/intent/max_snapshot_age"},
		{"op": "add", "path": "/check_context", "value": {"now": "2026-11-27T09:30:01Z"}},
	])
	denies := check.deny with input as snap
	[d.evidence | some d in denies] == [{"collected_at": "2026-11-20T09:30:00Z", "checked_at": "2026-11-27T09:30:01Z", "age_seconds": 604801, "max_snapshot_age": "7d"}]
}

test_fail_older_than_intent_hours if {
	denies := check.deny with input as at("2026-11-21T10:00:00Z", "24h")
	[d.message | some d in denies] == ["The snapshot was collected at 2026-11-20T09:30:00Z, 1 days before the check at 2026-11-21T10:00:00Z; expected at most 24h old"]
}

test_pass_intent_weeks if {
	count(check.deny) == 0 with input as at("2026-12-10T00:00:00Z", "3w")
	[c.message | some c in check.checked] == ["collected at 2026-11-20T09:30:00Z, 19.6 days before the check at 2026-12-10T00:00:00Z (maximum 3w)"] with input as at("2026-12-10T00:00:00Z", "3w")
}

test_fail_minutes_and_seconds if {
	count(check.deny) == 1 with input as at("2026-11-20T09:31:00Z", "59s")
	count(check.deny) == 1 with input as at("2026-11-20T10:31:00Z", "60m")
}

test_fail_wall_clock_without_check_context if {
	snap := json.patch(fixture.compliant, [{"op": "replace", "path": "/collected_at", "value": "2000-01-01T00:00:00Z"}, {"op": "replace", "path": "/intent/max_snapshot_age", "value": "7d"}])
	some d in check.deny with input as snap
	d.evidence.collected_at == "2000-01-01T00:00:00Z"
}

test_fail_bad_collected_at if {
	snap := json.patch(at("2026-11-21T00:00:00Z", "7d"), [{"op": "replace", "path": "/collected_at", "value": "yesterday"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["The snapshot's collected_at \"yesterday\" is not an RFC 3339 time; expected the collection time, so its age can be measured"]
}

test_fail_bad_max_age if {
	denies := check.deny with input as at("2026-11-21T00:00:00Z", "7 days")
	[d.evidence | some d in denies] == [{"max_snapshot_age": "7 days"}]
}

test_fail_collected_after_the_check if {
	snap := object.union(fixture.compliant, {"check_context": {"now": "2020-01-01T00:00:00Z"}})
	some d in check.deny with input as snap
	contains(d.message, "after the check time 2020-01-01T00:00:00Z")
}
