package snapshot

// Device is an on-prem edge device (firewall, router, VPN gateway) normalised from its exported
// configuration. Importers for every format (pfSense, OPNsense, nftables, iptables, a Linux
// gateway folder, Cisco IOS, generic) map to this one model; secrets are dropped and
// pre-shared keys become fingerprints.
type Device struct {
	// Name identifies the device in results; Format is the importer that read it and Source the
	// file or folder it was read from.
	Name   string `json:"name"`
	Format string `json:"format" schema:"enum=pfsense|opnsense|nftables|iptables|generic|linux|cisco-ios"`
	Source string `json:"source"`
	// Hostname and Version are what the export says about the device, where it says it.
	Hostname string `json:"hostname,omitempty"`
	Version  string `json:"version,omitempty"`
	// WANAddresses are the device's internet-facing IPv4 addresses (HN-X-01, HN-FW-10).
	WANAddresses []string `json:"wan_addresses"`
	// The configuration, one part per concern; an empty list means the export has none.
	Interfaces   []Interface   `json:"interfaces"`
	Aliases      []Alias       `json:"aliases"`
	Firewall     Firewall      `json:"firewall"`
	NAT          NAT           `json:"nat"`
	IPsec        IPsec         `json:"ipsec"`
	StaticRoutes []StaticRoute `json:"static_routes"`
	Gateways     []Gateway     `json:"gateways"`
	// BGP is absent when the device runs no BGP.
	BGP *BGP `json:"bgp,omitempty"`
}

// Interface is a physical, VLAN or virtual (VTI, IPsec) interface with its IPv4 addresses.
type Interface struct {
	// Name is the interface's name in the configuration (wan, lan, opt1, a VLAN's name), the one
	// rules refer to; Description is the operator's label.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Device is the OS name (em0, vtnet1.100, enc0, ipsec1).
	Device string `json:"device,omitempty"`
	// Enabled is false for an interface that is configured but down; Role its part in the
	// design (wan faces the internet; vti and ipsec carry tunnels).
	Enabled bool   `json:"enabled"`
	Role    string `json:"role" schema:"enum=wan|lan|opt|vlan|vti|ipsec|loopback|other"`
	// Addresses are host addresses with their prefix ("10.200.0.1/24"); Networks the
	// networks they sit in ("10.200.0.0/24").
	// An empty string is refused (it once passed and then errored 15 checks).
	Addresses []string `json:"addresses" schema:"items=pattern=^[0-9a-fA-F:.]+/[0-9]+$"`
	Networks  []string `json:"networks" schema:"items=cidr"`
	// VLANID and Parent describe a VLAN sub-interface; Gateway names the gateway on this interface.
	VLANID  int    `json:"vlan_id,omitempty" schema:"min=0,max=4095"`
	Parent  string `json:"parent,omitempty"`
	Gateway string `json:"gateway,omitempty"`
	// Mark binds a Linux VTI (its key) or XFRM interface (its if_id) to the route-based
	// IPsec children carrying the same mark (IPsecPhase2.Mark).
	Mark     string    `json:"mark,omitempty"`
	Location *Location `json:"location,omitempty"`
}

// Alias is a named set of addresses, ports or host names, with nested aliases already resolved.
type Alias struct {
	// Name is how rules refer to the alias; Type the kind the export gives it.
	Name string `json:"name"`
	Type string `json:"type" schema:"enum=host|network|port|url|urltable|fqdn|geoip|set|other"`
	// CIDRs, FQDNs and Ports are what the alias resolves to.
	CIDRs       []string    `json:"cidrs,omitempty"`
	FQDNs       []string    `json:"fqdns,omitempty"`
	Ports       []PortRange `json:"ports,omitempty"`
	Description string      `json:"description,omitempty"`
}

// Firewall is the device's filter rule set. Model says how the rules are evaluated:
//   - "pf": pfSense/OPNsense — quick floating rules, then the rules of the ingress interface,
//     first match wins; non-quick floating rules are last match; default block.
//   - "nftables": chains attached to hooks, walked by priority; jump/goto/return; chain policy.
//   - "iptables": built-in chains of the filter table, jumps to user chains, chain policy.
//   - "generic": one ordered list, first match wins, then DefaultAction.
//   - "cisco": Cisco IOS interface ACLs; one chain per binding, Hook "in" or "out", its rules
//     on that interface and direction ending in the list's implicit deny; first match wins;
//     an interface and direction without a chain passes everything.
type Firewall struct {
	// Model and DefaultAction are described above; Chains holds the rules.
	Model         string  `json:"model" schema:"enum=pf|nftables|iptables|generic|cisco"`
	DefaultAction string  `json:"default_action" schema:"enum=pass|block"`
	Chains        []Chain `json:"chains"`
}

