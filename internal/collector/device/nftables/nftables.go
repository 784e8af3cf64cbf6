// Package nftables imports `nft -j list ruleset` JSON into the snapshot's device model: filter
// chains with their hooks, priorities and policies, rules with matches and verdicts, named sets
// resolved into addresses and ports, and NAT chains turned into NAT rules.
//
// Limits: the file size limit of package device applies; expressions nested deeper than
// maxExprDepth and more than maxObjects ruleset objects are rejected.
package nftables

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const (
	// maxExprDepth bounds how deep set, prefix and operator expressions may nest; real rulesets
	// stay below 6.
	maxExprDepth = 32
	// maxObjects bounds the ruleset's table, chain, set and rule objects.
	maxObjects = 1 << 20
)

func init() { device.Register("nftables", Import) }

type tableObj struct {
	Family string `json:"family"`
	Name   string `json:"name"`
}

type chainObj struct {
	Family string          `json:"family"`
	Table  string          `json:"table"`
	Name   string          `json:"name"`
	Type   string          `json:"type"`
	Hook   string          `json:"hook"`
	Prio   json.RawMessage `json:"prio"`
	Policy string          `json:"policy"`
}

type setObj struct {
	Family string `json:"family"`
	Table  string `json:"table"`
	Name   string `json:"name"`
	Type   any    `json:"type"`
	Map    any    `json:"map"`
	Flags  any    `json:"flags"`
	Elem   []any  `json:"elem"`
}

type ruleObj struct {
	Family  string           `json:"family"`
	Table   string           `json:"table"`
	Chain   string           `json:"chain"`
	Handle  int64            `json:"handle"`
	Comment string           `json:"comment"`
	Expr    []map[string]any `json:"expr"`
	line    int
}

type metainfo struct {
	Version           string `json:"version"`
	JSONSchemaVersion int    `json:"json_schema_version"`
}

// chain is one declared chain with its rules, as the importer sees it.
type chain struct {
	obj      chainObj
	priority int
	rules    []ruleObj
	// nat marks chains whose rules become NAT rules: base chains of type nat and regular
	// chains that translate addresses or are reached from a NAT chain.
	nat bool
}

// namedSet is a set or map declared in a table; rules refer to it as "@name".
type namedSet struct {
	obj  setObj
	kind string // "set" or "map"
	used bool
}

type ruleset struct {
	file    string
	version string
	chains  []*chain
	chainBy map[string]*chain
	sets    []*namedSet
	setBy   map[string]*namedSet
	// tables are the declared tables: nft lists every table before its chains, so a chain in
	// a table not listed means a damaged or hand-edited export.
	tables   map[string]bool
	warnings []string
}

func tableKey(family, table string) string { return family + " " + table }

// Import parses one `nft -j list ruleset` export.
func Import(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
	rs, err := parse(name, data)
	if err == nil {
		err = rs.classify()
	}
	if err != nil {
		return nil, nil, errors.New(device.Printable(err.Error()))
	}
	dev := rs.build()
	for i, w := range rs.warnings {
		rs.warnings[i] = device.Printable(w)
	}
	return dev, rs.warnings, nil
}

