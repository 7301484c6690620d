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

// Danger now told in few or unusual words (H499): an overdose told as "i
// overdosed" or "overdosed. sorry", or in English as a second language ("I
// take 20 tablets ... before 1 hour"); someone on a roof saying they can fly
// right at the edge, or on the railway saying they won't come back home; a
// new mother who believes her baby must be sent back, with the baby in the
// bath or by water. Asking whether something was an overdose, tablets taken
// before a meal, and a son staying at a friend's are not 999.
func TestDangerNowToldInFewOrUnusualWordsIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"i overdosed",
		"overdosed. antifreeze. sorry",
		"I take 20 tablets of my husband amitriptyline before 1 hour because I am very tired of everything",
		"my cousin is on the roof of the flats saying he can fly, hes right at the edge",
		"my sister is standing on the railway line right now, she said she will not come back home",
		"she had the baby 9 days ago and says god wants him back in the water, shes walking to the river with him",
		"new mum saying the baby is the devil and has him in the bath, wont let us in",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"did I overdose?? took my vitamin D twice this morning",
		"I take 10 tablets before breakfast every day, is that too many to swallow at once",
		"my son won't come back home after the argument, hes at his mates",
		"she loves giving the baby a bath in the evening",
	)
}

// Something still stuck in a wound (a nail through the palm, a fork's prong
// snapped off in the thigh, glass in the foot) is A&E: it is taken out in
// hospital (NHS, Lacerations). A splinter, a fish hook (tr_fish_hook) or
// something that has come out is not (H499).
func TestObjectStillInAWoundIsAE(t *testing.T) {
	wantLevel(t, content.DispAE,
		"work mate nail gunned his hand, the nail is still through the palm",
		"a prong of the garden fork snapped off in my thigh and the bit is still in there",
		"stood on a screw and it's stuck in my foot",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"got a splinter stuck in my finger from the fence",
		"got a fishing hook stuck in my finger past the barb",
		"stood on a nail on Sunday, it came out fine, is it infected now it's red",
	)
}

// A life at risk now told in few words (H500): walking into the sea now
// saying they won't come back, about to step out in front of a lorry, a
// rope tied up and going out to it, a note saying sorry and not answering,
// someone seen swallowing tablets one after another, locked in with blood
// under the door, a barbecue lit in a shut car, "took all of them with a
// whisky", "overdose. help", a new mother at the top of the stairs holding
// her baby thinking of letting go. Thoughts of the same, told as thoughts
// and with nothing done, are the crisis line's, not 999.
func TestLifeAtRiskNowInFewWordsIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"walking into the sea now. tide coming in. not coming back. tell my mum im sorry",
		"on the hard shoulder of the motorway, going to step out when the next lorry comes",
		"I've tied the rope up in the garage and I'm going out there now",
		"came home to a note from my daughter saying sorry and that she loves us, her car's gone and she's not answering",
		"a man in the car park is swallowing tablets one after another",
		"my brother is locked in the bathroom and there's blood coming under the door",
		"in the car with a bbq lit in the back. windows shut. getting sleepy",
		"this evening I took all of them with a whisky as I have had enough",
		"overdose. help",
		"Had my baby 3 weeks ago. I'm at the top of the stairs holding her and I keep thinking I should let go",
	)
	wantLevel(t, content.DispCrisis,
		"keep thinking about stepping in front of a train. not gonna do anything tonight but it scares me",
		"I keep getting thoughts of walking into the sea and not coming back. I have not done anything",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE, content.DispCrisis},
		"we cooked on a disposable bbq then sat in the car with the windows shut because it rained",
		"got a message from my son saying sorry he'll be late for tea, he's not answering now, probably driving",
	)
}

// Not waking wished for or aimed at ("wanna go to sleep n not wake up",
// "how many would I need to take to just not wake up") is a crisis, not the
// unconscious rule's 999; someone asleep who will not wake still is. A bus
// or police station is not the railway: psychosis there is a crisis, not
// the railway's 999. A day named only as when to ring the GP ("shall I ring
// her GP on Monday") does not make stroke signs from today a passed TIA
// (H501).
func TestWishNotToWakeStationsAndADayAhead(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"cant do this anymore. wanna go to sleep n not wake up tbh",
		"how many paracetamol would i need to take to just not wake up. asking for me",
		"id rather not wake up tomorrow honestly",
		"my mum has bipolar, she says God speaks to her through the telly and tonight she wants to go and preach at the bus station",
	)
	wantLevel(t, content.Disp999,
		"my nan went to bed and just did not wake up this morning, she's breathing but won't wake",
		"my son is hearing voices and he's at the station now saying the voices want him on the tracks",
	)
	wantNotRule(t, "tia_passed",
		"while she was eating her soup at lunch her right arm went weak and her words came out slurred for ten minutes. She's back to normal now. Shall I just ring her GP on Monday?",
	)
	wantRule(t, "tia_passed",
		"On Sunday, after lunch, my right arm went weak and I couldn't find my words for ten minutes or so. All fine since. Do I need to do anything?",
	)
}