// Chain is an ordered list of rules. pf and generic devices have one chain named "filter".
type Chain struct {
	// Name, Table and Family identify the chain (nftables: inet filter forward).
	Name   string `json:"name"`
	Table  string `json:"table,omitempty"`
	Family string `json:"family,omitempty"`
	// Hook is where packets enter the chain (input, forward, output, prerouting,
	// postrouting); empty for chains reached only by jump or goto.
	Hook string `json:"hook,omitempty"`
	// Priority orders chains on one hook (lowest first); Policy is the verdict at the chain's end
	// (empty: return to the caller).
	Priority int            `json:"priority"`
	Policy   string         `json:"policy,omitempty" schema:"enum=accept|drop|"`
	Rules    []FirewallRule `json:"rules"`
}

// FirewallRule is one rule, with its matches and its verdict.
type FirewallRule struct {
	// Index is the rule's position in its chain, from 0.
	Index int `json:"index"`
	// Action: pass, block, reject (terminal); jump, goto, return, continue (flow control);
	// log, counter, other (non-terminal).
	Action string `json:"action" schema:"enum=pass|block|reject|jump|goto|return|continue|log|other"`
	// JumpTarget is the chain a jump or goto enters.
	JumpTarget string `json:"jump_target,omitempty"`
	// Disabled rules never match; Quick and Floating are pf's flags (a quick rule decides at once,
	// a floating rule is not bound to one interface).
	Disabled bool `json:"disabled"`
	Quick    bool `json:"quick"`
	Floating bool `json:"floating"`
	// Interfaces are the ingress interfaces the rule applies to (empty: all).
	Interfaces []string `json:"interfaces,omitempty"`
	// OutInterfaces matches the egress interface (nftables oifname, iptables -o).
	OutInterfaces []string `json:"out_interfaces,omitempty"`
	// Direction and IPVersion narrow the rule to one direction and address family.
	Direction string `json:"direction" schema:"enum=in|out|any"`
	IPVersion string `json:"ip_version" schema:"enum=inet|inet6|any"`
	// Protocol: any, tcp, udp, tcp/udp, icmp, icmpv6, esp, ah, gre, or an IP protocol number.
	Protocol string `json:"protocol"`
	// Source and Destination are the address and port matches; ICMPTypes the ICMP types (empty: all).
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	ICMPTypes   []int    `json:"icmp_types,omitempty"`
	// States restricts the rule to conntrack states (new, established, related, invalid).
	States []string `json:"states,omitempty"`
	// Description, Tracker (pfSense's rule ID) and Location are cited in evidence.
	Description string    `json:"description,omitempty"`
	Tracker     string    `json:"tracker,omitempty"`
	Location    *Location `json:"location,omitempty"`
	// Unsupported lists matches the importer could not model; the evaluator treats such a
	// rule conservatively and the source carries a warning.
	Unsupported []string `json:"unsupported,omitempty"`
}

// Endpoint is a rule's source or destination. With Any nothing else restricts addresses;
// Not inverts the address match (not the port match).
type Endpoint struct {
	// Any: no address restriction; Not inverts the address match.
	Any bool `json:"any"`
	Not bool `json:"not"`
	// CIDRs are the addresses matched, aliases resolved.
	CIDRs []string `json:"cidrs,omitempty" schema:"items=cidr"`
	// Self matches the device's own addresses.
	Self bool `json:"self,omitempty"`
	// FQDNs are host names the rule names (FQDN aliases); they match no CIDR but count for
	// egress checks that ask whether a name is reachable.
	FQDNs []string `json:"fqdns,omitempty"`
	// Alias is the alias or interface network the importer resolved, kept for evidence.
	Alias string `json:"alias,omitempty"`
	// Ports are the ports matched (empty: all).
	Ports []PortRange `json:"ports,omitempty"`
}

// PortRange is an inclusive port range; a single port has From == To.
type PortRange struct {
	// From and To bound the range, both included.
	From int `json:"from" schema:"min=0,max=65535"`
	To   int `json:"to" schema:"min=0,max=65535"`
}

// NAT is the device's address translation.
type NAT struct {
	// OutboundMode is pfSense's automatic, hybrid, advanced or disabled; "rules" for devices
	// whose NAT is only explicit rules.
	OutboundMode string `json:"outbound_mode" schema:"enum=automatic|hybrid|advanced|disabled|rules"`
	// Rules are the translation rules in the order the device evaluates them.
	Rules []NATRule `json:"rules"`
}

