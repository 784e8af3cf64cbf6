package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

// userCheck is the source of a user check: the package METADATA every check needs (its title,
// id and severity), package pkg and, from line 8 on, rules.
func userCheck(title, id, severity, pkg, rules string) string {
	return "# METADATA\n# title: " + title + "\n# custom:\n#   id: " + id + "\n#   severity: " + severity +
		"\npackage " + pkg + "\n\n" + rules
}

// writePolicy writes one user .rego file into a fresh folder and returns the folder.
func writePolicy(t *testing.T, file, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wantOneLineError asserts err is one line starting with file:line.
func wantOneLineError(t *testing.T, err error, prefix, contains string) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, contains) || strings.Contains(msg, "\n") {
		t.Fatalf("error %q: want one line starting %q containing %q", msg, prefix, contains)
	}
}

// The three attacks of issue 13.1: a user file in a built-in check's package, or in the lib
// every check trusts, switched the check off or flipped it. Each is refused with file:line.
func TestUserPolicyCannotExtendTheBuiltinNamespace(t *testing.T) {
	attacks := map[string]string{
		// HN-SG-05 failed on the broken reference; not_applicable would hide it.
		"sg05.rego": "package hybridcheck.aws.sg.admin_access\n\nnot_applicable := \"x\"\n",
		// HN-SNAP-01 neutralised the same way.
		"snap01.rego": "package hybridcheck.evidence.sources_complete\n\nnot_applicable := \"x\"\n",
		// Redefining a lib helper turned HN-IPS-02 from fail to pass.
		"lib.rego": "package hybridcheck.lib\n\ncovered(_, _) := true\n",
		// Test packages and a new package under the root are the built-in tree too.
		"test.rego": "package hybridcheck.test.fixture\n\ncompliant := {}\n",
		"root.rego": "# comment\npackage hybridcheck\n\nx := 1\n",
	}
	for file, src := range attacks {
		t.Run(file, func(t *testing.T) {
			dir := writePolicy(t, file, src)
			row := "1"
			if file == "root.rego" {
				row = "2"
			}
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			wantOneLineError(t, err, filepath.Join(dir, file)+":"+row+": ", "built-in namespace hybridcheck")
			_, err = RunPolicyTests(context.Background(), []string{dir}, "", false, &bytes.Buffer{})
			wantOneLineError(t, err, filepath.Join(dir, file)+":"+row+": ", "built-in namespace hybridcheck")
		})
	}
	// Before the fix the SG-05 attack made the check not_applicable: prove the built-in
	// still fails the broken reference when the user policy only reads lib.
	dir := writePolicy(t, "reader.rego", "package acme.reader\n\nimport data.hybridcheck.lib\n\nsgs := lib.hybrid_sgs\n")
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"HN-SG-05"}})
	rep, err := e.Check(context.Background(), loadRef(t, "reference-broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Fail == 0 {
		t.Fatalf("HN-SG-05 should fail the broken reference: %+v", rep.Results)
	}
}

const canary = "CANARY_hunter2_AKIAIOSFODNN7EXAMPLE"

