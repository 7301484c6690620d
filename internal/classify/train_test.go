package classify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"testing"

	"github.com/nhs-signpost/signpost/eval"
	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
)

func bundled(t testing.TB) *content.Set {
	t.Helper()
	set := contenttest.Bundled(t)
	return set
}

// noRoute labels no red-flag near miss: tests here need only the content's
// own labels.
func noRoute(string) string { return "" }

func TestTrainingIsDeterministic(t *testing.T) {
	set := bundled(t)
	ex := FromContent(set, noRoute)
	a, b := Train(set.Analyzer, ex), Train(set.Analyzer, ex)
	if a.Digest() != b.Digest() {
		t.Fatalf("two trainings on the same examples differ: %s vs %s", a.Digest(), b.Digest())
	}
	for _, msg := range []string{"my chest hurts and my left arm is numb", "can I park at the hospital", "sore throat for 3 days"} {
		ra, rb := a.ReadText(msg), b.ReadText(msg)
		if ra.Emergency != rb.Emergency || ra.Crisis != rb.Crisis || ra.Urgent != rb.Urgent ||
			fmt.Sprint(ra.Topics(3)) != fmt.Sprint(rb.Topics(3)) {
			t.Errorf("%q reads differently: %+v %v vs %+v %v", msg, ra, ra.Topics(3), rb, rb.Topics(3))
		}
	}
	// A different example set gives a different model: the digest is not a constant.
	if c := Train(set.Analyzer, ex[1:]); c.Digest() == a.Digest() {
		t.Error("a model trained on fewer examples has the same digest")
	}
}

func TestLearnsTopicsAndAcuityFromContent(t *testing.T) {
	set := bundled(t)
	m := Train(set.Analyzer, FromContent(set, noRoute))
	// Paraphrases that are not in the content, with a typo.
	em := m.ReadText("my dad suddenly cant lift his arm and his face has dropped on one side, words all slurred")
	calm := m.ReadText("do i have to pay for parking, the car park machine is broken")
	if em.Emergency <= calm.Emergency || em.Emergency < 0.5 {
		t.Errorf("stroke reads as emergency %.2f, parking %.2f", em.Emergency, calm.Emergency)
	}
	if id, _ := em.Rule(func(string) bool { return true }); id != "stroke" {
		t.Errorf("closest rule to a stroke is %q", id)
	}
	if tops := calm.Topics(3); len(tops) != 3 || tops[0].ID != "outage_parking" {
		t.Errorf("parking question reads as %v", tops)
	}
	for _, s := range em.Topics(3) {
		if s.P < 0 || s.P > 1 {
			t.Errorf("probability out of range: %v", s)
		}
	}
}

func TestCalibrationFitsHeldAsideScores(t *testing.T) {
	// Scores that are right far more often than they say: the fitted map
	// must raise them, and keep their order.
	var s []float64
	var y []bool
	for i := 0; i < 200; i++ {
		p := 0.2 + 0.3*float64(i%10)/10
		s = append(s, p)
		y = append(y, i%10 != 0)
	}
	c := fitPlatt(s, y)
	if c.apply(0.3) <= 0.5 || c.apply(0.45) < c.apply(0.3) {
		t.Errorf("calibration %+v maps 0.3 to %.2f and 0.45 to %.2f", c, c.apply(0.3), c.apply(0.45))
	}
	if got := fitPlatt(s[:3], y[:3]); got != identity {
		t.Errorf("too few held-aside scores should leave scores as they are, got %+v", got)
	}
}

// BenchmarkTrain5000 trains on 5,000 messages, the size the package comment
// promises to train in under 2 s on one core: the content's own examples
// (topics and acuity) and, like the tuning corpus, messages that teach acuity
// only (here the content's examples again, reworded by a suffix).
func BenchmarkTrain5000(b *testing.B) {
	set := bundled(b)
	base := FromContent(set, noRoute)
	ex := append([]Example(nil), base...)
	for i := 0; len(ex) < 5000; i++ {
		e := base[i%len(base)]
		if e.Acuity == NoAcuity {
			continue
		}
		ex = append(ex, Example{Text: fmt.Sprintf("%s (%d)", e.Text, i), Acuity: e.Acuity})
	}
	benchTrain(b, set, ex)
}

// BenchmarkTrainTopics5000 is the worst case: 5,000 messages that all teach
// a topic as well.
func BenchmarkTrainTopics5000(b *testing.B) {
	set := bundled(b)
	base := FromContent(set, noRoute)
	var ex []Example
	for i := 0; len(ex) < 5000; i++ {
		e := base[i%len(base)]
		if i >= len(base) {
			e.Text = fmt.Sprintf("%s (%d)", e.Text, i/len(base))
		}
		ex = append(ex, e)
	}
	benchTrain(b, set, ex)
}

// BenchmarkTrainTuning is what the engine trains when content loads: the
// content's examples and the real tuning corpus (eval/tuning, acuity, and
// the topic where a case's group names an intent), topped up to 5,000 with
// tuning messages again, reworded by a suffix. Real messages bring far more
// distinct words and grams than the content's examples reworded.
func BenchmarkTrainTuning(b *testing.B) {
	set := bundled(b)
	ex := FromContent(set, noRoute)
	var corpus []Example
	err := fs.WalkDir(eval.Tuning, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".jsonl" {
			return err
		}
		data, err := fs.ReadFile(eval.Tuning, p)
		for _, line := range bytes.Split(data, []byte("\n")) {
			var c struct{ Message, Expected, Group string }
			if len(bytes.TrimSpace(line)) == 0 || json.Unmarshal(line, &c) != nil {
				continue
			}
			e := Example{Text: c.Message, Acuity: AcuityOf(c.Expected)}
			if set.Intent(c.Group) != nil {
				e.Topic = c.Group
			}
			corpus = append(corpus, e)
		}
		return err
	})
	if err != nil || len(corpus) < 3000 {
		b.Fatalf("tuning corpus: %d cases, %v", len(corpus), err)
	}
	ex = append(ex, corpus...)
	for i := 0; len(ex) < 5000; i++ {
		e := corpus[i%len(corpus)]
		ex = append(ex, Example{Text: fmt.Sprintf("%s (%d)", e.Text, i), Acuity: e.Acuity})
	}
	benchTrain(b, set, ex)
}

