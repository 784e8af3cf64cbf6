package collector

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// DraftLine is one field of an intent drafted from a snapshot (`hybridcheck init`): its value,
// and where it came from. A value read from the estate is Observed (From names the source); a
// value the estate cannot show is a guess, and Note says what to check. A field with no value
// is written commented out, with Note saying when to set it.
type DraftLine struct {
	Field    string
	Value    any // string or []string; nil leaves the field commented out
	Observed bool
	From     string
	Note     string
}

// DraftIntent drafts the intent of the estate a snapshot shows, field by field in the order of
// docs/intent.md, marking every value that is not read from the estate as a guess.
func DraftIntent(s *snapshot.Snapshot) []DraftLine {
	a := s.AWS
	if a == nil {
		a = &snapshot.AWS{}
	}
	c := a.EKSCluster
	var lines []DraftLine
	seen := func(field string, v any, from string) {
		lines = append(lines, DraftLine{Field: field, Value: v, Observed: true, From: from})
	}
	guess := func(field string, v any, note string) {
		lines = append(lines, DraftLine{Field: field, Value: v, Note: note})
	}
	unset := func(field, note string) { lines = append(lines, DraftLine{Field: field, Note: note}) }

	if a.Region != "" {
		seen("region", a.Region, "the collection region")
	} else {
		unset("region", "not in the snapshot: set the cluster's region")
	}
	if c != nil {
		seen("cluster", c.Name, "eks:DescribeCluster")
	} else {
		unset("cluster", "no EKS cluster in the snapshot: set its name so collect reads eks:DescribeCluster")
	}
	vpc := draftVPC(a, &lines)
	draftCIDRs(a, c, vpc, &lines)
	if c != nil && c.ServiceIPv4CIDR != "" {
		seen("service_cidr", c.ServiceIPv4CIDR, "eks:DescribeCluster serviceIpv4Cidr")
	} else {
		unset("service_cidr", "not in the snapshot: set the cluster's service CIDR")
	}
	guess("credential_provider", "ssm", "the default; set iam-roles-anywhere if the nodes get credentials from IAM Roles Anywhere")
	draftLink(a, vpc, &lines)
	guess("cni_overlay", "none", "the default; set vxlan if Cilium runs in VXLAN overlay mode")
	unset("public_ip", "set the device's public IPv4 address if it sits behind NAT")
	unset("max_snapshot_age", "default 7d: set it (e.g. 12h, 2w) if your audit cycle needs another")
	if c != nil {
		sgs := slices.DeleteFunc(append([]string{c.ClusterSecurityGroupID}, c.SecurityGroupIDs...), func(s string) bool { return s == "" })
		seen("hybrid_security_groups", sgs, "eks:DescribeCluster (the cluster security group and the additional security groups)")
	} else {
		unset("hybrid_security_groups", "no EKS cluster in the snapshot: list the security groups the hybrid rules must be in")
	}
	return lines
}

// draftVPC picks the cluster VPC: the cluster's, else the only VPC, else the one VPC with a
// VGW or TGW attachment (a guess), and returns its ID ("" when none fits).
func draftVPC(a *snapshot.AWS, lines *[]DraftLine) string {
	add := func(l DraftLine) { *lines = append(*lines, l) }
	if c := a.EKSCluster; c != nil && c.VPCID != "" {
		add(DraftLine{Field: "vpc_id", Value: c.VPCID, Observed: true, From: "eks:DescribeCluster"})
		return c.VPCID
	}
	if len(a.VPCs) == 1 {
		add(DraftLine{Field: "vpc_id", Value: a.VPCs[0].ID, Note: "the only VPC in the snapshot; check it is the cluster's"})
		return a.VPCs[0].ID
	}
	var linked []string
	for _, v := range a.VPCs {
		if len(vgwsOf(a, v.ID)) > 0 || len(tgwsOf(a, v.ID)) > 0 {
			linked = append(linked, v.ID)
		}
	}
	if len(linked) == 1 {
		add(DraftLine{Field: "vpc_id", Value: linked[0], Note: fmt.Sprintf("the only one of %d VPCs with a VGW or TGW attached; check it is the cluster's", len(a.VPCs))})
		return linked[0]
	}
	ids := make([]string, len(a.VPCs))
	for i, v := range a.VPCs {
		ids[i] = v.ID
	}
	add(DraftLine{Field: "vpc_id", Note: "cannot tell which VPC is the cluster's; one of: " + orNone(ids)})
	return ""
}

