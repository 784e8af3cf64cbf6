package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// badInputDir holds the committed bad inputs; the ones that depend on the current snapshot
// format, on size or on the file system (a directory, a sparse file) are made by the test.
const badInputDir = "testdata/badinput"

// badInput is one way an input can be wrong. args is the command line without -o; input is
// the path the one-line error must name; want, when set, is what the error must say (the limit
// hit, the cycle found).
type badInput struct {
	name  string
	args  []string
	input string
	want  string
}

func bad(name, input string, args ...string) badInput {
	return badInput{name: name, args: args, input: input}
}

func (b badInput) saying(want string) badInput {
	b.want = want
	return b
}

// badInputPath is the path of the committed bad input name.
func badInputPath(name string) string { return filepath.Join(badInputDir, name) }

// TestBadInputTable feeds every input hybridcheck reads (snapshots, saved AWS describe
// outputs, device exports of every format, the intent, waivers, policy folders, the snapshots
// of a diff) a malformed file and holds the CLI to the house rule: exit 2, one line on stderr
// that names the file, no stack trace, and no output file (or temporary file) left behind.
func TestBadInputTable(t *testing.T) {
	gen := t.TempDir()
	write := func(name string, data []byte) string { return testkit.WriteFile(t, filepath.Join(gen, name), data) }
	// sparse makes a file one byte over a limit without writing its bytes, so the size checks
	// run at full scale in milliseconds.
	sparse := func(name string, size int64) string {
		t.Helper()
		p := write(name, nil)
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dir := func(name string) string {
		t.Helper()
		p := filepath.Join(gen, name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	valid := testkit.ReadFile(t, compliant)
	// snapshotWith is the compliant reference with one change made to its decoded form.
	snapshotWith := func(name string, change func(s map[string]any, a map[string]any)) string {
		t.Helper()
		var s map[string]any
		if err := json.Unmarshal(valid, &s); err != nil {
			t.Fatal(err)
		}
		change(s, s["aws"].(map[string]any))
		data, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return write(name, data)
	}
	firstVPCCIDR := func(cidr string) func(s, a map[string]any) {
		return func(_, a map[string]any) {
			vpc := a["vpcs"].([]any)[0].(map[string]any)
			vpc["cidr_blocks"].([]any)[0] = cidr
		}
	}
	garbage := []byte("\x00\x9f\x92\x96PK\x03\x04\xff\xfe\x00\x01\x7fELF\x02\x01\x01\x00\xde\xad\xbe\xef")
	generic := "../../internal/collector/device/generic/testdata/seed-example.json"

	deepJSON := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	deepGeneric := write("deep-generic.json", []byte(deepJSON))
	deepNft := write("deep-nft.json", []byte(`{"nftables": `+deepJSON+`}`))
	deepYAML := write("deep.yaml", []byte("waivers: "+deepJSON))
	truncated := write("truncated.json", valid[:len(valid)/2])
	empty := write("empty.json", nil)
	binary := write("garbage.bin", garbage)
	cases := []badInput{
		// check: the snapshot
		bad("snapshot missing", filepath.Join(gen, "nope.json"), "check", filepath.Join(gen, "nope.json")),
		bad("snapshot empty", empty, "check", empty),
		bad("snapshot binary garbage", binary, "check", binary),
		bad("snapshot truncated", truncated, "check", truncated),
		bad("snapshot is a directory", dir("snapdir"), "check", dir("snapdir")),
		bad("snapshot over the size limit", sparse("huge.json", 512<<20+1), "check", filepath.Join(gen, "huge.json")).saying("limit"),
		bad("snapshot nested 100000 deep", write("deep.json", []byte(strings.Repeat("[", 100000))), "check", filepath.Join(gen, "deep.json")).saying("max depth"),
		bad("snapshot prefix length 33", snapshotWith("cidr33.json", firstVPCCIDR("10.0.0.0/33")), "check", filepath.Join(gen, "cidr33.json")).saying("is not an IPv4 CIDR"),
		bad("snapshot octet 300", snapshotWith("octet300.json", firstVPCCIDR("300.1.1.1/8")), "check", filepath.Join(gen, "octet300.json")).saying("is not an IPv4 CIDR"),
		bad("snapshot IPv6 where IPv4 is required", snapshotWith("ipv6.json", firstVPCCIDR("2001:db8::/32")), "check", filepath.Join(gen, "ipv6.json")).saying("is not an IPv4 CIDR"),
		bad("snapshot unknown source status", snapshotWith("status.json", func(s, _ map[string]any) {
			s["sources"].([]any)[0].(map[string]any)["status"] = "maybe"
		}), "check", filepath.Join(gen, "status.json")),
		bad("snapshot text where a list is required", snapshotWith("wrongtype.json", func(_, a map[string]any) {
			a["vpcs"] = "vpc-0518d3603257bf85d"
		}), "check", filepath.Join(gen, "wrongtype.json")),
		bad("snapshot duplicate VPC id", snapshotWith("dupvpc.json", func(_, a map[string]any) {
			a["vpcs"] = append(a["vpcs"].([]any), a["vpcs"].([]any)[0])
		}), "check", filepath.Join(gen, "dupvpc.json")).saying("duplicate id"),
		bad("snapshot of a future schema", snapshotWith("future.json", func(s, _ map[string]any) {
			s["schema_version"] = "2.0"
		}), "check", filepath.Join(gen, "future.json")),

		// collect --aws-dir: saved describe outputs
		bad("aws describe truncated", badInputPath("aws-truncated/Vpcs.json"), "collect", "--aws-dir", badInputPath("aws-truncated")),
		bad("aws describe wrong type", badInputPath("aws-wrong-type/Vpcs.json"), "collect", "--aws-dir", badInputPath("aws-wrong-type")),
		bad("aws describe unknown top-level key", badInputPath("aws-unknown-key/Vpcs.json"), "collect", "--aws-dir", badInputPath("aws-unknown-key")),
		bad("aws describe binary garbage", badInputPath("aws-garbage/Vpcs.json"), "collect", "--aws-dir", badInputPath("aws-garbage")),
		bad("aws describe empty", write("aws-empty/Vpcs.json", nil), "collect", "--aws-dir", filepath.Join(gen, "aws-empty")),
		bad("aws describe over the size limit", sparse("aws-huge/Vpcs.json", 64<<20+1), "collect", "--aws-dir", filepath.Join(gen, "aws-huge")).saying("limit"),
		bad("aws dir is a file", generic, "collect", "--aws-dir", generic),

		// collect --device: every export format
		bad("pfsense alias cycle", badInputPath("pfsense-alias-cycle.xml"), "collect", "--device", "pfsense:"+badInputPath("pfsense-alias-cycle.xml")).saying("alias cycle"),
		bad("pfsense billion laughs", badInputPath("pfsense-billion-laughs.xml"), "collect", "--device", "pfsense:"+badInputPath("pfsense-billion-laughs.xml")).saying("DTD and entity declarations are not allowed"),
		bad("pfsense external entity", badInputPath("pfsense-external-entity.xml"), "collect", "--device", "pfsense:"+badInputPath("pfsense-external-entity.xml")).saying("DTD and entity declarations are not allowed"),
		bad("pfsense truncated", badInputPath("pfsense-truncated.xml"), "collect", "--device", "pfsense:"+badInputPath("pfsense-truncated.xml")),
		bad("pfsense nested 65 deep", write("deep.xml", []byte("<pfsense>"+strings.Repeat("<x>", 64)+strings.Repeat("</x>", 64)+"</pfsense>")),
			"collect", "--device", "pfsense:"+filepath.Join(gen, "deep.xml")).saying("nested deeper than 64"),
		bad("opnsense truncated", badInputPath("opnsense-truncated.xml"), "collect", "--device", "opnsense:"+badInputPath("opnsense-truncated.xml")),
		bad("opnsense binary garbage", binary, "collect", "--device", "opnsense:"+binary),
		bad("nftables jump cycle", badInputPath("nftables-jump-cycle.json"), "collect", "--device", "nftables:"+badInputPath("nftables-jump-cycle.json")).saying("jumps back to itself"),
		bad("nftables jump to a missing chain", badInputPath("nftables-jump-missing.json"), "collect", "--device", "nftables:"+badInputPath("nftables-jump-missing.json")),
		bad("nftables unknown chain policy", badInputPath("nftables-unknown-policy.json"), "collect", "--device", "nftables:"+badInputPath("nftables-unknown-policy.json")).saying("want accept or drop"),
		bad("nftables wrong type", badInputPath("nftables-wrong-type.json"), "collect", "--device", "nftables:"+badInputPath("nftables-wrong-type.json")),
		bad("nftables truncated", badInputPath("nftables-truncated.json"), "collect", "--device", "nftables:"+badInputPath("nftables-truncated.json")),
		bad("nftables nested 100000 deep", deepNft, "collect", "--device", "nftables:"+deepNft),
		bad("nftables without a ruleset", badInputPath("nftables-no-ruleset.json"), "collect", "--device", "nftables:"+badInputPath("nftables-no-ruleset.json")),
		bad("iptables jump cycle", badInputPath("iptables-jump-cycle.iptables"), "collect", "--device", "iptables:"+badInputPath("iptables-jump-cycle.iptables")).saying("jumps back to itself"),
		bad("iptables unknown chain policy", badInputPath("iptables-bad-policy.iptables"), "collect", "--device", "iptables:"+badInputPath("iptables-bad-policy.iptables")),
		bad("iptables missing COMMIT", badInputPath("iptables-missing-commit.iptables"), "collect", "--device", "iptables:"+badInputPath("iptables-missing-commit.iptables")),
		bad("iptables undeclared chain", badInputPath("iptables-unknown-chain.iptables"), "collect", "--device", "iptables:"+badInputPath("iptables-unknown-chain.iptables")),
		bad("iptables unterminated quote", badInputPath("iptables-unterminated-quote.iptables"), "collect", "--device", "iptables:"+badInputPath("iptables-unterminated-quote.iptables")),
		bad("iptables empty", empty, "collect", "--device", "iptables:"+empty),
		bad("generic prefix length 33", badInputPath("generic-bad-cidr.yaml"), "collect", "--device", "generic:"+badInputPath("generic-bad-cidr.yaml")),
		bad("generic IPv6 where IPv4 is required", badInputPath("generic-ipv6-address.yaml"), "collect", "--device", "generic:"+badInputPath("generic-ipv6-address.yaml")),
		bad("generic unknown interface role", badInputPath("generic-unknown-role.yaml"), "collect", "--device", "generic:"+badInputPath("generic-unknown-role.yaml")),
		bad("generic wrong type", badInputPath("generic-wrong-type.yaml"), "collect", "--device", "generic:"+badInputPath("generic-wrong-type.yaml")),
		bad("generic unknown field", badInputPath("generic-unknown-field.json"), "collect", "--device", "generic:"+badInputPath("generic-unknown-field.json")),
		bad("generic nested 100000 deep", deepGeneric, "collect", "--device", "generic:"+deepGeneric),
		bad("generic duplicate alias", badInputPath("generic-duplicate-alias.yaml"), "collect", "--device", "generic:"+badInputPath("generic-duplicate-alias.yaml")),
		bad("generic alias name in a CIDR list", badInputPath("generic-alias-cycle.yaml"), "collect", "--device", "generic:"+badInputPath("generic-alias-cycle.yaml")),
		bad("device export is a directory", dir("exportdir"), "collect", "--device", "pfsense:"+filepath.Join(gen, "exportdir")),
		bad("device export over the size limit", sparse("huge.xml", 64<<20+1), "collect", "--device", "pfsense:"+filepath.Join(gen, "huge.xml")).saying("limit"),

		// collect --intent
		bad("intent prefix length 33", badInputPath("intent-bad-cidr.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-bad-cidr.yaml")),
		bad("intent octet 300", badInputPath("intent-octet-out-of-range.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-octet-out-of-range.yaml")),
		bad("intent IPv6 service CIDR", badInputPath("intent-ipv6.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-ipv6.yaml")),
		bad("intent unknown connectivity", badInputPath("intent-unknown-enum.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-unknown-enum.yaml")),
		bad("intent unknown field", badInputPath("intent-unknown-field.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-unknown-field.yaml")),
		bad("intent wrong type", badInputPath("intent-wrong-type.yaml"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-wrong-type.yaml")),
		bad("intent not a mapping", badInputPath("intent-not-mapping.json"), "collect", "--device", "generic:"+generic, "--intent", badInputPath("intent-not-mapping.json")),
		bad("intent nested 100000 deep", deepYAML, "collect", "--device", "generic:"+generic, "--intent", deepYAML),
		bad("intent binary garbage", binary, "collect", "--device", "generic:"+generic, "--intent", binary),
		bad("intent is a directory", dir("intentdir"), "collect", "--device", "generic:"+generic, "--intent", filepath.Join(gen, "intentdir")),
		bad("intent over the size limit", sparse("huge.yaml", 1<<20+1), "collect", "--device", "generic:"+generic, "--intent", filepath.Join(gen, "huge.yaml")).saying("limit"),

		// check --waivers
		bad("waiver for an unknown check", badInputPath("waivers-unknown-check.yaml"), "check", broken, "--waivers", badInputPath("waivers-unknown-check.yaml")),
		bad("waiver expiry not a date", badInputPath("waivers-bad-date.yaml"), "check", broken, "--waivers", badInputPath("waivers-bad-date.yaml")),
		bad("waiver without approver", badInputPath("waivers-missing-approver.yaml"), "check", broken, "--waivers", badInputPath("waivers-missing-approver.yaml")),
		bad("waivers wrong type", badInputPath("waivers-wrong-type.yaml"), "check", broken, "--waivers", badInputPath("waivers-wrong-type.yaml")),
		bad("waivers nested 100000 deep", deepYAML, "check", broken, "--waivers", deepYAML),
		bad("waivers empty", empty, "check", broken, "--waivers", empty),
		bad("waivers is a directory", dir("waiverdir"), "check", broken, "--waivers", filepath.Join(gen, "waiverdir")),
		bad("waivers over the size limit", sparse("huge-waivers.yaml", 4<<20+1), "check", broken, "--waivers", filepath.Join(gen, "huge-waivers.yaml")).saying("limit"),

		// check --policy-dir
		bad("policy syntax error", badInputPath("policy-syntax"), "check", broken, "--policy-dir", badInputPath("policy-syntax")),
		bad("policy calls http.send", badInputPath("policy-http-send"), "check", broken, "--policy-dir", badInputPath("policy-http-send")).saying("http.send"),
		bad("policy reuses a built-in id", badInputPath("policy-duplicate-id"), "check", broken, "--policy-dir", badInputPath("policy-duplicate-id")),
		bad("policy without metadata", badInputPath("policy-no-metadata"), "check", broken, "--policy-dir", badInputPath("policy-no-metadata")),

		// diff
		bad("diff old snapshot truncated", truncated, "diff", truncated, broken),
		bad("diff new snapshot garbage", binary, "diff", broken, binary),
		bad("diff latest folder holds a damaged snapshot", write("latest-damaged/b.json", valid[:len(valid)/3]), "diff", "--latest", filepath.Join(gen, "latest-damaged")),
		bad("diff latest folder with one snapshot", filepath.Dir(write("latest-one/a.json", valid)), "diff", "--latest", filepath.Join(gen, "latest-one")).saying("at least two snapshots"),
	}
	write("latest-damaged/a.json", valid)
	if _, err := os.Stat("/dev/zero"); err == nil {
		// No size to check up front: the readers must stop at their limit on their own.
		cases = append(cases,
			bad("intent is an endless device", "/dev/zero", "collect", "--device", "generic:"+generic, "--intent", "/dev/zero").saying("not a regular file"),
			bad("waivers is an endless device", "/dev/zero", "check", broken, "--waivers", "/dev/zero").saying("not a regular file"))
	}

	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			t.Fatalf("two cases named %q", c.name)
		}
		seen[c.name] = true
	}
	if len(cases) < 40 {
		t.Fatalf("%d bad inputs; issue 8 asks for at least 40", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			outDir := t.TempDir()
			args := append(append([]string{}, c.args...), "-o", filepath.Join(outDir, "out.json"))
			code, stdout, stderr := runCLI(t, args...)
			if code != exitError {
				t.Fatalf("exit %d, want 2\nstdout: %.300s\nstderr: %s", code, stdout, stderr)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if len(lines) != 1 || lines[0] == "" {
				t.Fatalf("stderr should be exactly one line, got %d: %q", len(lines), stderr)
			}
			if !strings.Contains(stderr, c.input) {
				t.Errorf("stderr %q does not name the input %s", stderr, c.input)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not say %q", stderr, c.want)
			}
			for _, trace := range []string{"goroutine", "panic", "internal error", ".go:"} {
				if strings.Contains(stderr, trace) {
					t.Errorf("stderr carries %q, a sign of a crash: %q", trace, stderr)
				}
			}
			entries, err := os.ReadDir(outDir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				t.Errorf("-o folder holds %s after a failed run", e.Name())
			}
		})
	}
}
