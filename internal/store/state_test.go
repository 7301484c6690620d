package store

import (
	"encoding/json"
	"testing"

	"github.com/nhs-signpost/signpost/internal/engine"
)

// The hand-written session encoding must write exactly what encoding/json
// writes, and read back whatever encoding/json would, so that replicas of
// other versions read each other's sessions.
func TestStateEncodingIsJSON(t *testing.T) {
	for _, st := range []engine.State{
		{},
		{Turns: 1},
		{Flow: "tr_earache", Step: 2, Turns: 3, Last: "tr_cough"},
		{Last: "outage_appointments", Turns: 12},
		{Flow: "odd\"id\\with<escapes>", Turns: 1},
		{Flow: "ünïcode", Step: 1},
	} {
		got, err := appendState(nil, st)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(st)
		if string(got) != string(want) {
			t.Errorf("appendState(%+v) = %s, encoding/json writes %s", st, got, want)
		}
		back, err := decodeState(string(got))
		if err != nil || back != st {
			t.Errorf("decodeState(%s) = %+v, %v; want %+v", got, back, err, st)
		}
	}
	for data, want := range map[string]engine.State{
		`{"t":2,"f":"x"}`:              {Flow: "x", Turns: 2},
		`{ "f" : "x" }`:                {Flow: "x"},
		`{"f":"x","extra":true}`:       {Flow: "x"},
		`{"f":"a\u0062c"}`:             {Flow: "abc"},
		`{"s":1,"s":4}`:                {Step: 4},
		`{"f":"tr_earache","s":0}`:     {Flow: "tr_earache"},
		`{"l":"tr_cough","t":7,"s":1}`: {Last: "tr_cough", Turns: 7, Step: 1},
	} {
		got, err := decodeState(data)
		if err != nil || got != want {
			t.Errorf("decodeState(%s) = %+v, %v; want %+v", data, got, err, want)
		}
	}
	for _, bad := range []string{``, `{`, `not json`, `{"f":1}`, `{"t":"x"}`} {
		if _, err := decodeState(bad); err == nil {
			t.Errorf("decodeState(%q) accepted", bad)
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	f.Add(`{"f":"tr_earache","s":2,"t":3,"l":"tr_cough"}`)
	f.Add(`{"t":1}`)
	f.Fuzz(func(t *testing.T, data string) {
		got, err := decodeState(data)
		var want engine.State
		werr := json.Unmarshal([]byte(data), &want)
		if (err == nil) != (werr == nil) || err == nil && got != want {
			t.Fatalf("decodeState(%q) = %+v, %v; encoding/json gives %+v, %v", data, got, err, want, werr)
		}
	})
}
