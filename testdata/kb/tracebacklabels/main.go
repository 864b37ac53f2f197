package main

import (
	"context"
	"runtime/pprof"
)

func main() {
	ctx := pprof.WithLabels(context.Background(), pprof.Labels("tenant", "a")) // ok tracebacklabels
	pprof.SetGoroutineLabels(ctx)                                                // want tracebacklabels
	pprof.Do(context.Background(), pprof.Labels("k", "v"), func(context.Context) {}) // want tracebacklabels
}
