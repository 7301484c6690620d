package main

import (
	"runtime/debug"
	"strings"
)

// version is the release this binary was built as, stamped by the build:
//
//	go build -ldflags "-X main.version=1.4.0" ./cmd/signpost
//
// (the Dockerfile passes its VERSION build argument). Unstamped builds
// report what the Go toolchain recorded: the module version, or the git
// commit they were built from.
var version = ""

// buildVersion is the version reported by `signpost version`, /readyz and
// the signpost_build_info metric.
func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	return "devel-" + rev[:min(12, len(rev))] + dirty
}

// goVersion is the toolchain that built the binary, for the build metric.
func goVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return strings.TrimPrefix(bi.GoVersion, "go")
	}
	return "unknown"
}
