package snapshot

// IPRanges is the part of AWS's published address ranges (ip-ranges.json) that the on-prem
// egress checks need to judge an address alias against a public AWS endpoint: the IPv4
// prefixes of the snapshot's region and of GLOBAL, for the services hybrid nodes reach
// (AMAZON, the superset every regional endpoint lies in; S3; CLOUDFRONT for hybrid-assets).
type IPRanges struct {
	// Source is the file or URL the ranges were read from.
	Source string `json:"source"`
	// SyncToken and CreateDate identify the ip-ranges.json publication; Region is the region the
	// prefixes were kept for.
	SyncToken  string          `json:"sync_token,omitempty"`
	CreateDate string          `json:"create_date,omitempty"`
	Region     string          `json:"region,omitempty"`
	Prefixes   []IPRangePrefix `json:"prefixes"`
}

// IPRangePrefix is one published prefix with its region and service.
type IPRangePrefix struct {
	IPPrefix string `json:"ip_prefix" schema:"cidr"`
	Region   string `json:"region"`
	Service  string `json:"service"`
}
