package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// ASFF is the AWS Security Finding Format, for AWS Security Hub: one finding per failing,
// unknown, erroring or waived result, as {"Findings": [...]}, the input of
// `aws securityhub batch-import-findings --cli-input-json file://FILE` (at most 100 findings
// a call; `hybridcheck publish` batches). Ids are stable, so importing a later run updates
// the findings instead of adding new ones.
// Format reference: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
type ASFF struct{}

// ASFFSchemaVersion is the only ASFF version Security Hub accepts.
const ASFFSchemaVersion = "2018-10-08"

// asffType places every finding in the ASFF types taxonomy (namespace/category/classifier).
const asffType = "Software and Configuration Checks/AWS Security Best Practices/EKS Hybrid Nodes networking"

// ASFFFindings is the document the ASFF format writes and `publish` reads.
type ASFFFindings struct {
	Findings []ASFFFinding `json:"Findings"`
}

// ASFFFinding is the part of the ASFF that hybridcheck fills.
type ASFFFinding struct {
	SchemaVersion   string            `json:"SchemaVersion"`
	ID              string            `json:"Id"`
	ProductArn      string            `json:"ProductArn"`
	ProductName     string            `json:"ProductName"`
	CompanyName     string            `json:"CompanyName"`
	GeneratorID     string            `json:"GeneratorId"`
	AwsAccountID    string            `json:"AwsAccountId"`
	Region          string            `json:"Region"`
	Types           []string          `json:"Types"`
	FirstObservedAt string            `json:"FirstObservedAt"`
	LastObservedAt  string            `json:"LastObservedAt"`
	CreatedAt       string            `json:"CreatedAt"`
	UpdatedAt       string            `json:"UpdatedAt"`
	Severity        asffSeverity      `json:"Severity"`
	Title           string            `json:"Title"`
	Description     string            `json:"Description"`
	Remediation     *asffRemediation  `json:"Remediation,omitempty"`
	ProductFields   map[string]string `json:"ProductFields"`
	Resources       []asffResource    `json:"Resources"`
	Compliance      asffCompliance    `json:"Compliance"`
	Workflow        asffWorkflow      `json:"Workflow"`
	RecordState     string            `json:"RecordState"`
	Note            *asffNote         `json:"Note,omitempty"`
}

type asffSeverity struct {
	Label    string `json:"Label"`
	Original string `json:"Original"`
}

type asffRemediation struct {
	Recommendation asffRecommendation `json:"Recommendation"`
}

type asffRecommendation struct {
	Text string `json:"Text"`
	URL  string `json:"Url,omitempty"`
}

type asffResource struct {
	Type      string `json:"Type"`
	ID        string `json:"Id"`
	Partition string `json:"Partition"`
	Region    string `json:"Region"`
}

type asffCompliance struct {
	Status string `json:"Status"`
}

type asffWorkflow struct {
	Status string `json:"Status"`
}

type asffNote struct {
	Text      string `json:"Text"`
	UpdatedBy string `json:"UpdatedBy"`
	UpdatedAt string `json:"UpdatedAt"`
}

// ASFF field limits (Security Hub rejects longer values).
const (
	asffMaxTitle       = 256
	asffMaxDescription = 1024
	asffMaxRecommend   = 512
	asffMaxNote        = 512
)

// Render writes the ASFF findings of NewASFF (failing, unknown and waived results) as JSON.
func (ASFF) Render(w io.Writer, r *result.Report, _ Options) error {
	doc, err := NewASFF(r)
	if err != nil {
		return err
	}
	return writeJSON(w, doc)
}

