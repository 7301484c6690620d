package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nhs-signpost/signpost/internal/discord"
)

// DiscordConfig is the Discord channel's configuration (SIGNPOST_DISCORD_*).
// The channel is on when a token is given, directly or in a file.
type DiscordConfig struct {
	Token      string   `env:"TOKEN"`      // the bot token; never logged
	TokenFile  string   `env:"TOKEN_FILE"` // or a file holding it (a mounted secret)
	Channels   []string `env:"CHANNELS" envSeparator:","`
	IDSalt     string   `env:"ID_SALT"` // salt for hashing user ids; derived from the token if unset
	ShardID    int      `env:"SHARD_ID"`
	ShardCount int      `env:"SHARD_COUNT" envDefault:"1"`
}

// token returns the bot token, trimmed (a file's trailing newline included),
// or "" when Discord is not configured.
func (d DiscordConfig) token() (string, error) {
	return secret(d.Token, d.TokenFile, "SIGNPOST_DISCORD_TOKEN")
}

func (d DiscordConfig) check() error {
	if d.ShardCount < 1 {
		return errors.New("SIGNPOST_DISCORD_SHARD_COUNT must be at least 1")
	}
	if d.ShardID < 0 || d.ShardID >= d.ShardCount {
		return fmt.Errorf("SIGNPOST_DISCORD_SHARD_ID must be from 0 to %d", d.ShardCount-1)
	}
	return nil
}

// discordLinkTTL is how long a person's link to their conversation is kept
// without a message; after it they are greeted as new.
const discordLinkTTL = 24 * time.Hour

// discordLinks returns where the bot keeps links from people to
// conversations: in Redis when SIGNPOST_REDIS_URL is set, so that any replica
// (another shard, or the bot after a restart) continues them; otherwise nil,
// which the bot takes as memory.
func (a *app) discordLinks() (discord.Links, string, error) {
	if a.redis == nil {
		return nil, "memory", nil
	}
	return discord.NewRedisLinks(a.redis, a.cfg.RedisPrefix, discordLinkTTL, a.cfg.RedisTimeout), "redis", nil
}

// startDiscord connects to Discord when a bot token is configured. The
// gateway connects in the background; /readyz reports 503 until it is up,
// and again for good if Discord refuses the bot (a bad token, say).
func (a *app) startDiscord(ctx context.Context) error {
	token, err := a.cfg.Discord.token()
	if err != nil {
		return err
	}
	if token == "" {
		return nil
	}
	if err := a.cfg.Discord.check(); err != nil {
		return err
	}
	links, linksIn, err := a.discordLinks()
	if err != nil {
		return err
	}
	bot, err := discord.New(discord.Config{
		Token:      token,
		Channels:   a.cfg.Discord.Channels,
		IDSalt:     []byte(a.cfg.Discord.IDSalt),
		ShardID:    a.cfg.Discord.ShardID,
		ShardCount: a.cfg.Discord.ShardCount,
		Links:      links,
	}, a.eng, a.log)
	if err != nil {
		return err
	}
	bot.Start(ctx)
	a.web.SetReady(bot.Ready)
	a.closers = append(a.closers, bot.Close)
	a.log.Info("discord channel starting", "shard", a.cfg.Discord.ShardID, "shards", a.cfg.Discord.ShardCount,
		"channels", len(a.cfg.Discord.Channels), "links", linksIn)
	return nil
}
