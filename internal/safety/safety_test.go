package safety_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
	"github.com/nhs-signpost/signpost/internal/contenttest"
	"github.com/nhs-signpost/signpost/internal/safety"
)

// set loads the bundled content once: these tests check the rules a trust
// would actually run, not a copy of them.
func set(t *testing.T) *content.Set {
	t.Helper()
	return contenttest.SharedBundled(t)
}

// screen returns the level of the most urgent rule met ("" for none) and the
// ids of every rule met.
func screen(t *testing.T, msg string) (string, []string) {
	t.Helper()
	s := set(t)
	doc := s.Analyzer.Analyze(msg)
	hits := safety.Screen(s, doc, s.Library.Scan(doc))
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Rule.ID)
	}
	if len(hits) == 0 {
		return "", nil
	}
	return hits[0].Rule.Level, ids
}

// Each group lists messages written the way people type (lay words, typos,
// text-speak) that must reach the level, and near misses that must not reach
// 999 or A&E. These phrasings are separate from the rules' own tests in the
// YAML, so a content edit that narrows a rule shows up here too.
var groups = []struct {
	name  string
	level string
	match []string
	calm  []string // must not be sent to 999 or A&E
}{
	{"stroke", "999",
		[]string{
			"my nan's mouth is all crooked and she's dribbling, can't get her words out",
			"dad keeps slurring his words and his arm has gone weak",
			"husband cant raise his left arm and his smile is lopsided",
			"pls help my nans face has gone all droopy n she cant talk proper",
			"grandads speech has gone funny",
		},
		[]string{
			"my legs feel weak after being ill with flu",
			"my arm is numb when I wake up, goes after a minute",
			"my stroke clinic appointment was today, is it off?",
			"my grandad is recovering from a stroke and his speech therapy was cancelled",
			"is the stroke unit still taking visitors",
		}},
	{"heart attack", "999",
		[]string{
			"got this awful pressure in my chest and its going down my arm, sweating buckets",
			"chest feels like its being squeezed in a vice",
			"hubby has crushing chest pains n hes grey",
			"pain in chest going into my left arm",
			"dad having a heart attack i think",
		},
		[]string{
			"no chest pain, just a bit of heartburn after curry",
			"had a heart attack last year, my cardiology follow-up was cancelled, I feel fine",
			"chest infection, coughing up green phlegm, no chest pain",
		}},
	{"breathing", "999",
		[]string{
			"my son cant catch his breath and his lips are going blue",
			"cant breath properly, cant even finish a sentence",
			"my daughter can't breath properly, she can only say one word at a time",
			"dad's not breathing please help",
			"asthma attack, inhaler not working",
			"baby not breathing properly, blue around the mouth",
		},
		[]string{
			"breathing is fine, just a tickly cough",
			"no breathing problems, sore throat",
			"my chest is a bit tight with this cold and my nose is blocked",
			"cant breathe through my nose",
			"my inhaler is running low, can I get more",
		}},
	{"choking", "999",
		[]string{"baby is choking on a grape", "help hes chokin and going red"},
		[]string{"she's not choking, just coughing", "my toddler keeps choking on her words when she's excited"}},
	{"collapse", "999",
		[]string{
			"my grandad has collapsed on the kitchen floor",
			"found my son and he wont wake up",
			"my dad is unconsious",
			"mum collapsed and isnt responding",
			"cant wake her up",
		},
		[]string{
			"my son can't wake up in the mornings for school",
			"the car park payment machine collapsed in the wind",
			"my dog is choking on a toy",
			"the queue at the pharmacy is not moving",
			"switchboard isn't responding to my emails",
		}},
	{"seizure", "999",
		[]string{
			"my mum is having a siezure",
			"hes havin a fit and wont stop shaking",
			"my girlfriend is fitting on the floor",
			"my daughter is convulsing",
			"my son just had his first seizure",
		},
		[]string{
			"my dad had a fit two months ago, is his neurology appointment still on?",
			"I'm fit and well, just want to know about my blood test",
			"need to rebook my fit note appointment",
		}},
	{"bleeding", "999",
		[]string{
			"there is blood evrywhere and it wont stop bleeding",
			"the bleeding won't stop, I've gone through three towels",
			"cut my leg and blood is pumping out",
		},
		[]string{
			"not bleeding any more, it's just a graze",
			"small cut on my finger, stopped bleeding",
			"heavy periods for months, soaking through pads",
		}},
	{"anaphylaxis", "999",
		[]string{
			"ate a cashew and my tongue feels massive and my throat is tight",
			"stung by a bee and now my lips are swelling and i feel faint",
			"my throat is swelling up i think its anaphalaxis",
		},
		[]string{
			"got stung by a wasp on my hand, its red and swollen",
			"hay fever making my eyes puffy and itchy",
			"can I still get my epipen prescription from the hospital pharmacy",
			"no swelling of lips or tongue, just hives",
		}},
	{"rash and meningitis", "999",
		[]string{
			"my little boy has tiny red spots that don't go when I press a glass on them",
			"my kid has a rash that doesnt fade when i do the glass thing",
			"purple spots on her legs and a high temp",
		},
		[]string{
			"the rash fades under a glass, its on his cheeks",
			"no rash, he has a temperature of 38.2 and a cough, he's 4",
		}},
	{"sepsis", "999",
		[]string{
			"mums got a urine infection and now shes not making sense and her breathing is really fast",
			"my dad's septic I think, he's shaking uncontrollably",
		},
		[]string{"had sepsis last year and my follow up blood test was cancelled"}},
	{"headache", "999",
		[]string{"worst headache of my life, came on suddenly", "sudden splitting headache out of nowhere"},
		[]string{"headache on and off for a week"}},
	{"head injury", "ae",
		[]string{
			"fell off my bike and hit my head, now i've been sick 3 times",
			"banged my head on a shelf, i'm on blood thinners",
			"hit my head and cant remember what happened",
		},
		[]string{
			"bumped head, not sick, playing normally",
			"my son bumped his head but he is fine, no sickness, running around",
		}},
	{"overdose", "999",
		[]string{
			"i took 30 paracetamol an hour ago",
			"my friend has taken an overdose of her antidepressants",
			"took loads of sleeping pills",
			"my friend just od'd",
			"my boy's swallowed a battery",
		},
		[]string{
			"did I overdose? took my vitamin D twice by mistake",
			"I had an overdose 5 years ago and I'm fine now, just need my GP letter",
			"took two paracetamol for my headache this morning",
		}},
	{"trauma", "999",
		[]string{"my brother has been stabbed", "my dad fell off a ladder and cant move his legs"},
		[]string{"stabbing pain in my side when I cough"}},
	{"burns and bones", "ae",
		[]string{
			"poured boiling water on my foot, the skin's gone white",
			"i think i broke my arm, it's bent the wrong way",
			"scalded my face with boiling water and its blistering",
		},
		[]string{"sunburnt shoulders, red and sore", "burnt my finger on the oven tray, small red mark", "sprained my ankle, swollen but I can walk on it"}},
	{"children", "999",
		[]string{
			"my 9 month old is grunting and her ribs are sucking in",
			"baby has gone floppy",
			"she has a weak high pitched cry",
		},
		[]string{"nappy rash that won't go away", "my bruise isn't fading after two weeks", "my baby is 5 months old with a temp of 38", "my 2 year old has a temperature of 38.5 but is playing and drinking"}},
	{"baby under 3 months with fever", "ae",
		[]string{"my 4 week old baby has a temperature of 38.5", "baby is 8 weeks old and feels really hot, took her temp under her arm and it's 38.2", "my 6 week old has a fever"},
		[]string{"my 6 week old baby has a temp of 37.2 and is feeding well"}},
	{"pregnancy", "999",
		[]string{"10 weeks pregnant and bleeding really heavily with clots", "pregnant and i have really bad constant pain in my stomach"},
		[]string{"I'm pregnant and want to know if my scan is still on", "im pregnant and feeling a bit sick in the mornings"}},
	{"suicide attempt", "999",
		[]string{"I'm standing on the bridge and I'm going to jump", "i've cut my wrists", "im going to kill myself tonight"},
		[]string{"no thoughts of hurting myself", "this waiting is killing me, when will my op be rebooked"}},
	{"asthma, palpitations, clots", "999",
		[]string{
			"my son is having a bad asthma attack",
			"heart is pounding and i feel like i'm going to pass out",
			"been coughing up blood and i'm short of breath",
		},
		[]string{"my asthma review was cancelled", "heart races after coffee, otherwise fine"}},
	{"chest pain, back and nose", "ae",
		[]string{
			"got chest pain",
			"back pain and my bum feels numb",
			"nosebleed won't stop, been 30 mins",
			"my baby is really sleepy and won't feed",
		},
		[]string{"my chest hurts a bit when I cough", "back ache from lifting, can walk fine", "nosebleed stopped after 5 minutes"}},
	{"assault", "999",
		[]string{"i've been assaulted and my head is bleeding", "my son got jumped and he is bleeding"},
		[]string{"had panic attacks all evening and can't cope"}},
	{"crisis", content.DispCrisis,
		[]string{
			"i just want it all to stop, i dont want to be here anymore",
			"feeling really suicidal",
			"I keep having urges to hurt myself",
			"I can't cope, everything is falling apart",
			"my wife is hearing voices and thinks the tv is talking to her",
			"everyone would be better off if i wasnt around",
			"thinking of taking my own life",
		},
		[]string{"not suicidal, just fed up with waiting for my op", "I cut myself shaving and it keeps bleeding a little", "my back is killing me after gardening"}},
}