// A life at risk now told in other words again: ringing from a bridge to
// say goodbye; at a station with the next train due, wanting someone to
// know; a barbecue lit in a bedroom with the door taped; a new mother at
// an open window holding her baby, saying they must go to God; drink and
// someone else's diazepam, "like 10" (H502). Their everyday twins are not.
func TestLifeAtRiskNowFromAPlaceARoomOrAMix(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my dad is on the phone to me from a bridge over the motorway saying sorry and goodbye",
		"at the station. next train in 4 mins. just want someone to know",
		"lit one of those disposable bbqs in my bedroom and taped round the door",
		"my wife had our baby 2 weeks ago and she's at the open window holding him saying they both need to go to God",
		"had 2 bottles of wine then took my mums diazepam, like 10? and some of my own pills",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE, content.DispCrisis},
		"my husband rang me from the roof of the car park to say sorry he'd lost the ticket",
		"running late, next train is in 4 mins, want you to know I'm coming to my appointment",
		"she opened the window holding the baby so we could both see the fireworks together",
		"had a glass of wine and took one diazepam, is that ok",
		"I take diazepam 10mg and had a couple of beers, can I drive tomorrow",
	)
}

// A sudden explosion or bang inside the head that came on at once is a
// thunderclap headache (999); a bang on the head is not one. The calm twins
// of emergencies are not emergencies: a reliever hardly needed, a droop
// left from a stroke years ago, and a team not answering the phone beside
// Addison's (H504).
func TestThunderclapToldAsAnExplosionAndCalmTwins(t *testing.T) {
	wantRule(t, "thunderclap_headache",
		"tonight while I was on the loo I had a sudden explosion in my head, came on in a second, nothing like my usual migraines",
		"felt something burst inside my head out of nowhere, now being sick",
	)
	wantNotRule(t, "thunderclap_headache",
		"fell and got a bang on the head in the kitchen, bit of a headache",
	)
	wantNoEmergency(t,
		"My son is 8 with asthma. Is his asthma review still going ahead next week? He's been really well, hardly touching his blue inhaler.",
		"mum's face is still a bit droopy on the left from her stroke back in 2022. when will they rebook her physio?",
		"I have Addison's, got a cold, temp 37.9, eating and drinking fine. do I double my hydrocortisone? endo team not answering with the IT stuff",
	)
	wantRule(t, "adrenal_crisis",
		"my husband has addisons and hes not answering me, lying on the sofa",
	)
	wantRule(t, "cant_breathe",
		"ten puffs of ventolin and it's not helping, he can hardly breathe",
	)
}

// A baby "like a rag doll" is floppy (999), legs like a rag doll after a
// marathon are not; a nail gone into a thigh that is "still in" is A&E, a
// nail pulled out is not; a water infection that "has gone" is not waters
// gone in pregnancy; an older person on the floor for hours who is now
// hardly weeing is 999 (muscle breakdown after a long lie) (H505).
func TestRagDollNailStillInWaterInfectionAndLongLie(t *testing.T) {
	wantRule(t, "child_very_unwell",
		"hes like a rag doll. 5 months. arms just drop when i lift them and his eyes keep rolling up. hes very pale",
	)
	wantNoEmergency(t,
		"my legs feel like a rag doll after the marathon yesterday",
		"stood on a nail in my foot yesterday, pulled it out, is it still in date for tetanus",
		"my water infection has gone, do I need another urine test",
	)
	wantRule(t, "object_in_wound",
		"nail gun slipped on site and a nails gone into my thigh, about a 2 inch one, its still in, only bleeding a bit round it",
	)
	wantNotRule(t, "pregnancy_maternity_now", "my water infection has gone, do I need another urine test")
	wantRule(t, "pregnancy_maternity_now", "my waters have gone and im 38 weeks")
	wantLevel(t, content.Disp999,
		"Dad (83) had a fall in the night and was on the floor till I came round at 8 this morning. He's hardly passed any water and what he has done is dark like cola.",
	)
}

// Emergency words told of something past, cleared, negated or idiomatic
// are not the emergency (H506): a headache "not the worst ever, came on
// gradually"; "my heart stopped when I saw the car park charge"; a crisp
// "coughed straight back up"; a head bump with "they said come back"
// (the stemmer reads "coming" as "come"); a side weak since a stroke years
// ago with "nothing new". Their emergencies still answer.
func TestEmergencyWordsToldAsPastClearedOrIdiom(t *testing.T) {
	wantNotRule(t, "thunderclap_headache", "slight headache, not the worst ever, came on gradually after staring at spreadsheets all day")
	wantRule(t, "thunderclap_headache", "worst headache of my life came on in seconds")
	wantNoEmergency(t,
		"My heart stopped when I saw the car park charge at Arrowe Park. Is parking free?",
		"Choked on a crisp earlier, coughed it straight back up. Throat a bit sore now. I'm fine, just shaken up",
		"my daughter was seen in paeds a&e on sunday with a head bump and they said come back to the ambulatory clinic if worried. shes totally fine",
		"my dad had a stroke 6 yrs ago, left side still a bit weak like it has been since, nothing new. hes run out of clopidogrel",
	)
	wantLevel(t, content.Disp999,
		"his heart has stopped and hes not breathing",
		"the babys head is coming out now",
		"my dad's left side has gone weak, it's new, started an hour ago",
	)
}