// Issue 13.2: a policy folder may come from a pull request. A symlink out of the folder (to a
// file holding a secret, standing in for /proc/self/environ or /etc/shadow) is refused without
// its content, and a non-Rego file inside the folder is named with its line only.
func TestPolicyFolderReadsOnlyRegularFilesInsideIt(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "environ")
	if err := os.WriteFile(outside, []byte("AWS_SECRET_ACCESS_KEY="+canary+"\x00HOME=/root\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	shadow := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(shadow, []byte("root:$6$"+canary+":19000:0:99999:7:::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		setup func(t *testing.T, dir string)
		want  string
	}{
		"symlink out to environ": {func(t *testing.T, dir string) { symlink(t, outside, filepath.Join(dir, "x.rego")) }, "leads out of the policy folder"},
		"symlink out to shadow":  {func(t *testing.T, dir string) { symlink(t, shadow, filepath.Join(dir, "x.rego")) }, "leads out of the policy folder"},
		"relative symlink out": {func(t *testing.T, dir string) {
			symlink(t, "../../../../../../../.."+shadow, filepath.Join(dir, "x.rego"))
		}, "leads out of the policy folder"},
		"fifo": {func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "x.rego")) }, "not a regular file (a FIFO)"},
		"shadow copied inside": {func(t *testing.T, dir string) {
			copyFile(t, shadow, filepath.Join(dir, "x.rego"))
		}, "x.rego:1: rego_parse_error"},
		"environ copied inside": {func(t *testing.T, dir string) {
			copyFile(t, outside, filepath.Join(dir, "x.rego"))
		}, "not a UTF-8 text file"},
		"symlink inside to non-rego": {func(t *testing.T, dir string) {
			copyFile(t, shadow, filepath.Join(dir, "secret.txt"))
			symlink(t, "secret.txt", filepath.Join(dir, "x.rego"))
		}, "x.rego:1: rego_parse_error"},
		"import path quoted by the parser": {func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "x.rego"), "package acme\n\nimport "+canary+".x\n")
		}, "x.rego:3: rego_parse_error"},
		"empty file": {func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "x.rego"), "")
		}, "x.rego:1: rego_parse_error: empty module"},
		"metadata yaml": {func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "x.rego"), "# METADATA\n# title: \""+canary+"\n# custom: {{\npackage acme\n")
		}, "x.rego:3: rego_parse_error"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c.setup(t, dir)
			done := make(chan struct{})
			var errs []error
			go func() {
				defer close(done)
				_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
				errs = append(errs, err)
				_, err = RunPolicyTests(context.Background(), []string{dir}, "", false, &bytes.Buffer{})
				errs = append(errs, err)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("reading the policy folder blocked")
			}
			for _, err := range errs {
				wantOneLineError(t, err, dir, c.want)
				if strings.Contains(err.Error(), "CANARY") || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "AKIA") {
					t.Fatalf("error echoes the file's content: %q", err)
				}
			}
		})
	}
	// A symlink that stays inside the folder to a real policy is read.
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real.txt"), "package acme.linked\n\nx := 1\n")
	symlink(t, "real.txt", filepath.Join(dir, "linked.rego"))
	if _, err := New(context.Background(), Options{PolicyDirs: []string{dir}}); err != nil {
		t.Fatalf("symlink inside the folder refused: %v", err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

// Issue 16.6: a reference to a data.hybridcheck rule that does not exist is a compile error
// with file:line in check and in policy test, and policy test types input by the snapshot
// schema as check does.
func TestMisspelledLibHelperIsACompileError(t *testing.T) {
	src := userCheck("Typo", "ACME-TYPO-01", "low", "acme.typo", `import data.hybridcheck.lib

checked contains sg.id if some sg in lib.hybrid_sgs

deny contains sg.id if {
	some sg in lib.hybrid_sg
}
`)
	dir := writePolicy(t, "typo.rego", src)
	file := filepath.Join(dir, "typo.rego")
	_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	wantOneLineError(t, err, file+":13: ", "data.hybridcheck.lib.hybrid_sg does not exist")
	_, err = RunPolicyTests(context.Background(), []string{dir}, "", false, &bytes.Buffer{})
	wantOneLineError(t, err, file+":13: ", "data.hybridcheck.lib.hybrid_sg does not exist")

	// A misspelled package and a misspelled function, in a test file.
	test := "package acme.typo_test\n\nimport data.hybridcheck.libb\n\ntest_x if {\n\tlibb.covered(\"10.0.0.0/8\", [])\n}\n"
	dir = writePolicy(t, "typo_test.rego", test)
	_, err = RunPolicyTests(context.Background(), []string{dir}, "", false, &bytes.Buffer{})
	wantOneLineError(t, err, filepath.Join(dir, "typo_test.rego")+":", "data.hybridcheck.libb")

	// The snapshot schema types input in policy test as in check.
	schema := "package acme.schema_test\n\ntest_x if {\n\tcount(input.aws.vpc) == 0\n}\n"
	dir = writePolicy(t, "schema_test.rego", schema)
	_, err = RunPolicyTests(context.Background(), []string{dir}, "", false, &bytes.Buffer{})
	wantOneLineError(t, err, filepath.Join(dir, "schema_test.rego")+":4: ", "undefined ref: input.aws.vpc")

	// Existing helpers, lib packages and the test fixture stay readable.
	ok := "package acme.ok_test\n\nimport data.hybridcheck.lib\nimport data.hybridcheck.lib.device\nimport data.hybridcheck.test.fixture\n\ntest_x if {\n\tlib.covered(\"10.1.0.0/16\", [\"10.0.0.0/8\"])\n\tis_object(device)\n\tis_object(fixture.compliant)\n}\n"
	dir = writePolicy(t, "ok_test.rego", ok)
	var out bytes.Buffer
	sum, err := RunPolicyTests(context.Background(), []string{dir}, "acme", true, &out)
	if err != nil || sum.Passed != 1 || sum.Failed+sum.Errored != 0 {
		t.Fatalf("valid references refused: %v %+v\n%s", err, sum, out.String())
	}
}

// Issue 13.5: a user check that amplifies memory becomes one error result naming the memory
// budget, never a Go out-of-memory crash. The test sets a 32 MiB budget; each hostile check
// below needs well over 100 MiB to complete (so without the guard each would pass or fail
// normally), yet stays far below what the shared test machine can give.
func TestMemoryHungryUserPolicyBecomesAnError(t *testing.T) {
	hostile := map[string]string{
		"ACME-MEM-01": `some i in numbers.range(1, 4000000)
	i < 0`,
		"ACME-MEM-02": `some ip in net.cidr_expand("10.0.0.0/11")
	ip == "x"`,
		"ACME-MEM-03": `parts := [concat(",", [format_int(i, 10) | some i in numbers.range(1, 200000)]) | some _ in numbers.range(1, 100)]
	all := concat(";", [concat("", parts), concat("", parts)])
	count(all) < 0`,
	}
	dir := t.TempDir()
	var ids []string
	for id, body := range hostile {
		ids = append(ids, id)
		pkg := strings.ToLower(strings.ReplaceAll(id, "-", "_"))
		write(t, filepath.Join(dir, pkg+".rego"), userCheck("Hungry", id, "low", "acme."+pkg, "deny contains \"x\" if {\n\t"+body+"\n}\n"))
	}
	ids = append(ids, "HN-SG-05")
	e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: ids, PolicyMemory: 32 << 20, PolicyTimeout: 60 * time.Second})
	rep, err := e.Check(context.Background(), loadRef(t, "reference-broken.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rep.Results {
		seen[r.ID] = true
		if r.ID == "HN-SG-05" {
			if r.Status == result.Error {
				t.Fatalf("built-in became an error: %+v", r)
			}
			continue
		}
		if r.Status != result.Error || !strings.Contains(r.Message, "more than 32 MiB of memory (--policy-memory)") || strings.Contains(r.Message, "\n") {
			t.Errorf("%s: want one error result naming the memory budget, got %s %q", r.ID, r.Status, r.Message)
		}
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("%s has no result", id)
		}
	}
}

