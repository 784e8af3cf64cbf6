package path

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The Rego value of a trace, built term by term: the same value the trace's JSON form decodes
// to (field names and omitempty from the struct tags, nil slices as null, numbers formatted as
// a JSON float64 decodes them), without encoding and decoding it for every path query.

// traceFields appends the trace's fields, as its JSON form has them, to an object's fields.
func traceFields(kv [][2]*ast.Term, t *Trace) [][2]*ast.Term {
	hops := ast.NullTerm()
	if t.Hops != nil {
		terms := make([]*ast.Term, len(t.Hops))
		for i := range t.Hops {
			terms[i] = hopTerm(&t.Hops[i])
		}
		hops = ast.ArrayTerm(terms...)
	}
	kv = append(kv, field("flow", flowTerm(&t.Flow)), field("verdict", stringTerm(string(t.Verdict))),
		field("hops", hops), field("first_stop", numberTerm(t.FirstStop)))
	if t.NotApplicable != "" {
		kv = append(kv, field("not_applicable", stringTerm(t.NotApplicable)))
	}
	return kv
}

func flowTerm(f *Flow) *ast.Term {
	kv := make([][2]*ast.Term, 0, 8)
	if f.Name != "" {
		kv = append(kv, field("name", stringTerm(f.Name)))
	}
	kv = append(kv, field("description", stringTerm(f.Description)), field("protocol", stringTerm(f.Protocol)))
	if f.Port != 0 {
		kv = append(kv, field("port", numberTerm(f.Port)))
	}
	if f.ICMPType != nil {
		kv = append(kv, field("icmp_type", numberTerm(*f.ICMPType)))
	}
	kv = append(kv, field("sources", stringsTerm(f.Sources)))
	if len(f.Destinations) > 0 {
		kv = append(kv, field("destinations", stringsTerm(f.Destinations)))
	}
	if len(f.DestinationNames) > 0 {
		kv = append(kv, field("destination_names", stringsTerm(f.DestinationNames)))
	}
	return ast.ObjectTerm(kv...)
}

func hopTerm(h *Hop) *ast.Term {
	kv := make([][2]*ast.Term, 0, 9)
	kv = append(kv, field("kind", stringTerm(h.Kind)), field("direction", stringTerm(h.Direction)),
		field("site", stringTerm(h.Site)), field("resource", stringTerm(h.Resource)), field("what", stringTerm(h.What)),
		field("verdict", stringTerm(string(h.Verdict))), field("evidence", stringTerm(h.Evidence)))
	if h.Location != "" {
		kv = append(kv, field("location", stringTerm(h.Location)))
	}
	if len(h.Pieces) > 0 {
		pieces := make([]*ast.Term, len(h.Pieces))
		for i, p := range h.Pieces {
			pieces[i] = ast.ObjectTerm(field("cidrs", stringsTerm(p.CIDRs)),
				field("verdict", stringTerm(string(p.Verdict))), field("evidence", stringTerm(p.Evidence)))
		}
		kv = append(kv, field("pieces", ast.ArrayTerm(pieces...)))
	}
	return ast.ObjectTerm(kv...)
}

func field(name string, v *ast.Term) [2]*ast.Term {
	return [2]*ast.Term{ast.InternedTerm(name), v}
}

// stringsTerm is a string list as JSON has it: null when nil.
func stringsTerm(ss []string) *ast.Term {
	if ss == nil {
		return ast.NullTerm()
	}
	terms := make([]*ast.Term, len(ss))
	for i, s := range ss {
		terms[i] = stringTerm(s)
	}
	return ast.ArrayTerm(terms...)
}

// stringTerm is a string as its JSON form decodes: invalid UTF-8 (which encoding/json replaces
// byte by byte) takes the slow way so the value stays the same.
func stringTerm(s string) *ast.Term {
	if !utf8.ValidString(s) {
		if b, err := json.Marshal(s); err == nil {
			_ = json.Unmarshal(b, &s)
		}
	}
	return ast.InternedTerm(s)
}

// numberTerm is an integer as a JSON number decoded to float64 reads (what ast.InterfaceToValue
// gives for it): 1e+06 and up in exponent form.
func numberTerm(i int) *ast.Term {
	return ast.NewTerm(ast.Number(strconv.FormatFloat(float64(i), 'g', -1, 64)))
}
