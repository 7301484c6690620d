package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiscordConfigFromEnvironment(t *testing.T) {
	file := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(file, []byte("  abc.def.ghi\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(map[string]string{
		"SIGNPOST_DISCORD_TOKEN_FILE":  file,
		"SIGNPOST_DISCORD_CHANNELS":    "111,222",
		"SIGNPOST_DISCORD_SHARD_ID":    "1",
		"SIGNPOST_DISCORD_SHARD_COUNT": "2",
	})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := cfg.Discord.token()
	if err != nil || tok != "abc.def.ghi" {
		t.Fatalf("token from file = %q, %v; want it trimmed", tok, err)
	}
	if len(cfg.Discord.Channels) != 2 || cfg.Discord.ShardID != 1 || cfg.Discord.ShardCount != 2 {
		t.Errorf("discord config = %+v", cfg.Discord)
	}
	if err := cfg.Discord.check(); err != nil {
		t.Error(err)
	}

	off, _ := loadConfig(map[string]string{})
	if tok, err := off.Discord.token(); tok != "" || err != nil {
		t.Errorf("with no token Discord must be off, got %q, %v", tok, err)
	}
	both := DiscordConfig{Token: "x", TokenFile: file}
	if _, err := both.token(); err == nil {
		t.Error("a token and a token file together must be refused")
	}
	bad := DiscordConfig{ShardID: 2, ShardCount: 2}
	if err := bad.check(); err == nil || !strings.Contains(err.Error(), "SHARD_ID") {
		t.Errorf("shard id out of range: %v", err)
	}
}
