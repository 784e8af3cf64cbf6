package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// scopeLines is a report's scope as labelled lines, in the order every human format shows
// them at its top: when and with what it was checked, and what the snapshot covers. A value
// the snapshot does not hold reads "not in the snapshot", never blank.
func scopeLines(r *result.Report) []evidenceLine {
	sc, s := r.Scope, r.Snapshot
	missing := "not in the snapshot"
	or := func(v string) string {
		if v == "" {
			return missing
		}
		return v
	}
	by := "hybridcheck " + or(sc.ToolVersion) + ", policies " + or(sc.PolicyVersion)
	if len(sc.PolicyDirs) > 0 {
		by += " (with " + strings.Join(sc.PolicyDirs, ", ") + ")"
	}
	vpc := or(sc.VPCID)
	if len(sc.VPCCIDRs) > 0 {
		vpc += " (" + cidrList(sc.VPCCIDRs) + ")"
	}
	devices := make([]string, 0, len(sc.Devices))
	for _, d := range sc.Devices {
		devices = append(devices, fmt.Sprintf("%s (%s, %s)", d.Name, d.Format, d.File))
	}
	listOr := func(l []string) string {
		if len(l) == 0 {
			return missing
		}
		return cidrList(l)
	}
	return []evidenceLine{
		{"Checked at", or(sc.CheckedAt)},
		{"Checked by", by},
		{"Snapshot", fmt.Sprintf("%s, collected %s by hybridcheck %s", orDash(s.Path), orDash(s.CollectedAt), orDash(s.ToolVersion))},
		{"Account", or(sc.AccountID)},
		{"Region", or(sc.Region)},
		{"Cluster", or(sc.Cluster)},
		{"VPC", vpc},
		{"Node CIDRs", listOr(sc.NodeCIDRs)},
		{"Pod CIDRs", listOr(sc.PodCIDRs)},
		{"Devices", or(strings.Join(devices, "; "))},
	}
}

// plainValue renders an evidence value for people: strings as they are, lists joined with
// commas (a long list of CIDRs summarised), objects as "key value" pairs, never JSON escapes.
// The JSON and SARIF formats keep the full value.
func plainValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case string:
		if x == "" {
			return "(empty)"
		}
		return x
	case []any:
		if len(x) == 0 {
			return "none"
		}
		if strs, ok := allStrings(x); ok {
			return cidrList(strs)
		}
		shown := x
		if len(x) > longList {
			shown = x[:3]
		}
		parts := make([]string, len(shown))
		for i, item := range shown {
			parts[i] = plainValue(item)
			if _, isMap := item.(map[string]any); isMap {
				parts[i] = "(" + parts[i] + ")"
			}
		}
		if len(shown) < len(x) {
			return fmt.Sprintf("%s and %d more (%d in all; every one in the json report)", strings.Join(parts, ", "), len(x)-len(shown), len(x))
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := sortedKeys(x)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			val := plainValue(x[k])
			if _, nested := x[k].(map[string]any); nested {
				val = "(" + val + ")"
			}
			parts = append(parts, k+" "+val)
		}
		return strings.Join(parts, ", ")
	}
	return evidenceValue(v)
}

