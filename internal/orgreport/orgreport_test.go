package orgreport

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

func TestNewRow(t *testing.T) {
	rep := &result.Report{Snapshot: result.SnapshotInfo{Path: "s3://b/p/111/us-east-1/snapshot-20261120T093000Z.json", AWSAccountID: "111122223333", AWSRegion: "us-east-1"}}
	rep.Results = []result.Result{
		{ID: "HN-VPC-10", Severity: "low", Status: result.Fail},
		{ID: "HN-RT-01", Severity: "critical", Status: result.Fail},
		{ID: "HN-RT-01", Severity: "critical", Status: result.Fail},
		{ID: "HN-VPC-02", Severity: "high", Status: result.Unknown},
		{ID: "HN-SG-01", Severity: "high", Status: result.Pass},
	}
	rep.Summary = result.Summarize(rep.Results)
	row := NewRow(rep)
	if strings.Join(row.Failing, ",") != "HN-RT-01 (critical),HN-VPC-10 (low)" || strings.Join(row.Unknown, ",") != "HN-VPC-02" || row.Summary.Fail != 3 {
		t.Errorf("row %+v", row)
	}
}

// Values from snapshots are escaped: a pipe cannot break the markdown table, markup cannot
// reach the HTML page.
func TestRenderEscapes(t *testing.T) {
	rows := []Row{{Account: "111122223333", Region: "us-east-1", Snapshot: "a|b<script>.json", Failing: []string{"X-1 (high)"}, Summary: result.Summary{Fail: 1}}}
	var md, page bytes.Buffer
	if err := Render(&md, "s3://b/p/", rows, "markdown"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| 111122223333 | us-east-1 |") || !strings.Contains(md.String(), `a\|b<script>.json`) {
		t.Errorf("markdown:\n%s", md.String())
	}
	if err := Render(&page, "s3://b/p/", rows, "html"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<script>") || !strings.Contains(page.String(), "a|b&lt;script&gt;.json") || !strings.Contains(page.String(), `<tr class="failing">`) {
		t.Errorf("html:\n%s", page.String())
	}
	if err := Render(&page, "x", rows, "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}
