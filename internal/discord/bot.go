// Package discord is Signpost's Discord channel: a bot that answers direct
// messages, mentions in the channels it is allowed in, and the /signpost,
// /status and /restart slash commands with the same engine as the web API.
// Quick replies become buttons; emergency answers come first as a red embed
// with the number to call.
//
// It connects through discordgo but keeps control of the gateway connection
// itself: discordgo would reconnect forever, even after a close code that
// can never succeed (a bad token, intents the application may not use), so
// the bot reconnects on its own, reports a fatal close code and stops.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	dg "github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// gatewayIntents are the only gateway intents the bot asks for. Direct messages and
// messages that mention the bot carry their text without the privileged
// Message Content intent, and those are the only messages it reads.
const gatewayIntents = dg.IntentsDirectMessages | dg.IntentsGuildMessages

// Config is the Discord channel's part of the configuration.
type Config struct {
	Token      string   // the bot token, with or without the "Bot " prefix; never logged
	Channels   []string // guild channel ids where mentions are answered; empty: DMs only
	IDSalt     []byte   // salt for hashing user ids; derived from the token when empty
	ShardID    int
	ShardCount int // 0 or 1: no sharding

	// HTTPClient makes every REST request (tests point it at a local fake).
	HTTPClient *http.Client
	// Links maps people to conversations; in memory when nil.
	Links Links
	// ReconnectMin and ReconnectMax bound the wait between reconnect attempts.
	ReconnectMin, ReconnectMax time.Duration
	// TurnTimeout bounds the work on one message.
	TurnTimeout time.Duration
}

// FatalError is a gateway close code that reconnecting cannot fix.
type FatalError struct {
	Code   int
	Reason string
}

func (e *FatalError) Error() string {
	return fmt.Sprintf("discord gateway closed with %d (%s); not reconnecting", e.Code, e.Reason)
}

// fatalCodes are the gateway close codes after which Discord says not to
// reconnect.
var fatalCodes = map[int]string{
	4004: "authentication failed: check SIGNPOST_DISCORD_TOKEN",
	4010: "invalid shard: check SIGNPOST_DISCORD_SHARD_ID and SHARD_COUNT",
	4011: "sharding required: set SIGNPOST_DISCORD_SHARD_COUNT",
	4012: "invalid API version",
	4013: "invalid intents",
	4014: "disallowed intents: the application may not use an intent it asked for",
}

// Bot is a running Discord channel.
type Bot struct {
	cfg   Config
	eng   *engine.Engine
	log   *slog.Logger
	salt  []byte
	links Links
	work  queues

	allowed map[string]bool

	mu   sync.Mutex
	sess *dg.Session

	botID, appID atomic.Value // string
	registered   atomic.Bool
	ready        atomic.Bool
	fatal        atomic.Pointer[FatalError]

	disconnected chan struct{}
	ctx          context.Context
	cancel       context.CancelFunc
	done         chan struct{}
}

// New returns a bot for eng. It does not connect until Start.
func New(cfg Config, eng *engine.Engine, log *slog.Logger) (*Bot, error) {
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("discord: no bot token")
	}
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	cfg.Token = token
	if cfg.ShardCount <= 0 {
		cfg.ShardCount = 1
	}
	if cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard id %d is not below shard count %d", cfg.ShardID, cfg.ShardCount)
	}
	if cfg.ReconnectMin <= 0 {
		cfg.ReconnectMin = time.Second
	}
	if cfg.ReconnectMax <= 0 {
		cfg.ReconnectMax = 2 * time.Minute
	}
	if cfg.TurnTimeout <= 0 {
		cfg.TurnTimeout = 10 * time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{cfg: cfg, eng: eng, log: log.With("channel", "discord"), salt: cfg.IDSalt, links: cfg.Links,
		allowed: map[string]bool{}, disconnected: make(chan struct{}, 1), done: make(chan struct{}), work: queues{max: 20}}
	if len(b.salt) == 0 {
		b.salt = saltFromToken(token)
	}
	if b.links == nil {
		b.links = NewMemoryLinks(100_000, 24*time.Hour)
	}
	for _, c := range cfg.Channels {
		if c = strings.TrimSpace(c); c != "" {
			b.allowed[c] = true
		}
	}
	b.botID.Store("")
	b.appID.Store("")
	return b, nil
}

// Start connects in the background and keeps the connection up until ctx
// ends, Close is called, or Discord closes it with a fatal code.
func (b *Bot) Start(ctx context.Context) {
	b.ctx, b.cancel = context.WithCancel(ctx)
	go b.supervise()
}

// Ready reports whether the bot has connected and has not been stopped by a
// fatal close code. It stays true during a brief reconnect, so that the web
// API on the same process is not taken out of service by a gateway blip.
func (b *Bot) Ready() bool { return b.ready.Load() && b.fatal.Load() == nil }

// Err returns the fatal error that stopped the bot, if any.
func (b *Bot) Err() error {
	if f := b.fatal.Load(); f != nil {
		return f
	}
	return nil
}

// Done is closed when the bot has stopped for good.
func (b *Bot) Done() <-chan struct{} { return b.done }