func TestRedFlagGroups(t *testing.T) {
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, msg := range g.match {
				got, ids := screen(t, msg)
				if got != g.level {
					t.Errorf("%q: level %q (rules %v), want %q", msg, got, ids, g.level)
				}
			}
			for _, msg := range g.calm {
				if got, ids := screen(t, msg); got == content.Disp999 || got == content.DispAE {
					t.Errorf("%q: sent to %s by %v, want no emergency", msg, got, ids)
				}
			}
		})
	}
}

// Crisis language alongside an emergency: the emergency comes first, and the
// crisis rule is still reported so its support lines can go with it.
func TestScreenOrdersMostUrgentFirst(t *testing.T) {
	_, ids := screen(t, "i want to die and i've taken a whole packet of paracetamol")
	if len(ids) < 2 || ids[0] != "overdose" || !slices.Contains(ids, "suicidal_thoughts") {
		t.Fatalf("rules %v, want overdose first and suicidal_thoughts among them", ids)
	}
}

// A measured temperature below the threshold overrides words such as "fever",
// and an older baby's temperature never meets the under-3-months rule.
func TestBabyFeverUsesAgeAndTemperature(t *testing.T) {
	cases := []struct {
		msg  string
		want bool
	}{
		{"my 6 week old has a temperature of 38.4", true},
		{"my 6 week old has a fever, temp 37.4", false},
		{"my 5 month old has a temperature of 38.4", false},
		{"2 month old baby, thermometer says 101F", true},
	}
	for _, c := range cases {
		_, ids := screen(t, c.msg)
		if got := slices.Contains(ids, "baby_fever_under_3_months"); got != c.want {
			t.Errorf("%q: baby fever rule met = %v (rules %v), want %v", c.msg, got, ids, c.want)
		}
	}
}

