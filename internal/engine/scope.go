package engine

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// scope is what a report covers and how it was judged: the check time, the tool and policy
// versions, and the account, region, cluster, VPC, CIDRs and devices of the snapshot. Observed
// values come first; the intent fills what was not observed (an offline snapshot without EKS).
func (e *Engine) scope(s *snapshot.Snapshot) result.Scope {
	now := e.now
	if now.IsZero() {
		now = time.Now()
	}
	digest, dirs := e.policyDigest()
	sc := result.Scope{
		CheckedAt:     now.UTC().Format(time.RFC3339),
		ToolVersion:   version.Version,
		PolicyVersion: version.Version + "+sha256:" + digest,
		PolicyDirs:    dirs,
	}
	in := s.Intent
	if in == nil {
		in = &snapshot.Intent{}
	}
	sc.Region, sc.Cluster, sc.VPCID = in.Region, in.Cluster, in.VPCID
	sc.NodeCIDRs, sc.PodCIDRs = in.RemoteNodeCIDRs, in.RemotePodCIDRs
	if a := s.AWS; a != nil {
		sc.AccountID = a.AccountID
		sc.Region = cmp.Or(a.Region, sc.Region)
		if c := a.EKSCluster; c != nil {
			sc.Cluster = cmp.Or(c.Name, sc.Cluster)
			sc.VPCID = cmp.Or(c.VPCID, sc.VPCID)
			if len(sc.NodeCIDRs) == 0 {
				sc.NodeCIDRs = c.RemoteNodeNetworks
			}
			if len(sc.PodCIDRs) == 0 {
				sc.PodCIDRs = c.RemotePodNetworks
			}
		}
		if sc.VPCID == "" && len(a.VPCs) == 1 {
			sc.VPCID = a.VPCs[0].ID
		}
		for _, v := range a.VPCs {
			if v.ID == sc.VPCID {
				sc.VPCCIDRs = v.CIDRBlocks
			}
		}
	}
	for _, d := range s.Devices {
		sc.Devices = append(sc.Devices, result.ScopeDevice{Name: d.Name, Format: d.Format, File: d.Source})
	}
	return sc
}

// policyDigest is a short SHA-256 over every module evaluated (name and canonical text), and
// the folders the user modules came from. It is computed once per engine.
func (e *Engine) policyDigest() (string, []string) {
	e.digestOnce.Do(func() {
		names := make([]string, 0, len(e.set.modules))
		for n := range e.set.modules {
			names = append(names, n)
		}
		sort.Strings(names)
		h := sha256.New()
		seen := map[string]bool{}
		for _, n := range names {
			h.Write([]byte(n + "\n" + e.set.modules[n].String() + "\n"))
			if !strings.HasPrefix(n, builtinPrefix) {
				if d := filepath.Dir(n); !seen[d] {
					seen[d] = true
					e.policyDirs = append(e.policyDirs, d)
				}
			}
		}
		sort.Strings(e.policyDirs)
		e.digest = hex.EncodeToString(h.Sum(nil))[:12]
	})
	return e.digest, e.policyDirs
}