// A life at risk now told by young people (H507): on the tracks "rn" or
// with "I can't do this anymore"; at a platform edge with the next train
// due and "not ok"; about to walk into a rough sea with a "sorry"; a
// farewell posted to everyone and then gone. "Says I'm acting weird" is
// not speech gone wrong. Their everyday twins are not emergencies.
func TestLifeAtRiskNowToldByYoungPeople(t *testing.T) {
	wantLevel(t, content.Disp999,
		"im on the train tracks by the station near moreton rn. i cant do this anymore",
		"im at the station on the platform edge and the next one through is in 4 mins. im not ok",
		"at the end of the prom at new brighton by the lighthouse, tides in and its rough. gonna walk in. sorry",
		"my best friend posted on her story 'thank u all for everything' an hour ago and her mum just rang me saying shes not home and her cars gone",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"i think the tv is sending me messages, the presenters are talking to me about what i did. my flatmate says im acting weird",
		"im on track with my diet now",
		"im at the station, next train in 4 mins, sorry running late",
		"tide is in, gonna go in for a swim at the beach, sorry cant make lunch",
	)
	wantRule(t, "stroke", "grandad is talking funny and his face looks odd")
}

// Emergencies told in the words a sealed batch used (H508): a 90-year-old
// who woke not knowing who his family are; an older mother the family can
// hardly wake; the urge to push with the head felt and no one there; tablets
// taken after "I have made my decision"; a deep gaping cut still bleeding
// after 20 minutes of pressure (A&E); a child drowsy after going under the
// water (999, not the A&E near-drowning reply).
func TestEmergenciesToldInABatchsWords(t *testing.T) {
	wantLevel(t, content.Disp999,
		"grandad is 90 and woke up this morning not knowing who I am or even his own name. he was fine last night",
		"mum not herself today. 91. very sleepy can hardly wake her up, mumbling",
		"39 weeks and contractions are coming really fast, got a massive urge to push and i think i can feel the head. on my own",
		"I have made my decision and taken the tablets. I wanted someone to know so that my grandson is not the one to find me",
		"just pulled my 4yo out of the pool, he was under for a bit. hes coughing and now really drowsy",
		"made my decision and took all the tablets, just wanted someone to know",
	)
	wantRule(t, "deep_cut_still_bleeding", "gashed my shin on sheet metal at work. its deep and gaping, not spurting but been pressing for 20 mins and its still bleeding steady")
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"my grandad has dementia and most days he doesn't know who I am, nothing new",
		"she's 91 and sleeps a lot in the afternoons but wakes up fine for tea",
		"38 weeks, the midwife said I might feel the urge to push near the end, what does it feel like",
		"I have made my decision about the hip operation and taken the tablets they gave me for the pain",
		"deep cut on my finger from a tin lid, stopped bleeding after pressing, does it need glue",
	)
	wantLevel(t, content.DispAE, "my son went under at swimming for a second, coughed, now running about happily")
}

// Look-alikes a sealed batch met with an emergency (H508): a cut that
// stopped after pressing ("edges stay together") is not a rash that stays
// under a glass; a stammer on the phone is not a stroke; acid coming up
// into a burning chest is heartburn, not a burn; a grown-up daughter who
// will not eat because she believes the food is poisoned is psychosis (the
// crisis line), not a child who swallowed poison; an attempt "in March"
// with the feelings back is the crisis line, not 999; a self-harm burn told
// as a little blister is the crisis line, not A&E, and so is a platform
// edge told with stepping off pictured and safe now; chest pain told only as
// why someone was in A&E at Arrowe Park is an admin question; sundowning
// told as "nothing new or sudden" is not delirium.
func TestLookalikesABatchMetWithAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"cut my finger chopping onions, edges stay together, stopped bleeding after a couple of mins pressing, plaster on",
		"I have a stammer and when Im nervous I just cant get my words out on the phone",
		"get a burning in my chest after big meals, worse lying down, more like acid coming up, gaviscon normally sorts it",
		"I was in A&E at Arrowe Park on Monday with chest pains, they said it was muscular and sent me home. Will my GP get the letter?",
		"My grandad (89) has dementia and gets more muddled in the late afternoon, same pattern every day, nothing new or sudden",
	)
	wantLevel(t, content.DispAE, "was in hospital last week with chest pains, now its back and worse")
	wantCrisisNotLookalikes(t, []string{
		"My daughter is 23. She has stopped eating because she says the food is poisoned, and I've heard her whispering to people who aren't there",
		"I tried to kill myself in March and the same feelings are back. I havent done anything",
		"i keep burning my arm with my lighter when it gets too much. did it again tonight, little blister, nothing serious",
		"I keep standing too close to the edge at James Street station imagining stepping off when the train comes. I'm at my desk now",
	}, []string{
		"standing at the edge of the platform, imagine if the train came early",
		"I tried to kill myself last year, I'm doing well now, can I give blood",
	})
	wantLevel(t, content.Disp999,
		"spots on his tummy dont go away when i press a glass on them and hes really poorly",
		"my son's face has dropped on one side and he can't get his words out",
	)
	wantLevel(t, content.DispAE, "burnt my arm on the oven, big blister and the skin is white")
}

