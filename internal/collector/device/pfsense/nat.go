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
		add(im.outboundRule(e, itemPath("nat/outbound/rule", i)))
	}
	for i, e := range im.root.path("OPNsense", "Firewall", "Filter", "snatrules").all("rule") {
		if !e.empty() {
			add(im.mvcOutboundRule(e, itemPath("OPNsense/Firewall/Filter/snatrules/rule", i)))
		}
	}
	for i, e := range nat.all("rule") {
		add(im.portForward(e, itemPath("nat/rule", i)))
	}
	for i, e := range nat.all("onetoone") {
		add(im.oneToOne(e, itemPath("nat/onetoone", i)))
	}
	for i, e := range im.root.path("OPNsense", "Firewall", "Filter", "onetoone").all("rule") {
		if !e.empty() {
			add(im.mvcOneToOne(e, itemPath("OPNsense/Firewall/Filter/onetoone/rule", i)))
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

func (im *importer) outboundRule(e *element, path string) snapshot.NATRule {
	ctx := im.natContext(path, e.uuid)
	r := snapshot.NATRule{
		Kind:        "outbound",
		Interface:   e.get("interface"),
		Disabled:    e.flag("disabled"),
		NoNAT:       e.flag("nonat"),
		Description: e.get("descr"),
		Location:    im.location(e, path),
	}
	r.Protocol = im.protocol(e.get("protocol"), ipVersion(e.get("ipprotocol")), ctx)
	r.Source = im.endpoint(e.child("source"), "source", ctx)
	if p := e.get("sourceport"); p != "" {
		r.Source.Ports = im.ports(p, "source", ctx)
	}
	r.Destination = im.endpoint(e.child("destination"), "destination", ctx)
	if p := e.get("dstport"); p != "" {
		r.Destination.Ports = im.ports(p, "destination", ctx)
	}
	if !r.NoNAT {
		r.Translation = natTarget(e.get("target"), e.get("targetip"), e.get("targetip_subnet"))
	}
	if t := e.get("tagged"); t != "" {
		ctx.unsupportedf("match on packet tag %q not modelled", t)
	}
	return r
}

func (im *importer) mvcOutboundRule(e *element, path string) snapshot.NATRule {
	ctx := im.natContext(path, e.uuid)
	r := snapshot.NATRule{
		Kind:        "outbound",
		Interface:   e.get("interface"),
		Disabled:    e.has("enabled") && !e.flag("enabled"),
		NoNAT:       e.flag("nonat"),
		Description: e.get("description"),
		Location:    im.location(e, path),
	}
	r.Protocol = im.protocol(e.get("protocol"), ipVersion(e.get("ipprotocol")), ctx)
	r.Source = im.mvcEndpoint(e.get("source_net"), e.flag("source_not"), e.get("source_port"), "source", ctx)
	r.Destination = im.mvcEndpoint(e.get("destination_net"), e.flag("destination_not"), e.get("destination_port"), "destination", ctx)
	if !r.NoNAT {
		r.Translation = natTarget(e.get("target"), "", "")
		// The automation model's default target is an interface address such as "wanip".
		if t := e.get("target"); strings.HasSuffix(t, "ip") && im.ifaces[strings.TrimSuffix(t, "ip")] != nil {
			r.Translation = "interface-address"
		}
	}
	if t := e.get("tagged"); t != "" {
		ctx.unsupportedf("match on packet tag %q not modelled", t)
	}
	return r
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

func (im *importer) portForward(e *element, path string) snapshot.NATRule {
	ctx := im.natContext(path, e.uuid)
	r := snapshot.NATRule{
		Kind:        "port-forward",
		Interface:   e.get("interface"),
		Disabled:    e.flag("disabled"),
		NoNAT:       e.flag("nordr"),
		Description: e.get("descr"),
		Location:    im.location(e, path),
	}
	r.Protocol = im.protocol(e.get("protocol"), ipVersion(e.get("ipprotocol")), ctx)
	r.Source = im.endpoint(e.child("source"), "source", ctx)
	r.Destination = im.endpoint(e.child("destination"), "destination", ctx)
	if !r.NoNAT {
		r.Translation = e.get("target")
		if lp := e.get("local-port"); lp != "" {
			r.Translation += ":" + lp
		}
	}
	return r
}

func (im *importer) oneToOne(e *element, path string) snapshot.NATRule {
	ctx := im.natContext(path, e.uuid)
	r := snapshot.NATRule{
		Kind:        "one-to-one",
		Interface:   e.get("interface"),
		Disabled:    e.flag("disabled"),
		NoNAT:       e.flag("nobinat"),
		Protocol:    "any",
		Description: e.get("descr"),
		Location:    im.location(e, path),
	}
	r.Source = im.endpoint(e.child("source"), "source", ctx)
	r.Destination = im.endpoint(e.child("destination"), "destination", ctx)
	if !r.NoNAT {
		r.Translation = e.get("external")
	}
	return r
}

func (im *importer) mvcOneToOne(e *element, path string) snapshot.NATRule {
	ctx := im.natContext(path, e.uuid)
	r := snapshot.NATRule{
		Kind:        "one-to-one",
		Interface:   e.get("interface"),
		Disabled:    e.has("enabled") && !e.flag("enabled"),
		Protocol:    "any",
		Description: e.get("description"),
		Translation: e.get("external"),
		Location:    im.location(e, path),
	}
	r.Source = im.mvcEndpoint(e.get("source_net"), e.flag("source_not"), "", "source", ctx)
	r.Destination = im.mvcEndpoint(e.get("destination_net"), e.flag("destination_not"), "", "destination", ctx)
	if t := e.get("type"); t != "" && t != "binat" {
		ctx.unsupportedf("1:1 type %q not modelled", t)
	}
	return r
}
