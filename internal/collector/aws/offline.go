package aws

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// MaxDescribeFileSize is the largest saved describe output read (documented in the README); the
// describe output of an account with thousands of security groups is a few MiB.
const MaxDescribeFileSize = 64 << 20

// savedOutput is one API call whose saved JSON output the importer understands, recognised by
// its top-level key.
type savedOutput struct {
	id  string
	key string
	// absorb decodes the whole file into the SDK's output type and adds it to the raw state.
	absorb func(r *rawState, data []byte, file string) (int, error)
}

// saved is the savedOutput of a list call: the file decodes into the call's SDK output type,
// whose items add to the raw state's list.
func saved[O, T any](k resource[O, T]) savedOutput {
	return savedOutput{k.id, k.key, func(r *rawState, data []byte, _ string) (int, error) {
		var out O
		if err := json.Unmarshal(data, &out); err != nil {
			return 0, err
		}
		items := k.items(&out)
		k.keep(r, items, true)
		return len(items), nil
	}}
}

// savedOutputs lists the calls by the key the AWS CLI prints them under.
var savedOutputs = []savedOutput{
	saved(describeVpcs), saved(describeSubnets), saved(describeRouteTables), saved(describeInternetGateways), saved(describeNatGateways), saved(describeAddresses),
	saved(describeSecurityGroups), saved(describeSecurityGroupRules),
	saved(describeTransitGateways), saved(describeTransitGatewayAttachments), saved(describeTransitGatewayVpcAttachments), saved(describeTransitGatewayRouteTables),
	{"ec2:SearchTransitGatewayRoutes", "Routes", absorbSearchRoutes},
	{"ec2:SearchTransitGatewayRoutes", "TransitGatewayStaticRoutes", absorbWrappedSearchRoutes},
	saved(describeVpnGateways), saved(describeCustomerGateways), saved(describeVpnConnections), saved(describeNetworkAcls),
	{"ec2:DescribeManagedPrefixLists", "PrefixLists", absorbPrefixLists},
	{"ec2:GetManagedPrefixListEntries", "Entries", absorbPrefixListEntries},
	{"eks:DescribeCluster", "cluster", absorbCluster},
	saved(describeDXConnections), saved(describeDXVirtualInterfaces), saved(describeDXGateways), saved(describeDXGatewayAssociations),
}

// absorbCluster reads a saved describe-cluster output (one cluster, not a list).
func absorbCluster(r *rawState, data []byte, _ string) (int, error) {
	var out eks.DescribeClusterOutput
	if err := json.Unmarshal(data, &out); err != nil {
		return 0, err
	}
	r.Cluster = out.Cluster
	return 1, nil
}

// unusedOutputs are describe outputs that saved folders (Batfish's aws_configs/ among them)
// often hold but that no check reads; they are listed as skipped sources, not refused.
var unusedOutputs = map[string]string{
	"vpcendpoints":               "ec2:DescribeVpcEndpoints",
	"vpcpeeringconnections":      "ec2:DescribeVpcPeeringConnections",
	"transitgatewaypropagations": "ec2:GetTransitGatewayRouteTablePropagations",
	"reservations":               "ec2:DescribeInstances",
	"networkinterfaces":          "ec2:DescribeNetworkInterfaces",
	"egressonlyinternetgateways": "ec2:DescribeEgressOnlyInternetGateways",
}

// expectedOutputs are the calls a complete import holds; one that no file answers is
// recorded as an errored source so that HN-SNAP-01 names the gap.
var expectedOutputs = []string{
	"ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeRouteTables",
	"ec2:DescribeInternetGateways", "ec2:DescribeNatGateways", "ec2:DescribeAddresses",
	"ec2:DescribeSecurityGroups", "ec2:DescribeTransitGateways", "ec2:DescribeTransitGatewayAttachments",
	"ec2:DescribeTransitGatewayVpcAttachments", "ec2:DescribeTransitGatewayRouteTables",
	"ec2:DescribeVpnGateways", "ec2:DescribeCustomerGateways", "ec2:DescribeVpnConnections",
	"ec2:DescribeNetworkAcls", "ec2:DescribeManagedPrefixLists",
}

