// Package securityhub imports ASFF findings into AWS Security Hub: in batches of at most 100
// (BatchImportFindings' limit), each batch sent to the region its findings belong to.
package securityhub

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/report"
)

// BatchSize is the most findings BatchImportFindings takes in one call.
const BatchSize = 100

// API is the one call publishing makes; *securityhub.Client implements it.
type API interface {
	BatchImportFindings(ctx context.Context, in *securityhub.BatchImportFindingsInput, opts ...func(*securityhub.Options)) (*securityhub.BatchImportFindingsOutput, error)
}

// Result counts what Security Hub accepted.
type Result struct {
	Findings int
	Calls    int
	Regions  []string
}

// Decode turns ASFF (the document `check --format asff` writes) into the SDK's findings,
// refusing a document without findings' required identity.
func Decode(name string, data []byte) ([]types.AwsSecurityFinding, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not ASFF JSON: %v", name, err)
	}
	raw, ok := doc["Findings"] // exactly: encoding/json would also take "findings"
	if !ok {
		return nil, fmt.Errorf("%s: no \"Findings\" array: want the output of check --format asff", name)
	}
	var findings []types.AwsSecurityFinding
	if err := json.Unmarshal(raw, &findings); err != nil {
		return nil, fmt.Errorf("%s: \"Findings\" is not a list of ASFF findings: %v", name, err)
	}
	for i, f := range findings {
		if aws.ToString(f.Id) == "" || aws.ToString(f.Region) == "" || aws.ToString(f.AwsAccountId) == "" || aws.ToString(f.ProductArn) == "" {
			return nil, fmt.Errorf("%s: finding %d lacks Id, Region, AwsAccountId or ProductArn", name, i+1)
		}
	}
	return findings, nil
}

// FromASFF converts hybridcheck's own findings to the SDK's (publish --snapshot).
func FromASFF(doc *report.ASFFFindings) ([]types.AwsSecurityFinding, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return Decode("findings", data)
}

// Import sends findings to Security Hub, grouped by region (clientFor returns the client of a
// region) and in batches of BatchSize. A finding Security Hub refuses is an error naming it;
// the batches already sent stay imported (importing again is safe: Ids are stable).
func Import(ctx context.Context, findings []types.AwsSecurityFinding, clientFor func(region string) (API, error)) (Result, error) {
	byRegion := map[string][]types.AwsSecurityFinding{}
	for _, f := range findings {
		byRegion[aws.ToString(f.Region)] = append(byRegion[aws.ToString(f.Region)], f)
	}
	var res Result
	for region := range byRegion {
		res.Regions = append(res.Regions, region)
	}
	sort.Strings(res.Regions)
	for _, region := range res.Regions {
		client, err := clientFor(region)
		if err != nil {
			return res, err
		}
		list := byRegion[region]
		for start := 0; start < len(list); start += BatchSize {
			batch := list[start:min(start+BatchSize, len(list))]
			out, err := client.BatchImportFindings(ctx, &securityhub.BatchImportFindingsInput{Findings: batch})
			res.Calls++
			if err != nil {
				return res, fmt.Errorf("BatchImportFindings in %s: %s", region, errtext.OneLine(err))
			}
			res.Findings += int(aws.ToInt32(out.SuccessCount))
			if n := aws.ToInt32(out.FailedCount); n > 0 || len(out.FailedFindings) > 0 {
				return res, fmt.Errorf("Security Hub refused %d of %d findings in %s: %s", max(n, int32(len(out.FailedFindings))), len(batch), region, describeFailures(out.FailedFindings))
			}
		}
	}
	return res, nil
}

func describeFailures(fs []types.ImportFindingsError) string {
	var parts []string
	for i, f := range fs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(fs)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%s: %s %s", aws.ToString(f.Id), aws.ToString(f.ErrorCode), aws.ToString(f.ErrorMessage)))
	}
	return strings.Join(parts, "; ")
}
