package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 13 item 4: a FIFO that no process writes to, given as any input, is refused at once
// with one line naming it (exit 2) instead of hanging the run.
func TestFIFOInputsAreRefusedNotWaitedOn(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "input.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	awsDir := filepath.Join(dir, "aws")
	os.Mkdir(awsDir, 0o700)
	if err := syscall.Mkfifo(filepath.Join(awsDir, "Vpcs.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	generic := "generic:../../internal/collector/device/generic/testdata/seed-example.json"
	for _, c := range []struct {
		name string
		args []string
	}{
		{"snapshot", []string{"check", fifo}},
		{"diff snapshot", []string{"diff", compliant, fifo}},
		{"--device", []string{"collect", "--device", "iptables:" + fifo}},
		{"--aws-dir", []string{"collect", "--aws-dir", awsDir}},
		{"--intent", []string{"collect", "--device", generic, "--intent", fifo}},
		{"--probe", []string{"collect", "--device", generic, "--probe", fifo}},
		{"--waivers", []string{"check", compliant, "--only", "HN-VPC-02", "--waivers", fifo}},
	} {
		t.Run(c.name, func(t *testing.T) {
			type res struct {
				code int
				errs string
			}
			done := make(chan res, 1)
			go func() { code, _, errs := runCLI(t, c.args...); done <- res{code, errs} }()
			select {
			case r := <-done:
				line := strings.TrimSpace(r.errs)
				if r.code != exitError || strings.Contains(line, "\n") || !strings.Contains(line, "not a regular file (a FIFO)") {
					t.Fatalf("exit %d, stderr %q", r.code, r.errs)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("hung on a FIFO with no writer")
			}
		})
	}
}
