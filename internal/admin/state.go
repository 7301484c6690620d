// Package admin is the comms team's admin area: the live incident notice
// (set, scheduled, cleared), live reply overrides for intents (validated,
// previewed, published and rolled back), what people are asking about, and
// an audit log of every change. State lives in Redis when it is configured,
// shared by every replica and announced with pub/sub, and in memory
// otherwise; each replica answers from a local copy, so a patient's message
// never waits on Redis.
//
// Emergency and crisis wording cannot be changed here: red-flag rules and
// intents whose disposition is 999, A&E or mental health crisis change only
// through reviewed content files.
package admin

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-signpost/signpost/internal/content"
)

// State is everything the admin area changes, as stored. Version counts the
// changes (0: nothing was ever published, or the store lost it and no
// replica had a copy); a replica that finds the store holding an older
// version than its own copy writes its copy back.
type State struct {
	Version   int64                     `json:"version,omitempty"`
	UpdatedAt time.Time                 `json:"updated_at,omitzero"`
	Notice    *Notice                   `json:"notice,omitempty"`
	Overrides map[string]*OverrideState `json:"overrides,omitempty"`
}

// Empty says whether the state holds nothing ever published.
func (s *State) Empty() bool {
	return s.Version == 0 && s.Notice == nil && len(s.Overrides) == 0
}

// Notice is the incident notice set in the admin area.
type Notice struct {
	Text      string    `json:"text"`
	Severity  string    `json:"severity"` // info, warning or critical
	StartsAt  time.Time `json:"starts_at,omitzero"`
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	SetBy     string    `json:"set_by"`
	SetAt     time.Time `json:"set_at"`
}

// ActiveAt says whether the notice shows at t.
func (n *Notice) ActiveAt(t time.Time) bool {
	if n == nil {
		return false
	}
	if !n.StartsAt.IsZero() && t.Before(n.StartsAt) {
		return false
	}
	return n.ExpiresAt.IsZero() || t.Before(n.ExpiresAt)
}

// OverrideState is the published history of one intent's reply.
type OverrideState struct {
	// Active is the version in force; 0 means the content file's reply.
	Active   int       `json:"active"`
	Versions []Version `json:"versions"`
}

// Version is one published reply text.
type Version struct {
	N    int       `json:"version"`
	Text string    `json:"text"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// active returns the text in force, if an override is.
func (o *OverrideState) active() (string, bool) {
	if o == nil || o.Active == 0 {
		return "", false
	}
	for _, v := range o.Versions {
		if v.N == o.Active {
			return v.Text, true
		}
	}
	return "", false
}

// maxVersions bounds the history kept per intent.
const maxVersions = 50

func (s *State) clone() *State {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // only plain data
	}
	var c State
	_ = json.Unmarshal(b, &c)
	return &c
}

// Entry is one line of the audit log.
type Entry struct {
	At     time.Time `json:"at"`
	Editor string    `json:"editor"`
	Action string    `json:"action"` // notice.set, notice.clear, override.publish, override.clear, override.rollback, state.restore
	Target string    `json:"target"` // "notice", the intent id, or "state"
	Before string    `json:"before"`
	After  string    `json:"after"`
	// Version is the state's version after the change.
	Version int64 `json:"version,omitempty"`
}

// ActionRestore is the audit action of a replica writing back the state the
// store lost.
const ActionRestore = "state.restore"

// describeNotice is a notice as one line of the audit log.
func describeNotice(n *Notice) string {
	if n == nil {
		return "(none: the content file's notice)"
	}
	s := fmt.Sprintf("[%s] %s", n.Severity, n.Text)
	if !n.StartsAt.IsZero() {
		s += " (from " + n.StartsAt.In(content.London).Format("02 Jan 2006 15:04") + ")"
	}
	if !n.ExpiresAt.IsZero() {
		s += " (until " + n.ExpiresAt.In(content.London).Format("02 Jan 2006 15:04") + ")"
	}
	return s
}
