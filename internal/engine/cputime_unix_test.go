//go:build unix

package engine_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the test process has used so far. Benchmarks report
// it per operation as well as wall time, because on a shared machine wall
// time mostly measures the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