// draftCIDRs takes the remote node and pod CIDRs from the cluster, else guesses the node
// CIDRs from the VPN's static routes or traffic selector.
func draftCIDRs(a *snapshot.AWS, c *snapshot.EKSCluster, vpc string, lines *[]DraftLine) {
	add := func(l DraftLine) { *lines = append(*lines, l) }
	if c != nil && len(c.RemoteNodeNetworks) > 0 {
		add(DraftLine{Field: "remote_node_cidrs", Value: c.RemoteNodeNetworks, Observed: true, From: "eks:DescribeCluster remoteNetworkConfig"})
	} else if routes := vpnRouteCIDRs(a, vpc); len(routes) > 0 {
		add(DraftLine{Field: "remote_node_cidrs", Value: routes, Note: "the VPN's static routes to on-prem; keep the node networks and move pod networks to remote_pod_cidrs"})
	} else {
		add(DraftLine{Field: "remote_node_cidrs", Note: "not in the snapshot: list the on-prem networks of the hybrid nodes"})
	}
	if c != nil && len(c.RemotePodNetworks) > 0 {
		add(DraftLine{Field: "remote_pod_cidrs", Value: c.RemotePodNetworks, Observed: true, From: "eks:DescribeCluster remoteNetworkConfig"})
	} else {
		add(DraftLine{Field: "remote_pod_cidrs", Note: "not in the snapshot: list the pod networks of the hybrid nodes (needed for webhooks and pod traffic)"})
	}
}

// draftLink reads the connectivity, software VPN, routing and target gateway from the VPN
// connections and gateways of the cluster VPC.
func draftLink(a *snapshot.AWS, vpc string, lines *[]DraftLine) {
	add := func(l DraftLine) { *lines = append(*lines, l) }
	vgws, tgws := vgwsOf(a, vpc), tgwsOf(a, vpc)
	vpns := vpnsOf(a, vgws, tgws)
	switch {
	case len(vpns) > 0:
		add(DraftLine{Field: "connectivity", Value: "site-to-site-vpn", Observed: true, From: "ec2:DescribeVpnConnections (" + strings.Join(ids(vpns), ", ") + ")"})
	case a.DirectConnect != nil && len(a.DirectConnect.VirtualInterfaces) > 0:
		add(DraftLine{Field: "connectivity", Value: "direct-connect", Observed: true, From: "directconnect:DescribeVirtualInterfaces"})
	default:
		add(DraftLine{Field: "connectivity", Value: "software-vpn", Note: "no Site-to-Site VPN or Direct Connect on the cluster VPC: a software VPN on an instance, or set the link you use"})
	}
	if len(vpns) == 0 && (a.DirectConnect == nil || len(a.DirectConnect.VirtualInterfaces) == 0) {
		add(DraftLine{Field: "software_vpn", Value: "ipsec", Note: "set ipsec, openvpn or wireguard: the software VPN the device runs"})
	} else {
		add(DraftLine{Field: "software_vpn", Note: "only with connectivity software-vpn"})
	}
	switch {
	case len(vpns) == 0:
		add(DraftLine{Field: "routing", Value: "static", Note: "no VPN connection to read it from; set bgp if the link runs BGP"})
	case allStatic(vpns):
		add(DraftLine{Field: "routing", Value: "static", Observed: true, From: "ec2:DescribeVpnConnections StaticRoutesOnly"})
	default:
		add(DraftLine{Field: "routing", Value: "bgp", Observed: true, From: "ec2:DescribeVpnConnections StaticRoutesOnly false"})
	}
	switch {
	case len(vgws) > 0 && len(tgws) == 0:
		add(DraftLine{Field: "target_gateway", Value: "vgw", Observed: true, From: "ec2:DescribeVpnGateways (" + strings.Join(vgws, ", ") + " attached to the VPC)"})
	case len(tgws) > 0 && len(vgws) == 0:
		add(DraftLine{Field: "target_gateway", Value: "tgw", Observed: true, From: "ec2:DescribeTransitGatewayAttachments (" + strings.Join(tgws, ", ") + " attached to the VPC)"})
	case len(tgws) > 0:
		add(DraftLine{Field: "target_gateway", Value: "tgw", Note: "both a VGW and a TGW are attached to the VPC; set the one the remote networks route through"})
	default:
		add(DraftLine{Field: "target_gateway", Note: "no VGW or TGW is attached to the VPC yet: set vgw or tgw"})
	}
}