// NewASFF builds the findings of a report: it needs the AWS account and region (the snapshot's
// aws.account_id and aws.region), since Security Hub files every finding under them.
func NewASFF(r *result.Report) (*ASFFFindings, error) {
	acct, region := r.Snapshot.AWSAccountID, r.Snapshot.AWSRegion
	if acct == "" || region == "" {
		return nil, fmt.Errorf("ASFF needs the snapshot's AWS account and region (aws.account_id and aws.region), and %s has none: collect it with --aws", orText(r.Snapshot.Path, "the snapshot"))
	}
	at, err := findingTime(r.Snapshot.CollectedAt)
	if err != nil {
		return nil, err
	}
	stamp := at.Format(time.RFC3339)
	partition := awsPartition(region)
	doc := &ASFFFindings{Findings: []ASFFFinding{}}
	results := findingResults(r.Results)
	ids := findingIDs(acct, region, results)
	for i, x := range results {
		f := ASFFFinding{
			SchemaVersion:   ASFFSchemaVersion,
			ID:              ids[i],
			ProductArn:      fmt.Sprintf("arn:%s:securityhub:%s:%s:product/%s/default", partition, region, acct, acct),
			ProductName:     "hybridcheck",
			CompanyName:     "hybridcheck",
			GeneratorID:     "hybridcheck/" + x.ID,
			AwsAccountID:    acct,
			Region:          region,
			Types:           []string{asffType},
			FirstObservedAt: stamp, LastObservedAt: stamp, CreatedAt: stamp, UpdatedAt: stamp,
			Severity:    asffSeverity{Label: asffSeverityLabel(x.Severity), Original: x.Severity},
			Title:       truncate(x.ID+" "+orText(x.Title, x.ID), asffMaxTitle),
			Description: truncate(orText(x.Message, x.Title), asffMaxDescription),
			ProductFields: map[string]string{
				"hybridcheck/CheckId":  x.ID,
				"hybridcheck/Status":   string(x.Status),
				"hybridcheck/Resource": x.Resource,
				"hybridcheck/Version":  version.Version,
			},
			Resources:   []asffResource{awsResource(partition, region, acct, x.Resource)},
			Compliance:  asffCompliance{Status: asffComplianceStatus(x.Status)},
			Workflow:    asffWorkflow{Status: "NEW"},
			RecordState: "ACTIVE",
		}
		if x.Area != "" {
			f.ProductFields["hybridcheck/Area"] = x.Area
		}
		if x.Remediation != "" {
			f.Remediation = &asffRemediation{Recommendation: asffRecommendation{Text: truncate(x.Remediation, asffMaxRecommend), URL: remediationURL(x)}}
		}
		if x.Status == result.Waived && x.Waiver != nil {
			f.Workflow.Status = "SUPPRESSED"
			f.Note = &asffNote{Text: truncate("Waived: "+x.Waiver.Justification, asffMaxNote), UpdatedBy: orText(x.Waiver.ApprovedBy, "hybridcheck waivers"), UpdatedAt: stamp}
		}
		doc.Findings = append(doc.Findings, f)
	}
	return doc, nil
}

// findingResults are the results a finding format reports (failing, unknown, erroring and
// waived), with a result's position among equal check and resource pairs kept stable.
func findingResults(rs []result.Result) []result.Result {
	var out []result.Result
	for _, x := range sortedForDisplay(rs) {
		if x.IsFailing() || x.Status == result.Unknown || x.Status == result.Waived {
			out = append(out, x)
		}
	}
	return out
}

// findingIDs are stable across runs for one check on one resource in one account and region,
// so Security Hub updates a finding when it is imported again. The message is left out: it
// may name changing evidence. A check that reports one resource twice gets "-2", "-3" on
// the later ones, in the (deterministic) display order.
func findingIDs(acct, region string, rs []result.Result) []string {
	ids := make([]string, len(rs))
	seen := map[string]int{}
	for i, x := range rs {
		id := fmt.Sprintf("hybridcheck/%s/%s/%s/%s", acct, region, x.ID, Fingerprint(x.ID, x.Resource)[:32])
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		ids[i] = id
	}
	return ids
}

