package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/hybridcheck/hybridcheck/internal/diff"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// realData is the corpus of real exports in the repository (testdata/realdata, see its README).
const realData = "../../testdata/realdata"

var (
	// secretElements are the config.xml elements whose text is a secret: pre-shared keys,
	// passwords and their hashes, private keys and certificates, SNMP communities, OpenVPN and
	// WireGuard keys.
	secretElements = map[string]bool{
		"pre-shared-key": true, "presharedkey": true, "ipsecpsk": true, "tlspskvalue": true,
		"password": true, "passwordagain": true, "crypto_password": true, "snmp_password": true,
		"redis_password": true, "redis_passwordagain": true, "auth_pass": true, "eap_password": true,
		"ldap_bindpw": true, "radius_secret": true, "radiussecret": true, "passphrase": true,
		"bcrypt-hash": true, "md5-hash": true, "nt-hash": true, "sha512-hash": true,
		"prv": true, "crt": true, "tls": true, "privatekey": true, "authorizedkeys": true,
		"rocommunity": true, "rwcommunity": true,
	}
	canaryMarker = regexp.MustCompile(`CANARY_[A-Z0-9_]+`)
	// Secrets of a Linux gateway's files: swanctl `secret =`/`pin =`, ipsec.secrets entries
	// (the quoted or bare value after `: TYPE`, a raw RSA key's lines), FRR passwords.
	swanctlSecret    = regexp.MustCompile(`(?m)^\s*(?:secret|pin)\s*=\s*(.+?)\s*$`)
	ipsecSecretEntry = regexp.MustCompile(`(?m):\s*(?:PSK|RSA|ECDSA|EAP|XAUTH|NTLM|PIN|P12|PKCS8|PPK)\s+(.+)$`)
	rawKeyLine       = regexp.MustCompile(`(?m)^\s*(?:Modulus|PublicExponent|PrivateExponent|Prime1|Prime2|Exponent1|Exponent2|Coefficient):\s*(\S+)`)
	frrPassword      = regexp.MustCompile(`(?m)^\s*(?:neighbor\s+\S+\s+password|password|enable password)\s+(\S+)`)
	quoted           = regexp.MustCompile(`"([^"]*)"|'([^']*)'`)
	// ciscoSecret finds the value after IOS's secret keywords: key and key-string (keyrings,
	// isakmp, TACACS/RADIUS, key chains), password, secret, community, md5 (with an optional
	// encryption type digit before the value).
	ciscoSecret       = regexp.MustCompile(`(?m)(?:\bkey|key-string|password|secret|community|md5)\s+(?:[0-9]\s+)?(\S+)`)
	ciscoKeyword      = regexp.MustCompile(`^([a-z]+(-[a-z]+)*|[0-9]+:[0-9]+)$`)
	ciscoCanary       = "../../testdata/secrets/cisco-canary.cfg"
	secretNamedField  = regexp.MustCompile(`(?i)(pre_?shared|password|passphrase|secret|community|private_?key|bcrypt|certificate|^crt$|^prv$|^psk$|^tls$)`)
	minSubstringBytes = 8
)

// secretSet maps each secret string to the input it came from.
type secretSet map[string]string

func (s secretSet) add(value, from string) {
	value = strings.TrimSpace(value)
	if value == "" {
		return
	}
	if _, ok := s[value]; !ok {
		s[value] = from
	}
	// A PEM stored base64-encoded (pfSense <prv>, <crt>) could also leak decoded: its body
	// lines are secrets of their own.
	if pem, err := base64.StdEncoding.DecodeString(value); err == nil && bytes.HasPrefix(pem, []byte("-----BEGIN")) {
		for _, line := range strings.Split(string(pem), "\n") {
			if line = strings.TrimSpace(line); len(line) >= 32 && !strings.HasPrefix(line, "-----") {
				s.add(line, from+" (decoded PEM)")
			}
		}
	}
}

// extractXMLSecrets reads the text of every secret element of a pfSense/OPNsense config.xml.
func extractXMLSecrets(t *testing.T, path string, into secretSet) {
	t.Helper()
	data := testkit.ReadFile(t, path)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") {
			return r, nil
		}
		return charmap.ISO8859_1.NewDecoder().Reader(r), nil
	}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			text.Reset()
			for _, a := range tok.Attr {
				if secretElements[a.Name.Local] || strings.Contains(a.Name.Local, "secret") {
					into.add(a.Value, path)
				}
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			if secretElements[tok.Name.Local] {
				into.add(text.String(), path+" <"+tok.Name.Local+">")
			}
			text.Reset()
		}
	}
}

