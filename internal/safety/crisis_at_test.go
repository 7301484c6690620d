package safety_test

import (
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
)

// Crisis warning signs told without the words, studied on the at batches
// (mhc11b; NHS, Help for suicidal thoughts: saving up tablets or getting the
// means, visiting a place to die, putting affairs in order, saying they won't
// be around, researching ways). Each class is tried on both sides: the
// crisis in several wordings of our own, and a look-alike told by someone
// well that must not reach crisis, A&E or 999.

// Means saved up or gathered: tablets, morphine or drugs put by for an end,
// a rope bought beside debts, painkillers bought in several shops, a gun
// cabinet key kept on them beside ruin (H492).
func TestMeansSavedUpIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"been holding back some of my oramorph every night, for when I decide",
		"i've been saving my sertraline instead of taking it and I've got a big stash now",
		"got enough heroin put by to make sure I never wake up, just not yet",
		"nearly got the amount I need put by so I can get it over with",
		"i owe a lot to the wrong people and I bought a rope at the hardware shop",
		"there has been a rope in my bedroom for days, I don't know why I'm telling you",
		"I've bought paracetamol in four different shops this week",
		"went to several chemists so they wouldn't ask questions, got loads of tablets",
		"Keeping the rifle cabinet key on me all the time, the bank is calling the loan in",
		"The voices are the loudest they've been and I've put all my tablets into one bag. the thoughts are at their worst",
	}, []string{
		"I've been saving my insulin pens in the fridge door, is that right",
		"can I put aside some of my morphine for the holiday in a cool bag",
		"bought a rope for the boat, owe my brother for the fuel",
		"had to try three shops before I found any calpol in stock",
		"I keep the shotgun cabinet key on me at all times as my licence says",
		"I've put all my tablets for the week into one dosette box, thoughts on the best one?",
		"I've been saving my inhalers so I've got a good stash for the holiday",
		"I've got the amount I need put by for the deposit, want to get it over with",
	})
}

// Places visited and looked at: the railway at night or at a train's time,
// a drop looked over every night, a height with thoughts of letting go or
// stepping off (H493).
func TestPlacesVisitedAndLookedAtAreACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"I keep going down to the railway line at night and just stand there",
		"i know when the last train goes past, walked down to the tracks at that time twice this week",
		"i go and sit by the train tracks at 2am most nights",
		"every night I stop the car at the viaduct car park and look over the drop",
		"since she left I sit right at the edge of the quarry every evening",
		"up on the roof at work I keep thinking about just letting go",
		"every time I'm on the bridge I think how easy it would be to step off",
		"i walk by the river every morning and think about going in",
	}, []string{
		"I'm a train enthusiast, I walked down to the tracks at night to photograph the last freight",
		"we stopped at the viewpoint every evening to look over the drop, the view is stunning",
		"scaffolder here, been thinking about stepping off the tools and retraining as a plumber",
		"on the ferry every summer I think about going in for a swim at the beach",
		"I work on scaffolding all day and my knees ache, can I get a referral",
		"on the roof fixing tiles, thinking about letting go of this job and retiring",
		"I'm thinking about going in the water at the lido, is it safe with a cold",
		"since the divorce I keep looking at the drop in house prices",
		"I walk down to the pedestrian crossing every night to get the night bus",
		"we sit by the railway most nights with a flask watching trains, I'm a spotter",
	})
}

// Affairs put in order: passwords left with a note, letters for each
// grandchild left in peace, pets given away for good, a trade van given on
// "retiring" while young, papers with the solicitor and a spouse who "will
// manage", a note listing who gets their things (H494).
func TestAffairsPutInOrderAreACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my passwords are in an envelope for my sister with a note, want it all tidy for her",
		"i've written letters for each of my grandchildren and feel at peace now",
		"asked my friend to take the dog for good and paid for a year of his food",
		"gave my tools and the van to my nephew, told everyone I'm retiring, I'm 38",
		"the business papers are all with the solicitor, my husband will cope fine, and I've given the truck to my cousin",
		"found a note in my son's room saying sorry, it's not your fault, with a list of who gets his things",
	}, []string{
		"writing a will now the new baby is here, with a letter saying who gets my things",
		"asked my sister to have the dog for good as I'm moving into a care home, paid for a year of his food",
		"retiring at 67 and I've given my van to my son, I'm so proud",
		"I've written letters for each of the grandchildren to open on their 18th birthdays, as the solicitor advised",
		"the papers for the house sale are all with the solicitor, we're downsizing to a bungalow",
		"my passwords are in an envelope with a note for my wife, estate planning",
		"I'm 45 and retiring early, gave my van to my apprentice",
	})
}

