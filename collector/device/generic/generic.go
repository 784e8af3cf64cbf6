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

	"github.com/hybridcheck/hybridcheck/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

const maxListItems = 100000

func init() { device.Register("generic", Import) }

// File is the generic device format: snapshot.Device in a form people write by hand.
type File struct {
	Hostname     string        `json:"hostname"`
	Version      string        `json:"version"`
	WANAddresses []string      `json:"wan_addresses"`
	Interfaces   []Interface   `json:"interfaces"`
	Aliases      []Alias       `json:"aliases"`
	Firewall     Firewall      `json:"firewall"`
	NAT          NAT           `json:"nat"`
	IPsec        IPsec         `json:"ipsec"`
	StaticRoutes []StaticRoute `json:"static_routes"`
	Gateways     []Gateway     `json:"gateways"`
	BGP          *BGP          `json:"bgp"`
}

type Interface struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Device      string   `json:"device"`
	Enabled     *bool    `json:"enabled"`
	Role        string   `json:"role"`
	Addresses   []string `json:"addresses"`
	VLANID      int      `json:"vlan_id"`
	Parent      string   `json:"parent"`
	Gateway     string   `json:"gateway"`
}

type Alias struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	CIDRs       []string `json:"cidrs"`
	FQDNs       []string `json:"fqdns"`
	Ports       []Port   `json:"ports"`
	Description string   `json:"description"`
}

type Firewall struct {
	DefaultAction string `json:"default_action"`
	Rules         []Rule `json:"rules"`
}

// Rule is one firewall rule; the list is evaluated in order and the first match wins.
type Rule struct {
	Action        string   `json:"action"`
	Description   string   `json:"description"`
	Disabled      bool     `json:"disabled"`
	Interfaces    []string `json:"interfaces"`
	OutInterfaces []string `json:"out_interfaces"`
	Direction     string   `json:"direction"`
	IPVersion     string   `json:"ip_version"`
	Protocol      string   `json:"protocol"`
	Source        Endpoint `json:"source"`
	Destination   Endpoint `json:"destination"`
	ICMPTypes     []int    `json:"icmp_types"`
	States        []string `json:"states"`
}

// Endpoint is a rule's source or destination; with no address, alias, FQDN or self it is any.
type Endpoint struct {
	Not   bool     `json:"not"`
	CIDRs []string `json:"cidrs"`
	Alias string   `json:"alias"`
	FQDNs []string `json:"fqdns"`
	Self  bool     `json:"self"`
	Ports []Port   `json:"ports"`
}

type NAT struct {
	OutboundMode string    `json:"outbound_mode"`
	Rules        []NATRule `json:"rules"`
}

type NATRule struct {
	Kind        string   `json:"kind"`
	Interface   string   `json:"interface"`
	Disabled    bool     `json:"disabled"`
	NoNAT       bool     `json:"no_nat"`
	Protocol    string   `json:"protocol"`
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	Translation string   `json:"translation"`
	Description string   `json:"description"`
}

type IPsec struct {
	Phase1 []Phase1 `json:"phase1"`
	Phase2 []Phase2 `json:"phase2"`
}

type Phase1 struct {
	ID              string     `json:"id"`
	Description     string     `json:"description"`
	Disabled        bool       `json:"disabled"`
	Interface       string     `json:"interface"`
	RemoteGateway   string     `json:"remote_gateway"`
	IKEVersion      string     `json:"ike_version"`
	AuthMethod      string     `json:"auth_method"`
	PreSharedKey    string     `json:"pre_shared_key"`
	Proposals       []Proposal `json:"proposals"`
	LifetimeSeconds int        `json:"lifetime_seconds"`
	DPDEnabled      bool       `json:"dpd_enabled"`
	DPDDelaySeconds int        `json:"dpd_delay_seconds"`
	DPDMaxFailures  int        `json:"dpd_max_failures"`
}

type Phase2 struct {
	ID              string     `json:"id"`
	Phase1ID        string     `json:"phase1_id"`
	Description     string     `json:"description"`
	Disabled        bool       `json:"disabled"`
	Mode            string     `json:"mode"`
	LocalNetworks   []string   `json:"local_networks"`
	RemoteNetworks  []string   `json:"remote_networks"`
	LocalAddress    string     `json:"local_address"`
	RemoteAddress   string     `json:"remote_address"`
	Protocol        string     `json:"protocol"`
	Proposals       []Proposal `json:"proposals"`
	PFSGroup        int        `json:"pfs_group"`
	LifetimeSeconds int        `json:"lifetime_seconds"`
}

type Proposal struct {
	Encryption string `json:"encryption"`
	KeyLength  int    `json:"key_length"`
	Hash       string `json:"hash"`
	DHGroup    int    `json:"dh_group"`
}

type StaticRoute struct {
	Destination    string `json:"destination"`
	Gateway        string `json:"gateway"`
	GatewayAddress string `json:"gateway_address"`
	Interface      string `json:"interface"`
	Disabled       bool   `json:"disabled"`
	Description    string `json:"description"`
}

type Gateway struct {
	Name      string `json:"name"`
	Interface string `json:"interface"`
	Address   string `json:"address"`
	Default   bool   `json:"default"`
}

type BGP struct {
	Enabled   *bool         `json:"enabled"`
	LocalASN  int64         `json:"local_asn"`
	RouterID  string        `json:"router_id"`
	Neighbors []BGPNeighbor `json:"neighbors"`
	Networks  []string      `json:"networks"`
}

type BGPNeighbor struct {
	Address     string `json:"address"`
	RemoteASN   int64  `json:"remote_asn"`
	Enabled     *bool  `json:"enabled"`
	Description string `json:"description"`
}

// Import parses one generic device file, YAML or JSON.
func Import(name string, data []byte, salt string) (*snapshot.Device, []string, error) {
	f, err := decode(data)
	if err != nil {
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
// types are errors that name the field's path.
func decode(data []byte) (*File, error) {
	if line := secondDocument(data); line > 0 {
		return nil, fmt.Errorf("line %d: a second YAML document; a device file is one document", line)
	}
	js, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return nil, fmt.Errorf("invalid YAML/JSON: %s", oneLine(strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")))
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, fmt.Errorf("invalid YAML/JSON: %s", oneLine(err.Error()))
	}
	if tree == nil {
		return nil, fmt.Errorf("the document is empty")
	}
	var f File
	if err := decodeStrict("", tree, reflect.ValueOf(&f).Elem()); err != nil {
		return nil, err
	}
	return &f, nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
