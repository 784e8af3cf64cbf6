# hybridcheck as a container: built from source with the flags of `make release` (static,
# stripped, no cgo), run from distroless/static as its non-root user.
#   docker build -t hybridcheck --build-arg VERSION=v0.2.0 --build-arg COMMIT=$(git rev-parse HEAD) .
#   docker run --rm -v "$PWD:/work" -w /work hybridcheck check snapshot.json
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=0.1.0-dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/hybridcheck/hybridcheck/internal/version.Version=${VERSION} -X github.com/hybridcheck/hybridcheck/internal/version.Commit=${COMMIT}" \
    -o /out/hybridcheck ./cmd/hybridcheck

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/hybridcheck /usr/local/bin/hybridcheck
# The example snapshots, so `docker run IMAGE check /examples/reference-broken.json` works
# with nothing mounted.
COPY --from=build /src/snapshots/reference-broken.json /src/snapshots/reference-compliant.json /examples/
USER nonroot:nonroot
WORKDIR /work
ENTRYPOINT ["hybridcheck"]
CMD ["--help"]
