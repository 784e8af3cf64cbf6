package pfsense

import "github.com/hybridcheck/hybridcheck/internal/snapshot"

// layout is the shape of a rule element. pfSense (and OPNsense's legacy sections) write
// <disabled/>, <descr> and <source>/<destination> elements; OPNsense's MVC ("automation")
// sections write <enabled>, <description> and flat <source_net>, <source_not> and
// <source_port> fields. A rule mapper reads the fields both name alike itself and asks the
// layout for the others, so each kind of rule is mapped once for both.
type layout int

const (
	legacyLayout layout = iota
	mvcLayout
)

// disabled reads whether the rule is switched off; an MVC rule without <enabled> is on.
func (l layout) disabled(e *element) bool {
	if l == mvcLayout {
		return e.has("enabled") && !e.flag("enabled")
	}
	return e.flag("disabled")
}

// description is the rule's free-text description.
func (l layout) description(e *element) string {
	if l == mvcLayout {
		return e.get("description")
	}
	return e.get("descr")
}

// sidePorts names the fields that hold a rule's source and destination ports beside the
// endpoint rather than inside it: legacy outbound NAT rules and every MVC rule that matches
// ports.
var sidePorts = map[layout][2]string{
	legacyLayout: {"sourceport", "dstport"},
	mvcLayout:    {"source_port", "destination_port"},
}

// endpoints maps a rule's source and destination. withPorts says that the rule keeps its ports
// in the sidePorts fields; without it a legacy endpoint's ports are read inside the endpoint
// and an MVC endpoint has none.
func (im *importer) endpoints(e *element, l layout, withPorts bool, ctx ruleContext) (src, dst snapshot.Endpoint) {
	var out [2]snapshot.Endpoint
	for i, side := range [2]string{"source", "destination"} {
		port := ""
		if withPorts {
			port = e.get(sidePorts[l][i])
		}
		if l == mvcLayout {
			out[i] = im.mvcEndpoint(e.get(side+"_net"), e.flag(side+"_not"), port, side, ctx)
			continue
		}
		out[i] = im.endpoint(e.child(side), side, ctx)
		if port != "" {
			out[i].Ports = im.ports(port, side, ctx)
		}
	}
	return out[0], out[1]
}
