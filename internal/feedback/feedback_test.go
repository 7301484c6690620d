package feedback_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/nhs-signpost/signpost/internal/feedback"
	"github.com/nhs-signpost/signpost/internal/redistest"
)

// counter is what both implementations offer.
type counter interface {
	Record(ctx context.Context, intent string, helpful bool) error
	Counts(ctx context.Context) ([]feedback.Count, error)
}

// The same behaviour from memory and from a real Redis.
func TestCounts(t *testing.T) {
	srv := redistest.Start(t)
	for _, tc := range []struct {
		name string
		new  func(t *testing.T) counter
	}{
		{"memory", func(*testing.T) counter { return feedback.NewMemory() }},
		{"redis", func(t *testing.T) counter { return feedback.NewRedis(srv.Client(t), "test:"+t.Name()+":") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := tc.new(t)
			if got, err := c.Counts(ctx); err != nil || len(got) != 0 {
				t.Fatalf("new counts: %v, %v; want none", got, err)
			}
			for _, v := range []struct {
				intent  string
				helpful bool
			}{{"sore_throat", true}, {"sore_throat", true}, {"sore_throat", false}, {"outage_parking", false}, {"outage_parking", false}, {"outage_data", true}} {
				if err := c.Record(ctx, v.intent, v.helpful); err != nil {
					t.Fatal(err)
				}
			}
			got, err := c.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The least helpful answers come first.
			want := []feedback.Count{
				{Intent: "outage_parking", NotHelpful: 2},
				{Intent: "sore_throat", Helpful: 2, NotHelpful: 1},
				{Intent: "outage_data", Helpful: 1},
			}
			if !slices.Equal(got, want) {
				t.Errorf("counts %+v, want %+v", got, want)
			}
		})
	}
}

// Replicas sharing one Redis add to the same counts, even all at once: the
// admin page shows the fleet, not one replica.
func TestRedisCountsAreFleetWide(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	prefix := fmt.Sprintf("test:%s:", t.Name())
	replicas := []*feedback.Redis{feedback.NewRedis(srv.Client(t), prefix), feedback.NewRedis(srv.Client(t), prefix), feedback.NewRedis(srv.Client(t), prefix)}
	var wg sync.WaitGroup
	for i, r := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 50 {
				if err := r.Record(ctx, "sore_throat", (n+i)%2 == 0); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, r := range replicas {
		got, err := r.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Helpful+got[0].NotHelpful != 150 || got[0].Helpful != 75 {
			t.Errorf("replica %d sees %+v, want 75 yes and 75 no from all three", i, got)
		}
	}
	// Another prefix (another deployment on the same Redis) sees none of them.
	if got, err := feedback.NewRedis(srv.Client(t), prefix+"other:").Counts(ctx); err != nil || len(got) != 0 {
		t.Errorf("another prefix sees %+v, %v", got, err)
	}
}
