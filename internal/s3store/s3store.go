// Package s3store keeps snapshots in S3 for organisation-wide scans: collect writes them under
// s3://bucket/prefix/ with server-side encryption and the never-overwrite rule of `collect -o
// DIR` (a conditional put: an existing key is never replaced), and check, diff --latest and
// report --latest read them back.
package s3store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/hybridcheck/hybridcheck/internal/awsconfig"
	"github.com/hybridcheck/hybridcheck/internal/errtext"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// IsURL reports whether a path names S3 (s3://bucket/key).
func IsURL(p string) bool { return strings.HasPrefix(p, "s3://") }

// Location is a bucket and a key or key prefix.
type Location struct {
	Bucket string
	Key    string
}

// String is the s3://bucket/key form users type and messages show.
func (l Location) String() string { return "s3://" + l.Bucket + "/" + l.Key }

// Parse splits s3://bucket/key.
func Parse(raw string) (Location, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return Location{}, fmt.Errorf("%s: want s3://BUCKET/PREFIX/", raw)
	}
	return Location{Bucket: u.Host, Key: strings.TrimPrefix(u.Path, "/")}, nil
}

// Options reach S3: the standard credential chain (or profile), and endpoint for moto or
// LocalStack (path-style addressing then).
type Options struct {
	Profile  string
	Region   string
	Endpoint string
}

// Store reads and writes snapshots in S3.
type Store struct {
	client *s3.Client
}

// New resolves credentials the way the AWS CLI does.
func New(ctx context.Context, o Options) (*Store, error) {
	cfg, err := awsconfig.Load(ctx, o.Region, o.Profile)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // S3 finds the bucket's region itself; a region only signs the first call
	}
	// An endpoint of our own (moto, LocalStack, MinIO), from the flag or from AWS_ENDPOINT_URL /
	// AWS_ENDPOINT_URL_S3 (which the SDK reads itself), serves buckets by path, not by host.
	pathStyle := o.Endpoint != "" || cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_S3") != ""
	return &Store{client: s3.NewFromConfig(cfg, func(so *s3.Options) {
		if o.Endpoint != "" {
			so.BaseEndpoint = aws.String(o.Endpoint)
		}
		so.UsePathStyle = pathStyle
	})}, nil
}

// MaxObjectSize bounds what Get reads (the snapshot size limit).
var MaxObjectSize int64 = snapshot.MaxFileSize

// Get reads one object.
func (s *Store) Get(ctx context.Context, loc Location) ([]byte, error) {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &loc.Bucket, Key: &loc.Key})
	if err != nil {
		return nil, fmt.Errorf("%s: %s", loc, describe(err))
	}
	defer out.Body.Close()
	data, err := io.ReadAll(io.LimitReader(out.Body, MaxObjectSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", loc, err)
	}
	if int64(len(data)) > MaxObjectSize {
		return nil, fmt.Errorf("%s: over the %d-byte snapshot limit", loc, MaxObjectSize)
	}
	return data, nil
}

// PutNew writes data under prefix as snapshot-TIME.json, or snapshot-TIME-2.json and so on
// when that key exists: the put is conditional (If-None-Match: *), so two writers racing for
// one name never overwrite each other. Objects are encrypted at rest with SSE-S3 (AES-256),
// or with the KMS key kmsKeyID when given.
func (s *Store) PutNew(ctx context.Context, prefix Location, collectedAt time.Time, data []byte, kmsKeyID string) (Location, error) {
	base := strings.TrimSuffix(prefix.Key, "/")
	if base != "" {
		base += "/"
	}
	base += SnapshotName(collectedAt)
	for n := 1; n <= 100; n++ {
		key := base + ".json"
		if n > 1 {
			key = fmt.Sprintf("%s-%d.json", base, n)
		}
		in := &s3.PutObjectInput{
			Bucket: &prefix.Bucket, Key: &key, Body: strings.NewReader(string(data)),
			ContentType: aws.String("application/json"), IfNoneMatch: aws.String("*"),
			ServerSideEncryption: s3types.ServerSideEncryptionAes256,
		}
		if kmsKeyID != "" {
			in.ServerSideEncryption, in.SSEKMSKeyId = s3types.ServerSideEncryptionAwsKms, &kmsKeyID
		}
		_, err := s.client.PutObject(ctx, in)
		if err == nil {
			return Location{Bucket: prefix.Bucket, Key: key}, nil
		}
		var ae smithy.APIError
		if errors.As(err, &ae) && (ae.ErrorCode() == "PreconditionFailed" || ae.ErrorCode() == "ConditionalRequestConflict") {
			continue
		}
		return Location{}, fmt.Errorf("s3://%s/%s: %s", prefix.Bucket, key, describe(err))
	}
	return Location{}, fmt.Errorf("%s: 100 snapshots named %s already; refusing to go on", prefix, base)
}

