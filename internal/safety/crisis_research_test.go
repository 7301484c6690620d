package safety_test

import (
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
)

// Ways of dying researched and asked as a plain question: a lethal or fatal
// amount of a medicine, whether drowning or hanging hurts or is quick (NHS,
// Help for suicidal thoughts: researching ways to die is a warning sign).
// The same words asked for a pet, a child, an accident or a course are not
// a crisis (H498).
func TestLethalAmountAndMethodQuestionsAreACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"whats a lethal dose of propranolol",
		"fatal amount of amitriptyline?",
		"what amount of insulin would be fatal",
		"does drowning hurt",
		"is hanging quick",
		"would an overdose be painful or do you just fall asleep",
		"how long does drowning take",
	}, []string{
		"what is the maximum dose of paracetamol in a day",
		"revising for my pharmacology exam, what is the lethal dose of digoxin",
		"my son nearly drowned at the pool, does drowning hurt them",
		"is hanging baskets heavy work for a bad back",
	})
}

// "So tired I could sleep and not wake up for a week" is an idiom, not
// someone who cannot be woken: never the unconscious rule's 999. Someone
// asleep who will not wake still is (H498).
func TestSleepForAWeekIdiomIsNotUnconscious(t *testing.T) {
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"so tired i could sleep and not wake up for a week",
		"honestly could sleep for a month after these night shifts")
	wantLevel(t, content.Disp999,
		"my dad went to sleep after lunch and we cant wake him up",
		"she is asleep on the sofa and wont wake up")
}

// At a height now with parting words said to someone, over a barrier at the
// top of a car park, or a loaded gun in front of them: a life at risk now,
// 999 (NHS, When to call 999). A gun being cleaned is not (H498).
func TestAtAHeightOrWithALoadedGunNowIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"im stood at the top of the quarry face now, since my wife went theres nothing. just wanted to say it to someone",
		"top floor of the car park rn, climbed over the barrier. not even scared anymore",
		"ive got the shotgun loaded on the table in front of me, the farm's gone",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"cleaning the shotgun on the kitchen table, is it loaded? no",
		"my son climbed over the barrier at the football and got told off",
	)
}

// New loss of feeling when wiping, or accidents with the bowels, beside
// sciatica or back pain: cauda equina syndrome, A&E (NHS, Cauda equina
// syndrome). Leaking when laughing beside back pain is not (H498).
func TestSciaticaWithBowelAccidentsOrNumbWipingIsAE(t *testing.T) {
	wantLevel(t, content.DispAE,
		"sciatica, and since sunday ive lost some feeling when i wipe",
		"bad back for a week and now ive had a couple of accidents with my bowels",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"back pain and I leak a bit of wee when I laugh")
}