// extractLinuxSecrets reads the secrets of a strongSwan, Libreswan or FRR file, and the
// decoded form of 0x (hex) and 0s (base64) secrets, which the importer decodes.
func extractLinuxSecrets(t *testing.T, path string, into secretSet) {
	t.Helper()
	data := testkit.ReadFile(t, path)
	text := string(data)
	add := func(v string) {
		v = strings.TrimSpace(v)
		if m := quoted.FindStringSubmatch(v); m != nil && strings.HasPrefix(v, m[0]) {
			v = m[1] + m[2]
		}
		into.add(v, path)
		switch {
		case strings.HasPrefix(v, "0x"):
			if b, err := hex.DecodeString(v[2:]); err == nil {
				into.add(string(b), path+" (decoded hex)")
			}
		case strings.HasPrefix(v, "0s"):
			if b, err := base64.StdEncoding.DecodeString(v[2:]); err == nil {
				into.add(string(b), path+" (decoded base64)")
			}
		}
	}
	for _, m := range swanctlSecret.FindAllStringSubmatch(text, -1) {
		add(m[1])
	}
	for _, m := range ipsecSecretEntry.FindAllStringSubmatch(text, -1) {
		// The secret is the first token, or the quoted string after a file or user name.
		if q := quoted.FindStringSubmatch(m[1]); q != nil {
			add(q[0])
		} else if f := strings.Fields(m[1]); len(f) > 0 && f[0] != "{" {
			add(f[0])
		}
	}
	for _, re := range []*regexp.Regexp{rawKeyLine, frrPassword} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			add(m[1])
		}
	}
}

// linuxFolders makes one gateway folder per real strongSwan, Libreswan, FRR and iproute2 file
// (each imports on its own) and adds the canary folders; it extracts every secret they hold.
func linuxFolders(t *testing.T, glob func(string) []string, into secretSet) []string {
	t.Helper()
	var dirs []string
	// The real strongSwan, Libreswan and FRR files are GPL and stay out of the repository; the
	// importer's own test folders, written for the purpose in their formats, stand in for them.
	for _, d := range []string{"frr", "libreswan", "strongswan-legacy", "iproute2"} {
		dir := filepath.Join("..", "..", "internal", "collector", "device", "linux", "testdata", d)
		err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				extractLinuxSecrets(t, p, into)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	for _, d := range []string{"strongswan", "libreswan"} {
		dir := filepath.Join("testdata", "linux-canary", d)
		err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && e.Name() != "README.md" {
				extractLinuxSecrets(t, p, into)
				data, rerr := os.ReadFile(p)
				if rerr != nil {
					return rerr
				}
				for _, m := range canaryMarker.FindAllString(string(data), -1) {
					into.add(m, p)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

// ciscoRealConfigs are the real IOS configs the Cisco importer's tests keep (Apache-2.0).
func ciscoRealConfigs(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "internal", "collector", "device", "ciscoios", "testdata", "realdata", "*"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no real Cisco IOS configs under internal/collector/device/ciscoios/testdata/realdata (%v)", err)
	}
	return m
}

// extractCiscoSecrets reads the values of every secret keyword of an IOS running-config.
func extractCiscoSecrets(t *testing.T, path string, into secretSet) {
	t.Helper()
	data := testkit.ReadFile(t, path)
	for _, m := range ciscoSecret.FindAllStringSubmatch(string(data), -1) {
		if ciscoKeyword.MatchString(m[1]) {
			continue // `key-string`, `password`, `lifetime`: the next keyword, not a value
		}
		into.add(m[1], path+" (IOS secret keyword)")
	}
}

// extractAWSSecrets reads PreSharedKey values and the <pre_shared_key> of every
// CustomerGatewayConfiguration in a saved describe output.
func extractAWSSecrets(t *testing.T, path string, into secretSet) {
	t.Helper()
	data := testkit.ReadFile(t, path)
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return // not JSON: the collector reports it; it holds no secret this test can name
	}
	testkit.AWSPreSharedKeys(doc, func(key, where string) { into.add(key, path+" "+where) })
}

// scanVariants are the forms a secret takes once written by an encoder: as is, escaped in a
// JSON string (with and without HTML escaping), and escaped in HTML or XML.
func scanVariants(secret string) []string {
	out := []string{secret}
	for _, escapeHTML := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if err := enc.Encode(secret); err == nil {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)[1:])
		}
	}
	var x bytes.Buffer
	_ = xml.EscapeText(&x, []byte(secret))
	out = append(out, html.EscapeString(secret), x.String())
	sort.Strings(out)
	uniq := out[:0]
	for i, v := range out {
		if i == 0 || v != out[i-1] {
			uniq = append(uniq, v)
		}
	}
	return uniq
}

