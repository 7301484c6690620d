package gate_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/gate"
)

func TestBundledContentPassesTheGate(t *testing.T) {
	set, err := gate.Load(context.Background(), os.DirFS("../../intents"))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.RedFlags) == 0 {
		t.Fatal("no red flags")
	}
}

// The small fixture validates and passes its own tests, but lacks most
// emergency rules: the gate refuses it and says why.
func TestGateRefusesContentWithoutTheEmergencyRules(t *testing.T) {
	fsys := os.DirFS("../content/testdata/fixture")
	r, err := gate.Run(context.Background(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tests.Failures) != 0 || len(r.Suite) == 0 || r.OK() {
		t.Fatalf("want only safety suite findings, got %d test failures and %d suite problems", len(r.Tests.Failures), len(r.Suite))
	}
	_, err = gate.Load(context.Background(), fsys)
	var refused *gate.RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), `red-flag rule "heart_attack" is missing`) {
		t.Fatalf("want a refusal naming the lost rule, got %v", err)
	}
}

// Content that does not load is refused with every problem, as before.
func TestGateRefusesInvalidContent(t *testing.T) {
	_, err := gate.Load(context.Background(), fstest.MapFS{"a.yaml": {Data: []byte("intents: [")}})
	var errs content.Errors
	if !errors.As(err, &errs) || !strings.Contains(err.Error(), "a.yaml:") {
		t.Fatalf("want file:line errors, got %v", err)
	}
}
