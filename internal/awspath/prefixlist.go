package awspath

import "fmt"

// PrefixLists resolves prefix list IDs to their IPv4 entries. A nil PrefixLists means the
// snapshot never collected prefix lists (schema 1.0): every ID is unresolved.
type PrefixLists struct {
	collected bool
	entries   map[string][]string
	known     map[string]bool
}

// PrefixList is the snapshot's prefix list as the model reads it.
type PrefixList struct {
	ID      string `json:"id"`
	Entries *[]struct {
		CIDR string `json:"cidr"`
	} `json:"entries"`
}

// NewPrefixLists indexes the snapshot's prefix lists; lists is nil when they were not collected.
func NewPrefixLists(lists *[]PrefixList) *PrefixLists {
	pl := &PrefixLists{entries: map[string][]string{}, known: map[string]bool{}}
	if lists == nil {
		return pl
	}
	pl.collected = true
	for _, l := range *lists {
		pl.known[l.ID] = true
		if l.Entries == nil {
			continue
		}
		cidrs := []string{}
		for _, e := range *l.Entries {
			cidrs = append(cidrs, e.CIDR)
		}
		pl.entries[l.ID] = cidrs
	}
	return pl
}

// Resolve returns the entries of list id, or why they are not known.
func (p *PrefixLists) Resolve(id string) ([]string, string) {
	if p == nil || !p.collected {
		return nil, fmt.Sprintf("prefix list %s: the snapshot has no prefix lists (not collected; ec2:DescribeManagedPrefixLists, schema 1.1)", id)
	}
	if e, ok := p.entries[id]; ok {
		return e, ""
	}
	if p.known[id] {
		return nil, fmt.Sprintf("prefix list %s: its entries are not in the snapshot (ec2:GetManagedPrefixListEntries)", id)
	}
	return nil, fmt.Sprintf("prefix list %s is not in the snapshot (ec2:DescribeManagedPrefixLists)", id)
}
