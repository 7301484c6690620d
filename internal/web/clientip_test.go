package web

import (
	"net/http/httptest"
	"testing"
)

func TestClientIPTakesWhatTheTrustedProxyAppended(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header string
		hops   int
		values []string
		want   string
	}{
		{"no header configured: the peer, whatever is sent", "", 1, []string{"203.0.113.1"}, "192.0.2.1"},
		{"one proxy: the right-most", "X-Forwarded-For", 1, []string{"203.0.113.1"}, "203.0.113.1"},
		{"client-written entries on the left are ignored", "X-Forwarded-For", 1, []string{"6.6.6.6, 203.0.113.1"}, "203.0.113.1"},
		{"several header lines are one list", "X-Forwarded-For", 1, []string{"6.6.6.6", "203.0.113.1"}, "203.0.113.1"},
		{"two proxies: second from the right", "X-Forwarded-For", 2, []string{"6.6.6.6, 203.0.113.1, 10.0.0.5"}, "203.0.113.1"},
		{"fewer entries than hops: the peer", "X-Forwarded-For", 2, []string{"203.0.113.1"}, "192.0.2.1"},
		{"not an address: the peer", "X-Forwarded-For", 1, []string{"203.0.113.1, unknown"}, "192.0.2.1"},
		{"header missing: the peer", "X-Forwarded-For", 1, nil, "192.0.2.1"},
		{"IPv6", "X-Forwarded-For", 1, []string{"2001:db8::1"}, "2001:db8::1"},
		{"a single-value header", "X-Real-IP", 1, []string{"203.0.113.9"}, "203.0.113.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api/v1/messages", nil)
			r.RemoteAddr = "192.0.2.1:5555"
			for _, v := range tc.values {
				r.Header.Add("X-Forwarded-For", v)
				r.Header.Add("X-Real-IP", v)
			}
			if got := (ClientIP{Header: tc.header, Hops: tc.hops}).Of(r); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
