package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheck asks this machine's server whether it is ready, for the
// Docker HEALTHCHECK and Compose (the distroless image has no curl): exit
// 0 when /readyz answers 200. The address is SIGNPOST_HTTP_ADDR's port on
// loopback, or the URL given.
func healthcheck(ctx context.Context, args []string, env map[string]string, stdout io.Writer) error {
	url := ""
	if len(args) > 0 {
		url = args[0]
	} else {
		cfg, err := loadConfig(env)
		if err != nil {
			return err
		}
		host, port, err := net.SplitHostPort(cfg.HTTPAddr)
		if err != nil {
			return fmt.Errorf("SIGNPOST_HTTP_ADDR %q: %w", cfg.HTTPAddr, err)
		}
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			host = "127.0.0.1"
		}
		url = "http://" + net.JoinHostPort(host, port) + "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return &exitError{code: 1, msg: "not ready: " + err.Error()}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		return &exitError{code: 1, msg: fmt.Sprintf("not ready: %s %s", resp.Status, body)}
	}
	fmt.Fprintf(stdout, "%s", body)
	return nil
}
