package linux

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// secretType finds the ` : TYPE` separator of an ipsec.secrets line (strongSwan and Libreswan).
// An IPv6 address holds colons too, so the separator is a colon followed by a known type.
var secretType = regexp.MustCompile(`(^|\s):\s*(PSK|RSA|ECDSA|EAP|XAUTH|PIN|NTLM|P12|PKCS8|PPK|PRIVATE|BLISS|ED25519|ED448)\b`)

// parseIPsecSecrets reads an ipsec.secrets file and returns its pre-shared keys; RSA, ECDSA,
// EAP, XAUTH and other entries are recognised and dropped (they are never needed, and are
// secrets too). Entries may continue on indented lines; a Libreswan raw RSA key spans lines in
// braces.
func parseIPsecSecrets(text string) ([]secret, error) {
	var out []secret
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		n := i + 1
		line := strings.TrimRight(lines[i], " \t\r")
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if f := strings.Fields(t); f[0] == "include" || f[0] == "config" || f[0] == "version" {
			continue
		}
		// Join continuation lines (indented) to the entry.
		for i+1 < len(lines) {
			next := strings.TrimRight(lines[i+1], " \t\r")
			if next == "" || (next[0] != ' ' && next[0] != '\t') || strings.HasPrefix(strings.TrimSpace(next), "#") {
				break
			}
			line += " " + strings.TrimSpace(next)
			i++
		}
		m := secretType.FindStringSubmatchIndex(line)
		if m == nil {
			return nil, fmt.Errorf("line %d: not an `IDS : TYPE secret` entry", n)
		}
		ids := strings.Fields(line[:m[0]])
		typ := line[m[4]:m[5]]
		value := strings.TrimSpace(line[m[1]:])
		if strings.HasPrefix(value, "{") && !strings.Contains(value, "}") {
			// A raw key in braces runs to the closing brace.
			for i+1 < len(lines) && !strings.Contains(lines[i], "}") {
				i++
			}
		}
		if typ != "PSK" {
			continue
		}
		key, err := secretValue(firstToken(value))
		if err != nil {
			return nil, fmt.Errorf("line %d: PSK: %v", n, err)
		}
		out = append(out, secret{ids: ids, key: key})
	}
	return out, nil
}

// firstToken returns the leading quoted string (quotes kept) or word of a value.
func firstToken(v string) string {
	if v == "" {
		return ""
	}
	if q := v[0]; q == '"' || q == '\'' {
		if j := strings.IndexByte(v[1:], q); j >= 0 {
			return v[:j+2]
		}
		return v
	}
	if f := strings.Fields(v); len(f) > 0 {
		return f[0]
	}
	return ""
}

// secretValue decodes a secret as the daemons do: quoted text, 0x hex or 0s base64, or a bare
// word. Fingerprints are taken of the decoded bytes, so one key written two ways matches.
// Errors never quote the value.
func secretValue(v string) (string, error) {
	switch {
	case v == "":
		return "", fmt.Errorf("empty secret")
	case len(v) >= 2 && (v[0] == '"' || v[0] == '\''):
		if v[len(v)-1] != v[0] {
			return "", fmt.Errorf("quoted secret is not closed")
		}
		return v[1 : len(v)-1], nil
	case strings.HasPrefix(v, "0x"):
		b, err := hex.DecodeString(v[2:])
		if err != nil {
			return "", fmt.Errorf("0x secret is not hex")
		}
		return string(b), nil
	case strings.HasPrefix(v, "0s"):
		b, err := base64.StdEncoding.DecodeString(v[2:])
		if err != nil {
			return "", fmt.Errorf("0s secret is not base64")
		}
		return string(b), nil
	}
	return v, nil
}

// swanctlSecrets reads the ike* sections of a swanctl `secrets` section (PSKs with their id*
// keys); eap*, xauth*, ntlm*, private keys and tokens are secrets the model never needs.
func swanctlSecrets(root *section) ([]secret, error) {
	var out []secret
	for _, top := range root.subs {
		if top.name != "secrets" {
			continue
		}
		for _, s := range top.subs {
			if !strings.HasPrefix(s.name, "ike") {
				continue
			}
			sec := secret{}
			for k, v := range s.keys {
				if strings.HasPrefix(k, "id") {
					sec.ids = append(sec.ids, v.value)
				}
			}
			raw, ok := s.keys["secret"]
			if !ok {
				return nil, fmt.Errorf("line %d: secrets.%s has no secret", s.line, s.name)
			}
			key, err := swanctlSecretValue(raw.value)
			if err != nil {
				return nil, fmt.Errorf("line %d: secrets.%s: %v", raw.line, s.name, err)
			}
			sec.key = key
			out = append(out, sec)
		}
	}
	return out, nil
}

// swanctlSecretValue decodes a swanctl secret: the lexer already removed quotes, so only the
// 0x and 0s encodings remain to decode.
func swanctlSecretValue(v string) (string, error) {
	if strings.HasPrefix(v, "0x") || strings.HasPrefix(v, "0s") {
		return secretValue(v)
	}
	if v == "" {
		return "", fmt.Errorf("empty secret")
	}
	return v, nil
}