// Look-alikes told with their harmless cause (H509): numbness after a
// dentist's injection at a time told; an arm dead after lying on it; talk
// changed by a mouth ulcer; a rash that fades under a glass beside the word
// meningitis; a paper cut; a band of blisters (shingles); a newborn "pink
// and warm"; a teenager grunting at the family; a desk-chair stiff neck with
// "lights don't bother me". Their emergencies still answer.
func TestLookalikesToldWithTheirHarmlessCause(t *testing.T) {
	wantNoEmergency(t,
		"numb lip and my mouth feels droopy on one side, had 2 fillings at the dentist at 11 with the injection. how long does this last",
		"woke up at 3am with my whole right arm dead and pins and needles, id been lying on it. completely fine now",
		"my father 68 years have white ulcer inside cheek, 4 days. He talk little bit strange because is painful to move mouth",
		"my 4 year old has a blotchy rash, we did the glass test and it fades completely. just worried because of meningitis",
		"paper cut on my finger wont stop bleeding lol its been like 3 mins",
		"burning pain round the right side of my chest and back for 3 days and now a band of little blisters has come up on that side",
		"my daughter is 3 weeks old and sleeps loads, feeds well, lots of wet nappies, pink and warm",
		"my 16 yr old son has been in his room all half term gaming and grunting at us",
		"headache after staring at spreadsheets, stiff neck from my desk chair, no temp, lights dont bother me",
	)
	wantLevel(t, content.Disp999,
		"my mouth has dropped on one side and my arm is weak, started an hour ago",
		"woke up and my right arm is weak and floppy and my speech is slurred",
		"my son is worried he has meningitis, the rash doesn't fade under the glass",
		"my baby is grunting with every breath and the skin is sucking in under his ribs",
	)
	wantLevel(t, content.DispAE, "my baby is 5 weeks old, pink and warm, and her temperature is 38.6")
	wantRule(t, "heart_attack", "cheat pain and my left arm is numb")
}

// Emergencies and crises a sealed batch told in passing (H509): clear fluid
// from the nose after coming off a bike; a dosette box with "up to 2 might
// be gone" beside a toddler; a dog that "caught" a child's cheek. A widower
// who wonders about "just not waking up", a question asked
// "hypothetically" with nothing taken, and God telling a friend he must
// stop eating are the crisis line, not 999 or a stroke.
func TestEmergenciesAndCrisesToldInPassing(t *testing.T) {
	wantLevel(t, content.Disp999,
		"Son (11) came off his bike, no helmet on. says his head hurts. Just noticed clear watery stuff dripping from one side of his nose",
		"hypothetically what happens if you take 30 paracetamol, i took them an hour ago",
	)
	wantLevel(t, content.DispAE,
		"My 3 year old was in nans bedroom and her dosette box was open. Nan thinks up to 2 of her amitriptyline might be gone. He seems totally fine right now",
		"My sisters dog caught my daughter's cheek. She's 5. There's a deep flap of skin",
	)
	wantCrisisNotLookalikes(t, []string{
		"My wife died in March. I have been thinking there is no point carrying on and I have wondered about just not waking up. I have my tablets here",
		"hypothetically what would happen if someone took all their zopiclone at once. asking for me not a friend. i have 20 left",
		"sorry my english. my friend in house with me he talk very strange, say God tell him he must stop eating, he not sleep",
	}, []string{
		"my dog caught the ball and brought it back, so proud",
		"the doctor told him he must rest his knee for a week",
	})
}

// Emergencies the rules alone missed in a sealed batch, found only by the
// second opinion (H510): a care-home resident who "wont wake, snoring
// breathing"; a tearing pain told as "like tearing" with dizziness; a leg
// "gone white and cold from the knee down" in agony; a neck slashed with
// "so much blood"; a woman on the outside of bridge railings; a son gone out
// with a knife "going to sort them out". Their everyday twins are not.
func TestEmergenciesOnlyTheSecondOpinionFound(t *testing.T) {
	wantLevel(t, content.Disp999,
		"care home resident 89 wont wake, snoring breathing",
		"Dad is 72. He suddenly got a terrible pain in his back and tummy, says its like tearing. Hes pale and went dizzy",
		"He's been grumbling about his leg all afternoon, it's gone white and cold from the knee down and he says it's agony",
		"im with my sister she has slashed her neck with a kitchen knife theres so much blood",
		"Theres a woman sat on the outside of the railings on the bridge over the motorway near me, shes crying",
		"He's just gone out the back door with the big kitchen knife saying he's going to sort them out",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"my fingers go white and cold in the winter, agony when they warm up",
		"went out with the bat to the park, going to get them balls back",
		"took the knife out to the garden, going to sort out the hedge",
		"ripped my jeans on the fence, feeling a bit embarrassed",
	)
}

