package aws

import (
	"path/filepath"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/awspath"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// The network ACLs and prefix lists of Batfish's AWS dumps (testdata/batfish, Apache-2.0),
// counted by hand from the files: the importer keeps every ACL, association, entry and prefix.
func TestBatfishDumpsImportNetworkACLsAndPrefixLists(t *testing.T) {
	cases := []struct {
		dir                                 string
		acls, associations, entries, prefix int
		prefixEntries                       int
	}{
		// 4 default ACLs (associated with 3, 2, 5 and 0 subnets), 4 entries each; 2 service
		// prefix lists: S3 with 3 CIDRs, DynamoDB with 1.
		{"hybrid-cloud-aws", 4, 10, 16, 2, 4},
		// 2 default ACLs with 2 and 1 associations; no prefix list file (not collected).
		{"test-transit-gateway", 2, 3, 8, -1, 0},
		{"test-vpn-gateway", 1, 1, 4, -1, 0},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			res, err := Import([]string{filepath.Join("testdata", "batfish", c.dir)}, ImportOptions{Region: "us-west-2"})
			if err != nil {
				t.Fatal(err)
			}
			a := res.AWS
			if a.NetworkACLs == nil {
				t.Fatal("network ACLs not imported")
			}
			var assocs, entries int
			for _, acl := range *a.NetworkACLs {
				assocs += len(acl.Associations)
				entries += len(acl.Entries)
			}
			if len(*a.NetworkACLs) != c.acls || assocs != c.associations || entries != c.entries {
				t.Errorf("got %d ACLs, %d associations, %d entries; want %d, %d, %d", len(*a.NetworkACLs), assocs, entries, c.acls, c.associations, c.entries)
			}
			if c.prefix < 0 {
				if a.PrefixLists != nil {
					t.Errorf("prefix lists were not in the dump, yet the snapshot says collected: %+v", *a.PrefixLists)
				}
				// The gap is an errored source, so HN-SNAP-01 names it once.
				var found bool
				for _, src := range res.Sources {
					found = found || (src.ID == "ec2:DescribeManagedPrefixLists" && src.Status == "error")
				}
				if !found {
					t.Errorf("no errored ec2:DescribeManagedPrefixLists source: %+v", res.Sources)
				}
				return
			}
			if a.PrefixLists == nil || len(*a.PrefixLists) != c.prefix {
				t.Fatalf("prefix lists: %+v", a.PrefixLists)
			}
			n := 0
			for _, p := range *a.PrefixLists {
				if p.Entries == nil {
					t.Errorf("%s has no entries", p.ID)
					continue
				}
				n += len(*p.Entries)
			}
			if n != c.prefixEntries {
				t.Errorf("got %d prefix list entries, want %d", n, c.prefixEntries)
			}
		})
	}
}

// The one non-default rule of the dumps, read as AWS applies it: acl-4db39c28 admits TCP 3306
// from 162.243.144.192/32 only (rule 100); anything else inbound meets rule 32767.
func TestBatfishACLEvaluates(t *testing.T) {
	res, err := Import([]string{filepath.Join("testdata", "batfish", "hybrid-cloud-aws")}, ImportOptions{Region: "us-west-2"})
	if err != nil {
		t.Fatal(err)
	}
	var acl *snapshot.NetworkACL
	for i, a := range *res.AWS.NetworkACLs {
		if a.ID == "acl-4db39c28" {
			acl = &(*res.AWS.NetworkACLs)[i]
		}
	}
	if acl == nil {
		t.Fatal("acl-4db39c28 missing")
	}
	var entries []awspath.NACLEntry
	for _, e := range acl.Entries {
		entries = append(entries, awspath.NACLEntry{RuleNumber: e.RuleNumber, Egress: e.Egress, Protocol: e.Protocol, RuleAction: e.RuleAction, CIDRBlock: e.CIDRBlock, FromPort: e.FromPort, ToPort: e.ToPort})
	}
	mysql, err := awspath.EvaluateNACL(entries, awspath.Traffic{Protocol: "tcp", Peers: []string{"162.243.144.192/32"}, FromPort: 3306, ToPort: 3306})
	if err != nil || !mysql.Allowed || mysql.Passed[0].RuleNumber != 100 {
		t.Errorf("TCP 3306 from the allowed host: %+v %v", mysql, err)
	}
	https, err := awspath.EvaluateNACL(entries, awspath.Traffic{Protocol: "tcp", Peers: []string{"10.0.0.0/8"}, FromPort: 443, ToPort: 443})
	if err != nil || https.Allowed || https.Denied[0].RuleNumber != 32767 {
		t.Errorf("TCP 443 from 10.0.0.0/8: %+v %v", https, err)
	}
}
