package main

import (
	"regexp"
	"slices"
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

// Every command's --help starts with its help text (help/NAME.txt), and every help text is a
// command's: a command added without one, or one left behind, fails here.
func TestEveryHelpTextIsACommand(t *testing.T) {
	texts, err := helpTexts.ReadDir("help")
	if err != nil {
		t.Fatal(err)
	}
	names := append(commandNames(), "policy test")
	for _, name := range names {
		code, out, _ := runCLI(t, append(strings.Fields(name), "--help")...)
		if code != exitOK || !strings.HasPrefix(out, "Usage: hybridcheck "+name) {
			t.Errorf("%s --help: exit %d, output %.60q", name, code, out)
		}
	}
	for _, f := range texts {
		name := strings.ReplaceAll(strings.TrimSuffix(f.Name(), ".txt"), "-", " ")
		if !slices.Contains(names, name) {
			t.Errorf("help/%s is no command's help text", f.Name())
		}
	}
}