// Not being around: no use for one's organs after a day, not expecting to
// need arrangements long, out of everyone's hair for good, "if I'm not
// around anymore" with debts, "not long now" with dark posts, not caring
// whether one wakes, the only way out, no one to stop them next time
// (H495).
func TestNotBeingAroundIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"how do I register as an organ donor, won't need them after Friday",
		"I do not expect to need it for much longer, I can't face the days",
		"two more days and I'll be out of everybody's hair for good",
		"if I'm not around any more who pays the arrears, the bailiffs come Thursday",
		"my daughter keeps posting dark stuff online with 'not long now'",
		"I honestly don't care whether I wake up tomorrow or don't wake up at all",
		"he says he let the family down and there's only one way out of this",
		"the police talked her down from the bridge, now she says next time nobody will stop her",
		"they were my last hope, if this fails I'm done, and I meant it",
		"I failed my exams, can't face my mum, I'll go away and not come back ever",
	}, []string{
		"how do I sign up to donate my organs, I'd like to help someone after I die",
		"moving out to uni on Sunday so I'll be out of everyone's hair for good haha",
		"does life insurance pay off the mortgage if I'm not around, just planning with the new baby",
		"not long now until the baby is due, so excited",
		"there's only one way out of the car park, it's by the barrier",
		"I'm done with this job, and I meant every word of my resignation",
		"sorry for being a let down at the match lads, love you all",
		"got a plan sorted for before the wedding, lost on the bets though haha",
	})
}

// Slang for suicide, researching ways or the most of a tablet, a vital
// medicine tipped away to see what happens, stopping eating so as not to be a
// burden (H496).
func TestSlangResearchAndStoppingOnPurposeAreACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"gonna ctb tonight i think, no one cares",
		"been thinking about sewerslide a lot lately",
		"my sister tried suicide attempt last year, now she's looking up methods again and thinking about it again",
		"people at work say i should go die and i think they're right, been looking up ways",
		"what's the most sertraline you can take at once, I'm done with everything",
		"he's been looking up how many of his pills would be too many, says he's a burden",
		"I've been tipping my insulin down the sink for a week, waiting to see what happens",
		"I've stopped eating so my kids can have their lives back",
		"mum has stopped eating since dad died and says there's no point in anything",
		"been looking up how high the bridge is, I'd rather go on my own terms",
	}, []string{
		"that maths exam made me want to ctb lol",
		"what's the quickest way to get to the walk-in centre",
		"researching methods for my dissertation on soil erosion",
		"what's the most ibuprofen you can take at once for toothache",
		"how do I dispose of out of date insulin, can I tip it down the sink",
		"stopped my warfarin before my op as I was told to stop, waiting to see what happens with my INR",
		"I've stopped eating bread to lose weight, is that ok",
	})
}

// Found by a relative: a hidden stash of tablets from a withdrawn partner,
// searches about ropes and whether it hurts, a goodbye post; self-harm told
// without the word; life cover asked "for a reason"; a baby better off with
// another mother (H497).
func TestFoundByARelativeAndSelfHarmUnnamedAreACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"found a bag with about 20 boxes of paracetamol at the back of my husband's wardrobe, he's been so withdrawn",
		"my daughter's search history is about nooses and whether it hurts",
		"my friend posted 'sorry for being a burden, love you all' and then deleted all her posts",
		"been scratching my wrist with a pin under the desk again, nobody has noticed",
		"my friend has fresh cuts on her arms and made me promise not to tell",
		"I sit with a knife for hours most nights, I won't hurt anyone else",
		"does life insurance pay out if it was suicide, asking for a reason, the kids would be sorted",
		"my wife keeps saying our baby would be better off with a different mum",
	}, []string{
		"clearing mum's house after she passed away, found a drawer with about 20 boxes of paracetamol, she'd been so withdrawn",
		"my son's scouts search history is all about knots for his badge",
		"the stunt team make it look like an accident when he falls",
		"my sister says her baby would be better off with a different mum and baby group",
		"scratched my arm on a pin by accident at work again",
		"my friend has fresh cuts on her arms from falling off her bike",
		"my son keeps scratching his arm with a pin again, his eczema is bad",
		"my dad has been really quiet, found a box with loads of packets of his heart tablets",
		"does life cover pay out if the death is self inflicted, my mortgage adviser asked",
	})
}

// Psychosis told without the word: a hammer carried "in case" beside being
// poisoned, a partner believed swapped for a look-alike, messages from
// number plates with a mission (H497).
func TestPsychosisToldIndirectlyIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my colleagues are putting something in his tea, he says, and he's started carrying a hammer in case",
		"my dad insists mum is not really his wife, she's been replaced by someone who looks like her",
		"she says the adverts on the tv are sending her messages and she's on a mission",
	}, []string{
		"I'm a joiner and carry a hammer in my bag in case a job needs it",
		"the council keeps sending me messages about my bins, I've packed a bag for the tip",
		"we swapped our GP for someone nearer, he looks like a nice doctor",
	})
	wantLevel(t, content.DispCrisis,
		"my husband insists I'm not really his wife and that I've been swapped for someone who looks like me",
	)
}