var dxOutputs = []string{
	"directconnect:DescribeConnections", "directconnect:DescribeVirtualInterfaces",
	"directconnect:DescribeDirectConnectGateways",
}

// ImportOptions scope an offline import the way Options scope a live one.
type ImportOptions struct {
	Region        string
	Cluster       string
	VPCID         string
	DirectConnect bool
	Salt          string
}

// regionDir matches a folder named after a region (Batfish keeps one aws_configs/<region>/ each).
var regionDir = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$`)

// Import reads saved describe outputs from dirs (recursively; only *.json files). A file that
// cannot be read, is not JSON, or holds no known output is an error naming the file: an import
// the user pointed at is either understood or refused, never half-read in silence.
func Import(dirs []string, o ImportOptions) (*Result, error) {
	raw := newRawState()
	var sources []snapshot.Source
	var files []string
	// A folder named after a region says where the outputs came from; that wins over the
	// region given, so that a mismatch with the intent shows up as a conflict.
	region := ""
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", dir, inputfile.UnwrapPath(err))
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("%s: not a directory (--aws-dir takes a folder of saved describe outputs)", dir)
		}
		err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %v", path, inputfile.UnwrapPath(err))
			}
			if d.IsDir() {
				if region == "" && regionDir.MatchString(d.Name()) {
					region = d.Name()
				}
				return nil
			}
			if strings.EqualFold(filepath.Ext(path), ".json") && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	for _, f := range files {
		srcs, err := importFile(raw, f)
		if err != nil {
			return nil, err
		}
		sources = append(sources, srcs...)
	}
	where := strings.Join(dirs, ", ")
	if dups := dedupe(raw); len(dups) > 0 {
		sources = append(sources, snapshot.Source{ID: "aws-dir", Kind: "aws-file", Location: where, Status: snapshot.SourceOK,
			Warnings: []string{"described in more than one file, the first file (by path) kept: " + strings.Join(dups, ", ")}})
	}

	answered := map[string]bool{}
	for _, s := range sources {
		answered[s.ID] = true
	}
	expected := slices.Clone(expectedOutputs)
	if o.Cluster != "" {
		expected = append(expected, "eks:DescribeCluster")
	}
	if o.DirectConnect {
		raw.DXCollected = true
		expected = append(expected, dxOutputs...)
	}
	if answered["directconnect:DescribeConnections"] || answered["directconnect:DescribeVirtualInterfaces"] {
		raw.DXCollected = true
	}
	for _, id := range expected {
		if !answered[id] {
			sources = append(sources, snapshot.Source{ID: id, Kind: "aws-file", Location: where, Status: snapshot.SourceError,
				Error: "no saved output of this call in the --aws-dir folders"})
		}
	}
	if c := raw.Cluster; o.Cluster != "" && c != nil && aws.ToString(c.Name) != o.Cluster {
		return nil, fmt.Errorf("--cluster %s: the saved DescribeCluster output is for cluster %q", o.Cluster, aws.ToString(c.Name))
	}
	scope := o.VPCID
	if scope == "" && raw.Cluster != nil && raw.Cluster.ResourcesVpcConfig != nil {
		scope = aws.ToString(raw.Cluster.ResourcesVpcConfig.VpcId)
	}
	sources = append(sources, missingPerResource(raw, scope, where)...)
	if region == "" {
		region = o.Region
	}
	slices.SortStableFunc(sources, func(a, b snapshot.Source) int {
		return strings.Compare(a.ID+"\x00"+a.Location, b.ID+"\x00"+b.Location)
	})
	return &Result{AWS: normalise(raw, region, scope, o.Salt), Sources: sources}, nil
}

// missingPerResource names the per-resource calls that no file answered: the DNS attributes
// of a VPC in scope, the routes of a TGW route table in scope.
func missingPerResource(raw *rawState, scope, where string) []snapshot.Source {
	var out []snapshot.Source
	var noAttr []string
	for _, v := range raw.Vpcs {
		id := aws.ToString(v.VpcId)
		if scope != "" && id != scope {
			continue
		}
		a := raw.VpcAttributes[id]
		if a == nil || a.EnableDNSSupport == nil || a.EnableDNSHostnames == nil {
			noAttr = append(noAttr, id)
		}
	}
	if len(noAttr) > 0 && len(raw.VpcAttributes) > 0 {
		slices.Sort(noAttr)
		out = append(out, snapshot.Source{ID: "ec2:DescribeVpcAttribute", Kind: "aws-file", Location: where, Status: snapshot.SourceError,
			Error: "no saved enableDnsSupport/enableDnsHostnames output for " + strings.Join(noAttr, ", ")})
	}
	inScope := tgwScope(raw, scope)
	var noRoutes []string
	for _, t := range raw.TransitGatewayRouteTables {
		id := aws.ToString(t.TransitGatewayRouteTableId)
		if _, ok := raw.TransitGatewayRoutes[id]; !ok && (scope == "" || inScope[aws.ToString(t.TransitGatewayId)]) {
			noRoutes = append(noRoutes, id)
		}
	}
	if len(noRoutes) > 0 {
		slices.Sort(noRoutes)
		out = append(out, snapshot.Source{ID: "ec2:SearchTransitGatewayRoutes", Kind: "aws-file", Location: where, Status: snapshot.SourceError,
			Error: "no saved routes for " + strings.Join(noRoutes, ", ")})
	}
	return out
}

func importFile(raw *rawState, path string) ([]snapshot.Source, error) {
	data, err := readDescribeFile(path)
	if err != nil {
		return nil, err
	}
	return importData(raw, path, data)
}

// importData recognises and absorbs one saved output; path names it in sources and errors.
func importData(raw *rawState, path string, data []byte) ([]snapshot.Source, error) {
	path = printablePath(path)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return nil, fmt.Errorf("%s: not an AWS CLI describe output (the top level is %s, not an object)", path, ute.Value)
		}
		return nil, fmt.Errorf("%s: not valid JSON: %s", path, errtext.JSONErrorText(data, err))
	}
	data, err := normaliseTimestamps(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not valid JSON: %s", path, errtext.JSONErrorText(data, err))
	}
	var sources []snapshot.Source
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if _, ok := top["VpcId"]; ok {
		if _, dns := top["EnableDnsSupport"]; dns {
			return []snapshot.Source{attributeSource(raw, data, path)}, nil
		}
		if _, dns := top["EnableDnsHostnames"]; dns {
			return []snapshot.Source{attributeSource(raw, data, path)}, nil
		}
	}
	for _, k := range keys {
		for _, so := range savedOutputs {
			if so.key != k {
				continue
			}
			n, err := so.absorb(raw, data, path)
			if err != nil {
				return nil, fmt.Errorf("%s: %s output does not have the AWS CLI's shape: %s", path, k, decodeError(err))
			}
			sources = append(sources, snapshot.Source{ID: so.id, Kind: "aws-file", Location: path, Status: snapshot.SourceOK, Items: n})
		}
		if id, ok := unusedOutputs[strings.ToLower(k)]; ok {
			sources = append(sources, snapshot.Source{ID: id, Kind: "aws-file", Location: path, Status: snapshot.SourceSkipped,
				Warnings: []string{k + ": not used by any check"}})
		}
	}
	if len(sources) == 0 {
		shown := keys
		if len(shown) > 5 {
			shown = append(shown[:5:5], "...")
		}
		return nil, fmt.Errorf("%s: no known AWS describe output in this file (top-level keys: %s)", path, strings.Join(shown, ", "))
	}
	return sources, nil
}

func attributeSource(raw *rawState, data []byte, path string) snapshot.Source {
	var out ec2.DescribeVpcAttributeOutput
	if err := json.Unmarshal(data, &out); err != nil || out.VpcId == nil {
		return snapshot.Source{ID: "ec2:DescribeVpcAttribute", Kind: "aws-file", Location: path, Status: snapshot.SourceError, Error: "not a describe-vpc-attribute output"}
	}
	absorbVpcAttribute(raw, &out)
	return snapshot.Source{ID: "ec2:DescribeVpcAttribute", Kind: "aws-file", Location: path, Status: snapshot.SourceOK, Items: 1}
}

// absorbPrefixLists reads both outputs printed under "PrefixLists": describe-managed-prefix-lists
// (no CIDRs; the entries come from get-managed-prefix-list-entries) and the older
// describe-prefix-lists of the AWS service lists, which carries the CIDRs (Batfish saves this one).
func absorbPrefixLists(r *rawState, data []byte, _ string) (int, error) {
	var out struct {
		PrefixLists []struct {
			ec2types.ManagedPrefixList
			Cidrs []string
		}
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return 0, err
	}
	for _, p := range out.PrefixLists {
		if p.Cidrs != nil {
			r.PrefixLists = append(r.PrefixLists, ec2types.PrefixList{PrefixListId: p.PrefixListId, PrefixListName: p.PrefixListName, Cidrs: p.Cidrs})
			continue
		}
		r.ManagedPrefixLists = append(r.ManagedPrefixLists, p.ManagedPrefixList)
	}
	r.PrefixListsCollected = true
	return len(out.PrefixLists), nil
}

// prefixListFile ties a get-managed-prefix-list-entries output to its list, since the output
// does not name it: the file name carries the ID (pl-0123.json), as for the TGW route searches.
var prefixListFile = regexp.MustCompile(`(pl-[0-9a-f]+)`)

func absorbPrefixListEntries(r *rawState, data []byte, path string) (int, error) {
	id := prefixListFile.FindString(filepath.Base(path))
	if id == "" {
		return 0, fmt.Errorf("get-managed-prefix-list-entries output: the file name must carry the prefix list ID (pl-...), since the output does not name it")
	}
	var out ec2.GetManagedPrefixListEntriesOutput
	if err := json.Unmarshal(data, &out); err != nil {
		return 0, err
	}
	r.PrefixListEntries[id] = append(r.PrefixListEntries[id], out.Entries...)
	return len(out.Entries), nil
}

// searchRoutesFile is the file name that ties a plain search-transit-gateway-routes output to
// its route table, since the output itself does not name it.
var searchRoutesFile = regexp.MustCompile(`(tgw-rtb-[0-9a-f]+)`)

// wrappedRoutes is Batfish's layout: each search answer with the route table it came from.
type wrappedRoutes struct {
	TransitGatewayRouteTableID string `json:"TransitGatewayRouteTableId"`
	Routes                     []ec2types.TransitGatewayRoute
}

func absorbSearchRoutes(r *rawState, data []byte, path string) (int, error) {
	var out struct {
		Routes []json.RawMessage
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return 0, err
	}
	fileTable := searchRoutesFile.FindString(filepath.Base(path))
	for i, rr := range out.Routes {
		var route ec2types.TransitGatewayRoute
		if err := json.Unmarshal(rr, &route); err != nil {
			return 0, err
		}
		var tagged struct {
			TransitGatewayRouteTableID string `json:"TransitGatewayRouteTableId"`
		}
		_ = json.Unmarshal(rr, &tagged)
		table := cmp.Or(tagged.TransitGatewayRouteTableID, fileTable)
		if table == "" {
			return 0, fmt.Errorf("route %d names no TransitGatewayRouteTableId and the file name holds no tgw-rtb- ID", i)
		}
		r.TransitGatewayRoutes[table] = append(r.TransitGatewayRoutes[table], route)
	}
	if len(out.Routes) == 0 && fileTable != "" {
		if _, ok := r.TransitGatewayRoutes[fileTable]; !ok {
			r.TransitGatewayRoutes[fileTable] = nil
		}
	}
	return len(out.Routes), nil
}

func absorbWrappedSearchRoutes(r *rawState, data []byte, _ string) (int, error) {
	var out struct {
		TransitGatewayStaticRoutes []wrappedRoutes
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return 0, err
	}
	n := 0
	for i, w := range out.TransitGatewayStaticRoutes {
		if w.TransitGatewayRouteTableID == "" {
			return 0, fmt.Errorf("entry %d names no TransitGatewayRouteTableId", i)
		}
		r.TransitGatewayRoutes[w.TransitGatewayRouteTableID] = append(r.TransitGatewayRoutes[w.TransitGatewayRouteTableID], w.Routes...)
		n += len(w.Routes)
	}
	return n, nil
}

func readDescribeFile(path string) ([]byte, error) {
	data, err := inputfile.Read(path, MaxDescribeFileSize, "a saved describe output")
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: file is empty", path)
	}
	return data, nil
}

func decodeError(err error) string {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) && ute.Field != "" {
		return fmt.Sprintf("field %s: a JSON %s where %s was expected", ute.Field, ute.Value, ute.Type)
	}
	var te *time.ParseError
	if errors.As(err, &te) {
		return fmt.Sprintf("timestamp %q is not a date the AWS CLI prints", te.Value)
	}
	return errtext.OneLine(err)
}

// timestampLayouts are the forms the AWS CLI (and botocore's parsed fixtures) print times in;
// the SDK types decode only RFC 3339, so the others are rewritten before decoding.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
}

// normaliseTimestamps rewrites every timestamp-like field (a key ending in Time, Change, At or
// Date) to RFC 3339, including epoch seconds, and drops values that are not times at all
// rather than refusing the whole file over a field no check reads.
func normaliseTimestamps(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return data, err
	}
	changed := fixTimes(doc, "")
	if !changed {
		return data, nil
	}
	return json.Marshal(doc)
}

func isTimeKey(k string) bool {
	l := strings.ToLower(k)
	for _, suf := range []string{"time", "change", "at", "date"} {
		if strings.HasSuffix(l, suf) && l != "format" && l != "state" {
			return true
		}
	}
	return false
}

func fixTimes(v any, key string) bool {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if isTimeKey(k) {
				switch t := child.(type) {
				case string:
					if fixed, ok := parseTime(t); ok {
						if fixed != t {
							x[k] = fixed
							changed = true
						}
					} else {
						delete(x, k)
						changed = true
					}
					continue
				case json.Number:
					if f, err := t.Float64(); err == nil {
						x[k] = time.Unix(0, int64(f*1e9)).UTC().Format(time.RFC3339Nano)
						changed = true
					}
					continue
				}
			}
			changed = fixTimes(child, k) || changed
		}
	case []any:
		for _, child := range x {
			changed = fixTimes(child, key) || changed
		}
	}
	return changed
}

func parseTime(s string) (string, bool) {
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return s, true
	}
	for _, layout := range timestampLayouts[1:] {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339Nano), true
		}
	}
	return "", false
}

// dedupe keeps the first of objects that several files describe (a folder of pages, or a
// folder and a copy of it) and returns the IDs it dropped.
func dedupe(r *rawState) []string {
	var dups []string
	for _, k := range []interface{ dedupe(*rawState, *[]string) }{
		describeVpcs, describeSubnets, describeRouteTables, describeInternetGateways, describeNatGateways,
		describeSecurityGroups, describeTransitGateways, describeTransitGatewayAttachments,
		describeTransitGatewayVpcAttachments, describeTransitGatewayRouteTables,
		describeVpnGateways, describeCustomerGateways, describeVpnConnections,
	} {
		k.dedupe(r, &dups)
	}
	return dups
}

// printablePath quotes a file name holding control characters (a newline is legal in a Linux
// file name), so every message about it stays on one line and says exactly which file.
func printablePath(path string) string {
	if strings.IndexFunc(path, unicode.IsControl) >= 0 {
		return strconv.Quote(path)
	}
	return path
}
