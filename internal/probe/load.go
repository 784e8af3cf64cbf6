package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/inputfile"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// MaxFileSize bounds a probe results file; one result is a few hundred bytes.
const MaxFileSize = 16 << 20

// Load reads the output of `hybridcheck probe` for `collect --probe`. Every error is one line
// naming the file.
func Load(path string) (*snapshot.Probe, error) {
	return inputfile.Load(path, MaxFileSize, "probe results", Parse)
}

// Parse validates probe results bytes; name is used in messages.
func Parse(name string, data []byte) (*snapshot.Probe, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p snapshot.Probe
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: not probe results (the JSON that hybridcheck probe writes): %v", name, err)
	}
	if _, err := time.Parse(time.RFC3339, p.RunAt); err != nil {
		return nil, fmt.Errorf("%s: run_at %q is not an RFC 3339 time", name, p.RunAt)
	}
	if len(p.Results) == 0 {
		return nil, fmt.Errorf("%s: no results", name)
	}
	for i, r := range p.Results {
		if r.Endpoint == "" || r.Port < 1 || r.Port > 65535 {
			return nil, fmt.Errorf("%s: results[%d]: want an endpoint and a port from 1 to 65535", name, i)
		}
	}
	return &p, nil
}