// Issue 13.6: time.now_ns and the random built-ins are pinned: time.now_ns answers the check
// time (--as-of), rand.intn and uuid.rfc4122 draw from a fixed seed, so two runs agree.
func TestUserPolicyClockAndRandomAreReproducible(t *testing.T) {
	dir := writePolicy(t, "clock.rego", userCheck("Clock", "ACME-CLOCK-01", "low", "acme.clock",
		`deny contains sprintf("%d %d %s", [time.now_ns(), rand.intn("x", 1000000000), uuid.rfc4122("y")])
`))
	asOf := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	var messages []string
	for i := 0; i < 2; i++ {
		e := newEngine(t, Options{PolicyDirs: []string{dir}, Only: []string{"ACME-CLOCK-01"}, Now: asOf})
		rep, err := e.Check(context.Background(), loadRef(t, "reference-compliant.json"))
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Results) != 1 {
			t.Fatalf("want one result, got %+v", rep.Results)
		}
		messages = append(messages, rep.Results[0].Message)
	}
	if messages[0] != messages[1] {
		t.Fatalf("two runs at the same --as-of differ: %q vs %q", messages[0], messages[1])
	}
	if want := fmt.Sprint(asOf.UnixNano()) + " "; !strings.HasPrefix(messages[0], want) {
		t.Fatalf("time.now_ns should be the check time %s: %q", want, messages[0])
	}
}

