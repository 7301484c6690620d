package web

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// The messages API is the hot path, so its request and response are read and
// written by hand: encoding/json's reflection was a tenth of a reply's CPU.
// Both give exactly what encoding/json gives (tests compare them), and
// anything unusual in a request goes to encoding/json itself.

// inPool keeps request body buffers between requests.
var inPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// parseMessageRequest reads the usual request body, a flat object of
// session_id, text and payload strings (or nulls) without escapes, in any
// order. ok is false for anything else, which encoding/json then reads.
func parseMessageRequest(b []byte) (req engine.Request, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return req, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return req, skipSpace(b, i+1) == len(b)
	}
	for {
		key, j, ok := plainJSONString(b, i)
		if !ok {
			return req, false
		}
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return req, false
		}
		i = skipSpace(b, i+1)
		var val string
		if bytes.HasPrefix(b[i:], []byte("null")) {
			i += 4
		} else {
			v, j, ok := plainJSONString(b, i)
			if !ok {
				return req, false
			}
			val, i = string(v), j
		}
		switch string(key) {
		case "session_id":
			req.SessionID = val
		case "text":
			req.Text = val
		case "payload":
			req.Payload = val
		default:
			return req, false
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return req, false
		}
		if b[i] == '}' {
			return req, skipSpace(b, i+1) == len(b)
		}
		if b[i] != ',' {
			return req, false
		}
		i = skipSpace(b, i+1)
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainJSONString reads a JSON string at b[i:] that needs no unescaping:
// no backslash, no control character, valid UTF-8.
func plainJSONString(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s := b[i+1 : j]
			return s, j + 1, utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// appendArray appends xs as a JSON array, or null for a nil slice, as
// encoding/json does.
func appendArray[T any](b []byte, xs []T, appendOne func([]byte, T) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(b, x)
	}
	return append(b, ']')
}

func appendQuickReply(b []byte, q engine.QuickReply) []byte {
	b = append(b, `{"title":`...)
	b = appendJSONString(b, q.Title)
	b = append(b, `,"payload":`...)
	b = appendJSONString(b, q.Payload)
	return append(b, '}')
}

// appendMessageResponse appends what json.NewEncoder(w).Encode(r) writes,
// newline included. It fails only where encoding/json would (a confidence
// that is not a number).
func appendMessageResponse(b []byte, r MessageResponse) ([]byte, bool) {
	b = append(b, `{"session_id":`...)
	b = appendJSONString(b, r.SessionID)
	b = append(b, `,"messages":`...)
	b = appendArray(b, r.Messages, appendMessage)
	b = append(b, `,"quick_replies":`...)
	b = appendArray(b, r.QuickReplies, appendQuickReply)
	b = append(b, `,"intent":`...)
	b = appendOptional(b, r.Intent)
	b = append(b, `,"disposition":`...)
	b = appendOptional(b, r.Disposition)
	b = append(b, `,"confidence":`...)
	b, ok := appendJSONFloat(b, r.Confidence)
	if !ok {
		return b, false
	}
	b = append(b, `,"red_flag":`...)
	b = appendOptional(b, r.RedFlag)
	b = appendField(b, "source", string(r.Source))
	if r.Degraded {
		b = append(b, `,"degraded":true`...)
	}
	return append(b, '}', '\n'), true
}

func appendMessage(b []byte, m engine.Message) []byte {
	b = append(b, `{"text":`...)
	b = appendJSONString(b, m.Text)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(m.Kind))
	if len(m.Services) > 0 {
		b = append(b, `,"services":[`...)
		for i, c := range m.Services {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, c.ID)
			b = append(b, `,"name":`...)
			b = appendJSONString(b, c.Name)
			b = append(b, `,"kind":`...)
			b = appendJSONString(b, c.Kind)
			b = appendField(b, "phone", c.Phone)
			b = appendField(b, "sms", c.SMS)
			b = appendField(b, "sms_text", c.SMSText)
			b = appendField(b, "sms_label", c.SMSLabel)
			b = appendField(b, "address", c.Address)
			b = appendField(b, "url", c.URL)
			if c.OpenNow != nil {
				b = append(b, `,"open_now":`...)
				b = strconv.AppendBool(b, *c.OpenNow)
			}
			b = appendField(b, "status", c.Status)
			if c.ExampleData {
				b = append(b, `,"example_data":true`...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendField writes an omitempty string field.
func appendField(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, v)
}

func appendOptional(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// appendJSONFloat formats f as encoding/json does.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 → e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does by default: <, > and &
// escaped for HTML, invalid UTF-8 replaced, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// handWritten is whether appendMessageResponse knows every field of the
// answer's types, exactly as encoding/json would write them. A field added
// to one of them without a line here turns the hand-written path off (and
// fails TestMessageResponseIsEncodingJSON), so an answer never loses it.
var handWritten = jsonFields[MessageResponse]() == "session_id messages quick_replies intent disposition confidence red_flag source,omitempty degraded,omitempty" &&
	jsonFields[engine.Message]() == "text kind services,omitempty" &&
	jsonFields[engine.QuickReply]() == "title payload" &&
	jsonFields[engine.ServiceCard]() == "id name kind phone,omitempty sms,omitempty sms_text,omitempty sms_label,omitempty "+
		"address,omitempty url,omitempty open_now,omitempty status,omitempty example_data,omitempty"

// jsonFields lists the json tags of T's fields, in order.
func jsonFields[T any]() string {
	t := reflect.TypeFor[T]()
	tags := make([]string, t.NumField())
	for i := range tags {
		tags[i] = t.Field(i).Tag.Get("json")
	}
	return strings.Join(tags, " ")
}

// encodeMessageResponse is appendMessageResponse with encoding/json as the
// fallback.
func encodeMessageResponse(b []byte, r MessageResponse) []byte {
	if !handWritten {
		data, err := json.Marshal(r)
		if err != nil {
			return b
		}
		return append(append(b, data...), '\n')
	}
	if out, ok := appendMessageResponse(b, r); ok {
		return out
	}
	data, err := json.Marshal(r)
	if err != nil {
		return b // as json.Encoder.Encode, which writes nothing then
	}
	return append(append(b, data...), '\n')
}

// outPool keeps response buffers between answers.
var outPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// writeMessage writes a messages API answer with status 200.
func writeMessage(w http.ResponseWriter, r MessageResponse) {
	p := outPool.Get().(*[]byte)
	b := encodeMessageResponse((*p)[:0], r)
	h := w.Header()
	h["Content-Type"] = headerJSON
	h["Cache-Control"] = headerNoStore
	// Known length: a body over 2 KB would otherwise be sent chunked.
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
	if cap(b) <= 64<<10 {
		*p = b[:0]
		outPool.Put(p)
	}
}
