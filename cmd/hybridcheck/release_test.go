package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// releaseSizeBudget fails the release test when the binary grows past it, so a dependency
// pulled in by accident (OPA's server, a second AWS service) shows up as a failing test;
// BENCHMARKS.md records the measured size and what it is made of.
const releaseSizeBudget = 40 << 20

// `make release` for the host platform builds a static, stripped, stamped binary that reports
// its version and runs the main job; SHA256SUMS matches it.
func TestMakeReleaseHost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a release binary (about a minute); not in -short runs")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make is needed for this test (CI installs it): ", err)
	}
	dist := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	build := exec.CommandContext(ctx, "make", "-s", "release", "DIST="+dist, "RELEASE_PLATFORMS="+platform,
		"VERSION=v9.8.7-test", "COMMIT=0123456789abcdef", "GO="+goTool(t))
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make release: %v\n%s", err, out)
	}
	name := "hybridcheck-" + runtime.GOOS + "-" + runtime.GOARCH
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	bin := filepath.Join(dist, name)
	data := testkit.ReadFile(t, bin)
	t.Logf("%s: %d bytes (%.1f MiB)", name, len(data), float64(len(data))/(1<<20))
	if len(data) > releaseSizeBudget {
		t.Errorf("release binary is %d bytes, over the budget of %d (see BENCHMARKS.md, Binary size)", len(data), releaseSizeBudget)
	}
	checkSums(t, dist, name, data)
	checkBuildSettings(t, bin)
	if runtime.GOOS == "linux" {
		checkStatic(t, bin)
	}

	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "hybridcheck v9.8.7-test (0123456789abcdef,") {
		t.Errorf("version: %v: %q", err, out)
	}
	out, err = exec.CommandContext(ctx, bin, "version", "--format", "json").Output()
	var v versionInfo
	if err != nil || json.Unmarshal(out, &v) != nil || v.Version != "v9.8.7-test" || v.Commit != "0123456789abcdef" || v.Platform != platform || v.OPA == "" {
		t.Errorf("version --format json: %v: %s", err, out)
	}

	// The main job: the broken reference fails (exit 1) with its seeded defects reported.
	check := exec.CommandContext(ctx, bin, "check", "snapshots/reference-broken.json", "--format", "json")
	check.Dir = "../.."
	var stdout, stderr bytes.Buffer
	check.Stdout, check.Stderr = &stdout, &stderr
	err = check.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitFailing {
		t.Fatalf("check reference-broken: want exit 1, got %v; stderr: %s", err, stderr.String())
	}
	var rep struct {
		Summary struct{ Fail, Pass int }
		Results []struct{ ID, Status string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("check output is not the JSON report: %v", err)
	}
	if rep.Summary.Fail == 0 || rep.Summary.Pass == 0 {
		t.Errorf("release binary's check found %d failing and %d passing results; want both", rep.Summary.Fail, rep.Summary.Pass)
	}
}

func goTool(t *testing.T) string {
	t.Helper()
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		return "go"
	}
	return p
}

func checkSums(t *testing.T, dist, name string, data []byte) {
	t.Helper()
	sums := testkit.ReadFile(t, filepath.Join(dist, "SHA256SUMS"))
	sum := sha256.Sum256(data)
	if want := hex.EncodeToString(sum[:]) + "  " + name + "\n"; string(sums) != want {
		t.Errorf("SHA256SUMS is %q, want %q", sums, want)
	}
}

// checkBuildSettings reads what the Go toolchain recorded: no cgo, -trimpath (with which Go
// does not record -ldflags; checkStatic sees the stripping).
func checkBuildSettings(t *testing.T, bin string) {
	t.Helper()
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "0" || settings["-trimpath"] != "true" {
		t.Errorf("release build settings: CGO_ENABLED=%q -trimpath=%q", settings["CGO_ENABLED"], settings["-trimpath"])
	}
	for _, dep := range info.Deps {
		if strings.HasPrefix(dep.Path, "github.com/prometheus/") || strings.HasPrefix(dep.Path, "go.opentelemetry.io/") || strings.HasPrefix(dep.Path, "github.com/dgraph-io/badger") {
			t.Errorf("release binary links %s, which belongs to OPA's server, not to hybridcheck", dep.Path)
		}
	}
}

// checkStatic: a static ELF has no interpreter and no shared libraries to load; a stripped one
// (-s -w) has no symbol table and no DWARF.
func checkStatic(t *testing.T, bin string) {
	t.Helper()
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s has an ELF interpreter: not statically linked", bin)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("%s needs shared libraries %v", bin, libs)
	}
	for _, name := range []string{".symtab", ".debug_info", ".zdebug_info"} {
		if f.Section(name) != nil {
			t.Errorf("%s has a %s section: not stripped", bin, name)
		}
	}
}

// text/template (and html/template on it) reaches reflect.Value.MethodByName, after which the
// linker keeps every exported method of every type: the release binary doubles with the AWS
// SDK clients' unused operations (BENCHMARKS.md, Binary size). Nothing in hybridcheck may
// import them outside tests.
func TestNoTemplatePackageInBinary(t *testing.T) {
	out, err := exec.Command(goTool(t), "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "text/template" || pkg == "html/template" {
			t.Errorf("hybridcheck links %s; render without it (see internal/report/html.go)", pkg)
		}
	}
}
