package store

import (
	"encoding/json"
	"strconv"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// A session is stored as the JSON of engine.State ({"f":"tr_earache","s":1,
// "t":3,"l":"tr_cough"}, empty fields left out). appendState and parseState
// write and read exactly that shape by hand, because reflection was most of
// a session update's CPU; any other value (a field added later, a string
// that needs escaping) goes through encoding/json, so values written by
// other versions of Signpost stay readable both ways.

// appendState appends the JSON of st to b.
func appendState(b []byte, st engine.State) ([]byte, error) {
	if !plain(st.Flow) || !plain(st.Last) {
		data, err := json.Marshal(st)
		return append(b, data...), err
	}
	b = append(b, '{')
	start := len(b)
	field := func(name string) {
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	if st.Flow != "" {
		field("f")
		b = strconv.AppendQuote(b, st.Flow)
	}
	if st.Step != 0 {
		field("s")
		b = strconv.AppendInt(b, int64(st.Step), 10)
	}
	if st.Turns != 0 {
		field("t")
		b = strconv.AppendInt(b, int64(st.Turns), 10)
	}
	if st.Last != "" {
		field("l")
		b = strconv.AppendQuote(b, st.Last)
	}
	return append(b, '}'), nil
}

// plain reports whether s is written the same by strconv.Quote and JSON:
// intent ids are ([a-z0-9_]).
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// parseState reads what appendState writes; ok is false for anything else.
func parseState(data string) (st engine.State, ok bool) {
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return st, false
	}
	rest := data[1 : len(data)-1]
	seen := 0
	for rest != "" {
		if seen > 0 {
			if rest[0] != ',' {
				return st, false
			}
			rest = rest[1:]
		}
		seen++
		if len(rest) < 4 || rest[0] != '"' || rest[2] != '"' || rest[3] != ':' {
			return st, false
		}
		name := rest[1]
		rest = rest[4:]
		var n int
		valid := false // an unknown name stays invalid
		switch name {
		case 'f':
			st.Flow, n, valid = plainString(rest)
		case 'l':
			st.Last, n, valid = plainString(rest)
		case 's':
			st.Step, n, valid = number(rest)
		case 't':
			st.Turns, n, valid = number(rest)
		}
		if !valid {
			return st, false
		}
		rest = rest[n:]
	}
	return st, true
}

// plainString reads a quoted string without escapes at the start of s.
func plainString(s string) (string, int, bool) {
	if len(s) < 2 || s[0] != '"' {
		return "", 0, false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			v := s[1:i]
			return v, i + 1, plain(v)
		case '\\':
			return "", 0, false
		}
	}
	return "", 0, false
}

// number reads a non-negative decimal integer at the start of s, written as
// JSON writes it (no leading zeros).
func number(s string) (int, int, bool) {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 || n > 1 && s[0] == '0' {
		return 0, 0, false
	}
	v, err := strconv.Atoi(s[:n])
	return v, n, err == nil
}

// decodeState reads a stored state: by hand when it has the usual shape,
// else with encoding/json.
func decodeState(data string) (engine.State, error) {
	if st, ok := parseState(data); ok {
		return st, nil
	}
	var st engine.State
	err := json.Unmarshal([]byte(data), &st)
	return st, err
}