func parse(name string, data []byte) (*ruleset, error) {
	objects, err := rulesetObjects(data)
	if err != nil {
		return nil, err
	}
	rs := &ruleset{file: name, chainBy: map[string]*chain{}, setBy: map[string]*namedSet{}, tables: map[string]bool{}}
	var rules []ruleObj
	for i, o := range objects {
		if len(o.body) != 1 {
			return nil, fmt.Errorf("line %d: nftables[%d]: want one object kind, found %d", o.line, i, len(o.body))
		}
		for kind, body := range o.body {
			if err := rs.addObject(i, o.line, kind, body, &rules); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range rules {
		c, ok := rs.chainBy[tableKey(r.Family, r.Table)+" "+r.Chain]
		if !ok {
			return nil, fmt.Errorf("line %d: rule handle %d: chain %s %s %s is not declared", r.line, r.Handle, r.Family, r.Table, r.Chain)
		}
		c.rules = append(c.rules, r)
	}
	return rs, nil
}

// rulesetObject is one element of the "nftables" array and the line it starts on, so that
// rules can be cited by line in pretty-printed exports.
type rulesetObject struct {
	line int
	body map[string]json.RawMessage
}

// rulesetObjects streams the "nftables" array of {"nftables": [...]}, noting each element's line.
func rulesetObjects(data []byte) ([]rulesetObject, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	lines := lineCounter{data: data}
	if tok, err := dec.Token(); err != nil {
		return nil, jsonError(data, err)
	} else if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("the document is not a JSON object: not the output of nft -j list ruleset")
	}
	var out []rulesetObject
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(data, err)
		}
		if key, _ := tok.(string); key != "nftables" || found {
			if key == "nftables" {
				return nil, fmt.Errorf("line %d: a second \"nftables\" array", lines.at(dec.InputOffset()))
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, jsonError(data, err)
			}
			continue
		}
		found = true
		if tok, err := dec.Token(); err != nil {
			return nil, jsonError(data, err)
		} else if d, ok := tok.(json.Delim); !ok || d != '[' {
			return nil, fmt.Errorf("line %d: \"nftables\" is not an array", lines.at(dec.InputOffset()))
		}
		for dec.More() {
			line := lines.at(skipSeparators(data, dec.InputOffset()))
			var body map[string]json.RawMessage
			if err := dec.Decode(&body); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return nil, fmt.Errorf("line %d: nftables[%d] is a JSON %s, want an object", line, len(out), te.Value)
				}
				return nil, jsonError(data, err)
			}
			if len(out) == maxObjects {
				return nil, fmt.Errorf("line %d: more than %d ruleset objects", line, maxObjects)
			}
			out = append(out, rulesetObject{line: line, body: body})
		}
		if _, err := dec.Token(); err != nil {
			return nil, jsonError(data, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %d: data after the ruleset", lines.at(dec.InputOffset()))
	}
	if !found {
		return nil, errors.New(`no "nftables" array: not the output of nft -j list ruleset`)
	}
	return out, nil
}

func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return off
}

// lineCounter turns increasing byte offsets into line numbers without rescanning the file.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (l *lineCounter) at(off int64) int {
	if off > int64(len(l.data)) {
		off = int64(len(l.data))
	}
	if off < l.off {
		l.off, l.line = 0, 0
	}
	l.line += bytes.Count(l.data[l.off:off], []byte("\n"))
	l.off = off
	return l.line + 1
}

func (rs *ruleset) addObject(i, line int, kind string, body json.RawMessage, rules *[]ruleObj) error {
	decode := func(v any) error {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("line %d: nftables[%d] (%s): %v", line, i, kind, err)
		}
		return nil
	}
	switch kind {
	case "metainfo":
		var m metainfo
		if err := decode(&m); err != nil {
			return err
		}
		// The nftables test-suite dumps carry "VERSION" instead of a release number.
		if m.Version != "" && m.Version != "VERSION" {
			rs.version = "nftables " + m.Version
		}
		if m.JSONSchemaVersion > 1 {
			rs.warnings = append(rs.warnings, fmt.Sprintf("JSON schema version %d is newer than the version 1 this importer knows", m.JSONSchemaVersion))
		}
	case "table":
		// A table holds nothing the device model needs beyond what its chains and sets name;
		// decoding still checks its shape.
		var t tableObj
		if err := decode(&t); err != nil {
			return err
		}
		rs.tables[tableKey(t.Family, t.Name)] = true
	case "chain":
		return rs.addChain(i, line, decode)
	case "set", "map":
		var s setObj
		if err := decode(&s); err != nil {
			return err
		}
		key := tableKey(s.Family, s.Table) + " " + s.Name
		ns := &namedSet{obj: s, kind: kind}
		rs.sets = append(rs.sets, ns)
		rs.setBy[key] = ns
	case "element":
		var s setObj
		if err := decode(&s); err != nil {
			return err
		}
		ns, ok := rs.setBy[tableKey(s.Family, s.Table)+" "+s.Name]
		if !ok {
			return fmt.Errorf("line %d: nftables[%d] (element): set %s %s %s is not declared", line, i, s.Family, s.Table, s.Name)
		}
		ns.obj.Elem = append(ns.obj.Elem, s.Elem...)
	case "rule":
		var r ruleObj
		if err := decode(&r); err != nil {
			return err
		}
		r.line = line
		if len(*rules) >= device.MaxRules {
			return fmt.Errorf("line %d: over %d rules, the limit per export", line, device.MaxRules)
		}
		// nft never lists a rule without statements: "expr": null, [] or a null statement is
		// a damaged export, and the rule's verdict is unknown.
		if len(r.Expr) == 0 || slices.ContainsFunc(r.Expr, func(e map[string]any) bool { return e == nil }) {
			rs.warnings = append(rs.warnings, fmt.Sprintf("line %d: rule handle %d in chain %s %s %s has no readable statements (\"expr\" empty or null): its verdict is not modelled", line, r.Handle, r.Family, r.Table, r.Chain))
		}
		*rules = append(*rules, r)
	case "add", "insert", "create", "replace", "delete", "destroy", "flush", "list", "reset", "rename":
		return fmt.Errorf("line %d: nftables[%d]: %q is a command, not a ruleset listing; export with nft -j list ruleset", line, i, kind)
	case "flowtable", "counter", "quota", "ct helper", "ct timeout", "ct expectation", "limit", "secmark", "synproxy", "tunnel":
		// Stateful objects and flowtables change no filter or NAT decision by themselves; the
		// rules that use them are inspected statement by statement.
	default:
		rs.warnings = append(rs.warnings, fmt.Sprintf("line %d: nftables[%d]: unknown object %q ignored", line, i, kind))
	}
	return nil
}

