# Fixture addressing by identity, not position: tests name the element they patch by its
# resource ID, name or description (or by an object of field values), so regenerating the
# references (which re-sorts lists) never moves a patch onto another element.
#
#   locate.patch(doc, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "disabled"], "value": true}])
#
# An "at" step on an array selects the one element whose id, name, description, destination,
# destination_cidr, outside_ip_address, allocation_id, cidr, vpc_id or value equals the step
# (a string), or whose fields include every field of the step (an object). A step that matches
# no element or more than one fails the test loudly: the helper raises an error.
package hybridcheck.test.locate

# patch is json.patch where an op may carry "at" (identity steps) instead of "path"; ops are
# resolved one after another against the document as patched so far, like json.patch applies
# them. Rego has no loops over state: the chain is unrolled for up to 24 ops.
patch(doc, ops) := d24 if {
	count(ops) <= 24
	d1 := _apply(doc, ops, 0)
	d2 := _apply(d1, ops, 1)
	d3 := _apply(d2, ops, 2)
	d4 := _apply(d3, ops, 3)
	d5 := _apply(d4, ops, 4)
	d6 := _apply(d5, ops, 5)
	d7 := _apply(d6, ops, 6)
	d8 := _apply(d7, ops, 7)
	d9 := _apply(d8, ops, 8)
	d10 := _apply(d9, ops, 9)
	d11 := _apply(d10, ops, 10)
	d12 := _apply(d11, ops, 11)
	d13 := _apply(d12, ops, 12)
	d14 := _apply(d13, ops, 13)
	d15 := _apply(d14, ops, 14)
	d16 := _apply(d15, ops, 15)
	d17 := _apply(d16, ops, 16)
	d18 := _apply(d17, ops, 17)
	d19 := _apply(d18, ops, 18)
	d20 := _apply(d19, ops, 19)
	d21 := _apply(d20, ops, 20)
	d22 := _apply(d21, ops, 21)
	d23 := _apply(d22, ops, 22)
	d24 := _apply(d23, ops, 23)
}

_apply(doc, ops, i) := doc if i >= count(ops)

_apply(doc, ops, i) := json.patch(doc, [op(doc, ops[i])]) if i < count(ops)

# op turns one op with "at" into a json.patch op with "path" (ops with "path" pass through).
op(_, o) := o if not o.at

op(doc, o) := object.union(object.remove(o, ["at"]), {"path": path(doc, o.at)}) if {
	o.at
	not _appends(o.at)
}

# A last step "-" appends to the array the steps before it name.
op(doc, o) := object.union(object.remove(o, ["at"]), {"path": concat("", [path(doc, array.slice(o.at, 0, count(o.at) - 1)), "/-"])}) if {
	o.at
	_appends(o.at)
}

_appends(steps) if steps[count(steps) - 1] == "-"

# path is the JSON pointer of the element steps name in doc.
path(doc, steps) := concat("", [sprintf("/%v", [s]) | some s in p]) if p := pointer(doc, steps)

# pointer is the array form of path (array indices as numbers): exactly one element must
# match each step on an array; a last step on an object is a key, which an "add" may create.
pointer(doc, steps) := array.concat(parent, [last]) if {
	parents := [p | some p in _candidates(doc, array.slice(steps, 0, count(steps) - 1))]
	_report(array.slice(steps, 0, count(steps) - 1), count(parents))
	count(parents) == 1
	parent := parents[0]
	last := _last(object.get(doc, parent, null), steps[count(steps) - 1], steps)
}

_last(container, s, _) := s if is_object(container)

_last(container, s, steps) := i if {
	is_array(container)
	found := [j | some j, e in container; _element_matches(e, s)]
	_report(steps, count(found))
	count(found) == 1
	i := found[0]
}

# element is the value steps name in doc.
element(doc, steps) := object.get(doc, pointer(doc, steps), null)

_candidates(doc, steps) := {p |
	walk(doc, [p, _])
	count(p) == count(steps)
	every i, s in steps {
		_step_matches(doc, p, i, s)
	}
}

_step_matches(_, p, i, s) if {
	not is_number(p[i])
	p[i] == s
}

_step_matches(doc, p, i, s) if {
	is_number(p[i])
	_element_matches(object.get(doc, array.slice(p, 0, i + 1), null), s)
}

_element_matches(e, s) if {
	is_string(s)
	_key_matches(e, s)
}

_element_matches(e, s) if {
	is_object(s)
	is_object(e)
	every k, v in s {
		e[k] == v
	}
}

_key_fields := ["id", "name", "description", "destination", "destination_cidr", "outside_ip_address", "allocation_id", "cidr", "vpc_id"]

_key_matches(e, s) if e == s

_key_matches(e, s) if {
	is_object(e)
	some f in _key_fields
	e[f] == s
}

# Tests of the helper itself.

_doc := {"devices": [{"name": "a", "rules": [
	{"description": "x", "port": 1},
	{"description": "y", "port": 2},
	{"description": "y", "port": 3},
]}]}

test_path_by_name_and_description if {
	path(_doc, ["devices", "a", "rules", "x"]) == "/devices/0/rules/0"
	path(_doc, ["devices", "a", "rules", {"description": "y", "port": 3}, "port"]) == "/devices/0/rules/2/port"
}

test_ambiguous_or_missing_step_is_an_error if {
	not _resolves(["devices", "a", "rules", "y"])
	not _resolves(["devices", "b"])
}

_resolves(steps) if path(_doc, steps)

test_patch_resolves_each_op_against_the_patched_document if {
	got := patch(_doc, [
		{"op": "remove", "at": ["devices", "a", "rules", "x"]},
		{"op": "replace", "at": ["devices", "a", "rules", {"port": 2}, "description"], "value": "z"},
		{"op": "add", "at": ["devices", "a", "rules", "-"], "value": {"description": "w"}},
	])
	got.devices[0].rules == [{"description": "z", "port": 2}, {"description": "y", "port": 3}, {"description": "w"}]
}

_report(_, 1)

_report(steps, n) if {
	n != 1
	print(sprintf("locate: %v matches %d elements of the fixture, want exactly one", [steps, n]))
}