// TestNoSecretReachesAnyOutput runs the whole pipeline on every real export of the shared
// corpus and the secrets canary corpus (collect, check in every report format, diff) and scans
// every byte written to files, stdout and stderr (progress lines included) for every secret of
// the inputs. Secrets of eight bytes or more and every CANARY_ marker are searched as
// substrings; shorter ones ("1234", "cisco", "public") are ordinary words of a report, so for
// them the test asserts instead that no JSON output has a field named like a secret.
func TestNoSecretReachesAnyOutput(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(realData); err != nil {
		t.Fatalf("%s is missing: %v", realData, err)
	}
	glob := func(pattern string) []string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(realData, pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no input matches %s (%v)", pattern, err)
		}
		return m
	}
	secrets := secretSet{}
	var collectArgs []string
	awsDirs := glob("aws-describe-json/*")
	for _, d := range awsDirs {
		collectArgs = append(collectArgs, "--aws-dir", d)
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(p, ".json") {
				extractAWSSecrets(t, p, secrets)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	devices := map[string][]string{
		"pfsense":  glob("pfsense/*.xml"),
		"opnsense": glob("opnsense/*.xml"),
		"nftables": glob("nftables-json/*.json"),
		"iptables": glob("iptables-save/*"),
		// The real Apache-2.0 IOS configs live beside the Cisco importer; the Cisco canary
		// (written for hybridcheck, in testdata) joins them.
		"cisco-ios": append(ciscoRealConfigs(t), ciscoCanary),
	}
	for _, format := range []string{"pfsense", "opnsense", "nftables", "iptables", "cisco-ios"} {
		for _, p := range devices[format] {
			collectArgs = append(collectArgs, "--device", format+":"+p)
			switch format {
			case "pfsense", "opnsense":
				extractXMLSecrets(t, p, secrets)
			case "cisco-ios":
				extractCiscoSecrets(t, p, secrets)
			}
		}
	}
	for _, dir := range linuxFolders(t, glob, secrets) {
		collectArgs = append(collectArgs, "--device", "linux:"+dir)
	}
	canary := filepath.Join(realData, "pfsense/redactor__canary-corpus.xml")
	canaryData := testkit.ReadFile(t, canary)
	for _, m := range canaryMarker.FindAllString(string(canaryData), -1) {
		secrets.add(m, canary)
	}
	ciscoCanaryData := testkit.ReadFile(t, ciscoCanary)
	for _, m := range canaryMarker.FindAllString(string(ciscoCanaryData), -1) {
		secrets.add(m, ciscoCanary)
	}
	// The extraction itself must work, or the scan below proves nothing.
	for _, want := range []string{"CANARY_IPSECPSK", "CANARY_WGPRIV", "CANARY_ROCOMMUNITY", "CANARY_OVPNTLS", "QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV", "cisco",
		// Linux gateways: swanctl (quoted, hex-decoded, EAP, token PIN), ipsec.secrets (PSK,
		// base64-decoded, RSA, EAP, XAUTH), Libreswan (PSK, raw RSA key), FRR passwords. (The
		// real strongSwan, Libreswan and FRR files are GPL and not in the repository.)
		"CANARY_SWANCTL_IKE_PSK", "CANARY_SWANCTL_HEX", "CANARY_SWANCTL_EAP", "CANARY_SWANCTL_TOKEN_PIN",
		"CANARY_IPSEC_SECRETS_PSK", "CANARY_IPSEC_SECRETS_BASE64", "CANARY_IPSEC_SECRETS_RSA_PASSPHRASE",
		"CANARY_IPSEC_SECRETS_EAP", "CANARY_IPSEC_SECRETS_XAUTH", "CANARY_LIBRESWAN_PSK", "0xCANARY_LIBRESWAN_RSA_PRIVATE_EXPONENT",
		"CANARY_LIBRESWAN_IPSECD_PSK", "CANARY_FRR_BGP_PASSWORD", "CANARY_FRR_PEERGROUP_PASSWORD", "CANARY_FRR_VTY_PASSWORD",

		"tYrysT4iT0.CRwQnhiBbng.BahDc7YPq", "9Aa9#A%X9AaAAAAAa", "CANARY_IKEV2_REMOTE_PSK", "CANARY_SNMP_RW", "CANARY_KEY_STRING_TYPE7", "CANARY_CERT_HEX"} {
		if _, ok := secrets[want]; !ok {
			t.Fatalf("secret %q was not extracted from the inputs", want)
		}
	}

	out := t.TempDir()
	type written struct {
		name string
		data []byte
	}
	var outputs []written
	runLogged := func(name string, args ...string) int {
		t.Helper()
		var stdout, stderr bytes.Buffer
		// A terminal on stderr turns the progress lines on: they are logged bytes too.
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, stderrIsTerminal: true}
		code := run(context.Background(), e, args)
		outputs = append(outputs, written{name + " stdout", stdout.Bytes()}, written{name + " stderr", stderr.Bytes()})
		if code == exitError {
			t.Fatalf("%s: exit 2: %s", name, stderr.String())
		}
		return code
	}
	all := filepath.Join(out, "all.json")
	runLogged("collect everything", append(append([]string{"collect"}, collectArgs...), "-o", all)...)
	old := filepath.Join(out, "old.json")
	runLogged("collect one account and the canary", "collect", "--aws-dir", awsDirs[0], "--device", "pfsense:"+canary, "-o", old)
	runLogged("collect the canary to stdout", "collect", "--device", "pfsense:"+canary)
	runLogged("collect the Cisco canary to stdout", "collect", "--device", "cisco-ios:"+ciscoCanary)
	// Through the CLI once each, so its writing paths (stdout, -o) are covered...
	runLogged("check -o", "check", all, "--format", "json", "-o", filepath.Join(out, "report.json"))
	runLogged("check to stdout", "check", old)
	runLogged("diff to stdout", "diff", old, all, "--format", "json")
	// ...and every format rendered from one evaluation of each snapshot, which is the costly
	// part and the same whichever format renders it.
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]*result.Report{}
	snaps := map[string]*snapshot.Loaded{}
	for _, p := range []string{old, all} {
		if snaps[p], err = snapshot.Load(p); err != nil {
			t.Fatal(err)
		}
		if reports[p], err = eng.Check(context.Background(), snaps[p]); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range report.Formats {
		r, err := report.Get(format)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{old, all} {
			var b bytes.Buffer
			if err := r.Render(&b, reports[p], report.Options{}); err != nil {
				t.Fatal(err)
			}
			outputs = append(outputs, written{"report " + format + " of " + filepath.Base(p), b.Bytes()})
		}
	}
	d := diff.Compare(reports[old], reports[all], snaps[old].Snapshot, snaps[all].Snapshot)
	for _, format := range diff.Formats {
		var b bytes.Buffer
		if err := diff.Render(&b, d, format); err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, written{"diff " + format, b.Bytes()})
	}
	files, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("want 2 snapshots and a report in %s, found %d", out, len(files))
	}
	if len(report.Formats) < 6 {
		t.Fatalf("report formats %v: the scan expects text, json, sarif, junit, markdown and html at least", report.Formats)
	}
	for _, f := range files {
		data := testkit.ReadFile(t, filepath.Join(out, f.Name()))
		outputs = append(outputs, written{f.Name(), data})
	}

	needles := map[string]string{}
	short := 0
	for secret, from := range secrets {
		if len(secret) < minSubstringBytes && !canaryMarker.MatchString(secret) {
			short++
			continue
		}
		for _, v := range scanVariants(secret) {
			needles[v] = from
		}
	}
	t.Logf("%d secrets from the inputs (%d searched as substrings in %d forms, %d short), %d outputs scanned",
		len(secrets), len(secrets)-short, len(needles), short, len(outputs))
	for _, o := range outputs {
		s := string(o.data)
		for needle, from := range needles {
			if i := strings.Index(s, needle); i >= 0 {
				// The secret itself stays out of the test log: CI logs are outputs too.
				t.Errorf("%s holds a %d-byte secret from %s at byte %d", o.name, len(needle), from, i)
			}
		}
		if strings.Contains(s, "CANARY_") {
			t.Errorf("%s holds a CANARY_ marker", o.name)
		}
		var doc any
		if json.Unmarshal(o.data, &doc) == nil {
			for _, field := range secretFields(doc, "") {
				t.Errorf("%s has a field named like a secret: %s", o.name, field)
			}
		}
	}
}

// secretFields lists the JSON pointers of object members whose name says they hold a secret.
func secretFields(v any, at string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, el := range v {
			if secretNamedField.MatchString(k) {
				out = append(out, at+"/"+k)
			}
			out = append(out, secretFields(el, at+"/"+k)...)
		}
	case []any:
		for _, el := range v {
			out = append(out, secretFields(el, at+"/*")...)
		}
	}
	return out
}