// addChain records a chain object after checking what a damaged export gets wrong: no name,
// an unknown policy, a duplicate, a table never declared.
func (rs *ruleset) addChain(i, line int, decode func(any) error) error {
	var c chainObj
	if err := decode(&c); err != nil {
		return err
	}
	if c.Name == "" || c.Table == "" {
		return fmt.Errorf("line %d: nftables[%d] (chain): chain without name or table", line, i)
	}
	prio, err := chainPriority(c)
	if err != nil {
		return fmt.Errorf("line %d: chain %s %s %s: %v", line, c.Family, c.Table, c.Name, err)
	}
	// nft knows only these two policies; reading any other as accept would turn a typo or
	// a damaged export into an open firewall.
	if c.Policy != "" && c.Policy != "accept" && c.Policy != "drop" {
		return fmt.Errorf("line %d: chain %s %s %s: policy %q, want accept or drop", line, c.Family, c.Table, c.Name, c.Policy)
	}
	key := tableKey(c.Family, c.Table) + " " + c.Name
	if _, dup := rs.chainBy[key]; dup {
		return fmt.Errorf("line %d: chain %s declared twice", line, key)
	}
	if !rs.tables[tableKey(c.Family, c.Table)] {
		rs.warnings = append(rs.warnings, fmt.Sprintf("line %d: chain %s: its table %s %s is not declared (a damaged export?)", line, key, c.Family, c.Table))
	}
	ch := &chain{obj: c, priority: prio, nat: c.Type == "nat"}
	rs.chains = append(rs.chains, ch)
	rs.chainBy[key] = ch
	return nil
}

// jsonError turns a decoding error into one line with the line number where known.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("line %d: invalid JSON: %v", lineOf(data, se.Offset), se)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("line %d: %s is a JSON %s, want %s", lineOf(data, te.Offset), fieldName(te.Field), te.Value, te.Type)
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

func fieldName(f string) string {
	if f == "" {
		return "the document"
	}
	return strconv.Quote(f)
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// Named chain priorities (nft(8) "CHAIN PRIORITIES"); the bridge family uses its own scale.
var (
	namedPriority = map[string]int{
		"raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100,
	}
	bridgePriority = map[string]int{"dstnat": -300, "filter": -200, "out": 100, "srcnat": 300}
)

// chainPriority reads "prio" as a number or as a named priority with an optional offset
// ("filter", "srcnat", "filter - 10").
func chainPriority(c chainObj) (int, error) {
	raw := bytes.TrimSpace(c.Prio)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		v, err := strconv.Atoi(n.String())
		if err != nil {
			return 0, fmt.Errorf("priority %s is not an integer", n)
		}
		return v, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("priority %s is neither a number nor a name", raw)
	}
	fields := strings.Fields(s)
	if len(fields) != 1 && len(fields) != 3 {
		return 0, fmt.Errorf("priority %q: want NAME or NAME +/- N", s)
	}
	table := namedPriority
	if c.Family == "bridge" {
		table = bridgePriority
	}
	base, ok := table[fields[0]]
	if !ok {
		if v, err := strconv.Atoi(fields[0]); err == nil && len(fields) == 1 {
			return v, nil
		}
		return 0, fmt.Errorf("unknown priority name %q", fields[0])
	}
	if len(fields) == 1 {
		return base, nil
	}
	off, err := strconv.Atoi(fields[2])
	if err != nil || (fields[1] != "+" && fields[1] != "-") {
		return 0, fmt.Errorf("priority %q: want NAME +/- N", s)
	}
	if fields[1] == "-" {
		off = -off
	}
	return base + off, nil
}
