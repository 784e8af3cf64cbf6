package collector

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"os"
	"sort"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// IPRangesURL is where AWS publishes its address ranges
// (https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html).
const IPRangesURL = "https://ip-ranges.amazonaws.com/ip-ranges.json"

// MaxIPRangesSize bounds the ip-ranges.json read (the published file is a few MB).
const MaxIPRangesSize = 64 << 20

// ipRangeServices are the services whose prefixes the egress checks need: AMAZON holds every
// regional endpoint's addresses, S3 the SSM installer bucket, CLOUDFRONT hybrid-assets.
var ipRangeServices = map[string]bool{"AMAZON": true, "S3": true, "CLOUDFRONT": true}

type ipRangesFile struct {
	SyncToken  string `json:"syncToken"`
	CreateDate string `json:"createDate"`
	Prefixes   []struct {
		IPPrefix string `json:"ip_prefix"`
		Region   string `json:"region"`
		Service  string `json:"service"`
	} `json:"prefixes"`
}

// LoadIPRanges reads an ip-ranges.json file.
func LoadIPRanges(path, region string) (*snapshot.IPRanges, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, inputfile.UnwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxIPRangesSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, inputfile.UnwrapPath(err))
	}
	if len(data) > MaxIPRangesSize {
		return nil, fmt.Errorf("%s: over the %d-byte limit for ip-ranges.json", path, MaxIPRangesSize)
	}
	return ParseIPRanges(path, data, region)
}

// ParseIPRanges keeps the IPv4 prefixes of region and GLOBAL for the needed services; name is
// used in messages.
func ParseIPRanges(name string, data []byte, region string) (*snapshot.IPRanges, error) {
	var raw ipRangesFile
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not AWS ip-ranges.json: %s", name, errtext.OneLine(err))
	}
	if raw.Prefixes == nil {
		return nil, fmt.Errorf("%s: not AWS ip-ranges.json: no \"prefixes\" list", name)
	}
	out := &snapshot.IPRanges{Source: name, SyncToken: raw.SyncToken, CreateDate: raw.CreateDate, Region: region, Prefixes: []snapshot.IPRangePrefix{}}
	seen := map[snapshot.IPRangePrefix]bool{}
	for i, p := range raw.Prefixes {
		pfx, err := netip.ParsePrefix(p.IPPrefix)
		if err != nil || !pfx.Addr().Is4() || pfx.Masked() != pfx {
			return nil, fmt.Errorf("%s: prefixes[%d]: %q is not an IPv4 CIDR", name, i, p.IPPrefix)
		}
		if !ipRangeServices[p.Service] || (p.Region != region && p.Region != "GLOBAL") {
			continue
		}
		e := snapshot.IPRangePrefix{IPPrefix: p.IPPrefix, Region: p.Region, Service: p.Service}
		if !seen[e] {
			seen[e] = true
			out.Prefixes = append(out.Prefixes, e)
		}
	}
	sort.Slice(out.Prefixes, func(i, j int) bool {
		a, b := out.Prefixes[i], out.Prefixes[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.IPPrefix < b.IPPrefix
	})
	return out, nil
}

// fetchIPRanges downloads the published file; a failure is a source with status error, not a
// failed run: the egress checks then answer unknown where they need the ranges.
func fetchIPRanges(ctx context.Context, url, region string, timeout time.Duration) (*snapshot.IPRanges, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxIPRangesSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxIPRangesSize {
		return nil, fmt.Errorf("%s: over the %d-byte limit", url, MaxIPRangesSize)
	}
	return ParseIPRanges(url, data, region)
}

// collectIPRanges adds the ranges to the snapshot: from --aws-ip-ranges FILE, else fetched
// from AWS's public URL on a live collection (not with --endpoint-url or injected clients,
// whose estate is not AWS's, nor with --no-ip-ranges).
func collectIPRanges(ctx context.Context, o Options, region string, snap *snapshot.Snapshot) error {
	switch {
	case o.IPRangesFile != "":
		r, err := LoadIPRanges(o.IPRangesFile, region)
		if err != nil {
			return err
		}
		snap.AWSIPRanges = r
		snap.Sources = append(snap.Sources, snapshot.Source{ID: "aws:ip-ranges", Kind: "aws-file", Location: o.IPRangesFile, Status: snapshot.SourceOK, Items: len(r.Prefixes)})
	case o.AWSLive && !o.NoIPRanges && o.Live.Endpoint == "" && o.Clients == nil:
		url := o.IPRangesURL
		if url == "" {
			url = IPRangesURL
		}
		timeout := o.Timeout
		if timeout <= 0 {
			timeout = 30 * time.Second
		}
		r, err := fetchIPRanges(ctx, url, region, timeout)
		if err != nil {
			snap.Sources = append(snap.Sources, snapshot.Source{ID: "aws:ip-ranges", Kind: "aws-file", Location: url, Status: snapshot.SourceError, Error: errtext.OneLine(err)})
			return nil
		}
		snap.AWSIPRanges = r
		snap.Sources = append(snap.Sources, snapshot.Source{ID: "aws:ip-ranges", Kind: "aws-file", Location: url, Status: snapshot.SourceOK, Items: len(r.Prefixes)})
	}
	return nil
}
