# METADATA
# title: Shared helpers of the end-to-end path checks
# description: |
#   The HN-PATH checks ask the path engine (the hybridcheck.path_trace built-in) to follow one
#   seed flow hop by hop across AWS and the device; these helpers turn its trace into results
#   whose evidence is the hop list and whose message names the hop that stops the flow.
# schemas:
#   - input: schema.snapshot
package hybridcheck.lib.paths

trace(name) := hybridcheck.path_trace(input, name)

resource(t) := sprintf("%s: %s", [t.flow.name, t.flow.description])

mark := {"pass": "✓", "drop": "✗", "unknown": "?"}

hop_text(i, h) := sprintf("%s %d %s%s: %s", [mark[h.verdict], i + 1, reply(h), h.what, h.evidence])

reply(h) := "reply: " if h.direction == "return"

else := ""

stop(t) := t.hops[t.first_stop]

evidence(t) := {
	"flow": t.flow,
	"first_stop": t.first_stop,
	"hops": [hop_text(i, h) | some i, h in t.hops],
	"trace": t.hops,
}

passed(t) := {
	"resource": resource(t),
	"message": sprintf("gets through %d hops: %s", [count(t.hops), concat(", ", [h.kind | some h in t.hops])]),
}

finding(t) := {
	"resource": resource(t),
	"message": sprintf("dropped at hop %d, %s%s (%s): %s", [t.first_stop + 1, reply(stop(t)), stop(t).kind, stop(t).resource, stop(t).evidence]),
	"evidence": evidence(t),
}

undecided(t) := {
	"resource": resource(t),
	"message": sprintf("cannot be decided from hop %d, %s%s (%s): %s", [t.first_stop + 1, reply(stop(t)), stop(t).kind, stop(t).resource, stop(t).evidence]),
	"evidence": evidence(t),
}

# passes, failures and undecideds are a path check's checked, deny and unknown entries for its
# trace, the same way for every path check (at most one entry; none when the flow does not
# apply):
#   checked contains r if some r in paths.passes(trace)
passes(t) := {passed(t) | t.applicable; t.verdict == "pass"}

failures(t) := {finding(t) | t.applicable; t.verdict == "drop"}

undecideds(t) := {undecided(t) | t.applicable; t.verdict == "unknown"}
