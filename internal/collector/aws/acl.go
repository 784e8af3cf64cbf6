package aws

import (
	"cmp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// networkACLs normalises the network ACLs of the VPCs in scope; nil when DescribeNetworkAcls
// never answered, so that the snapshot says "not collected" rather than "none".
func networkACLs(r *rawState, inScope func(string) bool) *[]snapshot.NetworkACL {
	if !r.NetworkAclsCollected {
		return nil
	}
	out := []snapshot.NetworkACL{}
	for _, a := range r.NetworkAcls {
		if !inScope(aws.ToString(a.VpcId)) {
			continue
		}
		out = append(out, networkACL(a))
	}
	slices.SortFunc(out, func(x, y snapshot.NetworkACL) int { return cmp.Compare(x.ID, y.ID) })
	return &out
}

func networkACL(a ec2types.NetworkAcl) snapshot.NetworkACL {
	out := snapshot.NetworkACL{
		ID: aws.ToString(a.NetworkAclId), VPCID: aws.ToString(a.VpcId), IsDefault: aws.ToBool(a.IsDefault),
		Associations: []snapshot.NetworkACLAssociation{}, Entries: []snapshot.NetworkACLEntry{}, Tags: tags(a.Tags),
	}
	for _, as := range a.Associations {
		out.Associations = append(out.Associations, snapshot.NetworkACLAssociation{
			ID: aws.ToString(as.NetworkAclAssociationId), SubnetID: aws.ToString(as.SubnetId)})
	}
	slices.SortFunc(out.Associations, func(x, y snapshot.NetworkACLAssociation) int { return cmp.Compare(x.SubnetID, y.SubnetID) })
	for _, e := range a.Entries {
		x := snapshot.NetworkACLEntry{
			RuleNumber: int(aws.ToInt32(e.RuleNumber)), Egress: aws.ToBool(e.Egress), Protocol: ipproto.AWSName(aws.ToString(e.Protocol)),
			RuleAction: strings.ToLower(string(e.RuleAction)), CIDRBlock: aws.ToString(e.CidrBlock), IPv6CIDRBlock: aws.ToString(e.Ipv6CidrBlock),
			FromPort: -1, ToPort: -1,
		}
		// AWS returns a port range only for TCP and UDP rules; for ICMP the type and code
		// are kept out (no hybrid flow the checks ask about is ICMP).
		if e.PortRange != nil && (x.Protocol == "tcp" || x.Protocol == "udp") {
			x.FromPort, x.ToPort = int(aws.ToInt32(e.PortRange.From)), int(aws.ToInt32(e.PortRange.To))
		}
		out.Entries = append(out.Entries, x)
	}
	slices.SortFunc(out.Entries, func(x, y snapshot.NetworkACLEntry) int {
		return cmp.Or(compareBool(x.Egress, y.Egress), cmp.Compare(x.RuleNumber, y.RuleNumber), cmp.Compare(x.CIDRBlock, y.CIDRBlock), cmp.Compare(x.IPv6CIDRBlock, y.IPv6CIDRBlock))
	})
	return out
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// prefixLists merges the managed prefix lists (with their entries when GetManagedPrefixListEntries
// answered for them) and the service prefix lists of DescribePrefixLists; nil when neither call
// answered. Prefix lists are region-wide and few, so all are kept whatever the VPC scope.
func prefixLists(r *rawState) *[]snapshot.PrefixList {
	if !r.PrefixListsCollected {
		return nil
	}
	byID := map[string]*snapshot.PrefixList{}
	for _, p := range r.ManagedPrefixLists {
		id := aws.ToString(p.PrefixListId)
		x := &snapshot.PrefixList{ID: id, Name: aws.ToString(p.PrefixListName), AddressFamily: aws.ToString(p.AddressFamily),
			OwnerID: aws.ToString(p.OwnerId), MaxEntries: int(aws.ToInt32(p.MaxEntries))}
		if es, ok := r.PrefixListEntries[id]; ok {
			entries := []snapshot.PrefixListEntry{}
			for _, e := range es {
				entries = append(entries, snapshot.PrefixListEntry{CIDR: aws.ToString(e.Cidr), Description: aws.ToString(e.Description)})
			}
			x.Entries = &entries
		}
		byID[id] = x
	}
	for _, p := range r.PrefixLists {
		id := aws.ToString(p.PrefixListId)
		x := byID[id]
		if x == nil {
			x = &snapshot.PrefixList{ID: id, Name: aws.ToString(p.PrefixListName)}
			byID[id] = x
		}
		if x.Entries == nil {
			entries := []snapshot.PrefixListEntry{}
			for _, c := range p.Cidrs {
				entries = append(entries, snapshot.PrefixListEntry{CIDR: c})
			}
			x.Entries = &entries
		}
	}
	out := []snapshot.PrefixList{}
	for _, x := range byID {
		if x.Entries != nil {
			slices.SortFunc(*x.Entries, func(a, b snapshot.PrefixListEntry) int { return cmp.Compare(a.CIDR, b.CIDR) })
		}
		out = append(out, *x)
	}
	slices.SortFunc(out, func(x, y snapshot.PrefixList) int { return cmp.Compare(x.ID, y.ID) })
	return &out
}