// NATRule is one translation rule. Kind outbound/snat/masquerade rewrite sources; port-forward
// and dnat rewrite destinations; NoNAT marks an exemption (pfSense <nonat/>, nft "accept" in a
// NAT chain before the masquerade).
type NATRule struct {
	// Index is the rule's position, from 0; Kind what it rewrites (see above).
	Index int    `json:"index"`
	Kind  string `json:"kind" schema:"enum=outbound|snat|masquerade|port-forward|dnat|one-to-one|other"`
	// Interface is where the rule applies; Disabled rules never match; NoNAT marks an exemption.
	Interface string `json:"interface,omitempty"`
	Disabled  bool   `json:"disabled"`
	NoNAT     bool   `json:"no_nat"`
	// Protocol, Source and Destination select the traffic, as in FirewallRule.
	Protocol    string   `json:"protocol"`
	Source      Endpoint `json:"source"`
	Destination Endpoint `json:"destination"`
	// Translation is the new address ("interface-address", an IP, or a pool).
	Translation string    `json:"translation,omitempty"`
	Description string    `json:"description,omitempty"`
	Location    *Location `json:"location,omitempty"`
}

// IPsec is the device's IPsec configuration: phase 1 (IKE) entries, one per remote gateway, and
// the phase 2 (child SA) entries bound to them by Phase1ID.
type IPsec struct {
	Phase1 []IPsecPhase1 `json:"phase1"`
	Phase2 []IPsecPhase2 `json:"phase2"`
}

// IPsecPhase1 is one IKE SA definition: the remote gateway (an AWS tunnel's outside IP), the
// IKE version, authentication and proposals the checks compare with the AWS tunnel's options.
type IPsecPhase1 struct {
	// ID links phase 2 entries to this one (IPsecPhase2.Phase1ID); Disabled entries never start.
	ID          string `json:"id"`
	Disabled    bool   `json:"disabled"`
	Description string `json:"description,omitempty"`
	// Interface is the local interface IKE runs on; RemoteGateway the peer's address.
	Interface     string `json:"interface,omitempty"`
	RemoteGateway string `json:"remote_gateway"`
	// IKEVersion is absent when the export's value could not be read (named in Unread).
	IKEVersion string `json:"ike_version,omitempty" schema:"enum=ikev1|ikev2|auto"`
	// SplitConnections: with IKEv2, each phase 2 is its own child SA (pfSense "Split
	// connections"); without it strongSwan combines the phase 2 selectors into one child SA.
	SplitConnections bool `json:"split_connections,omitempty"`
	// AuthMethod: pre_shared_key, rsasig, eap-tls, other.
	AuthMethod string          `json:"auth_method"`
	Proposals  []IPsecProposal `json:"proposals"`
	// LifetimeSeconds is absent when the export's value could not be read (named in Unread).
	LifetimeSeconds int `json:"lifetime_seconds,omitempty"`
	// DPDEnabled, DPDDelaySeconds and DPDMaxFailures are dead peer detection.
	DPDEnabled      bool `json:"dpd_enabled"`
	DPDDelaySeconds int  `json:"dpd_delay_seconds,omitempty"`
	DPDMaxFailures  int  `json:"dpd_max_failures,omitempty"`
	// PSKFingerprint stands in for the pre-shared key (see the package function
	// PSKFingerprint); the key itself is never kept.
	PSKFingerprint string `json:"psk_fingerprint,omitempty" schema:"pattern=^[0-9a-f]{64}$"`
	// Unread names the fields the importer found in the export but could not read
	// (ike_version, lifetime_seconds, dh_group): their values are left out, never defaulted,
	// and the checks that need them answer unknown.
	Unread   []string  `json:"unread,omitempty" schema:"items=enum=ike_version|lifetime_seconds|dh_group"`
	Location *Location `json:"location,omitempty"`
}

