package report

import "testing"

// TestReferenceGolden renders every format for the project's reference snapshots, checked by
// the real engine at a fixed time. The golden files change whenever a policy's results do:
// regenerate them with `go test ./internal/report -update` and review the diff.
func TestReferenceGolden(t *testing.T) {
	for name, rep := range referenceReports(t) {
		// As a user runs it from the repository root, so SARIF locations are repository paths.
		rep.Snapshot.Path = "snapshots/" + name + ".json"
		// The policy digest changes with every policy edit, even one that changes no result;
		// engine tests cover it, and these files pin the rendering.
		rep.Scope.PolicyVersion = rep.Scope.ToolVersion + "+sha256:(policy digest)"
		for _, format := range Formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				checkGolden(t, name+goldenSuffix[format], render(t, mustGet(t, format), rep, Options{}))
			})
		}
	}
}

// goldenSuffix names the golden files so the SARIF and JUnit schema tests pick them up.
var goldenSuffix = map[string]string{
	"text": ".txt", "json": ".json", "sarif": ".sarif", "junit": ".junit.xml", "markdown": ".md", "html": ".html",
	"asff": ".asff.json", "ocsf": ".ocsf.json",
}
