package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

func TestMarkdownContent(t *testing.T) {
	md := string(render(t, Markdown{}, goldenReport(), Options{}))
	wantExcerpts(t, md, []excerpt{
		{"title carries the summary", "## hybridcheck: 5 failed, 1 unknown, 4 passed, 2 not applicable, 1 waived, 1 errors\n"},
		{"area row", "| AWS network | 2 | 0 | 1 | 1 | 1 | 0 |"},
		{"unknown row", "| HN-VPC-02 | high | vpc-0518d3603257bf85d | enableDnsSupport was not collected (ec2:DescribeVpcAttribute is missing) |"},
		{"failure row", "| FAIL | HN-VPC-03 | high | vpc-0518d3603257bf85d | enableDnsHostnames is false |"},
		{"error row", "| ERROR | HN-IPS-03 | medium | device:edge-fw |"},
		{"device location", "At `exports/edge-fw/config.xml:212`"},
		{"html escaped, markdown neutralised", `&lt;script&gt;alert("x")&lt;/script&gt; &amp; \| \*bold\* ` + "\\`tick\\`"},
		{"waiver", "| HN-VPC-10 | eipalloc-0a1b2c3d | reserved for the DR site's NAT gateway | netsec@example.com | 2027-03-31 |"},
	})
	if strings.Contains(md, "<script>") {
		t.Error("raw HTML from a message reached the Markdown")
	}
	if strings.Contains(md, "| pass |") {
		t.Error("passing results are listed as failures")
	}
}

func TestMarkdownNoFailures(t *testing.T) {
	rep := &result.Report{Results: []result.Result{{ID: "HN-VPC-02", Status: result.Pass, Area: "aws-network"}}}
	rep.Summary = result.Summarize(rep.Results)
	md := string(render(t, Markdown{}, rep, Options{}))
	if !strings.Contains(md, "No failing checks.") || strings.Contains(md, "### Failures") {
		t.Errorf("report without failures:\n%s", md)
	}
}

func TestFence(t *testing.T) {
	checkMappings(t, "fence", fence, []mapping{
		{"plain", "```"},
		{"a ``` b", "````"},
		{"`````", "``````"},
	})
}

func TestEscapeMarkdown(t *testing.T) {
	checkMappings(t, "EscapeMarkdown", EscapeMarkdown, []mapping{
		{"sg-1", "sg-1"},
		{"a|b", `a\|b`},
		{"line\nbreak", "line break"},
		{"[x](http://e)", `\[x\](http://e)`},
		{"<b>&", "&lt;b&gt;&amp;"},
	})
}

// TestMarkdownCapsLargeReports keeps a PR comment under GitHub's 65,536-character limit when
// an estate fails thousands of times.
func TestMarkdownCapsLargeReports(t *testing.T) {
	rep := &result.Report{}
	for i := 0; i < 3000; i++ {
		rep.Results = append(rep.Results, result.Result{ID: "HN-SG-05", Severity: "high", Status: result.Fail, Area: "aws-network",
			Resource: fmt.Sprintf("sg-%08d", i), Message: "SSH open to 0.0.0.0/0", Evidence: map[string]any{"rule": "tcp 22 from 0.0.0.0/0"}})
	}
	rep.Summary = result.Summarize(rep.Results)
	md := string(render(t, Markdown{}, rep, Options{}))
	if len(md) > 65536 {
		t.Errorf("markdown is %d characters", len(md))
	}
	if !strings.Contains(md, fmt.Sprintf("| … | %d more", 3000-MarkdownRows)) {
		t.Error("the cut is not announced")
	}
	if n := strings.Count(md, "<details>"); n != markdownDetails {
		t.Errorf("%d evidence blocks, want %d", n, markdownDetails)
	}
}