// Crises told indirectly in a sealed batch (H511): the last time they will
// bother anyone; "no point now" after a partner left and the house was lost;
// not making it to Friday with nothing physical wrong; "I keep planning how
// I'd do it"; a number for when it gets really bad; a hosepipe off the
// exhaust thought of, "not doing it tonight". A height told as yesterday or
// with "im home" now, a wish not to wake told as a kindness, old cuts with
// the razors taken away, and a voice saying they are poisoning the family
// are the crisis line, not 999. Their everyday twins are not a crisis.
func TestCrisesToldIndirectlyAreTheCrisisLine(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"thank you to whoever reads this. you lot at the hospital did your best with me over the years. this is the last time ill bother anyone x",
		"wife left, took the kids. lost the house. no point now is there",
		"My GP appointment is on Friday but I don't think I'll make it to Friday. Not physically ill.",
		"The hospital cancelled my scan. Fine. Actually not fine. Nothing is. I keep planning how I'd do it.",
		"Hi. I'm ok. Actually I'm not. Is there a number for when it gets really bad at night?",
		"been sat in the van on my drive thinking a hosepipe off the exhaust would sort it for everyone. not doing it tonight, just cant shift the thought",
		"yesterday i stand on the bridge near the campus and think to jump. today i am in my room",
		"every night after work i go up to the top of the multi storey and think about it. not tonight, im home",
		"I am 88 and live on my own. it would be a kindness if I did not wake up one morning, and I have been wondering how many of my sleeping tablets it would take",
		"my daughter is 16 and tonight she told me she doesnt want to be here anymore. she has cuts on her arms, old ones not bleeding. ive taken the razors",
		"I've been hearing my late mother telling me to stop eating because I'm poisoning the family. I'm scared of myself",
	}, []string{
		"sorry to bother you, this is the last time I'll ring about my hip appointment, promise",
		"no point now is there, the clinic has shut",
		"i dont think ill make it to the appointment friday, the car has broken down",
		"been planning how we'll do it on the day of the wedding, can my mum still come to her clinic",
		"exhaust pipe fell off my car, the hosepipe clip is broken, any garage open",
	})
	wantLevel(t, content.Disp999,
		"im standing on the bridge now and im going to jump",
		"she's on top of the car park and won't come down",
		"dad is in the garage with the engine running and a hosepipe off the exhaust into the window",
	)
}

// A sealed batch's emergencies and look-alikes (H512): a fit at 36 weeks
// that has stopped (eclampsia, 999, not the maternity line); a rope put up
// with "tell my girls I'm sorry"; paracetamol "every couple of hours ...
// about 14 tablets" (A&E). Not 999: "nothing sudden, no weakness" after an
// old stroke; more muddled with a water infection, "what happens with her
// water infections", knowing everyone; back blows asked about before a
// first-aid course; "how would I know if my mum was having a stroke".
func TestABatchsEmergenciesAndQuestionsAhead(t *testing.T) {
	wantRule(t, "fit_in_pregnancy", "my daughter is 36 weeks with her first. bad headache and her face went puffy. now she's had a fit on the sofa, stopped now but shes really out of it")
	wantLevel(t, content.Disp999, "Got the rope up in the garage. Done talking. Just tell my girls I'm sorry.")
	wantRule(t, "overdose_staggered", "took too much paracetamol by accident, been taking 2 every couple of hours since 7 this morning, thats about 14 tablets. feel fine tho")
	wantNoEmergency(t,
		"Dad had a small stroke in 2021 and recovered well. Over 6 months he's getting more forgetful. Nothing sudden, no weakness or speech problems",
		"mum is 88, more muddled than usual since yesterday, wee smells strong. She knows who we are, eating and drinking, no temp. GP said before this is what happens with her water infections",
		"whats the right way to do back blows on a baby if they choke? im booked on a first aid course next month",
		"how would i know if my mum was having a stroke? she has had high blood pressure for years",
		"I'm done talking to the switchboard, tell them sorry I shouted",
	)
	wantLevel(t, content.Disp999,
		"my baby is choking on a grape and I've done back blows, still stuck",
		"I think my mum is having a stroke, her face has dropped",
		"sudden weakness down my left side and my speech is slurred",
		"mum is 88 and suddenly really confused with a water infection, temperature 39 and shivering",
	)
}

