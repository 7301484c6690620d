//go:build !linux

package main

import "net"

// takeQueued is Linux-only; elsewhere the listener closes once Accept has
// seen a quiet moment.
func takeQueued(*net.TCPListener) []net.Conn { return nil }