// findingTime is when the snapshot was collected: the time the finding is about. Using it (not
// the time of the check) keeps the output deterministic, and a newer snapshot's later
// UpdatedAt is what lets Security Hub accept the update.
func findingTime(collectedAt string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, collectedAt)
	if err != nil {
		return time.Time{}, fmt.Errorf("snapshot collected_at %q is not an RFC 3339 time", collectedAt)
	}
	return t.UTC(), nil
}

func asffSeverityLabel(sev string) string {
	switch sev {
	case "critical", "high", "medium", "low":
		return strings.ToUpper(sev)
	}
	return "INFORMATIONAL"
}

// asffComplianceStatus: FAILED for a failure (waived ones too: the waiver suppresses the
// finding, it does not make it pass), WARNING when the snapshot could not decide, NOT_AVAILABLE
// when the check itself could not run.
func asffComplianceStatus(status result.Status) string {
	switch status {
	case result.Unknown:
		return "WARNING"
	case result.Error:
		return "NOT_AVAILABLE"
	case result.Pass:
		return "PASSED"
	}
	return "FAILED"
}

// remediationURL is the check's first web reference.
func remediationURL(x result.Result) string {
	for _, ref := range x.References {
		if strings.HasPrefix(ref, "https://") {
			return ref
		}
	}
	return ""
}

// awsResourceKinds maps an EC2 ID prefix to its ARN resource type and ASFF resource type
// (longest prefixes first: tgw-attach- before tgw-).
var awsResourceKinds = []struct{ prefix, arnType, asffType string }{
	{"tgw-attach-", "transit-gateway-attachment", "Other"},
	{"tgw-rtb-", "transit-gateway-route-table", "Other"},
	{"tgw-", "transit-gateway", "AwsEc2TransitGateway"},
	{"vpc-", "vpc", "AwsEc2Vpc"},
	{"subnet-", "subnet", "AwsEc2Subnet"},
	{"sg-", "security-group", "AwsEc2SecurityGroup"},
	{"rtb-", "route-table", "AwsEc2RouteTable"},
	{"igw-", "internet-gateway", "Other"},
	{"nat-", "natgateway", "Other"},
	{"eipalloc-", "elastic-ip", "AwsEc2Eip"},
	{"vgw-", "vpn-gateway", "Other"},
	{"cgw-", "customer-gateway", "Other"},
	{"vpn-", "vpn-connection", "AwsEc2VpnConnection"},
	{"dxcon-", "dxcon", "Other"},
	{"dxvif-", "dxvif", "Other"},
}

// awsResource names a result's resource: the ARN for an EC2 resource ID, the resource as
// hybridcheck names it otherwise (a device rule, a source, a CIDR), typed Other.
func awsResource(partition, region, acct, id string) asffResource {
	res := asffResource{Type: "Other", ID: id, Partition: partition, Region: region}
	if arn := resourceARN(partition, region, acct, id); arn != "" {
		res.ID = arn
		for _, k := range awsResourceKinds {
			if strings.HasPrefix(id, k.prefix) {
				res.Type = k.asffType
				break
			}
		}
	}
	return res
}

// resourceARN is the ARN of an EC2 or Direct Connect resource ID, or "" for anything else.
func resourceARN(partition, region, acct, id string) string {
	if strings.ContainsAny(id, " :/") {
		return ""
	}
	for _, k := range awsResourceKinds {
		if strings.HasPrefix(id, k.prefix) && len(id) > len(k.prefix) {
			service := "ec2"
			if strings.HasPrefix(k.prefix, "dx") {
				service = "directconnect"
			}
			return fmt.Sprintf("arn:%s:%s:%s:%s:%s/%s", partition, service, region, acct, k.arnType, id)
		}
	}
	return ""
}

// awsPartition is the partition of a region (China and GovCloud have their own).
func awsPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// truncate cuts s to at most max bytes on a rune boundary, marking the cut with "…".
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len("…")
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// writeJSON writes v as indented JSON without HTML escaping, as the other JSON formats do.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
