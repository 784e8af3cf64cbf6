// Package generic imports the vendor-neutral device file (YAML or JSON, documented in
// docs/generic-device.md, schema in snapshots/generic-device.schema.json), so devices hybridcheck
// does not parse (Cisco, Fortinet, Palo Alto...) can still be checked.
//
// Limits: the file size limit of package device applies, and each list holds at most
// maxListItems entries.
package generic

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"

	"sigs.k8s.io/yaml"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const maxListItems = 100000

func init() { device.Register("generic", Import) }

// File is the generic device format: snapshot.Device in a form people write by hand. The
// schema snapshots/generic-device.schema.json is generated from these types, their tags and
// doc comments (TestSchemaIsCurrent), and Import validates every file with it.
type File struct {
	// The device's name, used as the device name in reports.
	Hostname string `json:"hostname" schema:"required,pattern=\\S"`
	// Software and version, free text (FortiOS 7.2.8).
	Version string `json:"version"`
	// Internet-facing IPv4 addresses (HN-X-01, HN-FW-10).
	WANAddresses []string      `json:"wan_addresses" schema:"items=ipv4"`
	Interfaces   []Interface   `json:"interfaces"`
	Aliases      []Alias       `json:"aliases"`
	Firewall     Firewall      `json:"firewall" schema:"required"`
	NAT          NAT           `json:"nat"`
	IPsec        IPsec         `json:"ipsec"`
	StaticRoutes []StaticRoute `json:"static_routes"`
	Gateways     []Gateway     `json:"gateways"`
	BGP          *BGP          `json:"bgp"`
}

// Interface is a physical, VLAN or tunnel interface; rules and NAT rules name it by name or
// device.
type Interface struct {
	// Logical name (wan, lan, a zone or nameif), the one rules refer to.
	Name        string `json:"name" schema:"required,pattern=\\S"`
	Description string `json:"description"`
	// OS or port name (port1, GigabitEthernet0/0).
	Device string `json:"device"`
	// False for an interface that is configured but down; default true.
	Enabled *bool `json:"enabled"`
	// The interface's part in the design: wan faces the internet, vti and ipsec carry tunnels.
	Role string `json:"role" schema:"required,enum=wan|lan|opt|vlan|vti|ipsec|loopback|other"`
	// IPv4 addresses with their prefix length (10.200.0.1/24); the networks are derived.
	Addresses []string `json:"addresses" schema:"items=cidr"`
	// 802.1Q tag of a VLAN interface, with its Parent interface.
	VLANID  int    `json:"vlan_id" schema:"min=0,max=4095"`
	Parent  string `json:"parent"`
	Gateway string `json:"gateway"`
}

// Alias is a named address, FQDN or port group; an endpoint naming it adds its CIDRs, FQDNs
// and ports to its own.
type Alias struct {
	Name string `json:"name" schema:"required,pattern=\\S"`
	Type string `json:"type" schema:"required,enum=host|network|port|fqdn|other"`
	// IPv4 CIDRs; a bare address is a /32 and host bits are cleared.
	CIDRs       []string `json:"cidrs" schema:"items=cidr-or-address"`
	FQDNs       []string `json:"fqdns"`
	Ports       []Port   `json:"ports"`
	Description string   `json:"description"`
}

// Firewall is one ordered list of rules: the first matching rule decides, then default_action.
type Firewall struct {
	// What happens to a packet no rule matches.
	DefaultAction string `json:"default_action" schema:"required,enum=pass|block"`
	Rules         []Rule `json:"rules"`
}

// Rule is one firewall rule; the list is evaluated in order and the first match wins.
type Rule struct {
	Action      string `json:"action" schema:"required,enum=pass|block|reject"`
	Description string `json:"description"`
	Disabled    bool   `json:"disabled"`
	// Ingress interfaces the rule applies to (default all); OutInterfaces the egress ones.
	Interfaces    []string `json:"interfaces"`
	OutInterfaces []string `json:"out_interfaces"`
	// Default any.
	Direction string `json:"direction" schema:"enum=in|out|any"`
	// inet is IPv4; default any.
	IPVersion   string   `json:"ip_version" schema:"enum=inet|inet6|any"`
	Protocol    Protocol `json:"protocol"`
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	// ICMP types matched (default all).
	ICMPTypes []int `json:"icmp_types" schema:"items=min=0;max=255"`
	// Connection-tracking states matched (default all).
	States []string `json:"states" schema:"items=enum=new|established|related|invalid|untracked"`
}

