// Package snapshot defines hybridcheck's snapshot: the versioned, redacted JSON document that
// sits between collecting (AWS, device exports, intent) and checking (the Rego policies).
package snapshot

// SchemaVersion is bumped whenever a field changes meaning or is removed; adding an optional
// field keeps it. Loaders refuse snapshots with another major version.
const SchemaVersion = "1.1"

// Snapshot is the whole document. Field names are snake_case and independent of the AWS SDK and
// of any device vendor, so policies never depend on how a value was collected.
type Snapshot struct {
	SchemaVersion string `json:"schema_version" schema:"pattern=^1\\.[0-9]+$"`
	ToolVersion   string `json:"tool_version"`
	// CollectedAt is RFC 3339 UTC: the time of the live collection or of the offline import.
	CollectedAt string `json:"collected_at" schema:"format=date-time"`
	// FingerprintSalt is the per-snapshot random key (hex) of the HMAC-SHA256 fingerprints
	// that stand in for pre-shared keys; see PSKFingerprint.
	FingerprintSalt string `json:"fingerprint_salt,omitempty" schema:"pattern=^[0-9a-f]{64}$"`
	// Sources lists every input the collector touched and how it went; HN-SNAP-01 reads it.
	Sources         []Source         `json:"sources"`
	Intent          *Intent          `json:"intent,omitempty"`
	IntentConflicts []IntentConflict `json:"intent_conflicts,omitempty"`
	AWS             *AWS             `json:"aws,omitempty"`
	Devices         []Device         `json:"devices,omitempty"`
	Probe           *Probe           `json:"probe,omitempty"`
	// AWSIPRanges is the part of AWS's published ip-ranges.json the egress checks need.
	AWSIPRanges *IPRanges `json:"aws_ip_ranges,omitempty"`
	// CheckContext is set by the engine when it evaluates the snapshot (the time of the
	// check); collectors never write it, and a value in a file is replaced.
	CheckContext *CheckContext `json:"check_context,omitempty"`
}

// CheckContext is what the engine tells policies about the evaluation itself.
type CheckContext struct {
	// Now is the time of the check (RFC 3339): the wall clock, or `check --as-of`.
	Now string `json:"now" schema:"format=date-time"`
}

// Source is one input of the collection: an API call, a file, a device export.
type Source struct {
	// ID names the input, e.g. "ec2:DescribeVpcs", "eks:DescribeCluster", "device:pfsense".
	ID   string `json:"id"`
	Kind string `json:"kind" schema:"enum=aws-api|aws-file|device|intent|probe"`
	// Location is the file path or the endpoint/region the data came from.
	Location string `json:"location,omitempty"`
	Status   string `json:"status" schema:"enum=ok|partial|error|skipped"`
	Error    string `json:"error,omitempty"`
	// Items is how many objects the input yielded.
	Items    int      `json:"items"`
	Warnings []string `json:"warnings,omitempty"`
}

// Intent is the network design the user means to follow (DESIGN.md "The intent file").
type Intent struct {
	Region               string   `json:"region,omitempty"`
	Cluster              string   `json:"cluster,omitempty"`
	VPCID                string   `json:"vpc_id,omitempty"`
	RemoteNodeCIDRs      []string `json:"remote_node_cidrs,omitempty" schema:"items=cidr,maxItems=1024"`
	RemotePodCIDRs       []string `json:"remote_pod_cidrs,omitempty" schema:"items=cidr,maxItems=1024"`
	ServiceCIDR          string   `json:"service_cidr,omitempty" schema:"cidr"`
	CredentialProvider   string   `json:"credential_provider,omitempty" schema:"enum=ssm|iam-roles-anywhere"`
	Connectivity         string   `json:"connectivity,omitempty" schema:"enum=site-to-site-vpn|direct-connect|software-vpn"`
	SoftwareVPN          string   `json:"software_vpn,omitempty" schema:"enum=ipsec|openvpn|wireguard"`
	Routing              string   `json:"routing,omitempty" schema:"enum=static|bgp"`
	CNIOverlay           string   `json:"cni_overlay,omitempty" schema:"enum=none|vxlan"`
	PublicIP             string   `json:"public_ip,omitempty" schema:"ipv4"`
	MaxSnapshotAge       string   `json:"max_snapshot_age,omitempty" schema:"pattern=^[0-9]+(s|m|h|d|w)$"`
	HybridSecurityGroups []string `json:"hybrid_security_groups,omitempty"`
	TargetGateway        string   `json:"target_gateway,omitempty" schema:"enum=vgw|tgw"`
}

// IntentConflict records a value on which the intent file and the collected state disagree.
type IntentConflict struct {
	Field    string `json:"field"`
	Intent   any    `json:"intent"`
	Observed any    `json:"observed"`
	// ObservedFrom says where the observed value came from, e.g. "eks:DescribeCluster".
	ObservedFrom string `json:"observed_from"`
}

// Probe holds the results of `hybridcheck probe`, run from a host in a hybrid node subnet.
type Probe struct {
	RunAt   string        `json:"run_at" schema:"format=date-time"`
	Host    string        `json:"host,omitempty"`
	Results []ProbeResult `json:"results"`
}

// ProbeResult is one endpoint's DNS resolution and TCP connect outcome.
type ProbeResult struct {
	Endpoint  string   `json:"endpoint"`
	Port      int      `json:"port" schema:"min=1,max=65535"`
	Resolved  []string `json:"resolved,omitempty"`
	Connected bool     `json:"connected"`
	LatencyMS float64  `json:"latency_ms"`
	Error     string   `json:"error,omitempty"`
}

// Location points into an input file, so evidence can cite where a rule or setting came from.
type Location struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	// Path is a structural address when lines are unknown, e.g. "filter/rule[12]".
	Path string `json:"path,omitempty"`
}
