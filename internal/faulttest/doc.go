// Package faulttest holds Signpost's fault tests: each builds the real
// signpost binary once, runs it as a subprocess on a loopback port and breaks
// something it depends on for real: a redis-server killed and restarted, a
// Redis that accepts connections and never answers, a second replica and a
// SIGTERM in the middle of traffic (in-flight replies, and keep-alive clients
// during the drain), an OpenAI-compatible endpoint that hangs,
// fails or rate-limits, a content directory that loses its emergency rules,
// an admin token guesser behind the trust's proxy. The tests assert what a patient would notice: every
// message is answered, on time, emergencies first.
//
// The package has no non-test code; run it with
//
//	go test -race ./internal/faulttest
//
// redis-server must be installed (see internal/redistest); the tests fail,
// not skip, without it.
package faulttest