func allStrings(list []any) ([]string, bool) {
	out := make([]string, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// longList is the length from which a list of CIDRs is summarised in human formats.
const longList = 8

// cidrList joins a list for people. A long list of IPv4 prefixes is summarised by what it
// leaves out of 0.0.0.0/0 when that is short ("0.0.0.0/0 except 10.0.0.0/8, 56 prefixes"),
// otherwise by its first few entries and a count; the JSON evidence keeps every entry.
func cidrList(list []string) string {
	if len(list) <= longList || !allAddresses(list) {
		return strings.Join(list, ", ")
	}
	gaps, ok := ipv4Complement(list)
	switch {
	case ok && len(gaps) == 0:
		return fmt.Sprintf("all of 0.0.0.0/0 (%d prefixes)", len(list))
	case ok && len(gaps) <= 4:
		return fmt.Sprintf("0.0.0.0/0 except %s (%d prefixes)", strings.Join(gaps, ", "), len(list))
	case ok && ipv4Covered(list) >= 1<<25: // 1/128 of the space or more: say how much
		return fmt.Sprintf("%s and %d more (%d in all, %.1f%% of the IPv4 space)", strings.Join(list[:3], ", "), len(list)-3, len(list), float64(ipv4Covered(list))*100/float64(uint64(1)<<32))
	}
	return fmt.Sprintf("%s and %d more (%d in all)", strings.Join(list[:3], ", "), len(list)-3, len(list))
}

// allAddresses reports whether every entry is an IP prefix or address (only such lists are
// summarised; a list of check IDs or rule names is shown whole).
func allAddresses(list []string) bool {
	for _, s := range list {
		if _, err := netip.ParsePrefix(s); err == nil {
			continue
		}
		if _, err := netip.ParseAddr(s); err != nil {
			return false
		}
	}
	return true
}

// ipv4Complement returns the prefixes of 0.0.0.0/0 that no entry of list covers; false when an
// entry is not an IPv4 prefix.
func ipv4Complement(list []string) ([]string, bool) {
	type span struct{ lo, hi uint64 } // inclusive
	spans := make([]span, 0, len(list))
	for _, s := range list {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return nil, false
		}
		p = p.Masked()
		a := p.Addr().As4()
		lo := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
		spans = append(spans, span{lo, lo + (uint64(1) << (32 - p.Bits())) - 1})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	var gaps []string
	next := uint64(0) // first address not yet covered
	for _, sp := range spans {
		if sp.lo > next {
			gaps = append(gaps, rangePrefixes(next, sp.lo-1)...)
		}
		if sp.hi+1 > next {
			next = sp.hi + 1
		}
	}
	if next <= 0xFFFFFFFF {
		gaps = append(gaps, rangePrefixes(next, 0xFFFFFFFF)...)
	}
	return gaps, true
}

// ipv4Covered counts the IPv4 addresses a list of prefixes covers, overlaps counted once
// (every entry is an IPv4 prefix: ipv4Complement has checked).
func ipv4Covered(list []string) uint64 {
	type span struct{ lo, hi uint64 }
	var spans []span
	for _, s := range list {
		p := netip.MustParsePrefix(s).Masked()
		a := p.Addr().As4()
		lo := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
		spans = append(spans, span{lo, lo + (uint64(1) << (32 - p.Bits())) - 1})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	var total, next uint64
	for _, sp := range spans {
		lo := max(sp.lo, next)
		if sp.hi >= lo {
			total += sp.hi - lo + 1
			next = sp.hi + 1
		}
	}
	return total
}

// rangePrefixes splits an inclusive IPv4 range into the fewest prefixes.
func rangePrefixes(lo, hi uint64) []string {
	var out []string
	for lo <= hi {
		bits := 32
		for bits > 0 {
			size := uint64(1) << (32 - (bits - 1))
			if lo%size != 0 || lo+size-1 > hi {
				break
			}
			bits--
		}
		addr := netip.AddrFrom4([4]byte{byte(lo >> 24), byte(lo >> 16), byte(lo >> 8), byte(lo)})
		out = append(out, netip.PrefixFrom(addr, bits).String())
		lo += uint64(1) << (32 - bits)
		if len(out) > 8 { // only short complements are shown
			break
		}
	}
	return out
}

// compactJSON marshals without HTML escapes, so "<->" stays readable.
func compactJSON(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// messageWithResource is the finding line of a human format: the message alone when it
// already names the resource, otherwise "resource: message", so no line says its resource
// twice.
func messageWithResource(x result.Result) string {
	if x.Resource == "" || strings.Contains(x.Message, x.Resource) {
		return x.Message
	}
	// A composite resource ("gw-1: tcp/10250 A -> B") whose every part the message names.
	if parts := strings.Split(x.Resource, ": "); len(parts) > 1 {
		named := true
		for _, p := range parts {
			named = named && strings.Contains(x.Message, p)
		}
		if named {
			return x.Message
		}
	}
	return x.Resource + ": " + x.Message
}
