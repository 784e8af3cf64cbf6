package pfsense

import (
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// aliasDef is an alias as written: its entries may name other aliases.
type aliasDef struct {
	name, kind, description string
	entries                 []string
	// dynamic marks aliases whose content is fetched or computed at run time (URL tables,
	// GeoIP, disabled OPNsense aliases): nothing static to resolve.
	dynamic string
	order   int
}

// aliasTable resolves nested aliases once, memoised, with cycle detection.
type aliasTable struct {
	defs     map[string]*aliasDef
	resolved map[string]*snapshot.Alias
	visiting map[string]bool // aliases on the current resolution path
	entries  int
	im       *importer
}

var hostname = regexp.MustCompile(`^(?i)[a-z0-9_]([a-z0-9_-]{0,62}\.)+[a-z0-9-]{1,63}\.?$`)

func (im *importer) importAliases() (*aliasTable, error) {
	t := &aliasTable{defs: map[string]*aliasDef{}, resolved: map[string]*snapshot.Alias{}, visiting: map[string]bool{}, im: im}
	add := func(d *aliasDef) {
		if d.name == "" {
			return
		}
		if _, dup := t.defs[d.name]; dup {
			im.warnf("alias %q is defined more than once: the first definition is used", d.name)
			return
		}
		d.order = len(t.defs)
		t.defs[d.name] = d
	}
	for _, a := range im.root.path("aliases").all("alias") {
		d := &aliasDef{name: a.get("name"), kind: a.get("type"), description: a.get("descr"), entries: strings.Fields(a.get("address"))}
		// The URL itself is never kept: it may carry an access token. URL tables are
		// refreshed at run time; a "url" alias stores what it downloaded when it was saved.
		fromURL := strings.HasPrefix(d.kind, "url") || a.has("url") || a.has("aliasurl")
		if strings.HasPrefix(d.kind, "urltable") || (fromURL && len(d.entries) == 0) {
			d.dynamic = "content is downloaded from a URL at run time"
			d.entries = nil
		}
		add(d)
	}
	for _, a := range im.root.path("OPNsense", "Firewall", "Alias", "aliases").all("alias") {
		if a.empty() {
			continue
		}
		d := &aliasDef{name: a.get("name"), kind: a.get("type"), description: a.get("description"), entries: strings.Fields(a.get("content"))}
		switch {
		case a.has("enabled") && !a.flag("enabled"):
			d.dynamic, d.entries = "alias is disabled", nil
		case d.kind == "url" || d.kind == "urltable" || d.kind == "urljson":
			d.dynamic, d.entries = "content is downloaded from a URL at run time", nil
		case d.kind == "geoip" || d.kind == "asn" || d.kind == "dynipv6host" || d.kind == "mac" || d.kind == "authgroup" || d.kind == "external":
			d.dynamic, d.entries = "content is computed at run time", nil
		}
		add(d)
	}
	for _, n := range slices.Sorted(maps.Keys(t.defs)) {
		if _, err := t.resolve(n, nil); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// list returns the resolved aliases in the order they were defined.
func (t *aliasTable) list() []snapshot.Alias {
	out := make([]snapshot.Alias, len(t.defs))
	for name, d := range t.defs {
		out[d.order] = *t.resolved[name]
	}
	return out
}

// lookup returns a resolved alias and its definition.
func (t *aliasTable) lookup(name string) (*snapshot.Alias, *aliasDef) {
	d, ok := t.defs[name]
	if !ok {
		return nil, nil
	}
	return t.resolved[name], d
}

func aliasType(kind string) string {
	switch kind {
	case "host", "network", "port", "urltable", "geoip":
		return kind
	case "url", "url_ports", "urljson":
		return "url"
	case "urltable_ports":
		return "urltable"
	case "networkgroup":
		return "set"
	}
	return "other"
}

func isPortAlias(kind string) bool { return kind == "port" || strings.HasSuffix(kind, "_ports") }

// Bounds on alias resolution, so that a hostile file cannot make nesting explode: pfSense
// tables hold at most a few hundred thousand entries by default.
const (
	maxAliasNesting = 64
	maxAliasEntries = 10_000_000 // resolved entries across all aliases
)

func (t *aliasTable) resolve(name string, stack []string) (*snapshot.Alias, error) {
	if a, ok := t.resolved[name]; ok {
		return a, nil
	}
	if t.visiting[name] {
		i := slices.Index(stack, name)
		return nil, fmt.Errorf("alias cycle: %s", strings.Join(append(stack[i:], name), " -> "))
	}
	if len(stack) >= maxAliasNesting {
		return nil, fmt.Errorf("alias %q: aliases nested deeper than %d levels", stack[0], maxAliasNesting)
	}
	t.visiting[name] = true
	defer delete(t.visiting, name)
	stack = append(stack, name)
	d := t.defs[name]
	a := &snapshot.Alias{Name: d.name, Type: aliasType(d.kind), Description: d.description}
	path := fmt.Sprintf("alias %q", name)
	seen := map[string]bool{}
	for _, entry := range d.entries {
		if seen[entry] {
			continue
		}
		seen[entry] = true
		if nested, ok := t.defs[entry]; ok {
			if isPortAlias(nested.kind) != isPortAlias(d.kind) {
				t.im.warnf("%s: nested alias %q is of type %s, not usable in a %s alias: skipped", path, entry, nested.kind, d.kind)
				continue
			}
			na, err := t.resolve(entry, stack)
			if err != nil {
				return nil, err
			}
			if nested.dynamic != "" && d.dynamic == "" {
				d.dynamic = fmt.Sprintf("nested alias %q: %s", entry, nested.dynamic)
			}
			a.CIDRs = append(a.CIDRs, na.CIDRs...)
			a.FQDNs = append(a.FQDNs, na.FQDNs...)
			a.Ports = append(a.Ports, na.Ports...)
			continue
		}
		if isPortAlias(d.kind) {
			pr, ok := parsePortRange(entry)
			if !ok {
				t.im.warnf("%s: entry %q is not a port, port range or port alias: skipped", path, entry)
				continue
			}
			a.Ports = append(a.Ports, pr)
			continue
		}
		cidrs, ok := parseAddressEntry(entry)
		switch {
		case ok:
			a.CIDRs = append(a.CIDRs, cidrs...)
		case hostname.MatchString(entry):
			a.FQDNs = append(a.FQDNs, strings.TrimSuffix(strings.ToLower(entry), "."))
		default:
			t.im.warnf("%s: entry %q is neither an address, a network, a host name nor an alias: skipped", path, entry)
		}
	}
	a.CIDRs, a.FQDNs = uniq(a.CIDRs), uniq(a.FQDNs)
	t.entries += len(a.CIDRs) + len(a.FQDNs) + len(a.Ports)
	if t.entries > maxAliasEntries {
		return nil, fmt.Errorf("alias %q: aliases resolve to more than %d entries in all", name, maxAliasEntries)
	}
	if a.Type == "host" && len(a.CIDRs) == 0 && len(a.FQDNs) > 0 {
		a.Type = "fqdn"
	}
	t.resolved[name] = a
	return a, nil
}

// parseAddressEntry reads an IP, a CIDR or an IP range (a-b) into CIDRs.
func parseAddressEntry(s string) ([]string, bool) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return []string{p.Masked().String()}, true
	}
	if ip, ok := parseIP(s); ok {
		return []string{netip.PrefixFrom(ip, ip.BitLen()).String()}, true
	}
	if from, to, ok := strings.Cut(s, "-"); ok {
		a, okA := parseIP(from)
		b, okB := parseIP(to)
		if okA && okB && a.Is4() == b.Is4() && a.Compare(b) <= 0 {
			return device.RangeCIDRs(a, b), true
		}
	}
	return nil, false
}

// parseIP accepts an IPv4 or IPv6 address without a zone (fe80::1%em0 names a link, not a
// network a rule or route can cover).
func parseIP(s string) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(s)
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, false
	}
	return ip.Unmap(), true
}

// parsePortRange reads "443", "1000:2000" (alias style) or "1000-2000" (rule style).
func parsePortRange(s string) (snapshot.PortRange, bool) {
	from, to, isRange := strings.Cut(s, ":")
	if !isRange {
		from, to, isRange = strings.Cut(s, "-")
	}
	f, err := strconv.Atoi(from)
	if err != nil || f < 0 || f > 65535 {
		return snapshot.PortRange{}, false
	}
	if !isRange {
		return snapshot.PortRange{From: f, To: f}, true
	}
	l, err := strconv.Atoi(to)
	if err != nil || l < f || l > 65535 {
		return snapshot.PortRange{}, false
	}
	return snapshot.PortRange{From: f, To: l}, true
}

// splitFamilies separates IPv4 from IPv6 prefixes: the snapshot models IPv4 networks only.
func splitFamilies(cidrs []string) (v4, v6 []string) {
	for _, c := range cidrs {
		if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is4() {
			v4 = append(v4, c)
		} else {
			v6 = append(v6, c)
		}
	}
	return v4, v6
}

// uniq drops repeated entries, keeping the first of each; aliases can hold thousands.
func uniq(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
