package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// Every command is in the README's "Commands" block and in --help, and the check line lists
// every report format.
func TestEveryCommandDocumented(t *testing.T) {
	readme := testkit.ReadText(t, "../../README.md")
	block := regexp.MustCompile("(?s)## Commands\n\n```\n(.*?)```").FindStringSubmatch(readme)
	if block == nil {
		t.Fatal("README has no Commands block")
	}
	_, help, _ := runCLI(t, "--help")
	for _, name := range commandNames() {
		if !regexp.MustCompile(`(?m)^hybridcheck ` + name + `\b`).MatchString(block[1]) {
			t.Errorf("README Commands block lacks %q", name)
		}
		if !strings.Contains(help, "  "+name+" ") {
			t.Errorf("--help lacks %q", name)
		}
	}
	if strings.Contains(help, completeCommand) {
		t.Errorf("--help shows the hidden %s", completeCommand)
	}
	want := "--format " + strings.Join(report.Formats, "|")
	if !strings.Contains(block[1], want) {
		t.Errorf("README's check line does not say %q", want)
	}
}
