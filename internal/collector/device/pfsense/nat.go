package pfsense

import (
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func (im *importer) importNAT() snapshot.NAT {
	nat := im.root.path("nat")
	out := snapshot.NAT{OutboundMode: "automatic", Rules: []snapshot.NATRule{}}
	mode := nat.path("outbound").get("mode")
	switch mode {
	case "automatic", "hybrid", "advanced", "disabled":
		out.OutboundMode = mode
	case "":
		// pfSense and OPNsense both default to automatic outbound NAT.
	default:
		im.warnf("nat/outbound: mode %q unknown: taken as automatic", mode)
	}
	add := func(r snapshot.NATRule) {
		r.Index = len(out.Rules)
		out.Rules = append(out.Rules, r)
	}
	for i, e := range nat.path("outbound").all("rule") {
		add(im.outboundRule(e, itemPath("nat/outbound/rule", i), legacyLayout))
	}
	for i, e := range im.root.path("OPNsense", "Firewall", "Filter", "snatrules").all("rule") {
		if !e.empty() {
			add(im.outboundRule(e, itemPath("OPNsense/Firewall/Filter/snatrules/rule", i), mvcLayout))
		}
	}
	for i, e := range nat.all("rule") {
		add(im.portForward(e, itemPath("nat/rule", i)))
	}
	for i, e := range nat.all("onetoone") {
		add(im.oneToOne(e, itemPath("nat/onetoone", i), legacyLayout))
	}
	for i, e := range im.root.path("OPNsense", "Firewall", "Filter", "onetoone").all("rule") {
		if !e.empty() {
			add(im.oneToOne(e, itemPath("OPNsense/Firewall/Filter/onetoone/rule", i), mvcLayout))
		}
	}
	for i := range nat.all("npt") {
		im.warnf("%s: IPv6 network prefix translation not modelled", itemPath("nat/npt", i))
	}
	for i, e := range im.root.path("OPNsense", "Firewall", "Filter", "npt").all("rule") {
		if !e.empty() {
			im.warnf("%s: IPv6 network prefix translation not modelled", itemPath("OPNsense/Firewall/Filter/npt/rule", i))
		}
	}
	return out
}

// natContext collects a NAT rule's unmodelled parts as warnings (NATRule has no
// Unsupported list).
func (im *importer) natContext(path, tracker string) ruleContext {
	return ruleContext{path: path, tracker: tracker, im: im}
}

// natRule maps what every NAT rule has, whatever its kind and layout. noNAT names the flag
// that exempts matching traffic from translation ("" where the rule has none).
func (im *importer) natRule(e *element, path string, l layout, kind, noNAT string) (snapshot.NATRule, ruleContext) {
	r := snapshot.NATRule{
		Kind:        kind,
		Interface:   e.get("interface"),
		Disabled:    l.disabled(e),
		NoNAT:       noNAT != "" && e.flag(noNAT),
		Description: l.description(e),
		Location:    im.location(e, path),
	}
	return r, im.natContext(path, e.uuid)
}

// outboundRule maps an outbound (source) NAT rule: <nat><outbound><rule>, or OPNsense's
// <snatrules><rule>.
func (im *importer) outboundRule(e *element, path string, l layout) snapshot.NATRule {
	r, ctx := im.natRule(e, path, l, "outbound", "nonat")
	r.Protocol = im.protocol(e.get("protocol"), ipVersion(e.get("ipprotocol")), ctx)
	r.Source, r.Destination = im.endpoints(e, l, true, ctx)
	if !r.NoNAT {
		r.Translation = im.outboundTarget(e, l)
	}
	if t := e.get("tagged"); t != "" {
		ctx.unsupportedf("match on packet tag %q not modelled", t)
	}
	return r
}

// outboundTarget names an outbound rule's translated source.
func (im *importer) outboundTarget(e *element, l layout) string {
	if l == legacyLayout {
		return natTarget(e.get("target"), e.get("targetip"), e.get("targetip_subnet"))
	}
	// The automation model's default target is an interface address such as "wanip".
	if t := e.get("target"); strings.HasSuffix(t, "ip") && im.ifaces[strings.TrimSuffix(t, "ip")] != nil {
		return "interface-address"
	}
	return natTarget(e.get("target"), "", "")
}

// natTarget names the translated source: the interface address when the target is empty.
func natTarget(target, ip, bits string) string {
	switch target {
	case "":
		return "interface-address"
	case "other-subnet":
		if bits != "" {
			return ip + "/" + bits
		}
		return ip
	}
	return target
}

// portForward maps a <nat><rule> (destination NAT); only the legacy layout has them.
func (im *importer) portForward(e *element, path string) snapshot.NATRule {
	r, ctx := im.natRule(e, path, legacyLayout, "port-forward", "nordr")
	r.Protocol = im.protocol(e.get("protocol"), ipVersion(e.get("ipprotocol")), ctx)
	r.Source, r.Destination = im.endpoints(e, legacyLayout, false, ctx)
	if !r.NoNAT {
		r.Translation = e.get("target")
		if lp := e.get("local-port"); lp != "" {
			r.Translation += ":" + lp
		}
	}
	return r
}

// oneToOne maps a 1:1 (binat) rule: <nat><onetoone>, or OPNsense's <onetoone><rule>, whose
// model has no exemption flag but a type (binat or nat) the model reads only as binat.
func (im *importer) oneToOne(e *element, path string, l layout) snapshot.NATRule {
	noNAT := "nobinat"
	if l == mvcLayout {
		noNAT = ""
	}
	r, ctx := im.natRule(e, path, l, "one-to-one", noNAT)
	r.Protocol = "any"
	r.Source, r.Destination = im.endpoints(e, l, false, ctx)
	if !r.NoNAT {
		r.Translation = e.get("external")
	}
	if t := e.get("type"); l == mvcLayout && t != "" && t != "binat" {
		ctx.unsupportedf("1:1 type %q not modelled", t)
	}
	return r
}