func vgwsOf(a *snapshot.AWS, vpc string) []string {
	var out []string
	for _, g := range a.VPNGateways {
		for _, at := range g.VPCAttachments {
			if at.VPCID == vpc && vpc != "" && at.State == "attached" {
				out = append(out, g.ID)
			}
		}
	}
	return out
}

func tgwsOf(a *snapshot.AWS, vpc string) []string {
	set := map[string]bool{}
	for _, at := range a.TransitGatewayAttachments {
		if at.ResourceType == "vpc" && at.ResourceID == vpc && vpc != "" {
			set[at.TransitGatewayID] = true
		}
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func vpnsOf(a *snapshot.AWS, vgws, tgws []string) []snapshot.VPNConnection {
	var out []snapshot.VPNConnection
	for _, v := range a.VPNConnections {
		if (v.VPNGatewayID != "" && slices.Contains(vgws, v.VPNGatewayID)) || (v.TransitGatewayID != "" && slices.Contains(tgws, v.TransitGatewayID)) {
			out = append(out, v)
		}
	}
	return out
}

func vpnRouteCIDRs(a *snapshot.AWS, vpc string) []string {
	var out []string
	for _, v := range vpnsOf(a, vgwsOf(a, vpc), tgwsOf(a, vpc)) {
		for _, r := range v.Routes {
			if !slices.Contains(out, r.DestinationCIDR) {
				out = append(out, r.DestinationCIDR)
			}
		}
	}
	sort.Strings(out)
	return out
}

func allStatic(vpns []snapshot.VPNConnection) bool {
	for _, v := range vpns {
		if !v.StaticRoutesOnly {
			return false
		}
	}
	return true
}

func ids(vpns []snapshot.VPNConnection) []string {
	out := make([]string, len(vpns))
	for i, v := range vpns {
		out[i] = v.ID
	}
	return out
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "none in the snapshot"
	}
	return strings.Join(list, ", ")
}

// WriteDraft writes a drafted intent as commented YAML: a header saying how to read it, then
// one line per field with "observed: SOURCE" or "GUESS: what to check" beside its value.
// Values are JSON-quoted, which YAML reads as the same strings.
func WriteDraft(w io.Writer, origin string, lines []DraftLine) error {
	guesses := 0
	for _, l := range lines {
		if l.Value != nil && !l.Observed {
			guesses++
		}
	}
	fmt.Fprintf(w, "# hybridcheck intent drafted by `hybridcheck init` from %s.\n", origin)
	fmt.Fprintf(w, "# Each value says where it came from: \"observed\" (read from the estate) or \"GUESS\" (%d here:\n", guesses)
	fmt.Fprintf(w, "# the estate cannot show it; check each before trusting the checks). Commented-out fields\n")
	fmt.Fprintf(w, "# were not found. Every field, its default and the checks that read it: docs/intent.md.\n")
	for _, l := range lines {
		if l.Value == nil {
			if _, err := fmt.Fprintf(w, "# %s:  # %s\n", l.Field, l.Note); err != nil {
				return err
			}
			continue
		}
		v, err := json.Marshal(l.Value)
		if err != nil {
			return err
		}
		mark := "GUESS: " + l.Note
		if l.Observed {
			mark = "observed: " + l.From
		}
		if _, err := fmt.Fprintf(w, "%s: %s  # %s\n", l.Field, v, mark); err != nil {
			return err
		}
	}
	return nil
}