// IPsecPhase2 is one child SA definition: the traffic that goes through the tunnel (traffic
// selectors, or a route-based VTI tunnel), with its proposals and PFS group.
type IPsecPhase2 struct {
	// ID identifies the entry; Phase1ID names its IPsecPhase1; Disabled entries never start.
	ID          string `json:"id,omitempty"`
	Phase1ID    string `json:"phase1_id"`
	Disabled    bool   `json:"disabled"`
	Description string `json:"description,omitempty"`
	// Mode tunnel (policy-based, traffic selectors) or vti (route-based).
	Mode string `json:"mode" schema:"enum=tunnel|tunnel6|transport|vti"`
	// LocalNetworks/RemoteNetworks are the traffic selectors (tunnel mode); for VTI mode,
	// LocalAddress/RemoteAddress are the tunnel's inside addresses.
	LocalNetworks  []string `json:"local_networks" schema:"items=cidr"`
	RemoteNetworks []string `json:"remote_networks" schema:"items=cidr"`
	LocalAddress   string   `json:"local_address,omitempty"`
	RemoteAddress  string   `json:"remote_address,omitempty"`
	// Interface is the VTI or XFRM interface a route-based (vti) entry's traffic enters and
	// leaves by, where the device names it; Mark the XFRM mark or interface ID binding the two.
	Interface string `json:"interface,omitempty"`
	Mark      string `json:"mark,omitempty"`
	// Protocol esp or ah; Proposals the transforms; PFSGroup the DH group of perfect forward
	// secrecy (0: none); LifetimeSeconds the child SA's lifetime.
	Protocol        string          `json:"protocol" schema:"enum=esp|ah"`
	Proposals       []IPsecProposal `json:"proposals"`
	PFSGroup        int             `json:"pfs_group"`
	LifetimeSeconds int             `json:"lifetime_seconds"`
	// Unread names the fields the importer found in the export but could not read; their
	// values are 0 here, not a default, and the checks that need them answer unknown.
	Unread   []string  `json:"unread,omitempty" schema:"items=enum=lifetime_seconds|pfs_group"`
	Location *Location `json:"location,omitempty"`
}

// IPsecProposal is one transform: encryption (aes, aes128gcm...), key length, integrity hash
// (sha1, sha256...), DH group (phase 1 only).
type IPsecProposal struct {
	// Encryption and KeyLength (absent when the algorithm implies it), Hash the integrity
	// algorithm (absent for AEAD), DHGroup the Diffie-Hellman group.
	Encryption string `json:"encryption"`
	KeyLength  int    `json:"key_length,omitempty"`
	Hash       string `json:"hash,omitempty"`
	DHGroup    int    `json:"dh_group,omitempty"`
}

// StaticRoute is a configured route on the device: where it sends a destination.
type StaticRoute struct {
	// Destination is the IPv4 network routed.
	Destination string `json:"destination" schema:"cidr"`
	// Gateway names an entry of Device.Gateways; GatewayAddress is the next hop's address where
	// the export gives it; Interface the egress interface.
	Gateway        string    `json:"gateway,omitempty"`
	GatewayAddress string    `json:"gateway_address,omitempty"`
	Interface      string    `json:"interface,omitempty"`
	Disabled       bool      `json:"disabled"`
	Description    string    `json:"description,omitempty"`
	Location       *Location `json:"location,omitempty"`
}

// Gateway is a named next hop (a pfSense gateway, a Linux route's via) that routes refer to.
type Gateway struct {
	// Name is how routes refer to it; Interface and Address say where it is; Default marks the
	// device's default gateway.
	Name      string `json:"name"`
	Interface string `json:"interface,omitempty"`
	Address   string `json:"address,omitempty"`
	Default   bool   `json:"default"`
}

// BGP is the device's BGP configuration (FRR, Cisco IOS, the generic file): its AS, router ID,
// neighbours and advertised networks, which checks compare with the customer gateway's AS
// number and the VPN tunnels' inside addresses.
type BGP struct {
	// Enabled: the BGP process runs; LocalASN is the device's AS number; RouterID its router ID.
	Enabled   bool          `json:"enabled"`
	LocalASN  int64         `json:"local_asn"`
	RouterID  string        `json:"router_id,omitempty"`
	Neighbors []BGPNeighbor `json:"neighbors"`
	// Networks are the prefixes the device advertises (network statements, redistributed
	// static routes resolved to prefixes).
	Networks []string `json:"networks" schema:"items=cidr"`
}

// BGPNeighbor is one configured BGP session, e.g. AWS's inside tunnel address with the VGW's
// or TGW's AS number.
type BGPNeighbor struct {
	// Address is the neighbour's address and RemoteASN its AS number; Enabled is false for a
	// neighbour that is shut down.
	Address     string `json:"address"`
	RemoteASN   int64  `json:"remote_asn"`
	Enabled     bool   `json:"enabled"`
	Description string `json:"description,omitempty"`
	// ExportFilter names the outbound route-map or prefix-list that filters what this neighbour
	// is sent. Advertised is then the subset of the device's Networks that it lets through;
	// AdvertisedUnknown says why that subset could not be worked out (an unmodelled match),
	// and Advertised is absent.
	ExportFilter      string    `json:"export_filter,omitempty"`
	Advertised        []string  `json:"advertised,omitempty" schema:"items=cidr"`
	AdvertisedUnknown string    `json:"advertised_unknown,omitempty"`
	Location          *Location `json:"location,omitempty"`
}
