package main

import (
	"context"

	"github.com/hybridcheck/hybridcheck/internal/s3store"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// loadSnapshot reads a snapshot from a file or, for s3://bucket/key, from S3 with the standard
// credential chain (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_S3 point it at moto or LocalStack).
func loadSnapshot(ctx context.Context, path string) (*snapshot.Loaded, error) {
	if !s3store.IsURL(path) {
		return snapshot.Load(path)
	}
	store, loc, err := openS3(ctx, path, "")
	if err != nil {
		return nil, err
	}
	data, err := store.Get(ctx, loc)
	if err != nil {
		return nil, err
	}
	return snapshot.Parse(path, data)
}

// openS3 parses an s3://bucket/key-or-prefix/ URL (a bad one is a usage error, its message
// after flag, the flag that gave it) and opens its store with the standard credential chain.
func openS3(ctx context.Context, url, flag string) (*s3store.Store, s3store.Location, error) {
	loc, err := s3store.Parse(url)
	if err != nil {
		return nil, loc, usageError("%s%v", flag, err)
	}
	store, err := s3store.New(ctx, s3store.Options{})
	return store, loc, err
}

// latestInS3 is diff --latest s3://bucket/prefix/: the two newest snapshots in that folder.
func latestInS3(ctx context.Context, prefix string) (string, string, error) {
	store, loc, err := openS3(ctx, prefix, "")
	if err != nil {
		return "", "", err
	}
	older, newer, err := store.Latest(ctx, loc)
	if err != nil {
		return "", "", err
	}
	return older.String(), newer.String(), nil
}
