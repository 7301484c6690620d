package store

import (
	"time"

	"github.com/redis/go-redis/v9"
)

// NewRedisClient opens a client for the Redis named by raw, a URL in any of
// the forms RedisOptions.URL takes (one server, Sentinel or Cluster), with
// timeouts and retries from timeout unless the URL sets them. Other parts
// that keep data in the same Redis as the sessions (the Discord links, the
// LLM cache) use it so that every part understands the same URLs. The
// caller closes the client.
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