// Every rule names its NHS source, has a reply with a number or place to go,
// and is tested on both sides (the classifier rules excepted: nobody types
// their patterns).
func TestEveryRuleIsSourcedAndTested(t *testing.T) {
	for _, rf := range set(t).RedFlags {
		if strings.TrimSpace(rf.Source) == "" {
			t.Errorf("%s:%d: red flag %q has no source", rf.File, rf.Line, rf.ID)
		}
		if !strings.Contains(rf.Reply, "999") && !strings.Contains(rf.Reply, "A&E") && !strings.Contains(rf.Reply, "111") &&
			!strings.Contains(rf.Reply, "maternity unit") {
			t.Errorf("%s:%d: red flag %q reply does not say where to go", rf.File, rf.Line, rf.ID)
		}
		if strings.HasPrefix(rf.ID, "classifier_") {
			continue
		}
		if len(rf.Tests.Match) == 0 || len(rf.Tests.NoMatch) == 0 {
			t.Errorf("%s:%d: red flag %q needs tests on both sides", rf.File, rf.Line, rf.ID)
		}
	}
}

// The classifier's rules exist (the engine escalates to them) and nothing a
// person types meets them.
func TestClassifierRulesAreNotTyped(t *testing.T) {
	s := set(t)
	for _, id := range []string{"classifier_emergency", "classifier_crisis"} {
		i := slices.IndexFunc(s.RedFlags, func(rf *content.RedFlag) bool { return rf.ID == id })
		if i < 0 {
			t.Fatalf("red flag %q is missing; the engine needs it", id)
		}
	}
	for _, msg := range []string{"classifier flagged emergency", "the classifier flagged a crisis"} {
		if _, ids := screen(t, msg); slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "classifier_") }) {
			t.Errorf("%q met a classifier rule: %v", msg, ids)
		}
	}
}

func BenchmarkScreen(b *testing.B) {
	s := contenttest.Bundled(b)
	msg := "Hi, my cardiology clinic was cancelled, but since this morning I've had a tight feeling in my chest going up into my jaw"
	for b.Loop() {
		doc := s.Analyzer.Analyze(msg)
		safety.Screen(s, doc, s.Library.Scan(doc))
	}
}
