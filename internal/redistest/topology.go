package redistest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/nhs-signpost/signpost/internal/apitest"
)

// Sentinel is a real Sentinel set: a master, one replica and one sentinel
// (redis-server --sentinel) watching them with a quorum of one, tuned to
// notice a dead master within half a second.
type Sentinel struct {
	Master, Replica *Server
	Sentinel        *Server
	Name            string // the master's name, "mymaster"
	URL             string // redis-sentinel://127.0.0.1:PORT/mymaster
}

// StartSentinel starts a Sentinel set, stopped when the test ends.
func StartSentinel(t testing.TB) *Sentinel {
	t.Helper()
	master := startPrivate(t)
	replica := startPrivate(t, "--replicaof", "127.0.0.1", port(master.Addr))
	rc := redis.NewClient(&redis.Options{Addr: replica.Addr})
	defer rc.Close()
	apitest.Eventually(t, "the replica to sync with the master", func() bool {
		info, _ := rc.Info(context.Background(), "replication").Result()
		return strings.Contains(info, "master_link_status:up")
	})

	sp, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "sentinel.conf")
	cfg := fmt.Sprintf("sentinel monitor mymaster 127.0.0.1 %s 1\n"+
		"sentinel down-after-milliseconds mymaster 500\n"+
		"sentinel failover-timeout mymaster 3000\n", port(master.Addr))
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	bin, _ := exec.LookPath("redis-server")
	sn, err := startOn(bin, sp, dir, conf, []string{"--sentinel"})
	if err != nil {
		t.Fatalf("redistest: sentinel: %v", err)
	}
	t.Cleanup(sn.Stop)
	s := &Sentinel{Master: master, Replica: replica, Sentinel: sn, Name: "mymaster",
		URL: "redis-sentinel://" + sn.Addr + "/mymaster"}
	sc := redis.NewSentinelClient(&redis.Options{Addr: sn.Addr})
	defer sc.Close()
	apitest.Eventually(t, "the sentinel to find the replica", func() bool {
		r, err := sc.Replicas(context.Background(), "mymaster").Result()
		return err == nil && len(r) == 1
	})
	return s
}

// MasterAddr is the master's address as the sentinel reports it.
func (s *Sentinel) MasterAddr(t testing.TB) string {
	t.Helper()
	sc := redis.NewSentinelClient(&redis.Options{Addr: s.Sentinel.Addr})
	defer sc.Close()
	a, err := sc.GetMasterAddrByName(context.Background(), s.Name).Result()
	if err != nil {
		t.Fatalf("sentinel: master address: %v", err)
	}
	return net.JoinHostPort(a[0], a[1])
}

// Failover waits until the replica has every write the master has, kills
// the master as a crash would, and waits until the sentinel has promoted
// the replica. Writes made on the replica alone (see Diverge) are what
// the new master holds.
func (s *Sentinel) Failover(t testing.TB) {
	t.Helper()
	mc := redis.NewClient(&redis.Options{Addr: s.Master.Addr})
	if err := mc.Do(context.Background(), "WAIT", 1, 2000).Err(); err != nil {
		t.Fatalf("WAIT for the replica: %v", err)
	}
	mc.Close()
	s.Master.Stop()
	apitest.Eventually(t, "the sentinel to promote the replica", func() bool {
		sc := redis.NewSentinelClient(&redis.Options{Addr: s.Sentinel.Addr})
		defer sc.Close()
		a, err := sc.GetMasterAddrByName(context.Background(), s.Name).Result()
		if err != nil || net.JoinHostPort(a[0], a[1]) != s.Replica.Addr {
			return false
		}
		rc := redis.NewClient(&redis.Options{Addr: s.Replica.Addr})
		defer rc.Close()
		info, _ := rc.Info(context.Background(), "replication").Result()
		return strings.Contains(info, "role:master")
	})
}

// Diverge runs fn on the replica with writes allowed, so that the replica
// (and the master it becomes after Failover) lacks what fn deletes: a
// failover that loses the master's last writes, made certain.
func (s *Sentinel) Diverge(t testing.TB, fn func(*redis.Client)) {
	t.Helper()
	rc := redis.NewClient(&redis.Options{Addr: s.Replica.Addr})
	defer rc.Close()
	ctx := context.Background()
	mc := redis.NewClient(&redis.Options{Addr: s.Master.Addr})
	defer mc.Close()
	if err := mc.Do(ctx, "WAIT", 1, 2000).Err(); err != nil {
		t.Fatalf("WAIT for the replica: %v", err)
	}
	if err := rc.ConfigSet(ctx, "replica-read-only", "no").Err(); err != nil {
		t.Fatal(err)
	}
	fn(rc)
}

// Cluster is a real three-master Redis Cluster (no replicas), made with
// redis-cli --cluster create.
type Cluster struct {
	Nodes []*Server
	URL   string // redis-cluster://n1,n2,n3
}

// StartCluster starts a three-node Cluster, stopped when the test ends. A
// node also listens on its port + 10000 (the cluster bus), so the ports are
// chosen with that room free.
func StartCluster(t testing.TB) *Cluster {
	t.Helper()
	base := clusterPorts(t)
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redistest: redis-server not found: %v", err)
	}
	c := &Cluster{}
	var addrs []string
	for i := range 3 {
		dir := t.TempDir()
		n, err := startOn(bin, base+i, dir, "", []string{"--save", "", "--appendonly", "no", "--cluster-enabled", "yes",
			"--cluster-config-file", filepath.Join(dir, "nodes.conf"), "--cluster-node-timeout", "2000"})
		if err != nil {
			t.Fatalf("redistest: cluster node: %v", err)
		}
		t.Cleanup(n.Stop)
		c.Nodes = append(c.Nodes, n)
		addrs = append(addrs, n.Addr)
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	out, err := exec.Command("redis-cli", append(args, "--cluster-replicas", "0", "--cluster-yes")...).CombinedOutput()
	if err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, n := range c.Nodes {
		nc := redis.NewClient(&redis.Options{Addr: n.Addr})
		apitest.Eventually(t, "the cluster to be ready on "+n.Addr, func() bool {
			info, _ := nc.ClusterInfo(context.Background()).Result()
			return strings.Contains(info, "cluster_state:ok")
		})
		nc.Close()
	}
	c.URL = "redis-cluster://" + strings.Join(addrs, ",")
	return c
}

// Client returns a cluster client, closed when the test ends.
func (c *Cluster) Client(t testing.TB) *redis.ClusterClient {
	var addrs []string
	for _, n := range c.Nodes {
		addrs = append(addrs, n.Addr)
	}
	cc := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs})
	t.Cleanup(func() { cc.Close() })
	return cc
}

// clusterPorts finds three consecutive free ports whose bus ports (+10000)
// are free too.
func clusterPorts(t testing.TB) int {
	t.Helper()
	for range 100 {
		base := 20000 + rand.IntN(30000)
		ok := true
		for _, p := range []int{base, base + 1, base + 2, base + 10000, base + 10001, base + 10002} {
			l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("redistest: no free ports for a cluster")
	return 0
}

// startPrivate starts a private server for a topology, stopped when the
// test ends.
func startPrivate(t testing.TB, extra ...string) *Server {
	t.Helper()
	s, err := StartServer(extra...)
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(s.remove)
	return s
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}
