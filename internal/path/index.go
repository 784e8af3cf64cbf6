package path

import (
	"net/netip"
	"sync"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// index holds the lookups a trace makes once per cluster subnet, built once per Network:
// with thousands of subnets and route tables, scanning every table per subnet made a trace
// quadratic in the estate.
type index struct {
	// tableBySubnet is each subnet's explicitly associated route table (the first that
	// names it); mainTable the cluster VPC's main table (the last marked main).
	tableBySubnet map[string]*snapshot.RouteTable
	mainTable     *snapshot.RouteTable
	// naclBySubnet is each subnet's network ACL (the first that names it); defaultNACL the
	// cluster VPC's default ACL (the first).
	naclBySubnet map[string]*snapshot.NetworkACL
	defaultNACL  *snapshot.NetworkACL
}

func (n *Network) buildIndex() {
	n.idx = index{tableBySubnet: map[string]*snapshot.RouteTable{}, naclBySubnet: map[string]*snapshot.NetworkACL{}}
	for i := range n.aws.RouteTables {
		rt := &n.aws.RouteTables[i]
		for _, a := range rt.Associations {
			if _, seen := n.idx.tableBySubnet[a.SubnetID]; !seen && a.SubnetID != "" {
				n.idx.tableBySubnet[a.SubnetID] = rt
			}
		}
		if rt.Main && rt.VPCID == n.vpcID {
			n.idx.mainTable = rt
		}
	}
	if n.aws.NetworkACLs != nil {
		acls := *n.aws.NetworkACLs
		for i := range acls {
			a := &acls[i]
			for _, as := range a.Associations {
				if _, seen := n.idx.naclBySubnet[as.SubnetID]; !seen && as.SubnetID != "" {
					n.idx.naclBySubnet[as.SubnetID] = a
				}
			}
			if a.IsDefault && a.VPCID == n.vpcID && n.idx.defaultNACL == nil {
				n.idx.defaultNACL = a
			}
		}
	}
	n.subnetNets = make([][]netip.Prefix, len(n.subnets))
	for i, sn := range n.subnets {
		n.subnetNets[i] = prefixes([]string{sn.CIDRBlock})
	}
}

// models memoizes the AWS models a trace reads per route table and network ACL: every
// subnet that shares a table, and every trace of a Network, reads it once. A Network is
// shared by the queries of one evaluation, which may run on several goroutines.
type models struct {
	mu     sync.Mutex
	tables map[*snapshot.RouteTable]tableModel
	nacls  map[*snapshot.NetworkACL]naclModel
}

type tableModel struct {
	t   *awspath.Table
	err error
}

type naclModel struct {
	entries []awspath.NACLEntry
	err     error
}

// vpcTable is the route table's routes as the AWS path model reads them.
func (n *Network) vpcTable(rt *snapshot.RouteTable) (*awspath.Table, error) {
	n.models.mu.Lock()
	defer n.models.mu.Unlock()
	if m, ok := n.models.tables[rt]; ok {
		return m.t, m.err
	}
	var m tableModel
	var routes []awspath.Route
	if m.err = roundTrip(rt.Routes, &routes); m.err == nil {
		m.t, m.err = awspath.NewVPCTable(routes, n.pl)
	}
	if n.models.tables == nil {
		n.models.tables = map[*snapshot.RouteTable]tableModel{}
	}
	n.models.tables[rt] = m
	return m.t, m.err
}

// naclEntries are the ACL's entries as the AWS path model reads them.
func (n *Network) naclEntries(acl *snapshot.NetworkACL) ([]awspath.NACLEntry, error) {
	n.models.mu.Lock()
	defer n.models.mu.Unlock()
	if m, ok := n.models.nacls[acl]; ok {
		return m.entries, m.err
	}
	var m naclModel
	m.err = roundTrip(acl.Entries, &m.entries)
	if n.models.nacls == nil {
		n.models.nacls = map[*snapshot.NetworkACL]naclModel{}
	}
	n.models.nacls[acl] = m
	return m.entries, m.err
}
