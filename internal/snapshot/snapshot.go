// Package snapshot defines hybridcheck's snapshot: the versioned, redacted JSON document that
// sits between collecting (AWS, device exports, intent) and checking (the Rego policies).
//
// Read it from Snapshot down: Sources says what was collected and how it went; AWS (aws.go)
// holds the AWS side, one type per API resource, named after the API; Device (device.go)
// holds each on-prem device, one model for every importer; Intent is the design the user
// means; Probe and IPRanges are optional evidence. The JSON Schema in
// snapshots/snapshot.schema.json is generated from these types and their doc comments
// (schemagen.go), and Load and Parse validate every snapshot with it.
package snapshot

// SchemaVersion is bumped whenever a field changes meaning or is removed; adding an optional
// field keeps it. Loaders refuse snapshots with another major version.
const SchemaVersion = "1.1"

// Snapshot is the whole document. Field names are snake_case and independent of the AWS SDK and
// of any device vendor, so policies never depend on how a value was collected.
type Snapshot struct {
	// SchemaVersion is the SchemaVersion the snapshot was written with; ToolVersion the
	// hybridcheck release that wrote it.
	SchemaVersion string `json:"schema_version" schema:"pattern=^1\\.[0-9]+$"`
	ToolVersion   string `json:"tool_version"`
	// CollectedAt is RFC 3339 UTC: the time of the live collection or of the offline import.
	CollectedAt string `json:"collected_at" schema:"format=date-time"`
	// FingerprintSalt is the per-snapshot random key (hex) of the HMAC-SHA256 fingerprints
	// that stand in for pre-shared keys; see PSKFingerprint.
	FingerprintSalt string `json:"fingerprint_salt,omitempty" schema:"pattern=^[0-9a-f]{64}$"`
	// Sources lists every input the collector touched and how it went; HN-SNAP-01 reads it.
	Sources []Source `json:"sources"`
	// Intent is the network design from the intent file (collect --intent); IntentConflicts lists
	// where it disagrees with the collected state.
	Intent          *Intent          `json:"intent,omitempty"`
	IntentConflicts []IntentConflict `json:"intent_conflicts,omitempty"`
	// AWS is the AWS side (collect --aws or --aws-dir), Devices the on-prem devices (collect
	// --device), Probe the results of hybridcheck probe (collect --probe).
	AWS     *AWS     `json:"aws,omitempty"`
	Devices []Device `json:"devices,omitempty"`
	Probe   *Probe   `json:"probe,omitempty"`
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

// SourceStatus is how far an input of the collection was read; its JSON is the plain string.
type SourceStatus string

// Statuses of a source.
const (
	// SourceOK: the input was read in full.
	SourceOK SourceStatus = "ok"
	// SourcePartial: some of it was read; the warnings say what is missing.
	SourcePartial SourceStatus = "partial"
	// SourceError: it could not be read; Error says why.
	SourceError SourceStatus = "error"
	// SourceSkipped: it was not asked for or not present.
	SourceSkipped SourceStatus = "skipped"
)

// Source is one input of the collection: an API call, a file, a device export.
type Source struct {
	// ID names the input, e.g. "ec2:DescribeVpcs", "eks:DescribeCluster", "device:pfsense".
	ID string `json:"id"`
	// Kind says what sort of input it was.
	Kind string `json:"kind" schema:"enum=aws-api|aws-file|device|intent|probe"`
	// Location is the file path or the endpoint/region the data came from.
	Location string `json:"location,omitempty"`
	// Status is how far it was read; Error says why it failed.
	Status SourceStatus `json:"status" schema:"enum=ok|partial|error|skipped"`
	Error  string       `json:"error,omitempty"`
	// Items is how many objects the input yielded.
	Items int `json:"items"`
	// Warnings name what was read only in part or could not be modelled.
	Warnings []string `json:"warnings,omitempty"`
}

// Intent is the network design the user means to follow (DESIGN.md "The intent file";
// every field in docs/intent.md). The doc comments below are the descriptions of
// snapshots/intent.schema.json.
type Intent struct {
	// AWS region of the cluster, e.g. us-east-1. Default: the collection region.
	Region string `json:"region,omitempty"`
	// EKS cluster name; collect reads it with eks:DescribeCluster.
	Cluster string `json:"cluster,omitempty"`
	// ID of the cluster VPC. Default: the EKS cluster's VPC.
	VPCID string `json:"vpc_id,omitempty"`
	// On-prem networks of the hybrid nodes (IPv4 CIDRs). Default: the cluster's RemoteNodeNetworks.
	RemoteNodeCIDRs []string `json:"remote_node_cidrs,omitempty" schema:"items=cidr,maxItems=1024"`
	// Networks of the pods on hybrid nodes (IPv4 CIDRs). Default: the cluster's RemotePodNetworks.
	RemotePodCIDRs []string `json:"remote_pod_cidrs,omitempty" schema:"items=cidr,maxItems=1024"`
	// Kubernetes service CIDR. Default: the cluster's serviceIpv4Cidr.
	ServiceCIDR string `json:"service_cidr,omitempty" schema:"cidr"`
	// How hybrid nodes get AWS credentials: ssm (default) or iam-roles-anywhere.
	CredentialProvider string `json:"credential_provider,omitempty" schema:"enum=ssm|iam-roles-anywhere"`
	// How the on-prem network reaches the VPC. Default: site-to-site-vpn when the snapshot has a VPN connection, direct-connect when it has a DX virtual interface.
	Connectivity string `json:"connectivity,omitempty" schema:"enum=site-to-site-vpn|direct-connect|software-vpn"`
	// With connectivity software-vpn: the VPN software on the device.
	SoftwareVPN string `json:"software_vpn,omitempty" schema:"enum=ipsec|openvpn|wireguard"`
	// Routing over the link. Default: static when the hybrid VPN connection has static routes only, else bgp.
	Routing string `json:"routing,omitempty" schema:"enum=static|bgp"`
	// CNI overlay on the hybrid nodes: none (default) or vxlan (Cilium VXLAN, UDP 8472).
	CNIOverlay string `json:"cni_overlay,omitempty" schema:"enum=none|vxlan"`
	// The device's public IPv4 address when it sits behind NAT (the customer gateway's address).
	PublicIP string `json:"public_ip,omitempty" schema:"ipv4"`
	// Oldest snapshot a check accepts, e.g. 7d (default), 12h, 2w.
	MaxSnapshotAge string `json:"max_snapshot_age,omitempty" schema:"pattern=^[0-9]+(s|m|h|d|w)$"`
	// Security groups the hybrid rules must be in. Default: the cluster security group and the cluster's additional security groups.
	HybridSecurityGroups []string `json:"hybrid_security_groups,omitempty"`
	// The gateway the VPC routes the remote networks to: vgw or tgw. Default: what is attached to the cluster VPC.
	TargetGateway string `json:"target_gateway,omitempty" schema:"enum=vgw|tgw"`
	// The platform that manages the cluster: palette-saas (the nodes must reach Spectro Cloud Palette's SaaS endpoints, HN-EGR-02), self-hosted or none (default).
	Management string `json:"management,omitempty" schema:"enum=palette-saas|self-hosted|none"`
}

// IntentConflict records a value on which the intent file and the collected state disagree.
type IntentConflict struct {
	// Field is the intent field's JSON name; Intent and Observed the two values.
	Field    string `json:"field"`
	Intent   any    `json:"intent"`
	Observed any    `json:"observed"`
	// ObservedFrom says where the observed value came from, e.g. "eks:DescribeCluster".
	ObservedFrom string `json:"observed_from"`
}

// Probe holds the results of `hybridcheck probe`, run from a host in a hybrid node subnet.
type Probe struct {
	// RunAt is when the probe ran and Host the machine it ran on; Results one per endpoint.
	RunAt   string        `json:"run_at" schema:"format=date-time"`
	Host    string        `json:"host,omitempty"`
	Results []ProbeResult `json:"results"`
}

// ProbeResult is one endpoint's DNS resolution and TCP connect outcome.
type ProbeResult struct {
	// Endpoint is the host name probed and Port its TCP port; Resolved the addresses DNS gave.
	Endpoint string   `json:"endpoint"`
	Port     int      `json:"port" schema:"min=1,max=65535"`
	Resolved []string `json:"resolved,omitempty"`
	// Connected and LatencyMS: whether the TCP connect succeeded and how long it took; Error why
	// not.
	Connected bool    `json:"connected"`
	LatencyMS float64 `json:"latency_ms"`
	Error     string  `json:"error,omitempty"`
}

// Location points into an input file, so evidence can cite where a rule or setting came from.
type Location struct {
	// File is the input file; Line the line in it, where the importer knows it.
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	// Path is a structural address when lines are unknown, e.g. "filter/rule[12]".
	Path string `json:"path,omitempty"`
}
