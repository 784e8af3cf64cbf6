package awspath

import (
	"fmt"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
)

// SecurityGroup is the part of a snapshot security group the model reads.
type SecurityGroup struct {
	ID      string   `json:"id"`
	Ingress []SGRule `json:"ingress"`
	Egress  []SGRule `json:"egress"`
}

// SGRule is the part of a snapshot security group rule (snapshot.SGRule) that the model
// reads: one protocol, port range and peer.
type SGRule struct {
	Protocol          string `json:"protocol"`
	FromPort          int    `json:"from_port"`
	ToPort            int    `json:"to_port"`
	CIDRIPv4          string `json:"cidr_ipv4,omitempty"`
	CIDRIPv6          string `json:"cidr_ipv6,omitempty"`
	PrefixListID      string `json:"prefix_list_id,omitempty"`
	ReferencedGroupID string `json:"referenced_group_id,omitempty"`
	Description       string `json:"description,omitempty"`
	RuleID            string `json:"rule_id,omitempty"`
}

// SGMatch is a rule that admits part of the asked traffic.
type SGMatch struct {
	SecurityGroupID string   `json:"security_group_id"`
	Rule            SGRule   `json:"rule"`
	CIDRs           []string `json:"cidrs"`
}

// SGResult is what a set of security groups admits of the asked traffic.
type SGResult struct {
	// Allowed: every asked address is admitted on every asked port by some rule of some group.
	Allowed bool `json:"allowed"`
	// AllowedCIDRs are the asked addresses admitted (on every asked port); Gaps the rest.
	AllowedCIDRs []string  `json:"allowed_cidrs"`
	Gaps         []string  `json:"gaps"`
	AllowedBy    []SGMatch `json:"allowed_by"`
	// Unknown: a gap might be filled by a rule the snapshot cannot resolve (a prefix list
	// without entries); Reasons name it.
	Unknown bool     `json:"unknown"`
	Reasons []string `json:"reasons"`
}

// sgRuleCovers: the rule admits the protocol on every port of [lo, hi]. A rule for all
// protocols (-1) admits everything; asking for protocol all is answered only by such rules.
func sgRuleCovers(r SGRule, proto string, lo, hi int) bool {
	rp := ipproto.AWSNumber(r.Protocol)
	if rp == "-1" {
		return true
	}
	if rp != ipproto.AWSNumber(proto) {
		return false
	}
	if rp != "6" && rp != "17" {
		return true
	}
	rlo, rhi := portsOf(r.FromPort, r.ToPort)
	return rlo <= lo && hi <= rhi
}

// EvaluateSGs answers which of the traffic's peers the groups admit. Security groups only
// allow and are the union of all their rules and of all the groups on an interface; rules that
// reference a group admit that group's members, never a remote CIDR, so they add nothing here.
func EvaluateSGs(groups []SecurityGroup, t Traffic, pl *PrefixLists) (SGResult, error) {
	asked, err := parseSet(t.Peers)
	if err != nil {
		return SGResult{}, err
	}
	lo, hi := portsOf(t.FromPort, t.ToPort)
	res := SGResult{AllowedBy: []SGMatch{}, Reasons: []string{}}
	var union ipSet
	for _, g := range groups {
		rules := g.Ingress
		if t.Egress {
			rules = g.Egress
		}
		for _, r := range rules {
			if !sgRuleCovers(r, t.Protocol, lo, hi) {
				continue
			}
			var cidrs []string
			switch {
			case r.CIDRIPv4 != "":
				cidrs = []string{r.CIDRIPv4}
			case r.PrefixListID != "":
				entries, why := pl.Resolve(r.PrefixListID)
				if why != "" {
					res.Reasons = append(res.Reasons, fmt.Sprintf("%s rule %s: %s", g.ID, describeRule(r), why))
					continue
				}
				cidrs = entries
			default:
				continue
			}
			s, err := parseSet(cidrs)
			if err != nil {
				return SGResult{}, fmt.Errorf("%s: %v", g.ID, err)
			}
			if hit := s.intersect(asked); len(hit) > 0 {
				res.AllowedBy = append(res.AllowedBy, SGMatch{SecurityGroupID: g.ID, Rule: r, CIDRs: hit.cidrs()})
			}
			union = union.union(s)
		}
	}
	res.AllowedCIDRs = asked.intersect(union).cidrs()
	res.Gaps = asked.minus(union).cidrs()
	res.Allowed = len(res.Gaps) == 0
	res.Unknown = !res.Allowed && len(res.Reasons) > 0
	return res, nil
}

func describeRule(r SGRule) string {
	ports := fmt.Sprintf("%d-%d", r.FromPort, r.ToPort)
	if r.FromPort == r.ToPort {
		ports = fmt.Sprint(r.FromPort)
	}
	if r.FromPort < 0 {
		ports = "all"
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s from %s", r.Protocol, ports, r.PrefixListID))
}
