package snapshot

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// NewSalt returns a fresh random fingerprint salt (hex) for one snapshot. A per-snapshot salt
// means a fingerprint cannot be compared across snapshots or looked up in a table of common keys.
func NewSalt() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// PSKFingerprint is the keyed fingerprint that stands in for a pre-shared key: hex of
// HMAC-SHA256(salt, key). The AWS collector and every device importer use this one function with
// the snapshot's salt, so HN-X-03 can tell whether two keys match without either being stored.
func PSKFingerprint(saltHex, psk string) string {
	if psk == "" {
		return ""
	}
	salt, err := hex.DecodeString(saltHex)
	if err != nil || len(salt) == 0 {
		salt = []byte(saltHex)
	}
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(psk))
	return hex.EncodeToString(m.Sum(nil))
}