// A user test that amplifies memory is an error row naming the budget, not a crash.
func TestMemoryHungryPolicyTestIsAnError(t *testing.T) {
	src := "package acme.hungry_test\n\ntest_hungry if {\n\tsome i in numbers.range(1, 4000000)\n\ti < 0\n}\n"
	dir := writePolicy(t, "hungry_test.rego", src)
	var out bytes.Buffer
	sum, err := RunPolicyTestsWithin(context.Background(), []string{dir}, "acme.hungry", true, 32<<20, &out)
	// Before the budget the test ran to completion (about 400 MB) and failed normally.
	if err != nil {
		t.Fatal(err)
	}
	if sum.Errored != 1 || !strings.Contains(out.String(), "test_hungry: ERROR") ||
		!strings.Contains(out.String(), "more than 32 MiB of memory (--policy-memory)") {
		t.Fatalf("want test_hungry an error naming the memory budget: %+v\n%s", sum, out.String())
	}
}

// json.match_schema and json.verify_schema resolve "$ref": "file:///..." by reading the file: a
// user policy could copy any local JSON file into its results. They are not among the
// capabilities, so such a policy does not compile.
func TestJSONSchemaBuiltinsCannotReadLocalFiles(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "creds.json")
	write(t, secret, `{"type": "object", "properties": {"k": {"const": "`+canary+`"}}, "required": ["k"]}`)
	for _, call := range []string{
		`json.match_schema({"k": 1}, {"$ref": "file://` + secret + `"})`,
		`json.verify_schema({"$ref": "file://` + secret + `"})`,
	} {
		src := "# METADATA\n# title: Ref\n# custom:\n#   id: ACME-REF-01\n#   severity: low\npackage acme.ref\n\ndeny contains sprintf(\"%v\", [r]) if {\n\tr := " + call + "\n}\n"
		dir := writePolicy(t, "ref.rego", src)
		_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
		wantOneLineError(t, err, filepath.Join(dir, "ref.rego")+":9: ", "undefined function json.")
		if strings.Contains(err.Error(), "CANARY") {
			t.Fatalf("error quotes the file: %v", err)
		}
	}
}

// A METADATA schema defined inline is compiled with its "$ref"s followed: it could read any
// file (a credentials file, /dev/zero, a FIFO) while the policies load. User policies may not
// define one; they name schema.snapshot.
func TestInlineSchemaCannotLoadFiles(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "creds.json")
	write(t, secret, `{"type": "object", "properties": {"`+canary+`": {"type": "string"}}}`)
	fifo := filepath.Join(t.TempDir(), "fifo.json")
	mkfifo(t, fifo)
	for _, target := range []string{secret, fifo, "/dev/zero"} {
		src := "# METADATA\n# title: S\n# schemas:\n#   - input: {\"$ref\": \"file://" + target + "\"}\n# custom:\n#   id: ACME-S-01\n#   severity: low\npackage acme.s\n\ndeny contains x if {\n\tx := input." + canary + "\n}\n"
		dir := writePolicy(t, "s.rego", src)
		done := make(chan error, 1)
		go func() {
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			done <- err
		}()
		select {
		case err := <-done:
			wantOneLineError(t, err, filepath.Join(dir, "s.rego")+":1: ", "may not define a schema inline")
		case <-time.After(20 * time.Second):
			t.Fatalf("loading a policy whose schema names %s blocked", target)
		}
	}
	// Naming the snapshot's schema stays allowed.
	ok := "# METADATA\n# title: S\n# schemas:\n#   - input: schema.snapshot\n# custom:\n#   id: ACME-S-01\n#   severity: low\npackage acme.s\n\ndeny contains v.id if {\n\tsome v in input.aws.vpcs\n\tv.id == \"x\"\n}\n"
	if _, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "s.rego", ok)}}); err != nil {
		t.Fatalf("schema.snapshot refused: %v", err)
	}
}