// Close disconnects and waits (until ctx ends) for replies being sent.
func (b *Bot) Close(ctx context.Context) error {
	if b.cancel == nil {
		return nil
	}
	b.cancel()
	select {
	case <-b.done:
	case <-ctx.Done():
	}
	return b.work.wait(ctx)
}

func (b *Bot) session() *dg.Session {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sess
}

// newSession builds a discordgo session with our settings and handlers.
func (b *Bot) newSession() *dg.Session {
	s, _ := dg.New(b.cfg.Token) // New cannot fail
	if b.cfg.HTTPClient != nil {
		s.Client = b.cfg.HTTPClient
	}
	s.Identify.Intents = gatewayIntents
	s.ShardID, s.ShardCount = b.cfg.ShardID, b.cfg.ShardCount
	s.ShouldReconnectOnError = false // we reconnect ourselves; see supervise
	s.ShouldRetryOnRateLimit = true  // wait out 429s rather than drop a reply
	s.StateEnabled = false           // nothing needs the cache
	s.SyncEvents = true              // handlers only queue work, in gateway order
	s.LogLevel = dg.LogError
	s.AddHandler(b.onReady)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onMessage)
	s.AddHandler(b.onInteraction)
	s.AddHandler(func(_ *dg.Session, r *dg.RateLimit) {
		b.log.Info("discord rate limit; waiting", "retry_after", r.RetryAfter.String(), "bucket", r.Bucket)
	})
	b.mu.Lock()
	b.sess = s
	b.mu.Unlock()
	return s
}

// supervise opens the gateway connection and reopens it after a drop,
// resuming the session where possible, with exponential backoff; a fatal
// close code stops it.
func (b *Bot) supervise() {
	defer close(b.done)
	s := b.newSession()
	wait := b.cfg.ReconnectMin
	for {
		err := s.Open()
		if errors.Is(err, dg.ErrWSAlreadyOpen) {
			err = nil
		}
		if err == nil {
			wait = b.cfg.ReconnectMin
			if !b.ready.Swap(true) {
				b.log.Info("discord gateway connected", "shard", b.cfg.ShardID, "shards", b.cfg.ShardCount)
			}
			select {
			case <-b.ctx.Done():
				b.ready.Store(false)
				_ = s.Close()
				return
			case <-b.disconnected:
				if b.ctx.Err() != nil {
					continue
				}
				b.log.Warn("discord gateway disconnected; reconnecting")
				continue
			}
		}
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			if reason, ok := fatalCodes[ce.Code]; ok {
				f := &FatalError{Code: ce.Code, Reason: reason}
				b.fatal.Store(f)
				b.ready.Store(false)
				b.log.Error("discord gateway refused the bot; the Discord channel is stopped", "close_code", ce.Code, "reason", reason)
				return
			}
			if ce.Code == 4007 || ce.Code == 4009 {
				// The session cannot be resumed: start a fresh one.
				b.log.Info("discord session expired; identifying again", "close_code", ce.Code)
				s = b.newSession()
			}
		}
		b.log.Warn("discord gateway connection failed; retrying", "err", err, "in", wait.String())
		select {
		case <-b.ctx.Done():
			b.ready.Store(false)
			return
		case <-time.After(wait):
		}
		wait *= 2
		if wait > b.cfg.ReconnectMax {
			wait = b.cfg.ReconnectMax
		}
	}
}

func (b *Bot) onDisconnect(_ *dg.Session, _ *dg.Disconnect) {
	select {
	case b.disconnected <- struct{}{}:
	default:
	}
}

func (b *Bot) onReady(s *dg.Session, r *dg.Ready) {
	if r.User != nil {
		b.botID.Store(r.User.ID)
	}
	app := ""
	if r.Application != nil {
		app = r.Application.ID
	} else if r.User != nil {
		app = r.User.ID
	}
	b.appID.Store(app)
	if app != "" && b.cfg.ShardID == 0 && !b.registered.Swap(true) {
		// Commands are global: one shard registers them.
		go b.registerCommands(s, app)
	}
}

// commands are the slash commands. Their names and descriptions are shown
// in Discord's command picker.
var commands = []*dg.ApplicationCommand{
	{
		Name:        "signpost",
		Description: "Tell Signpost what's wrong or what you need",
		Options: []*dg.ApplicationCommandOption{{
			Type: dg.ApplicationCommandOptionString, Name: "message", Required: true, MaxLength: engine.MaxTextLen,
			Description: "In your own words",
		}},
	},
	{Name: "status", Description: "The latest news from the hospital about the IT problems"},
	{Name: "restart", Description: "Forget our conversation and start again"},
}

func (b *Bot) registerCommands(s *dg.Session, app string) {
	for attempt := 0; attempt < 5; attempt++ {
		_, err := s.ApplicationCommandBulkOverwrite(app, "", commands)
		if err == nil {
			b.log.Info("discord slash commands registered", "count", len(commands))
			return
		}
		b.log.Warn("could not register discord slash commands", "err", err)
		select {
		case <-b.ctx.Done():
			return
		case <-time.After(time.Duration(attempt+1) * 2 * time.Second):
		}
	}
	b.registered.Store(false)
}
