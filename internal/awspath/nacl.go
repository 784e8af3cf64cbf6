package awspath

import (
	"fmt"
	"sort"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
)

// NACLEntry is one network ACL rule as the snapshot has it.
type NACLEntry struct {
	RuleNumber int    `json:"rule_number"`
	Egress     bool   `json:"egress"`
	Protocol   string `json:"protocol"`
	RuleAction string `json:"rule_action"`
	CIDRBlock  string `json:"cidr_block"`
	FromPort   int    `json:"from_port"`
	ToPort     int    `json:"to_port"`
}

// Traffic is one direction of a flow through a filter: the peer addresses (source for ingress,
// destination for egress), the protocol and the destination port range.
type Traffic struct {
	Egress   bool
	Protocol string
	Peers    []string
	FromPort int
	ToPort   int
}

// Verdict is a part of the traffic and the rule that decides it.
type Verdict struct {
	CIDRs    []string `json:"cidrs"`
	FromPort int      `json:"from_port"`
	ToPort   int      `json:"to_port"`
	Action   string   `json:"action"`
	// RuleNumber is the deciding rule; 0 when no rule matched (AWS then denies, the "*" rule).
	RuleNumber int `json:"rule_number"`
}

// NACLResult is a network ACL's answer for one direction of a flow.
type NACLResult struct {
	Allowed bool      `json:"allowed"`
	Denied  []Verdict `json:"denied"`
	Passed  []Verdict `json:"passed"`
}

// box is a part of the traffic not decided yet: addresses times a port range.
type box struct {
	addrs  ipSet
	lo, hi int
}

// portsOf is a rule's port range; a rule without ports (all protocols) covers every port.
func portsOf(from, to int) (int, int) {
	if from < 0 || to < 0 {
		return 0, 65535
	}
	return from, to
}

// EvaluateNACL runs the traffic through the ACL's rules of its direction in rule-number order;
// the first rule that matches a part decides it, allow or deny, and a part no rule matches is
// denied. Network ACLs are stateless: the caller asks for the return direction separately.
func EvaluateNACL(entries []NACLEntry, t Traffic) (NACLResult, error) {
	peers, err := parseSet(t.Peers)
	if err != nil {
		return NACLResult{}, err
	}
	rules := make([]NACLEntry, 0, len(entries))
	for _, e := range entries {
		if e.Egress == t.Egress && e.CIDRBlock != "" {
			rules = append(rules, e)
		}
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].RuleNumber < rules[j].RuleNumber })
	lo, hi := portsOf(t.FromPort, t.ToPort)
	open := []box{{peers, lo, hi}}
	res := NACLResult{Allowed: true, Denied: []Verdict{}, Passed: []Verdict{}}
	want := ipproto.AWSNumber(t.Protocol)
	for _, r := range rules {
		rp := ipproto.AWSNumber(r.Protocol)
		if rp != "-1" && rp != want {
			continue
		}
		cidr, err := parseSet([]string{r.CIDRBlock})
		if err != nil {
			return NACLResult{}, fmt.Errorf("rule %d: %v", r.RuleNumber, err)
		}
		rlo, rhi := portsOf(r.FromPort, r.ToPort)
		if rp != "6" && rp != "17" {
			rlo, rhi = 0, 65535
		}
		var next []box
		for _, b := range open {
			hit := b.addrs.intersect(cidr)
			plo, phi := max(b.lo, rlo), min(b.hi, rhi)
			if len(hit) == 0 || plo > phi {
				next = append(next, b)
				continue
			}
			v := Verdict{CIDRs: hit.cidrs(), FromPort: plo, ToPort: phi, Action: r.RuleAction, RuleNumber: r.RuleNumber}
			if r.RuleAction == "allow" {
				res.Passed = append(res.Passed, v)
			} else {
				res.Denied = append(res.Denied, v)
			}
			if rest := b.addrs.minus(cidr); len(rest) > 0 {
				next = append(next, box{rest, b.lo, b.hi})
			}
			if b.lo < plo {
				next = append(next, box{hit, b.lo, plo - 1})
			}
			if phi < b.hi {
				next = append(next, box{hit, phi + 1, b.hi})
			}
		}
		open = next
	}
	for _, b := range open {
		res.Denied = append(res.Denied, Verdict{CIDRs: b.addrs.cidrs(), FromPort: b.lo, ToPort: b.hi, Action: "deny"})
	}
	res.Allowed = len(res.Denied) == 0
	return res, nil
}
