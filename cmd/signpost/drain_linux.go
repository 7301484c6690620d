package main

import (
	"net"
	"os"
	"syscall"
)

// takeQueued accepts every connection waiting in ln's queue without
// waiting for more (the socket is non-blocking, so accept stops at EAGAIN).
func takeQueued(ln *net.TCPListener) []net.Conn {
	rc, err := ln.SyscallConn()
	if err != nil {
		return nil
	}
	var out []net.Conn
	_ = rc.Control(func(fd uintptr) {
		for {
			nfd, _, err := syscall.Accept4(int(fd), syscall.SOCK_CLOEXEC)
			if err != nil {
				return
			}
			f := os.NewFile(uintptr(nfd), "")
			c, err := net.FileConn(f)
			f.Close()
			if err == nil {
				out = append(out, c)
			}
		}
	})
	return out
}
