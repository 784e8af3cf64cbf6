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
	loc, err := s3store.Parse(path)
	if err != nil {
		return nil, usageError("%v", err)
	}
	store, err := s3store.New(ctx, s3store.Options{})
	if err != nil {
		return nil, err
	}
	data, err := store.Get(ctx, loc)
	if err != nil {
		return nil, err
	}
	return snapshot.Parse(path, data)
}

// latestInS3 is diff --latest s3://bucket/prefix/: the two newest snapshots in that folder.
func latestInS3(ctx context.Context, prefix string) (string, string, error) {
	loc, err := s3store.Parse(prefix)
	if err != nil {
		return "", "", usageError("%v", err)
	}
	store, err := s3store.New(ctx, s3store.Options{})
	if err != nil {
		return "", "", err
	}
	older, newer, err := store.Latest(ctx, loc)
	if err != nil {
		return "", "", err
	}
	return older.String(), newer.String(), nil
}