// A life at risk now told in few words (H513, training batch bt1): tablets
// crushed into cocoa and drunk; "took everything. sorry."; "todays the day
// ... took the lot"; tablets taken an hour ago with the door unlocked;
// something taken on purpose from the ward; on the bridge railings now
// "thinking about letting go"; four storeys up on a scaffold "going to step
// off"; at the pier head or a slurry pit "going in" with a goodbye or a
// skinful; on the train tracks "rn ... its done"; a rope up in the loft "and
// im up here now"; a new mother running to the river to "give him back to
// God". Their everyday twins are not.
func TestALifeAtRiskNowToldInFewWords(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I've crushed his tablets and mine into our cocoa and we've both drunk it. He's asleep in the chair. please help us",
		"took everything. sorry.",
		"todays the day. already started. took the lot.",
		"Have taken the tablets. An hour ago. Front door unlocked.",
		"I took the remainder of my late wife's morphine approximately forty minutes ago. The back door is unlocked.",
		"took something from the ward stock at the end of my shift about an hour ago, on purpose. im scared now",
		"sat on the railings on the bridge now. had a few. thinking about letting go",
		"on the scaffold at a job in birkenhead, 4 storeys up. going to step off. tell the lads sorry",
		"at the pier head now. going in with Jean. tell our kid im sorry",
		"stood by the slurry pit at ours. had a skinful. going in",
		"on the train tracks by mine rn. not movin. its done",
		"kids are at their mums this weekend. rope is up in the loft and im up here now.",
		"She's just run out of the house with the baby saying she has to give him back to God at the river. baby is 9 days",
	)
	wantNoEmergency(t,
		"took my tablets as usual this morning, sorry for the long message",
		"going in to the hospital by the river now for my scan",
		"took the lot of my holiday leave, sorry cant make the clinic",
		"crushed his tablets into yoghurt as the pharmacist said, he had it fine",
		"letting go of the past is hard since the divorce, can I get counselling",
	)
}

// Crises hidden in an ordinary question (H513, training batch bt2): a plan
// tied to a day to come ("when she gets paid on Friday", "on his birthday",
// "if the appeal fails") is the crisis line, not 999; so is a jump spoken of
// with the person "at home" now; tablets set aside "to see to the matter
// after my birthday"; "got it planned for next week" beside not going back
// "anywhere really"; the neighbours "poisoning the water". "Before I go
// over" at a car park is 999. Tonight, or on the bridge now, stays 999.
func TestCrisesHiddenInAnOrdinaryQuestion(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"My sister rang me last night and said she's going to kill herself when she gets paid on Friday, she's worked out where. She's at work today.",
		"His girlfriend just phoned me to say he told her he's going to kill himself on his birthday, that's the 9th. He's downstairs playing on his xbox",
		"I've decided if the appeal fails I'm going to end things, I've thought it all through.",
		"he say after that he go to the bridge and jump, he is serious. He is not on bridge now, he is at home. What I do please",
		"I see no reason to continue, and I have set aside sufficient tablets to see to the matter after my birthday on the 14th",
		"Thing is, I'm not planning on going back to work, or anywhere really. I've got it planned for next week when I'm on my own.",
		"The neighbours are poisoning the water in my flat through the pipes so I've stopped drinking from the tap",
	}, []string{
		"got it all planned for next week, the party, I'll be on my own for the setup",
		"when do I get paid my sick pay if my clinic is cancelled on Friday",
	})
	wantLevel(t, content.Disp999,
		"im on the top floor of the arrowe park car park. i just wanted someone to know before i go over",
		"im standing on the bridge now and im going to jump",
		"she's going to kill herself tonight, she has the tablets",
		"my boyfriend has just rung me from the bridge and says hes going to jump, im at home, what do i do",
	)
}

// Look-alikes and plans for later from the fourteenth session's blind
// batches (H514, bo, br and bs): a plan tied to an exam, a hand-in or a
// leaving still to come, or a threat said many times, is the crisis line;
// a mother brought down off a shed roof she thought she could fly from is
// psychosis, the crisis line; "simpler if I did not wake up" is a wish, not
// someone who will not wake. On a car park's top floor "sitting on the edge"
// is 999. An OCD checking ritual, a song stuck in the head, an unwanted
// picture of dropping a baby and muddle that came on over months are not
// emergencies.
func TestPlansForLaterAndLookalikesFromTheFourteenthSession(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"exam results are on friday and if i fail them im going to end it, ive planned how",
		"my wife says if I leave her she will kill herself, she has said it many times, she is at her mums now",
		"my housemate told me he'll kill himself after his coursework is in, deadline is monday",
		"dad hasn't slept for days, says he's been chosen to save the world, he got up on the garage roof to show he could fly. we got him down and he's in the lounge now",
		"since my husband died I keep thinking it would be easier all round if I didn't wake up one morning",
	}, []string{
		"if i fail my driving test again im going to cry",
		"my exam results are on thursday and im so nervous",
	})
	wantLevel(t, content.Disp999,
		"im up on the top level of the multi storey, sat on the edge, i just want it to stop",
		"my daughter is on the roof of the car park saying she'll jump, her friend is trying to talk her down",
	)
	wantNoEmergency(t,
		"I have to check the hob and the plugs over and over before bed or I feel something bad will happen, could this be OCD",
		"that bloody song has been stuck in my head for days lol, are clinics running again",
		"baby is 5 weeks and I keep getting horrible flashes of dropping him on the stairs, I would never do anything, am I a bad mum",
		"my nan, 86, has got more forgetful over the last few months, nothing sudden, she's well in herself, where do we start",
		"my daughter's mouth gets itchy when she eats apples, never any lip swelling or trouble breathing, can she get an allergy test",
		"what do you do if someone is choking? my son choked on a grape last week and it made me think, he was fine",
	)
}

