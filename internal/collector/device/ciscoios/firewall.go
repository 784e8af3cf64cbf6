package ciscoios

import (
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// buildFirewall makes one chain per ACL binding (`ip access-group ACL in|out` on an enabled
// interface): Hook is the direction, every rule is bound to the interface in that direction,
// and the list's implicit deny closes the chain. An interface without an ACL filters nothing.
// What IOS does beyond ACLs and the model does not evaluate is made explicit: interfaces in a
// zone-based firewall zone get a leading rule with an unsupported match (flows through them
// are unknown), and with CBAC (`ip inspect`) every deny may be opened for return traffic, so
// deny rules carry it as an unsupported match too.
func (im *importer) buildFirewall() {
	var cbac []string
	if len(im.inspect) > 0 {
		cbac = []string{"ip inspect (CBAC) on " + strings.Join(im.inspect, ", ") + " opens return traffic through ACL denies: not modelled"}
		im.warnf(*im.firstStateful, "ip inspect (CBAC) on %s: return traffic it opens is not modelled, so flows an ACL denies are unknown", strings.Join(im.inspect, ", "))
	}
	zoned := map[string]string{}
	for _, z := range im.zoneMember {
		name, _, _ := strings.Cut(z, " ")
		zoned[name] = z
	}
	if len(im.zoneMember) > 0 || im.zonePairs > 0 {
		im.warnf(*im.firstStateful, "zone-based firewall (zone-member security, zone-pair): policies are not modelled, flows through zone members are unknown")
	}
	for _, ifc := range im.ifaces {
		if ifc.shutdown {
			continue
		}
		for _, dir := range []string{"in", "out"} {
			var rules []snapshot.FirewallRule
			if z, ok := zoned[ifc.name]; ok {
				rules = append(rules, snapshot.FirewallRule{Action: "block", Interfaces: []string{ifc.name}, Direction: dir, IPVersion: "inet", Protocol: "any",
					Source: snapshot.Endpoint{Any: true}, Destination: snapshot.Endpoint{Any: true}, Description: "zone-based firewall member " + z,
					Unsupported: []string{"zone-based firewall zone-pair policy for " + z}, Location: im.location(ifc.head, "interface "+ifc.name)})
			}
			bind, bound := ifc.accessGroup[dir]
			name := bind.word(2)
			chainName := ifc.name + " " + dir
			if bound {
				chainName = name + " " + dir + " on " + ifc.name
			}
			if bound {
				rules = append(rules, im.aclRules(ifc.name, dir, name, bind, cbac)...)
			}
			if len(rules) == 0 {
				continue
			}
			for i := range rules {
				rules[i].Index = i
			}
			im.dev.Firewall.Chains = append(im.dev.Firewall.Chains, snapshot.Chain{Name: chainName, Hook: dir, Rules: rules})
		}
	}
}

// aclRules are an ACL's entries bound to an interface and direction, then its implicit deny.
// An undefined list filters nothing on IOS, so it yields no rules (with a warning).
func (im *importer) aclRules(ifname, dir, name string, bind line, cbac []string) []snapshot.FirewallRule {
	a := im.acls[name]
	if a == nil {
		im.warnf(bind, "interface %s: ip access-group %s %s: the access list is not defined, so IOS permits everything", ifname, name, dir)
		return nil
	}
	var out []snapshot.FirewallRule
	for _, e := range a.entries {
		r := snapshot.FirewallRule{
			Action: e.action, Interfaces: []string{ifname}, Direction: dir, IPVersion: "inet", Protocol: e.protocol,
			Source: e.src, Destination: e.dst, ICMPTypes: e.icmp, States: e.states,
			Description: name + ": " + e.l.text, Location: im.location(e.l, "access-list "+name),
			Unsupported: e.unsupported,
		}
		if len(e.unsupported) > 0 && !e.unreadable {
			im.warnf(e.l, "access list %s: %s not modelled", name, strings.Join(e.unsupported, ", "))
		}
		if e.action == "block" {
			r.Unsupported = append(append([]string{}, r.Unsupported...), cbac...)
		}
		out = append(out, r)
	}
	deny := snapshot.FirewallRule{Action: "block", Interfaces: []string{ifname}, Direction: dir, IPVersion: "inet", Protocol: "any",
		Source: snapshot.Endpoint{Any: true}, Destination: snapshot.Endpoint{Any: true},
		Description: name + ": implicit deny", Location: im.location(a.head, "access-list "+name), Unsupported: cbac}
	return append(out, deny)
}