// benchTrain trains on ex b.N times. Besides wall time it reports CPU time
// per training (cpu-ns/op): on a shared machine wall time mostly measures
// the neighbours, and training runs on one goroutine, so with -cpu 1 the
// CPU time is the time on one core.
func benchTrain(b *testing.B, set *content.Set, ex []Example) {
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuNanos()
	for i := 0; i < b.N; i++ {
		Train(set.Analyzer, ex)
	}
	reportCPU(b, start)
}

// reportCPU reports the CPU time since start per operation, as cpu-ns/op.
func reportCPU(b *testing.B, start int64) {
	if d := cpuNanos() - start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(d)/float64(b.N), "cpu-ns/op")
	}
}

// benchRead measures reading one message, with or without its topics.
func benchRead(b *testing.B, topics bool) {
	set := bundled(b)
	m := Train(set.Analyzer, FromContent(set, noRoute))
	doc := set.Analyzer.Analyze("my little boy has had a temperature since yesterday and now he has a rash on his tummy")
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuNanos()
	for i := 0; i < b.N; i++ {
		r := m.Read(doc)
		if topics {
			r.Topics(3)
		}
	}
	reportCPU(b, start)
}

// BenchmarkRead is the cost every message pays: the acuity reading.
func BenchmarkRead(b *testing.B) { benchRead(b, false) }

// BenchmarkReadTopics adds the topics, read only when the rules placed
// nothing or an emergency reading looks for its rule.
func BenchmarkReadTopics(b *testing.B) { benchRead(b, true) }

func TestNegationLowersTheReading(t *testing.T) {
	set := bundled(t)
	m := Train(set.Analyzer, FromContent(set, noRoute))
	said := m.ReadText("been feeling flat for weeks and having thoughts of hurting myself")
	denied := m.ReadText("been feeling flat for weeks, no thoughts of hurting myself")
	// A denial must read far below the same words said: word features and
	// character grams both carry the negation.
	if denied.Crisis*3 >= said.Crisis {
		t.Errorf("crisis reading %.2f when denied, %.2f when said", denied.Crisis, said.Crisis)
	}
}

func TestReadDoesNotAllocate(t *testing.T) {
	set := bundled(t)
	m := Train(set.Analyzer, FromContent(set, noRoute))
	doc := set.Analyzer.Analyze("my little boy has had a temperature since yesterday and now he has a rash on his tummy")
	if n := testing.AllocsPerRun(100, func() { m.Read(doc) }); n != 0 {
		t.Errorf("Read allocates %.0f times a message", n)
	}
}

func TestExpNeg(t *testing.T) {
	for x := -40.0; x <= 0; x += 0.001 {
		if e := math.Exp(x); math.Abs(expNeg(x)-e) > 1e-8*e {
			t.Fatalf("expNeg(%g) = %g, want %g", x, expNeg(x), e)
		}
	}
}

// One example more is a typical content edit. The model learns from it, but
// its answers to every other message must barely move: an edit to the
// fever topic must not change what the model makes of a stroke, an
// overdose or a parking question (H441: before, each edit reshuffled
// training and moved about a hundred of the tuning corpus's answers).
func TestOneMoreExampleLeavesOtherReadingsSteady(t *testing.T) {
	set := bundled(t)
	ex := FromContent(set, noRoute)
	before := Train(set.Analyzer, ex)
	more := append(ex[:len(ex):len(ex)], Example{Text: "been boiling then freezing all night and my temp is 38.2",
		Topic: "tr_fever_adult", Acuity: Routine})
	after := Train(set.Analyzer, more)
	if before.Digest() == after.Digest() {
		t.Fatal("the extra example was not learnt from")
	}
	for _, msg := range []string{
		"my dad suddenly cant lift his arm and his face has dropped",
		"she swallowed a whole packet of her mums tablets an hour ago",
		"i keep thinking everyone would be better off without me",
		"can I park at the hospital while the computers are down",
		"sore throat for 3 days, can swallow fine",
		"my baby is 2 months old and has a temperature of 38",
		"ran out of my blood pressure tablets, gp closed",
		"chest feels tight and heavy and im sweating",
	} {
		a, b := before.ReadText(msg), after.ReadText(msg)
		for _, d := range []struct {
			name string
			x, y float64
		}{{"emergency", a.Emergency, b.Emergency}, {"crisis", a.Crisis, b.Crisis}, {"urgent", a.Urgent, b.Urgent}} {
			if math.Abs(d.x-d.y) > 0.02 {
				t.Errorf("%q: %s reading moved %.3f → %.3f after one unrelated example", msg, d.name, d.x, d.y)
			}
		}
		if ta, tb := a.Topics(1)[0].ID, b.Topics(1)[0].ID; ta != tb {
			t.Errorf("%q: closest topic moved %s → %s after one unrelated example", msg, ta, tb)
		}
	}
}
