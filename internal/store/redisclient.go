package store

import (
	"time"

	"github.com/redis/go-redis/v9"
)

// NewRedisClient opens the one client for the Redis named by raw, with
// timeouts and retries from timeout unless the URL sets them. cmd/signpost
// opens it once and hands it to every part that keeps data in Redis (the
// sessions, the admin state and its pub/sub, the LLM cache, the Discord
// links). The caller closes it.
//
// go-redis has a URL parser for each kind of deployment but none that
// chooses between them, so the scheme says which:
//
//	redis://[user:password@]host:port[/db][?option=value...]    one server
//	rediss://...                                                 the same over TLS
//	unix://[user:password@]/path/to/redis.sock[?db=N...]         one server on a socket
//	redis-sentinel://[user:password@]s1:26379,s2:26379/MASTER[/db][?option=value...]
//	rediss-sentinel://...                                        the same over TLS
//	redis-cluster://[user:password@]n1:6379,n2:6379[?option=value...]
//	rediss-cluster://...                                         the same over TLS
//
// For Sentinel the user and password are the Redis servers' own; if the
// sentinels need a password too, give sentinel_username and sentinel_password
// as options. Options are go-redis's, in snake case (dial_timeout=1s,
// pool_size=50, ...). Context deadlines are always honoured.
func NewRedisClient(raw string, timeout time.Duration) (redis.UniversalClient, error) {
	if timeout <= 0 {
		timeout = 250 * time.Millisecond
	}
	o, err := parseRedisURL(raw, timeout)
	if err != nil {
		return nil, err
	}
	return o.client(), nil
}