// Endpoint is a rule's source or destination; with no address, alias, FQDN or self it is any.
type Endpoint struct {
	// Inverts the address match (not the port match).
	Not bool `json:"not"`
	// IPv4 CIDRs; a bare address is a /32 and host bits are cleared.
	CIDRs []string `json:"cidrs" schema:"items=cidr-or-address"`
	// The name of an alias whose CIDRs, FQDNs and ports are added.
	Alias string `json:"alias"`
	// Host names allowed by name (an FQDN object); they match no CIDR but count for the egress
	// checks.
	FQDNs []string `json:"fqdns"`
	// The device's own addresses.
	Self bool `json:"self"`
	// Ports restrict TCP and UDP.
	Ports []Port `json:"ports"`
}

// NAT is the device's address translation.
type NAT struct {
	// pfSense's outbound NAT mode; default rules (only the rules below).
	OutboundMode string    `json:"outbound_mode" schema:"enum=automatic|hybrid|advanced|disabled|rules"`
	Rules        []NATRule `json:"rules"`
}

// NATRule is one translation rule, in the order the device evaluates them.
type NATRule struct {
	Kind      string `json:"kind" schema:"required,enum=outbound|snat|masquerade|port-forward|dnat|one-to-one|other"`
	Interface string `json:"interface"`
	Disabled  bool   `json:"disabled"`
	// An exemption: matching traffic is not translated.
	NoNAT       bool     `json:"no_nat"`
	Protocol    Protocol `json:"protocol"`
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	// interface-address, an address or a pool.
	Translation string `json:"translation"`
	Description string `json:"description"`
}

// IPsec is the device's IPsec configuration: IKE (phase 1) entries and the child SAs (phase 2)
// bound to them.
type IPsec struct {
	Phase1 []Phase1 `json:"phase1"`
	Phase2 []Phase2 `json:"phase2"`
}

// Phase1 is one IKE SA: the remote gateway (an AWS tunnel's outside address), the IKE version,
// authentication and proposals.
type Phase1 struct {
	// Phase 2 entries name their phase 1 by this ID.
	ID            string `json:"id" schema:"required,pattern=\\S"`
	Description   string `json:"description"`
	Disabled      bool   `json:"disabled"`
	Interface     string `json:"interface"`
	RemoteGateway string `json:"remote_gateway" schema:"required,ipv4"`
	IKEVersion    string `json:"ike_version" schema:"required,enum=ikev1|ikev2|auto"`
	// Default pre_shared_key.
	AuthMethod string `json:"auth_method" schema:"enum=pre_shared_key|rsasig|eap-tls|other"`
	// Replaced by a keyed fingerprint at import; never stored.
	PreSharedKey    string     `json:"pre_shared_key"`
	Proposals       []Proposal `json:"proposals"`
	LifetimeSeconds int        `json:"lifetime_seconds" schema:"min=0"`
	DPDEnabled      bool       `json:"dpd_enabled"`
	DPDDelaySeconds int        `json:"dpd_delay_seconds" schema:"min=0"`
	DPDMaxFailures  int        `json:"dpd_max_failures" schema:"min=0"`
}

// Phase2 is one child SA: traffic selectors (tunnel mode) or inside addresses (VTI mode).
type Phase2 struct {
	ID string `json:"id"`
	// The id of its phase 1.
	Phase1ID    string `json:"phase1_id" schema:"required"`
	Description string `json:"description"`
	Disabled    bool   `json:"disabled"`
	// Default tunnel.
	Mode string `json:"mode" schema:"enum=tunnel|transport|vti"`
	// Traffic selectors (tunnel mode); a bare address is a /32.
	LocalNetworks  []string `json:"local_networks" schema:"items=cidr-or-address"`
	RemoteNetworks []string `json:"remote_networks" schema:"items=cidr-or-address"`
	// Inside addresses (VTI mode).
	LocalAddress  string `json:"local_address" schema:"ipv4"`
	RemoteAddress string `json:"remote_address" schema:"ipv4"`
	// Default esp.
	Protocol        string     `json:"protocol" schema:"enum=esp|ah"`
	Proposals       []Proposal `json:"proposals"`
	PFSGroup        int        `json:"pfs_group" schema:"min=0"`
	LifetimeSeconds int        `json:"lifetime_seconds" schema:"min=0"`
}

