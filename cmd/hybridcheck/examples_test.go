package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
	"go.yaml.in/yaml/v3"
)

// checkInvocation fails when args (a hybridcheck command line without the program name) names
// an unknown command or a flag that command does not have.
func checkInvocation(t *testing.T, where string, args []string) {
	t.Helper()
	if len(args) == 0 {
		t.Errorf("%s: hybridcheck without a command", where)
		return
	}
	if _, ok := commands[args[0]]; !ok {
		t.Errorf("%s: unknown command %q", where, args[0])
		return
	}
	flags := commandFlags(context.Background(), args[0])
	for _, a := range args[1:] {
		if !strings.HasPrefix(a, "-") || a == "-" {
			continue
		}
		name, _, _ := strings.Cut(a, "=")
		if _, ok := findFlag(flags, name); !ok && name != "--help" {
			t.Errorf("%s: %s has no flag %s", where, args[0], name)
		}
	}
}

// Every hybridcheck command in examples/org-scan uses a command and flags that exist.
func TestOrgScanExamples(t *testing.T) {
	// The workflow: hybridcheck command lines inside the run steps.
	data := testkit.ReadFile(t, "../../examples/org-scan/github-actions.yml")
	var wf struct {
		Jobs map[string]struct {
			Strategy struct {
				Matrix map[string]any
			}
			Steps []struct{ Run string }
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if m := wf.Jobs["collect"].Strategy.Matrix; m["account"] == nil || m["region"] == nil {
		t.Errorf("the collect job's matrix is not over accounts and regions: %v", m)
	}
	line := regexp.MustCompile(`hybridcheck (collect|check|diff|report|publish|version)\b[^\n|>&]*`)
	runs := 0
	for job, j := range wf.Jobs {
		for _, s := range j.Steps {
			for _, m := range line.FindAllString(s.Run, -1) {
				runs++
				checkInvocation(t, "github-actions.yml job "+job, strings.Fields(m)[1:])
			}
		}
	}
	if runs < 3 {
		t.Errorf("found %d hybridcheck commands in the workflow, want collect and two reports", runs)
	}

	// The CronJobs: container args.
	data = testkit.ReadFile(t, "../../examples/org-scan/cronjob.yaml")
	dec := yaml.NewDecoder(bytes.NewReader(data))
	jobs := 0
	for {
		var doc struct {
			Kind string
			Spec struct {
				JobTemplate struct {
					Spec struct {
						Template struct {
							Spec struct {
								ServiceAccountName string `yaml:"serviceAccountName"`
								Containers         []struct {
									Image string
									Args  []string
								}
							}
						}
					}
				} `yaml:"jobTemplate"`
			}
		}
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if doc.Kind != "CronJob" {
			continue
		}
		jobs++
		pod := doc.Spec.JobTemplate.Spec.Template.Spec
		if pod.ServiceAccountName == "" {
			t.Errorf("cronjob.yaml: a CronJob without the scanner service account")
		}
		for _, c := range pod.Containers {
			checkInvocation(t, "cronjob.yaml", c.Args)
		}
	}
	if jobs < 2 {
		t.Errorf("cronjob.yaml has %d CronJobs, want collect ones and the summary", jobs)
	}
}
