package admin

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
)

// Editors are the people who may use the admin area, each with their own
// token. They are read from a file of "name:sha256hex(token)" lines (a
// mounted Kubernetes secret), so the audit log records who made a change
// and one person's access is revoked by deleting their line. The file is
// checked again whenever it changes (at most once a second): a revoked
// token stops working within a second, without a restart. A missing or
// unreadable file lets nobody in.
type Editors struct {
	path string
	log  *slog.Logger
	now  func() time.Time

	mu      sync.Mutex
	checked time.Time
	mod     time.Time
	size    int64
	list    []namedToken
}

type namedToken struct {
	name string
	hash [32]byte
}

// parseEditors reads a token file's lines. Blank lines and lines starting
// with # are skipped; every other line must be "name:hex" with a 64-digit
// SHA-256 hex digest and a name fit for the audit log.
func parseEditors(b []byte) ([]string, [][32]byte, error) {
	var names []string
	var hashes [][32]byte
	var problems []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ':')
		if i < 0 {
			problems = append(problems, fmt.Sprintf("line %d: want name:sha256hex", n))
			continue
		}
		name, digest := strings.TrimSpace(line[:i]), strings.ToLower(strings.TrimSpace(line[i+1:]))
		raw, err := hex.DecodeString(digest)
		if err != nil || len(raw) != sha256.Size {
			problems = append(problems, fmt.Sprintf("line %d: the hash must be 64 hex digits (sha256 of the token)", n))
			continue
		}
		if msg := checkEditor(name); msg != "" {
			problems = append(problems, fmt.Sprintf("line %d: %s", n, msg))
			continue
		}
		names = append(names, name)
		hashes = append(hashes, [32]byte(raw))
	}
	if len(problems) > 0 {
		return names, hashes, fmt.Errorf("admin tokens file: %s", strings.Join(problems, "; "))
	}
	return names, hashes, nil
}

// OpenEditors reads the token file at path. It fails if the file cannot be
// read or names nobody, so that a mistake shows at start-up.
func OpenEditors(path string, log *slog.Logger) (*Editors, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Editors{path: path, log: log, now: time.Now}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("admin tokens file: %w", err)
	}
	if err := e.read(st); err != nil {
		return nil, err
	}
	if len(e.list) == 0 {
		return nil, fmt.Errorf("admin tokens file %s names no editors (one name:sha256hex line each)", path)
	}
	return e, nil
}

// read loads the file; bad lines are reported and skipped (those people
// are not let in), good ones replace the list.
func (e *Editors) read(st os.FileInfo) error {
	b, err := os.ReadFile(e.path)
	if err != nil {
		e.list = nil
		return fmt.Errorf("admin tokens file: %w", err)
	}
	names, hashes, perr := parseEditors(b)
	list := make([]namedToken, len(names))
	for i := range names {
		list[i] = namedToken{name: names[i], hash: hashes[i]}
	}
	e.list, e.mod, e.size = list, st.ModTime(), st.Size()
	return perr
}

// refresh re-reads the file if it changed, at most once a second.
func (e *Editors) refresh() {
	now := e.now()
	if now.Sub(e.checked) < time.Second {
		return
	}
	e.checked = now
	st, err := os.Stat(e.path)
	if err != nil {
		if e.list != nil {
			e.log.Error("admin: the tokens file is gone; nobody can use the admin area until it is back", "path", e.path, "err", err)
		}
		e.list, e.mod, e.size = nil, time.Time{}, 0
		return
	}
	if st.ModTime().Equal(e.mod) && st.Size() == e.size {
		return
	}
	if err := e.read(st); err != nil {
		e.log.Error("admin: problems in the tokens file; those lines are ignored", "path", e.path, "err", err)
	}
	e.log.Info("admin: tokens file re-read", "editors", len(e.list))
}

// Who returns the name of the editor whose token this is.
func (e *Editors) Who(token string) (string, bool) {
	got := sha256.Sum256([]byte(token))
	e.mu.Lock()
	defer e.mu.Unlock()
	e.refresh()
	name, found := "", false
	// Compare against every entry, in constant time each, so the time taken
	// says nothing about which entry (if any) matched.
	for _, ed := range e.list {
		if subtle.ConstantTimeCompare(got[:], ed.hash[:]) == 1 && !found {
			name, found = ed.name, true
		}
	}
	return name, found
}

// HashToken is the line format's digest of a token: what an operator puts
// after the colon.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
