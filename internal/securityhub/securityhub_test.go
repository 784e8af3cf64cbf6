package securityhub

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/aws/aws-sdk-go-v2/service/securityhub/types"
)

// fakeHub refuses the findings whose Id is in refuse and records the regions it was asked for.
type fakeHub struct {
	region string
	refuse map[string]bool
	calls  *[]string
}

func (f fakeHub) BatchImportFindings(_ context.Context, in *securityhub.BatchImportFindingsInput, _ ...func(*securityhub.Options)) (*securityhub.BatchImportFindingsOutput, error) {
	*f.calls = append(*f.calls, fmt.Sprintf("%s:%d", f.region, len(in.Findings)))
	out := &securityhub.BatchImportFindingsOutput{}
	var ok, failed int32
	for _, x := range in.Findings {
		if f.refuse[aws.ToString(x.Id)] {
			failed++
			out.FailedFindings = append(out.FailedFindings, types.ImportFindingsError{Id: x.Id, ErrorCode: aws.String("InvalidInput"), ErrorMessage: aws.String("bad")})
		} else {
			ok++
		}
	}
	out.SuccessCount, out.FailedCount = &ok, &failed
	return out, nil
}

func finding(id, region string) types.AwsSecurityFinding {
	return types.AwsSecurityFinding{Id: aws.String(id), Region: aws.String(region), AwsAccountId: aws.String("111122223333"), ProductArn: aws.String("arn:aws:securityhub:" + region + ":111122223333:product/111122223333/default")}
}

func TestImportGroupsByRegionAndBatches(t *testing.T) {
	var fs []types.AwsSecurityFinding
	for i := range 130 {
		fs = append(fs, finding(fmt.Sprint("a", i), "us-east-1"))
	}
	fs = append(fs, finding("b", "eu-west-1"))
	var calls []string
	res, err := Import(context.Background(), fs, func(region string) (API, error) { return fakeHub{region: region, calls: &calls}, nil })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(calls, " ") != "eu-west-1:1 us-east-1:100 us-east-1:30" || res.Findings != 131 || res.Calls != 3 {
		t.Errorf("calls %v, result %+v", calls, res)
	}
}

func TestImportReportsRefusedFindings(t *testing.T) {
	var calls []string
	_, err := Import(context.Background(), []types.AwsSecurityFinding{finding("good", "us-east-1"), finding("bad-1", "us-east-1")},
		func(region string) (API, error) {
			return fakeHub{region: region, refuse: map[string]bool{"bad-1": true}, calls: &calls}, nil
		})
	if err == nil || !strings.Contains(err.Error(), "refused 1 of 2 findings in us-east-1: bad-1: InvalidInput bad") {
		t.Errorf("refused finding: %v", err)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`[]`, "x.json: not ASFF JSON"},
		{`{}`, `x.json: no "Findings" array`},
		{`{"Findings":[{"Id":"a"}]}`, "x.json: finding 1 lacks Id, Region, AwsAccountId or ProductArn"},
	} {
		if _, err := Decode("x.json", []byte(tc.doc)); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.doc, err, tc.want)
		}
	}
}
