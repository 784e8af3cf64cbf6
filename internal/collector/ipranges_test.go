package collector

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const ipRangesTestdata = "../../testdata/aws-ip-ranges/ip-ranges.json"

func TestLoadIPRangesKeepsTheRegionAndServices(t *testing.T) {
	r, err := LoadIPRanges(ipRangesTestdata, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Prefixes {
		got = append(got, p.Service+":"+p.Region+":"+p.IPPrefix)
	}
	want := "AMAZON:GLOBAL:18.64.0.0/14 AMAZON:us-east-1:3.2.0.0/24 AMAZON:us-east-1:52.216.0.0/15 AMAZON:us-east-1:52.94.0.0/22 CLOUDFRONT:GLOBAL:18.64.0.0/14 S3:us-east-1:52.216.0.0/15"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if r.SyncToken != "1764900000" || r.Region != "us-east-1" || r.Source != ipRangesTestdata {
		t.Errorf("metadata %+v", r)
	}
}

func TestIPRangesBadInput(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"not-json.json":    "{",
		"no-prefixes.json": `{"syncToken": "1"}`,
		"bad-prefix.json":  `{"prefixes": [{"ip_prefix": "52.94.0.1/22", "region": "us-east-1", "service": "AMAZON"}]}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadIPRanges(path, "us-east-1")
		if err == nil || !strings.HasPrefix(err.Error(), path+": ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: want a one-line error naming the file, got %v", name, err)
		}
	}
	if _, err := LoadIPRanges(filepath.Join(dir, "missing.json"), "us-east-1"); err == nil {
		t.Error("a missing file loaded")
	}
}

// The live collection fetches the published file; a failed fetch is a source in error, not a
// failed run.
func TestFetchIPRanges(t *testing.T) {
	data, err := os.ReadFile(ipRangesTestdata)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ip-ranges.json" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(data)
	}))
	defer srv.Close()
	r, err := fetchIPRanges(context.Background(), srv.URL+"/ip-ranges.json", "eu-west-1", 0+5e9)
	if err != nil || len(r.Prefixes) != 3 {
		t.Fatalf("fetch: %v %+v", err, r)
	}
	if _, err := fetchIPRanges(context.Background(), srv.URL+"/missing", "eu-west-1", 5e9); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("a 404 fetched: %v", err)
	}
}

func FuzzParseIPRanges(f *testing.F) {
	if data, err := os.ReadFile(ipRangesTestdata); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"prefixes": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseIPRanges("fuzz.json", data, "us-east-1")
		if err == nil && r.Prefixes == nil {
			t.Fatal("nil prefixes without an error")
		}
	})
}
