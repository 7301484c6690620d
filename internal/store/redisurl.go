package store

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// tuneRedis sets the timeouts and retries from the store's timeout unless
// the URL set them, so that a Redis that is down or hung fails a reply fast.
func tuneRedis(t time.Duration, dial, read, write, pool *time.Duration, retries, dialRetries *int, ctxTimeout *bool) {
	for _, d := range []*time.Duration{dial, read, write, pool} {
		if *d == 0 {
			*d = t
		}
	}
	if *retries == 0 { // go-redis reads 0 as its default of 3 retries
		*retries = 1
	}
	if *dialRetries == 0 { // and 0 here as 5 dial attempts
		*dialRetries = 1
	}
	// Without this a hung server ignores the context's deadline.
	*ctxTimeout = true
}

// redisOptions are the parsed options of one of the three kinds of client.
type redisOptions struct {
	simple   *redis.Options
	failover *redis.FailoverOptions
	cluster  *redis.ClusterOptions
}

func (o redisOptions) client() redis.UniversalClient {
	switch {
	case o.failover != nil:
		return redis.NewFailoverClient(o.failover)
	case o.cluster != nil:
		return redis.NewClusterClient(o.cluster)
	}
	return redis.NewClient(o.simple)
}

// parseRedisURL parses raw (see NewRedisClient) and applies the timeout.
func parseRedisURL(raw string, timeout time.Duration) (redisOptions, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return redisOptions{}, fmt.Errorf("not a URL: want redis://, rediss://, unix://, redis-sentinel:// or redis-cluster://")
	}
	switch scheme {
	case "redis", "rediss", "unix":
		o, err := redis.ParseURL(raw)
		if err != nil {
			return redisOptions{}, cleanErr(err)
		}
		tuneRedis(timeout, &o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redisOptions{simple: o}, nil
	case "redis-sentinel", "rediss-sentinel":
		o, err := parseSentinel(strings.TrimSuffix(scheme, "-sentinel"), rest)
		if err != nil {
			return redisOptions{}, err
		}
		tuneRedis(timeout, &o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redisOptions{failover: o}, nil
	case "redis-cluster", "rediss-cluster":
		o, err := parseCluster(strings.TrimSuffix(scheme, "-cluster"), rest)
		if err != nil {
			return redisOptions{}, err
		}
		tuneRedis(timeout, &o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.PoolTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redisOptions{cluster: o}, nil
	}
	return redisOptions{}, fmt.Errorf("unknown scheme %q: want redis, rediss, unix, redis-sentinel, rediss-sentinel, redis-cluster or rediss-cluster", scheme)
}

// multiHost splits "[userinfo@]h1,h2[/path][?query]" into its parts. The
// hosts are a comma-separated list, which net/url does not accept.
func multiHost(rest, defaultPort string) (user *url.Userinfo, hosts []string, path string, query url.Values, err error) {
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		u, err := url.Parse("x://" + authority[:i+1] + "h")
		if err != nil {
			return nil, nil, "", nil, fmt.Errorf("bad user or password (escape special characters)")
		}
		user, authority = u.User, authority[i+1:]
	}
	for h := range strings.SplitSeq(authority, ",") {
		if h = strings.TrimSpace(h); h != "" {
			if _, _, err := net.SplitHostPort(h); err != nil {
				h = net.JoinHostPort(strings.Trim(h, "[]"), defaultPort)
			}
			hosts = append(hosts, h)
		}
	}
	if len(hosts) == 0 {
		return nil, nil, "", nil, fmt.Errorf("no host given")
	}
	t, err := url.Parse("x://h" + tail)
	if err != nil {
		return nil, nil, "", nil, cleanErr(err)
	}
	return user, hosts, t.Path, t.Query(), nil
}

// rebuild makes the single-host URL with addr= options that go-redis's own
// parsers take, so that they handle every option.
func rebuild(scheme string, user *url.Userinfo, hosts []string, path string, q url.Values) string {
	for _, h := range hosts[1:] {
		q.Add("addr", h)
	}
	u := url.URL{Scheme: scheme, User: user, Host: hosts[0], Path: path, RawQuery: q.Encode()}
	return u.String()
}

func parseSentinel(scheme, rest string) (*redis.FailoverOptions, error) {
	user, hosts, path, q, err := multiHost(rest, "26379")
	if err != nil {
		return nil, err
	}
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	if len(parts) == 0 || len(parts) > 2 {
		return nil, fmt.Errorf("want the master's name as the path, like redis-sentinel://s1:26379,s2:26379/mymaster")
	}
	q.Set("master_name", parts[0])
	if len(parts) == 2 && !q.Has("db") {
		q.Set("db", parts[1])
	}
	// The userinfo go-redis reads is the sentinels'; Signpost's is the servers'.
	sentinelUser := url.UserPassword(q.Get("sentinel_username"), q.Get("sentinel_password"))
	if !q.Has("sentinel_username") && !q.Has("sentinel_password") {
		sentinelUser = nil
	}
	q.Del("sentinel_username")
	q.Del("sentinel_password")
	if user != nil {
		if n := user.Username(); n != "" {
			q.Set("username", n)
		}
		if p, ok := user.Password(); ok {
			q.Set("password", p)
		}
	}
	o, err := redis.ParseFailoverURL(rebuild(scheme, sentinelUser, hosts, "", q))
	if err != nil {
		return nil, cleanErr(err)
	}
	return o, nil
}

func parseCluster(scheme, rest string) (*redis.ClusterOptions, error) {
	user, hosts, path, q, err := multiHost(rest, "6379")
	if err != nil {
		return nil, err
	}
	if strings.Trim(path, "/") != "" {
		return nil, fmt.Errorf("a cluster has no database number: remove %q", path)
	}
	o, err := redis.ParseClusterURL(rebuild(scheme, user, hosts, "", q))
	if err != nil {
		return nil, cleanErr(err)
	}
	return o, nil
}

// cleanErr drops the URL from a parse error: it may hold a password.
func cleanErr(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// CheckRedisURL reports whether raw is a URL the Redis store accepts (see
// NewRedisClient), for configuration checks at start-up.
func CheckRedisURL(raw string) error {
	_, err := parseRedisURL(raw, time.Second)
	return err
}