// SnapshotName is the name collect -o DIR and -o s3:// give a snapshot (without .json).
func SnapshotName(collectedAt time.Time) string {
	return "snapshot-" + collectedAt.UTC().Format("20060102T150405Z")
}

// snapshotKey matches the names PutNew and collect -o DIR write.
var snapshotKey = regexp.MustCompile(`(?:^|/)snapshot-([0-9]{8}T[0-9]{6}Z)(?:-([0-9]+))?\.json$`)

// Snapshot is one snapshot object with the time its name records.
type Snapshot struct {
	Location
	At  time.Time
	Seq int
}

// List returns the snapshots under prefix (at any depth), oldest first, ordered by the time in
// their names (then by the -N suffix): reading each object's collected_at would download every
// snapshot, and the names carry it.
func (s *Store) List(ctx context.Context, prefix Location) ([]Snapshot, error) {
	var keys []string
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: &prefix.Bucket, Prefix: &prefix.Key})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", prefix, describe(err))
		}
		for _, obj := range page.Contents {
			keys = append(keys, aws.ToString(obj.Key))
		}
	}
	var out []Snapshot
	for _, x := range SortSnapshots(keys) {
		x.Bucket = prefix.Bucket
		out = append(out, x)
	}
	return out, nil
}

// SortSnapshots keeps the keys (or file paths, with "/" separators) named as collect -o names
// snapshots and orders them oldest first, by the time in the name, then the -N suffix.
func SortSnapshots(keys []string) []Snapshot {
	var out []Snapshot
	for _, key := range keys {
		m := snapshotKey.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		at, err := time.Parse("20060102T150405Z", m[1])
		if err != nil {
			continue
		}
		seq := 1
		if m[2] != "" {
			fmt.Sscan(m[2], &seq)
		}
		out = append(out, Snapshot{Location: Location{Key: key}, At: at, Seq: seq})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		return a.Key < b.Key
	})
	return out
}

// NewestPerFolderOf picks, from snapshots sorted oldest first, the newest of each folder,
// sorted by key.
func NewestPerFolderOf(sorted []Snapshot) []Location {
	newest := map[string]Location{}
	for _, x := range sorted { // oldest first: the last one per folder wins
		newest[path.Dir(x.Key)] = x.Location
	}
	var out []Location
	for _, l := range newest {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Latest returns the two newest snapshots directly in prefix (diff --latest s3://...).
func (s *Store) Latest(ctx context.Context, prefix Location) (older, newer Location, err error) {
	all, err := s.List(ctx, prefix)
	if err != nil {
		return Location{}, Location{}, err
	}
	dir := strings.TrimSuffix(prefix.Key, "/")
	var here []Snapshot
	for _, x := range all {
		if strings.TrimSuffix(path.Dir(x.Key), ".") == dir || (dir == "" && !strings.Contains(x.Key, "/")) {
			here = append(here, x)
		}
	}
	if len(here) < 2 {
		return Location{}, Location{}, fmt.Errorf("%s: needs at least two snapshots to compare, found %d", prefix, len(here))
	}
	return here[len(here)-2].Location, here[len(here)-1].Location, nil
}

// NewestPerFolder returns the newest snapshot of every folder under prefix (one folder per
// account and region in an org scan), sorted by key.
func (s *Store) NewestPerFolder(ctx context.Context, prefix Location) ([]Location, error) {
	all, err := s.List(ctx, prefix)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: no snapshots (snapshot-TIME.json, as collect -o writes them)", prefix)
	}
	return NewestPerFolderOf(all), nil
}

func describe(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode() + ": " + ae.ErrorMessage()
	}
	return errtext.OneLine(err)
}