// Proposal is one transform: encryption and key length, integrity hash, DH group.
type Proposal struct {
	Encryption string `json:"encryption" schema:"required,pattern=\\S"`
	KeyLength  int    `json:"key_length" schema:"min=0"`
	Hash       string `json:"hash"`
	DHGroup    int    `json:"dh_group" schema:"min=0"`
}

// StaticRoute is a configured route: where the device sends a destination.
type StaticRoute struct {
	// IPv4 network; a bare address is a /32.
	Destination string `json:"destination" schema:"required,cidr-or-address"`
	// The name of an entry of gateways.
	Gateway        string `json:"gateway"`
	GatewayAddress string `json:"gateway_address" schema:"ipv4"`
	Interface      string `json:"interface"`
	Disabled       bool   `json:"disabled"`
	Description    string `json:"description"`
}

// Gateway is a named next hop that routes refer to.
type Gateway struct {
	Name      string `json:"name" schema:"required,pattern=\\S"`
	Interface string `json:"interface"`
	Address   string `json:"address" schema:"ipv4"`
	// The device's default gateway.
	Default bool `json:"default"`
}

// BGP is the device's BGP configuration.
type BGP struct {
	// Default true.
	Enabled   *bool         `json:"enabled"`
	LocalASN  int64         `json:"local_asn" schema:"required,min=1,max=4294967295"`
	RouterID  string        `json:"router_id" schema:"ipv4"`
	Neighbors []BGPNeighbor `json:"neighbors"`
	// The advertised prefixes; a bare address is a /32.
	Networks []string `json:"networks" schema:"items=cidr-or-address"`
}

// BGPNeighbor is one BGP session, e.g. AWS's inside tunnel address with the VGW's AS number.
type BGPNeighbor struct {
	Address   string `json:"address" schema:"required,ipv4"`
	RemoteASN int64  `json:"remote_asn" schema:"required,min=1,max=4294967295"`
	// Default true.
	Enabled     *bool  `json:"enabled"`
	Description string `json:"description"`
}

// Import parses one generic device file, YAML or JSON.
func Import(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
	f, tree, err := decode(data)
	if err != nil {
		return nil, nil, err
	}
	if err := validate(tree); err != nil {
		return nil, nil, err
	}
	return f.device(name, salt)
}

// secondDocument is the line of a second YAML document ("---" and more), which the YAML to
// JSON conversion would drop without a word; 0 when there is none.
func secondDocument(data []byte) int {
	dec := yamlv3.NewDecoder(bytes.NewReader(data))
	var first, second yamlv3.Node
	if dec.Decode(&first) != nil || dec.Decode(&second) != nil {
		return 0
	}
	return max(second.Line, 1)
}

// decode reads YAML or JSON (JSON is YAML) strictly: duplicate keys, unknown fields and wrong
// types are errors that name the field's path. It returns the decoded JSON tree too, for
// validate.
func decode(data []byte) (*File, any, error) {
	if line := secondDocument(data); line > 0 {
		return nil, nil, fmt.Errorf("line %d: a second YAML document; a device file is one document", line)
	}
	js, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return nil, nil, fmt.Errorf("invalid YAML/JSON: %s", errtext.Fold(strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")))
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, nil, fmt.Errorf("invalid YAML/JSON: %s", errtext.OneLine(err))
	}
	if tree == nil {
		return nil, nil, fmt.Errorf("the document is empty")
	}
	var f File
	if err := decodeStrict("", tree, reflect.ValueOf(&f).Elem()); err != nil {
		return nil, nil, err
	}
	return &f, tree, nil
}
