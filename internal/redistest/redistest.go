// Package redistest gives tests a real Redis: a throwaway redis-server on a
// free loopback port, or the server named by SIGNPOST_TEST_REDIS_URL. There
// are no Redis mocks in Signpost's tests. When neither is available the test
// fails (it does not skip): the README's test command installs redis-server.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a Redis server a test may use.
type Server struct {
	Addr string // host:port
	URL  string // redis://host:port/DB
	cmd  *exec.Cmd
	bin  string   // the redis-server started, for Restart
	dir  string   // its working directory, kept across a Restart
	conf string   // its configuration file, if any
	args []string // its options beyond the port, bind address and directory
}

// Start returns a Redis for the test. With SIGNPOST_TEST_REDIS_URL set it
// uses that server (a test must then namespace its keys); otherwise it starts
// a private redis-server that is stopped when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	if u := os.Getenv("SIGNPOST_TEST_REDIS_URL"); u != "" {
		opt, err := redis.ParseURL(u)
		if err != nil {
			t.Fatalf("SIGNPOST_TEST_REDIS_URL: %v", err)
		}
		return &Server{Addr: opt.Addr, URL: u}
	}
	s, err := StartServer()
	if err != nil {
		t.Fatalf("redistest: %v (install redis-server, or set SIGNPOST_TEST_REDIS_URL)", err)
	}
	t.Cleanup(s.remove)
	return s
}

// StartServer starts a private redis-server on a free loopback port, with
// no persistence.
func StartServer(extra ...string) (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("redis-server not found: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "signpost-redis-")
	if err != nil {
		return nil, err
	}
	args := append([]string{"--save", "", "--appendonly", "no"}, extra...)
	return startOn(bin, port, dir, "", args)
}

// StartAOF starts a private redis-server that keeps its data as Signpost's
// compose file runs it: an append-only file fsynced every second. Restart
// keeps the file, so the data survives; it is removed when the test ends.
func StartAOF(t testing.TB) *Server {
	t.Helper()
	s, err := StartServer("--appendonly", "yes", "--appendfsync", "everysec")
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(s.remove)
	return s
}

func startOn(bin string, port int, dir, conf string, args []string) (*Server, error) {
	var all []string
	if conf != "" {
		all = append(all, conf) // redis-server takes its file first
	}
	all = append(all, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--protected-mode", "yes", "--loglevel", "warning")
	all = append(all, args...)
	cmd := exec.Command(bin, all...)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	go func() { // drain its output so it never blocks
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
		}
	}()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	s := &Server{Addr: addr, URL: "redis://" + addr + "/0", cmd: cmd, bin: bin, dir: dir, conf: conf, args: args}
	if err := waitPing(addr); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// waitPing waits up to 10 seconds for the server at addr to answer.
func waitPing(addr string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
		err := c.Ping(context.Background()).Err()
		c.Close()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis-server on %s did not answer: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop kills a server this package started, as a crash would (no-op for
// an external one).
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// remove stops the server and removes its directory, when the test ends.
func (s *Server) remove() {
	s.Stop()
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// Restart stops a started server (if Stop has not already) and starts it
// again on the same port and directory, for tests of Redis going away. A
// running server is shut down as an orchestrator would (SIGTERM), so one
// started by StartAOF keeps its data and one started by StartServer comes
// back empty.
func (s *Server) Restart() error {
	if s.bin == "" {
		return fmt.Errorf("redistest: only a server started by this package can be restarted")
	}
	_, portStr, _ := strings.Cut(s.Addr, ":")
	port, _ := strconv.Atoi(portStr)
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
		s.cmd = nil
	}
	n, err := startOn(s.bin, port, s.dir, s.conf, s.args)
	if err != nil {
		return err
	}
	s.cmd = n.cmd
	return nil
}

// Client returns a client for the server, closed when the test ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	opt, err := redis.ParseURL(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { c.Close() })
	return c
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Hung returns the URL of a "Redis" that accepts connections and never
// answers, like one stuck on a long command or behind a path that drops
// replies. It reads and discards what it is sent so that writers never
// block; it is closed when the test ends.
func Hung(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go io.Copy(io.Discard, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "redis://" + ln.Addr().String() + "/0"
}
