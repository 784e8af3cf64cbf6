package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/inputfile"
)

// Latest finds the two newest snapshots among the *.json files in dir, by their collected_at
// (not by file name or modification time, which copies and checkouts change), then, within one
// second, by the numbered name collect gives (see nameBefore). JSON files that
// are not snapshots (no top-level schema_version and collected_at, such as saved reports) are
// passed over; a file that is not JSON at all is an error, since it may be a damaged snapshot.
func Latest(dir string) (older, newer string, err error) {
	st, err := os.Stat(dir)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", dir, inputfile.UnwrapPath(err))
	}
	if !st.IsDir() {
		return "", "", fmt.Errorf("%s: not a directory", dir)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return "", "", fmt.Errorf("%s: %v", dir, err)
	}
	type dated struct {
		path string
		at   time.Time
	}
	var snaps []dated
	for _, p := range paths {
		at, ok, err := collectedAt(p)
		if err != nil {
			return "", "", err
		}
		if ok {
			snaps = append(snaps, dated{p, at})
		}
	}
	if len(snaps) < 2 {
		return "", "", fmt.Errorf("%s: needs at least two snapshots to compare, found %d", dir, len(snaps))
	}
	sort.Slice(snaps, func(i, j int) bool {
		if !snaps[i].at.Equal(snaps[j].at) {
			return snaps[i].at.Before(snaps[j].at)
		}
		return nameBefore(filepath.Base(snaps[i].path), filepath.Base(snaps[j].path))
	})
	return snaps[len(snaps)-2].path, snaps[len(snaps)-1].path, nil
}

// nameBefore orders snapshots collected in the same second by the name collect gave them:
// "snapshot-T.json", then "snapshot-T-2.json", "snapshot-T-3.json" ... "snapshot-T-10.json".
// Byte order would put "snapshot-T-2.json" first ('-' sorts before '.') and swap old and new.
func nameBefore(a, b string) bool {
	sa, na := splitSuffix(a)
	sb, nb := splitSuffix(b)
	if sa != sb {
		return sa < sb
	}
	if na != nb {
		return na < nb
	}
	return a < b
}

// splitSuffix splits "snapshot-T-2.json" into "snapshot-T" and 2; a name without a numeric
// suffix is number 1 (the first of its second).
func splitSuffix(name string) (stem string, n int) {
	stem = strings.TrimSuffix(name, ".json")
	if i := strings.LastIndexByte(stem, '-'); i > 0 {
		if v, err := strconv.Atoi(stem[i+1:]); err == nil && v >= 2 && stem[i+1] != '0' {
			return stem[:i], v
		}
	}
	return stem, 1
}

// collectedAt reads a file's top-level collected_at without decoding the rest: snapshots of
// large estates run to many megabytes, and a weekly folder holds many of them. ok is false
// for JSON that is not a snapshot.
func collectedAt(path string) (at time.Time, ok bool, err error) {
	f, _, err := inputfile.Open(path, "a snapshot file")
	if err != nil {
		return at, false, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	tok, err := dec.Token()
	if err != nil {
		return at, false, fmt.Errorf("%s: not valid JSON: %s", path, errtext.DecodeErrorText(err))
	}
	if d, isDelim := tok.(json.Delim); !isDelim || d != '{' {
		return at, false, nil
	}
	var stamp string
	hasVersion := false
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return at, false, fmt.Errorf("%s: not valid JSON: %s", path, errtext.DecodeErrorText(err))
		}
		k, _ := kt.(string)
		switch k {
		case "collected_at":
			if err := dec.Decode(&stamp); err != nil {
				return at, false, fmt.Errorf("%s: collected_at: %s", path, errtext.DecodeErrorText(err))
			}
		case "schema_version":
			var v string
			if err := dec.Decode(&v); err != nil {
				return at, false, fmt.Errorf("%s: schema_version: %s", path, errtext.DecodeErrorText(err))
			}
			hasVersion = true
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return at, false, fmt.Errorf("%s: not valid JSON: %s", path, errtext.DecodeErrorText(err))
			}
		}
		if stamp != "" && hasVersion {
			break
		}
	}
	if stamp == "" || !hasVersion {
		return at, false, nil
	}
	at, err = time.Parse(time.RFC3339, stamp)
	if err != nil {
		return at, false, fmt.Errorf("%s: collected_at %q is not an RFC 3339 time", path, stamp)
	}
	return at, true, nil
}
