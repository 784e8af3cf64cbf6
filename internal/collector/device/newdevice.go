package device

import (
	"path/filepath"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// New is an importer's device before it reads the export's sections: every list is empty
// rather than nil, as the snapshot schema wants arrays, the firewall (of the export's model and
// default action) has no chains yet, and NAT rules are evaluated in order (outbound mode
// "rules"), which a format with an outbound NAT mode replaces.
func New(name, format string, firewall snapshot.Firewall) *snapshot.Device {
	firewall.Chains = []snapshot.Chain{}
	return &snapshot.Device{
		Name: name, Format: format, WANAddresses: []string{},
		Interfaces: []snapshot.Interface{}, Aliases: []snapshot.Alias{},
		Firewall:     firewall,
		NAT:          snapshot.NAT{OutboundMode: "rules", Rules: []snapshot.NATRule{}},
		IPsec:        snapshot.IPsec{Phase1: []snapshot.IPsecPhase1{}, Phase2: []snapshot.IPsecPhase2{}},
		StaticRoutes: []snapshot.StaticRoute{}, Gateways: []snapshot.Gateway{},
	}
}

// NameFromFile names a device after its export when the export names no host (a ruleset
// listing): the file name without folder and extension, or the whole name when it is all
// extension (".rules").
func NameFromFile(file string) string {
	base := filepath.Base(file)
	if ext := filepath.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}