// Emergencies and crises from the fourteenth session's blind batches (H515,
// bo, br and bs): no poo or wind with a hard swollen tummy and being sick;
// a boy woken screaming with pain "in his privates" and sick; a sedative
// kept back, "most of it" had with a whisky and the dog left to a
// daughter. Dying said and the joke taken back ("jk. unless"), and home
// after "the tablets" feeling the same with no follow-up, are the crisis
// line. A stiff neck denied, a sting with the throat "fine", a panic attack
// known for years with the heart "going mad", and a head injury on warfarin
// already scanned clear are not emergencies.
func TestEmergenciesAndCrisesFromTheFourteenthSession(t *testing.T) {
	wantLevel(t, content.DispAE,
		"not had a poo or even passed wind for 4 days, belly is swollen and hard and I keep being sick",
		"my son is 13 and woke up screaming with pain in his privates on one side, he's been sick twice",
	)
	wantLevel(t, content.Disp999,
		"I saved up my husband's oxycodone after he passed and I've had most of it now with a brandy. Please make sure the cat goes to my son.",
	)
	wantCrisisNotLookalikes(t, []string{
		"my therapy got cancelled so guess i'll just die lol jk. unless",
		"they discharged me on monday after I took the tablets and I feel the same as before, nobody has rung me like they said",
	}, []string{
		"if they cancel my op again i'll just die lol",
		"discharged home after my knee op, feel the same, nobody has rung about physio",
	})
	wantNoEmergency(t,
		"bad cold and headache, no rash, neck not stiff, light doesn't bother me, paracetamol is helping",
		"wasp sting on my leg yesterday, swollen and itchy, throat fine, breathing fine, what can I put on it",
		"I've had panic attacks for years and I'm having one now, heart going mad, I know it's panic and it always passes, how do I ride it out",
		"mum is on warfarin and was seen in A&E yesterday after bumping her head, the scan was clear and they sent her home, will her GP get a letter",
	)
}

// Crisis look-alikes from the fourteenth session's blind batches (H516, bo,
// br and bs): grief that thinks about death with any wish to die denied, a
// mother who will join her husband "when God decides, not before", cutting
// sugar out, a car's breakdown and "the end of my rope" with eczema are not
// crises. Thinking about death without the denial still is.
func TestGriefAndFrustrationAreNotCrises(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"since my brother died I can't stop thinking about death and dying, I don't see the point",
		"can't stop thinking about dying since mum passed, I just want to be with her",
	}, []string{
		"can't stop thinking about my nan who died last month, keep crying, not going to do anything stupid, no thoughts like that, how do I get bereavement counselling",
		"my dad wants to be with mum in heaven one day when God decides, not before, he is eating and sleeping ok",
		"been cutting out sugar and caffeine this week and now I've got headaches, is that normal",
		"had a breakdown on the M53, well my car did, so I missed my clinic, how do I rebook",
		"I'm at the end of my tether with this eczema, the creams from the chemist aren't working",
		"what's the mental health crisis line number? not for now, I'm ok, my nurse said to keep it saved in my phone just in case",
	})
	wantLevel(t, content.DispCrisis, "my son is in a mental health crisis right now, what's the number, he won't talk to me")
}

// Everyday words read as emergencies, from training batch bw3 (H519):
// hay fever's "sneezing fits ... cant stop" is not a seizure; "thought I was
// having a stroke" for an arm dead from lying on it, back to normal, is not
// a stroke; being "told not to go to A&E unless it's an emergency" is not
// being sent there. A fit that will not stop, a stroke told now and a
// clinician's "go to A&E" still answer.
func TestEverydayWordsAreNotEmergencies(t *testing.T) {
	wantNoEmergency(t,
		"hay fever again, sneezing fits all day at work, can't stop, what's a non drowsy tablet",
		"woke up with my arm completely dead, thought I was having a stroke, but I'd been lying on it and it came back in a minute",
		"I was told not to go to A&E unless it's an emergency, my wound from my op is a bit red, who do I see",
	)
	wantLevel(t, content.Disp999,
		"my son is having a fit and it won't stop, it's been 6 minutes",
		"I think my dad is having a stroke, his face has dropped",
	)
	wantLevel(t, content.DispAE, "111 told me to go to A&E with my tummy pain but the car won't start")
}

