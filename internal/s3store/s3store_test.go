package s3store

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct{ in, bucket, key, err string }{
		{"s3://org-scans/hybridcheck/", "org-scans", "hybridcheck/", ""},
		{"s3://org-scans", "org-scans", "", ""},
		{"s3://org-scans/a/snapshot-20261120T093000Z.json", "org-scans", "a/snapshot-20261120T093000Z.json", ""},
		{"s3:///key", "", "", "want s3://BUCKET/PREFIX/"},
		{"https://bucket/key", "", "", "want s3://BUCKET/PREFIX/"},
	} {
		loc, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || loc.Bucket != tc.bucket || loc.Key != tc.key {
			t.Errorf("%s: %+v %v", tc.in, loc, err)
		}
	}
}

// Snapshots order by the time in their names, then the -N suffix (numerically: -10 after -2);
// other objects are ignored; each folder's newest wins.
func TestSortAndNewest(t *testing.T) {
	keys := []string{
		"p/111/us-east-1/snapshot-20261120T093000Z-10.json",
		"p/111/us-east-1/snapshot-20261120T093000Z.json",
		"p/111/us-east-1/notes.txt",
		"p/111/us-east-1/snapshot-20261120T093000Z-2.json",
		"p/111/eu-west-1/snapshot-20261001T000000Z.json",
		"p/222/us-east-1/snapshot-20261121T000000Z.json",
		"p/222/us-east-1/snapshot-20261119T000000Z.json",
		"p/222/us-east-1/mysnapshot-20271119T000000Z.json",
	}
	var order []string
	for _, s := range SortSnapshots(keys) {
		order = append(order, s.Key)
	}
	want := []string{
		"p/111/eu-west-1/snapshot-20261001T000000Z.json",
		"p/222/us-east-1/snapshot-20261119T000000Z.json",
		"p/111/us-east-1/snapshot-20261120T093000Z.json",
		"p/111/us-east-1/snapshot-20261120T093000Z-2.json",
		"p/111/us-east-1/snapshot-20261120T093000Z-10.json",
		"p/222/us-east-1/snapshot-20261121T000000Z.json",
	}
	if strings.Join(order, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	var newest []string
	for _, l := range NewestPerFolderOf(SortSnapshots(keys)) {
		newest = append(newest, l.Key)
	}
	wantNewest := []string{
		"p/111/eu-west-1/snapshot-20261001T000000Z.json",
		"p/111/us-east-1/snapshot-20261120T093000Z-10.json",
		"p/222/us-east-1/snapshot-20261121T000000Z.json",
	}
	if strings.Join(newest, "\n") != strings.Join(wantNewest, "\n") {
		t.Errorf("newest:\n%s", strings.Join(newest, "\n"))
	}
}
