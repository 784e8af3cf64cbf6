// Package pfsense imports pfSense and OPNsense config.xml backups into the snapshot's device
// model: interfaces, aliases, filter rules, NAT, IPsec, routes and FRR BGP.
package pfsense

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func init() {
	device.Register("pfsense", pfSense.importFunc())
	device.Register("opnsense", opnSense.importFunc())
}

// flavor is the product that wrote the file; the two share the config.xml layout but differ
// in booleans, rule defaults and where newer (MVC) sections live.
type flavor int

const (
	pfSense flavor = iota
	opnSense
)

// importFunc is the importer of the product's config.xml.
func (f flavor) importFunc() device.ImportFunc {
	return func(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
		return importConfig(f, name, data, salt)
	}
}

func (f flavor) root() string {
	if f == opnSense {
		return "opnsense"
	}
	return "pfsense"
}

// importer holds what one import needs across sections: interfaces for "lan"-style network
// references, aliases, gateways, and the warnings collected on the way.
type importer struct {
	flavor   flavor
	file     string
	salt     string
	root     *element
	warnings []string

	ifaces   map[string]*snapshot.Interface // by pfSense interface name (wan, lan, opt1)
	ifgroups map[string][]string            // interface group name -> member interface names
	gateways map[string]snapshot.Gateway
	aliases  *aliasTable
}

func importConfig(f flavor, name string, data []byte, salt string) (*snapshot.Device, []string, error) {
	root, err := parseConfig(data)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{flavor: f, file: name, salt: salt, root: root}
	switch root.name {
	case f.root():
	case "pfsense", "opnsense":
		im.warnf("root element is <%s>, imported as %s", root.name, f.root())
	default:
		return nil, nil, fmt.Errorf("line %d: root element is <%s>, want <%s>: not a %s config.xml", root.line, root.name, f.root(), f.root())
	}
	dev := &snapshot.Device{
		Name:     root.path("system").get("hostname"),
		Hostname: root.path("system").get("hostname"),
		Version:  root.get("version"),
		Firewall: snapshot.Firewall{Model: "pf", DefaultAction: "block"},
	}
	if dev.Name == "" {
		dev.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	im.gateways = map[string]snapshot.Gateway{}
	dev.Gateways = im.importGateways()
	dev.Interfaces, dev.WANAddresses = im.importInterfaces()
	if im.aliases, err = im.importAliases(); err != nil {
		return nil, nil, err
	}
	dev.Aliases = im.aliases.list()
	dev.Firewall.Chains = []snapshot.Chain{{Name: "filter", Rules: im.importFilter()}}
	dev.NAT = im.importNAT()
	dev.IPsec = im.importIPsec()
	dev.StaticRoutes = im.importStaticRoutes()
	dev.BGP = im.importBGP()
	return dev, im.warnings, nil
}

func (im *importer) warnf(format string, args ...any) {
	im.warnings = append(im.warnings, fmt.Sprintf(format, args...))
}

// location cites an element: its line and its structural path, e.g. "filter/rule[3]" (1-based,
// as in XPath, so a reader can count <rule> elements in the file).
func (im *importer) location(e *element, path string) *snapshot.Location {
	return &snapshot.Location{File: im.file, Line: e.line, Path: path}
}

func itemPath(section string, i int) string { return fmt.Sprintf("%s[%d]", section, i+1) }
