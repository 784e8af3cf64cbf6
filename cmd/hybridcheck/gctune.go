package main

import (
	"os"
	"runtime/debug"

	"github.com/hybridcheck/hybridcheck/internal/s3store"
)

// Collector tuning for `check`, measured with paired runs (three each, 2 cores shared with
// other work, so CPU varies by a tenth) on the synthetic cluster-shaped estates:
//
//	                          scale 100 (28 MB)              scale 300 (84 MB, ~490 MB live at the peak)
//	Go's default (GOGC=100)   1.52-1.69 s CPU, 321-329 MB    4.70-4.93 s CPU, peak RSS 916-959 MB
//	this tuning               1.42-1.62 s CPU, 330-350 MB    4.49-4.94 s CPU, peak RSS 785-791 MB
//
// With the default the heap may grow to twice its live data, so the peak RSS depends on where
// in the evaluation the collections fall. Collecting half as often (GOGC=200) while the heap
// is small costs no CPU (it saves some: the collector was a fifth of it), and a soft memory
// limit sized from the snapshot makes the collector work harder only near the peak: the peak
// RSS stays below the limit however the collections fall. The limit allows 8 bytes per byte
// of snapshot (the live heap was 5.3 to 5.8 times the snapshot at scales 100 and 300) plus
// 128 MiB for the policies and the runtime, so the collector keeps headroom above the live
// data; were an estate ever to need more, Go caps the collector at half the CPU near the limit
// rather than failing. GOGC or GOMEMLIMIT in the environment leave Go's own settings alone.
const (
	tunedGCPercent = 200
	limitPerByte   = 8
	limitBase      = 128 << 20
)

// tuneCollector applies the tuning above for a check of the snapshot at path.
func tuneCollector(path string) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || s3store.IsURL(path) {
		return
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return // the load reports the problem
	}
	debug.SetGCPercent(tunedGCPercent)
	debug.SetMemoryLimit(collectorLimit(st.Size()))
}

// collectorLimit is the soft memory limit for a snapshot of size bytes.
func collectorLimit(size int64) int64 { return limitBase + limitPerByte*size }
