// Command loadtest drives Signpost's messages API with many concurrent
// conversations and reports messages per second and latency percentiles.
// With -floor it first measures "the floor": an HTTP handler on this machine
// that does only the two Redis round trips a message needs (GET and SET of a
// session), so Signpost's figures can be compared with the cost of its HTTP
// and Redis plumbing alone. Traffic goes only to the URLs given (loopback).
//
// By default each conversation sends its next message as soon as it has an
// answer (a closed loop: latency then grows with -c, by Little's law). With
// -think each conversation pauses between messages, as a person does, so
// the figures show the latency at a given number of open conversations.
// With -pid the server's resident memory is reported before and after.
//
//	go run ./scripts/loadtest -url http://127.0.0.1:8080 -c 1000 -d 20s -floor redis://127.0.0.1:6379/0
//	go run ./scripts/loadtest -url http://127.0.0.1:8080 -c 1000 -d 20s -think 1s -pid $(pidof signpost)
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

var openers = []string{
	"is my appointment tomorrow still going ahead?",
	"I've had a sore throat for three days",
	"my little boy has a temperature and a cough",
	"can I still visit my dad on the ward?",
	"I've got a rash on my arm that's itchy",
	"where do I go for a sprained ankle?",
	"has my personal data been stolen?",
	"my chest feels tight and the pain is going down my left arm",
}

type result struct {
	took   time.Duration
	lat    []time.Duration
	errors int
}

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "Signpost base URL (loopback only)")
	conc := flag.Int("c", 1000, "concurrent conversations")
	dur := flag.Duration("d", 20*time.Second, "how long to run")
	floor := flag.String("floor", "", "Redis URL: also measure an HTTP handler doing only GET+SET on Redis")
	think := flag.Duration("think", 0, "mean pause between a conversation's messages (0: none)")
	pid := flag.Int("pid", 0, "the server's process id, to report its resident memory (Linux)")
	flag.Parse()
	if err := checkLoopback(*url); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *floor != "" {
		base, stop, err := startFloor(*floor)
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		report("floor (HTTP + Redis GET/SET only)", drive(base, *conc, *dur, *think, true))
		stop()
	}
	if *pid != 0 {
		fmt.Printf("server RSS before: %s\n", rss(*pid))
	}
	report("signpost", drive(*url, *conc, *dur, *think, false))
	if *pid != 0 {
		fmt.Printf("server RSS after:  %s\n", rss(*pid))
	}
}

// rss reads a process's resident and peak memory from /proc.
func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return err.Error()
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	return strings.Join(out, ", ")
}

func checkLoopback(u string) error {
	host := strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	host, _, _ = strings.Cut(host, "/")
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	if h == "localhost" {
		return nil
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("loadtest only targets loopback addresses, not %q", h)
}

// drive runs conc conversations for dur against base.
func drive(base string, conc int, dur, think time.Duration, isFloor bool) result {
	tr := &http.Transport{MaxIdleConns: conc, MaxIdleConnsPerHost: conc, IdleConnTimeout: 30 * time.Second}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var mu sync.Mutex
	var all result
	var wg sync.WaitGroup
	var n atomic.Int64
	for i := 0; i < conc; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var local result
			session := ""
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			for turn := i; ctx.Err() == nil; turn++ {
				if think > 0 { // a person reading and typing: 0.5 to 1.5 times the mean
					select {
					case <-ctx.Done():
					case <-time.After(think/2 + time.Duration(rng.Int64N(int64(think)+1))):
					}
					if ctx.Err() != nil {
						break
					}
				}
				body := map[string]string{}
				if session == "" {
					body["text"] = openers[turn%len(openers)]
				} else {
					body["session_id"], body["payload"] = session, "no"
				}
				b, _ := json.Marshal(body)
				t0 := time.Now()
				resp, err := client.Post(base+"/api/v1/messages", "application/json", bytes.NewReader(b))
				if err != nil {
					if ctx.Err() == nil {
						local.errors++
					}
					continue
				}
				var r struct {
					SessionID   string  `json:"session_id"`
					Disposition *string `json:"disposition"`
				}
				err = json.NewDecoder(resp.Body).Decode(&r)
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				local.lat = append(local.lat, time.Since(t0))
				n.Add(1)
				if err != nil || resp.StatusCode != 200 {
					local.errors++
					session = ""
					continue
				}
				session = r.SessionID
				if r.Disposition != nil || isFloor && turn%3 == 2 {
					session = "" // a new conversation
				}
			}
			mu.Lock()
			all.lat = append(all.lat, local.lat...)
			all.errors += local.errors
			mu.Unlock()
		}(i)
	}
	start := time.Now()
	wg.Wait()
	all.took = time.Since(start)
	return all
}

func report(name string, r result) {
	sort.Slice(r.lat, func(i, j int) bool { return r.lat[i] < r.lat[j] })
	pct := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))]
	}
	fmt.Printf("%-36s requests %7d  (%6.0f/s)  errors %d  p50 %7.2fms  p95 %7.2fms  p99 %7.2fms  max %7.2fms\n",
		name, len(r.lat), float64(len(r.lat))/r.took.Seconds(), r.errors, ms2(pct(.5)), ms2(pct(.95)), ms2(pct(.99)), ms2(pct(1)))
}

func ms2(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// startFloor serves POST /api/v1/messages doing only what a message costs in
// plumbing: decode, GET the session from Redis, SET it back with a TTL, encode.
func startFloor(redisURL string) (string, func(), error) {
	opt, err := redis.ParseURL(redisURL)
	if err != nil {
		return "", nil, err
	}
	rdb := redis.NewClient(opt)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	var seq atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/messages", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			SessionID string `json:"session_id"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, `{"error":"bad"}`, 400)
			return
		}
		id := req.SessionID
		if id == "" {
			id = fmt.Sprintf("floor%028d", seq.Add(1))
		}
		key := "signpost:floor:" + id
		v, err := rdb.Get(r.Context(), key).Bytes()
		if err != nil && !errors.Is(err, redis.Nil) {
			http.Error(w, `{"error":"redis"}`, 503)
			return
		}
		v = append(v[:0:0], '{', '}')
		if err := rdb.Set(r.Context(), key, v, 30*time.Minute).Err(); err != nil {
			http.Error(w, `{"error":"redis"}`, 503)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"session_id": id, "messages": []map[string]string{{"text": "ok"}}, "quick_replies": []any{}, "intent": nil, "disposition": nil})
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close(); rdb.Close() }, nil
}