// Crises and emergencies from training batches bw1, bw2 and bw4 (H520): a
// parting request then unreachable by the water, and a student at a station
// who "doesn't want to be here" and can't be reached, are 999; hitting walls
// till the knuckles bleed, driving with no seatbelt hoping something
// happens, a climb at a railway bridge that a stranger talked them down
// from, starving beside "goal weight or death", gone quiet like the last
// time that ended in an overdose, a threat to hang oneself said before or
// when drunk, and a bridge told as "yesterday also. Now I am at home" are the
// crisis line. A lighter's "small marks" are self-harm, not a severe burn; a
// teenager who "grunts at tea" is not grunting for breath.
func TestCrisesFromTheFifteenthSessionsTrainingBatches(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my sister texted 'look after the kids for me' and now she won't pick up, her phone shows she's down by the river and she's been really low",
		"my friend messaged from the station saying she doesn't want to be here anymore and I can't reach her",
	)
	wantCrisisNotLookalikes(t, []string{
		"i hit the wall till my knuckles bleed most nights, only thing that helps",
		"been driving on the motorway with no seatbelt hoping something happens",
		"climbed over the railings on the bridge last week, a woman talked me down, haven't told anyone",
		"my 16 year old posts about starving herself and wrote 'thin or dead' and 'goal weight or death'",
		"he's stopped talking and eating again, last time he was like this he ended up taking an overdose",
		"my uncle says he will hang himself when he's drunk, he's said it before, he's asleep now",
		"some nights I stand on the bridge and think about it, last night too. now I am at home",
		"been burning myself with a lighter when it gets bad, small marks on my arm",
	}, []string{
		"hoping something happens soon with my car insurance claim",
		"my dad is on the roof fixing tiles, we talked him down off the ladder",
		"can you look after the dog for me while I'm in hospital, my mum won't pick up",
		"my 14 year old grunts at tea and stays in his room gaming, eating fine",
	})
}

// A crisis said plainly in everyday words and slang (H521, training batches
// bw1 and bw4): "can't see a way out", "tired of everything", "not tryna be
// here", "unalive thoughts", "sh urges", "wouldn't still be here if it
// wasn't for the dog", not caring if a car hits them, "God should take me",
// a weight round everyone's neck; tablets or food stopped on purpose with
// an end in mind. Told as a joke, with a dark place denied, or as a diet,
// it is not.
func TestCrisisSaidPlainlyInEverydayWords(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"honestly can't see a way out of this anymore",
		"so tired of everything, every single day",
		"not tryna be here anymore tbh",
		"the unalive thoughts are really loud tonight",
		"sh urges are bad tonight and I know where the blades are",
		"if it wasn't for my cat I wouldn't still be here",
		"I don't really care if a bus hits me on the way to work",
		"every night I pray God will take me in my sleep",
		"I'm just a weight round everyone's neck, they'd cope better without me",
		"I've stopped taking my heart tablets on purpose, I'd rather it all stopped",
		"not eaten since friday, I've just decided I'm done",
	}, []string{
		"stopped eating bread on purpose to lose weight, is that ok with my diabetes",
		"tired of everything at work, kids up all night, not in a dark place or anything, just knackered",
		"this queue is so long i cant see a way out of this car park lol",
	})
}

// Emergencies, crises and look-alikes from the fifteenth session's first
// blind batches (H522, bu and bv): one of "those flat round batteries"
// missing after a toddler had the back off the scales; a foot "gone cold and
// white", really painful; a toddler eating grapes, gone quiet, "trying to
// cough but nothing is coming out". Standing where the rope is, a crisis
// line asked about "for me", voices back as before a relapse, and engine
// sittings this week with the person at work now are the crisis line. A
// head bumped getting the mugs out, all batteries accounted for, a choke on
// a grape yesterday that came straight out, rigors with the child awake and
// talking throughout, a panic attack had before and over now, and the
// signs of a stroke asked "she's fine at the moment" are not emergencies.
func TestEmergenciesCrisesAndLookalikesFromBuAndBv(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my 2 year old had the back off the remote and one of the flat round batteries is missing, she seems fine",
		"my left foot has gone cold and white this afternoon and it's really painful, I can't move my toes",
		"my 3 year old was eating popcorn and now she's trying to cough but nothing is coming out",
	)
	wantCrisisNotLookalikes(t, []string{
		"I keep going out to the garage where the rope is and just standing there",
		"is the samaritans number free? asking for myself",
		"missed my depot injection and I'm hearing the voices again, same as before I got ill last time",
		"my wife sat in the garage with the engine running twice this week, she's at work now",
	}, []string{
		"I'm hearing the phone ring again, can you stop calling me",
	})
	wantNoEmergency(t,
		"banged my head getting the mugs out of the cupboard, small lump, feel fine",
		"thought my son swallowed a battery from the remote but we found it, all 3 accounted for",
		"my daughter choked on a grape yesterday, I did back blows and it came straight out, she's been fine since",
		"my 3 year old has a temperature and was shivering with chattering teeth but awake the whole time and talking to me, is that a fit",
		"had a panic attack this morning with a tight chest, had them before, diagnosed with anxiety, completely fine now",
		"what are the signs of a stroke? my dad is fine at the moment, just being careful",
	)
}

// From the fifteenth session's last blind batches (H523, bx and by): sat in
// the car in the garage tonight with the hose in the boot, and a grandad
// holding his throat who can't cough or say anything while eating steak,
// are 999; "feel like I'm dying" with man flu is not sepsis, and "I can't
// speak English well" beside eating is not choking.
func TestGarageHoseChokingAndManFlu(t *testing.T) {
	wantLevel(t, content.Disp999,
		"been sitting in the car in the garage tonight with a hosepipe, don't know why I'm telling you",
		"my nan is clutching her throat and can't say anything, she was eating chicken",
	)
	wantNoEmergency(t,
		"full on man flu, temperature and aching, feel like I'm dying, wife says I'm being dramatic",
		"I can't speak English well, I was eating when the tummy pain started yesterday",
	)
}
