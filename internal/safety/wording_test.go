package safety_test

import (
	"slices"
	"testing"

	"github.com/nhs-signpost/signpost/internal/content"
)

// The rule that answers must be one whose words fit the message: a rule for
// babies and children not for an adult's arm or a mother's own temperature,
// a rule for a joint not for a leg red "from ankle to knee", a part cut off
// not for "came off my bike". Each rule is tried on both sides: the true
// emergency still answers first in several wordings (first), and the other
// sense meets neither the rule nor any 999 or A&E rule (notRule). The
// messages are written for this test (NHS sources in the rules' source:).
func TestRuleWordingFitsWhoAndWhat(t *testing.T) {
	first := []struct{ rule, msg string }{
		// Floppy child: still with a child named, floppy limbs and all.
		{"child_very_unwell", "my baby's arms and legs have gone all floppy"},
		{"child_very_unwell", "toddler is floppy, his arms just flop down when I lift him"},
		{"child_very_unwell", "my 2 year old has a temperature and is really drowsy"},
		{"child_very_unwell", "she's gone floppy and pale and won't wake properly"},
		// An adult's arm or leg gone floppy: a stroke (FAST).
		{"stroke", "my husband's left arm went weak and floppy for a few minutes"},
		{"stroke", "grandad's right leg has suddenly gone floppy"},
		{"stroke", "her arm has gone floppy and she can't hold her tea"},
		// Can't lift an arm: still a stroke without a shoulder injury, or with
		// the face or speech.
		{"stroke", "he hurt his shoulder last month but now he suddenly can't lift his arm and his face has dropped"},
		{"stroke", "dad fell over and now he can't lift his right arm"},
		{"stroke", "mum can't lift her arm above her head and her words are slurred"},
		{"stroke", "my wife suddenly cant lift her right arm"},
		// A baby's temperature told by the parent.
		{"baby_fever_under_3_months", "I have taken her temperature and it's 38.2, she's 5 weeks"},
		{"baby_fever_under_3_months", "i had to check his temp twice, 38.4, he's 3 weeks old"},
		{"baby_fever_under_3_months", "I've got a 6 week old with a temp of 38.5"},
		// A hot swollen joint with a fever, whatever else is said.
		{"adult_septic_joint", "my knee is red, hot and swollen, the redness is going up to the thigh and I have a temperature of 39"},
		{"adult_septic_joint", "his ankle is hot and swollen, red from the ankle to the shin, and he has a fever"},
		// A part cut off, with a bike in the message.
		{"amputation", "came off my motorbike and the tip of my finger is hanging off"},
		{"amputation", "fell off the quad bike, his thumb came off under it"},
		// A birth now, the head told in several ways.
		{"birth_before_arrival", "her head is out and the body isn't coming"},
		{"birth_before_arrival", "the baby's head is coming out and we're in the car"},
		{"birth_before_arrival", "I can see the head, she's pushing on the bathroom floor"},
		// The cord seen or felt in labour.
		{"cord_prolapse", "my waters went and I can feel the cord coming out"},
		{"cord_prolapse", "36 weeks, I think I can see the umbilical cord"},
		// Grunting with each breath.
		{"child_breathing", "my 2 year old is grunting every time she breathes"},
		{"child_breathing", "my baby is grunting with each breath and his nostrils flare"},
		// A lump on the head on a blood thinner, the blow told in other words.
		{"head_injury", "on rivaroxaban and I stood up into a cupboard door, big lump on my head, didn't knock me out"},
		{"head_injury", "my nan takes warfarin, walked into the door frame and has a swelling on her forehead"},
		// A limb at an odd angle.
		{"broken_bone_deformed", "fell off the wall and his arm is at a weird angle"},
		{"broken_bone_deformed", "tackled at rugby and my leg is a funny shape below the knee"},
		// A real fall from height.
		{"major_trauma", "fell off a ladder about 8 steps up onto the concrete"},
		{"major_trauma", "he fell off the ladder from the top rung onto the patio"},
		// A heart history told with its year, and crushing pain felt now.
		{"heart_attack", "had a stent in 2017, now I have a crushing pain in my chest"},
		{"heart_attack", "my husband had bypass surgery in 2016 and has that squeezing pain again tonight"},
		// A baby told as 3 months with a fever.
		{"baby_fever_under_3_months", "she's 3 months, temperature 38.1, quite sleepy"},
		// Early pregnancy, pain low on one side that is severe or worse.
		{"early_pregnancy_side_pain", "may be pregnant, agonising pain low down on my right"},
		// An object pushed into an ear that now bleeds.
		{"object_in_ear_bleeding", "my daughter shoved a bead into her ear and now blood is trickling out"},
		// A stomach feeding tube out.
		{"feeding_tube_out", "the end of his gastrostomy has slipped out of his tummy"},
		// A stroke told as past is still 999 when the face or speech goes now.
		{"stroke", "had a stroke in 2019 and now suddenly my face has dropped again"},
		{"stroke", "he had a stroke years ago, today his face has dropped on the other side and he can't talk"},
		{"stroke", "had a stroke in 2019, his mouth still droops and now his arm is weak"},
		{"stroke", "since her stroke she has had a weak arm, but this morning her face looks lopsided"},
		{"stroke", "his speech has been a bit off since the stroke, but an hour ago it went much worse and he cant find words"},
		// Glassed in the hand: the hand wound rule (A&E), not major trauma.
		{"cut_nerve_tendon", "someone glassed me in the pub, my palm is sliced open and two fingers won't bend"},
		{"cut_nerve_tendon", "he was glassed across the knuckles, bleeding but slowing, he can't straighten his ring finger"},
	}
	// A change in someone with dementia, or voices, is still answered.
	for _, msg := range []string{
		"my nan has dementia and has started seeing people who aren't there",
		"I keep seeing people in my room who aren't there",
	} {
		if got, ids := screen(t, msg); got == "" {
			t.Errorf("%q: no rule met (rules %v), want one", msg, ids)
		}
	}
	for _, c := range first {
		_, ids := screen(t, c.msg)
		if len(ids) == 0 || ids[0] != c.rule {
			t.Errorf("%q: rules %v, want %s first", c.msg, ids, c.rule)
		}
	}
	// Panic attacks that do not pass, or with blue lips, are still 999; so
	// are heavy bleeding in pregnancy told in several ways, and being glassed
	// in the face or with the head hurt.
	wantLevel(t, content.Disp999,
		"16 weeks pregnant and there is loads and loads of blood",
		"12 weeks pregnant, there's a lot of bright red blood",
		"pregnant and bleeding lots, passing clots",
		"was glassed outside the club, cut to my cheek and it won't stop bleeding",
		"got glassed in the hand and there's blood on my head too from the fall",
		"keep getting panic attacks, this one won't stop, I can't breathe and my lips are going blue",
		"I keep having panic attacks but this time I can't breathe and it's not passing",
		"having a panic attack, heart racing and I can't breathe, it's getting worse",
	)
	// Being sectioned is still a crisis.
	wantRule(t, "mental_health_crisis",
		"the crisis line had him sectioned and we don't know which ward he is on",
		"my sister was just sectioned and I don't know what to do",
	)

	// An adult's floppy arm is the stroke rule's, never the floppy child's.
	if _, ids := screen(t, "my husband's left arm went weak and floppy for a few minutes"); slices.Contains(ids, "child_very_unwell") {
		t.Errorf("an adult's floppy arm met child_very_unwell (rules %v)", ids)
	}
	notRule := []struct{ rule, msg string }{
		{"child_very_unwell", "8 year old with earache and a temperature of 37.9, nothing coming out of his ear, otherwise fine"},
		{"baby_fever_under_3_months", "I've had a temp of 38.3 since yesterday and my stitches are sore, baby is 2 weeks old"},
		{"baby_fever_under_3_months", "im running a temperature of 38.5, my son is 6 weeks and fine"},
		{"adult_septic_joint", "scratched my shin, now the leg is red, hot and swollen from the ankle to the knee, temperature 38.4"},
		{"adult_septic_joint", "my calf is red and swollen below the knee, hot to touch, and I've got a fever"},
		{"amputation", "came off my scooter onto my hand, it's swollen but straight"},
		{"amputation", "my daughter came off her pony and landed on her hand, bruised"},
		{"stroke", "hurt my shoulder falling off a wall in the summer, still can't raise my arm over my head"},
		{"stroke", "frozen shoulder for months, I can't lift my arm to brush my hair"},
		{"stroke", "broke my wrist last week, can't lift my arm much in the sling"},
		{"major_trauma", "slipped off the steps, only 3 up, onto the radiator, ribs sore, breathing fine"},
		{"palpitations_red", "keep having panic attacks at work, heart pounds and i can't breathe but it settles after 10 minutes"},
		{"cant_breathe", "keep having panic attacks at work, heart pounds and i can't breathe but it settles after 10 minutes"},
		{"birth_before_arrival", "bumped my head climbing out of the van, saw stars"},
		{"birth_before_arrival", "our baby was born at home 3 days ago and is feeding less"},
		{"cord_prolapse", "newborn, his cord stump fell off and it's a bit red"},
		{"cord_prolapse", "10 days old and the skin round his belly button where the cord came off is red"},
		{"child_breathing", "my 20 month old doesn't talk yet, just grunts and points"},
		{"broken_bone_deformed", "a freckle on my arm has gone an odd shape and got darker"},
		{"mental_health_crisis", "my check was moved which is fine but my c section wound is sore"},
		{"mental_health_crisis", "the appointment is ok but my c section scar itches"},
		{"heart_attack", "had stents in 2020, doing fine, no pain, just want my repeat"},
		{"stroke", "had a stroke in 2018, my mouth still droops a bit, can I get a physio referral"},
		{"stroke", "his speech has been slurred since his stroke last spring, can he see a speech therapist"},
		{"heart_attack", "crushed my finger in the car door in 2019 and had a stent in 2020, finger still stiff"},
		{"pregnancy_heavy_bleeding", "30 weeks pregnant, baby kicking lots, no bleeding, just heartburn"},
		{"pregnancy_heavy_bleeding", "26 weeks, bump moving loads today, no blood at all"},
		{"mental_health_crisis", "grandad has had dementia for years and sees children in the garden who aren't there, no different from usual"},
		{"mental_health_crisis", "mum's Alzheimer's is the same as always, she sees her late sister in the room most evenings, been like that for years"},
		{"early_pregnancy_side_pain", "pregnant 6 weeks, a twinge on my left now and then, feel ok"},
		{"object_in_ear_bleeding", "my grandson stuck a pea up his nose, no bleeding"},
		{"feeding_tube_out", "his PEG tube is in place, the skin round it is a bit sore"},
	}
	for _, c := range notRule {
		got, ids := screen(t, c.msg)
		if slices.Contains(ids, c.rule) {
			t.Errorf("%q: met %s (rules %v), want not", c.msg, c.rule, ids)
		}
		if c.rule != "mental_health_crisis" && (got == content.Disp999 || got == content.DispAE) {
			t.Errorf("%q: sent to %s by %v, want no emergency", c.msg, got, ids)
		}
	}
}

// A crisis told in words that other emergencies also use gets the crisis
// wording, not another rule's: a wish not to wake is not someone who will not
// wake, a loss that "has taken everything" is not tablets taken, and bleeding
// told as stopped is not bleeding that will not stop because something else
// "can't stop". The true emergency in the same words still answers first.
// Messages written for this test (NHS, Help for suicidal thoughts; NHS, When
// to call 999).
func TestCrisisNotReadAsAnotherEmergency(t *testing.T) {
	crisis := []string{
		"most nights I lie there thinking about just not waking up",
		"I keep having thoughts about never waking up again",
		"my mum says she dreams about not waking up, she's been so low",
		"this illness has taken everything from me and I keep thinking about taking all my tablets",
		"work has taken its toll, I keep thinking about swallowing the whole box",
		"I stopped the bleeding but I can't stop thinking about cutting again",
		"cut my arms again tonight, the bleeding has stopped but I can't stop wanting to",
		// Psychosis told as shouting at no one, or being watched through a screen.
		"my husband keeps yelling at thin air and says men are spying on him through his laptop",
		"my brother is shouting at no one in his room, he says they watch him through the telly",
	}
	for _, msg := range crisis {
		got, ids := screen(t, msg)
		if got != content.DispCrisis {
			t.Errorf("%q: level %q (rules %v), want the crisis rules", msg, got, ids)
		}
	}
	calm := []string{
		"the bleeding has stopped but I can't stop worrying about it",
		"cut my finger, the bleeding has stopped but she can't stop crying",
	}
	for _, msg := range []string{
		"people were watching him on TV when he won the quiz, is his clinic still on",
		"I was shouting at nobody in particular about the parking",
	} {
		if got, ids := screen(t, msg); got != "" {
			t.Errorf("%q: level %q (rules %v), want no red flag", msg, got, ids)
		}
	}
	for _, msg := range calm {
		if got, ids := screen(t, msg); got == content.Disp999 || got == content.DispAE {
			t.Errorf("%q: sent to %s by %v, want no emergency", msg, got, ids)
		}
	}
	first := []struct{ rule, msg string }{
		{"unconscious", "I think he's not waking up, he's on the floor"},
		{"unconscious", "I was thinking about my dad, he isn't waking up and his lips are blue"},
		{"overdose", "grief has taken everything from me and an hour ago I swallowed all my sertraline"},
		{"severe_bleeding", "the bleeding had stopped but it started again and it won't stop now"},
		{"severe_bleeding", "I can't stop the bleeding from his leg"},
	}
	for _, c := range first {
		got, ids := screen(t, c.msg)
		if got != content.Disp999 || !slices.Contains(ids, c.rule) {
			t.Errorf("%q: level %q rules %v, want 999 with %s", c.msg, got, ids, c.rule)
		}
	}
}

// A stroke or TIA service named ("I have a stroke clinic follow-up") is not
// "having a stroke"; a stroke told now beside such a service still is (NHS,
// Stroke: symptoms; call 999).
func TestStrokeServiceIsNotAStroke(t *testing.T) {
	for _, msg := range []string{
		"i have a stroke nurse appointment tomorrow, is it on",
		"I have a TIA clinic appointment on Friday, is it cancelled",
		"my dad has a stroke review next week, will the letter come",
	} {
		if got, ids := screen(t, msg); got == content.Disp999 || got == content.DispAE {
			t.Errorf("%q: sent to %s by %v, want no emergency", msg, got, ids)
		}
	}
	for _, msg := range []string{
		"I think I'm having a stroke, my face feels odd",
		"I have a stroke nurse coming tomorrow but his face has dropped on one side now",
		"she's having a stroke, the ward said call 999",
	} {
		if _, ids := screen(t, msg); len(ids) == 0 || ids[0] != "stroke" {
			t.Errorf("%q: rules %v, want stroke first", msg, ids)
		}
	}
}

// Out for a few seconds in a faint, with no blow told, is not a head injury;
// a faint with the head hit, or a knock-out in sport, still is (NHS, Head
// injury and concussion; NHS, Fainting).
func TestFaintIsNotAHeadInjury(t *testing.T) {
	if _, ids := screen(t, "fainted while sitting on the sofa, out for a few seconds, feel ok now"); slices.Contains(ids, "head_injury") {
		t.Errorf("a faint met head_injury (rules %v)", ids)
	}
	wantRule(t, "head_injury",
		"fainted in the kitchen and hit my head on the worktop, out for a few seconds",
		"she fainted and banged her head, lost consciousness briefly",
		"got knocked out playing rugby",
	)
}

// "Pressing" is a kind of chest pain, not the person pressing on a sore
// spot, doing press-ups or pressing a glass on a rash; a chest sore only when
// pressed or touched is the chest wall (NHS, Chest pain), not A&E. A pressing
// or crushing pain, or tenderness told with heart attack signs, still answers
// 999 (NHS, Heart attack; NICE CG95).
func TestPressedOnIsNotAPressingPain(t *testing.T) {
	wantNoEmergency(t,
		"the left side of my chest is sore but only when I press on it, I strained it lifting boxes",
		"did loads of press ups yesterday and my chest muscles ache",
		"pink spots on her tummy and chest that go white when I press them, she's playing happily",
		"my chest is tender to touch since I fell against the table",
	)
	for _, msg := range []string{
		"a pressing pain in the middle of my chest for the last half hour",
		"my chest feels like it's being pressed down by something heavy",
		"pain in my chest going into my left arm, it also hurts when I press there",
		"sore chest when I touch it but now I'm grey and sweaty with it",
	} {
		if got, ids := screen(t, msg); got != content.Disp999 || !slices.Contains(ids, "heart_attack") {
			t.Errorf("%q: level %q rules %v, want 999 with heart_attack", msg, got, ids)
		}
	}
	if got, ids := screen(t, "pain in my chest since breakfast, it's there sitting still"); got != content.DispAE || !slices.Contains(ids, "chest_pain") {
		t.Errorf("chest pain now: level %q rules %v, want A&E with chest_pain", got, ids)
	}
}

// Not opening the mouth properly with a sore throat worse on one side is a
// possible quinsy for an urgent GP appointment or NHS 111 today (NHS,
// Quinsy); drooling, not swallowing spit or fluids, or struggling to breathe
// still answer A&E or 999 (NHS, Sore throat; NHS, Tonsillitis).
func TestQuinsyWithoutDroolingIsNotAE(t *testing.T) {
	wantNoEmergency(t,
		"my tonsils have been bad for three days and now my jaw won't open wide, the right side is much bigger",
		"throat infection getting worse on one side, it's hard to open my mouth to eat and I sound like I'm talking with a mouth full",
	)
	wantEmergency(t,
		"tonsillitis and I can barely open my mouth, and now I'm dribbling because I can't swallow",
		"sore throat on one side and I can't swallow my saliva at all",
		"my quinsy has come back, the left tonsil is huge",
	)
}

// wantNoEmergency fails for each message screened at 999 or A&E.
func wantNoEmergency(t *testing.T, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if got, ids := screen(t, msg); got == content.Disp999 || got == content.DispAE {
			t.Errorf("%q: sent to %s by %v, want no emergency", msg, got, ids)
		}
	}
}

// Chest pain told only as the reason for a past A&E visit, a booked
// appointment or a referral, with the pain gone ("she's fine now", "not had
// it since", "is it still on"), is an admin question; pain still there, back,
// worse or told now beside the visit still answers A&E (NHS, Chest pain).
func TestChestPainBookingIsNotChestPainNow(t *testing.T) {
	wantNoEmergency(t,
		"I drove my dad to A&E with chest pain on Sunday, they said it was a muscle, he's fine now, how do we get the discharge letter",
		"I've got an appointment for my chest pain at cardiology on Monday, will it go ahead",
		"my GP referred me to the chest pain clinic last week, not had any pain since, is the clinic still on",
	)
	wantEmergency(t,
		"took my mum to hospital with chest pain last night, they sent her home but she's still in pain",
		"got an appointment about my chest pains on Friday but the pain is bad now",
		"was in A&E with chest pain on Tuesday, discharged, it has come back this evening",
	)
}

// wantEmergency fails for each message not screened at A&E or 999.
func wantEmergency(t *testing.T, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if got, ids := screen(t, msg); got != content.DispAE && got != content.Disp999 {
			t.Errorf("%q: level %q rules %v, want A&E or 999", msg, got, ids)
		}
	}
}

// Black poo told with its harmless cause (black pudding, a newborn's first
// poo) is not a bleed in the gut; black tarry poo alone, or
// with feeling faint, dizzy or unwell or tummy pain, still answers A&E (NHS,
// Blood in poo).
func TestBlackPooWithItsCauseIsNotABleed(t *testing.T) {
	wantNoEmergency(t,
		"ate blueberries and liquorice all weekend and my poo is nearly black, I feel well",
		"we had black pudding with every breakfast on holiday and now my poo is dark black",
		"our newborn's first poos are black and sticky, is that meconium",
	)
	wantEmergency(t,
		"my poo is black and sticky like tar since yesterday",
		"I'm on iron tablets but my poo is black and tarry and I nearly passed out on the loo",
		"black poo after black pudding, but now I feel really unwell and my tummy hurts",
	)
}

// The signs of meningitis asked about only to know them, with nothing wrong
// now, are a question; signs told now, a worry about meningitis, or a rash
// that won't fade with a fever still answer 999 (NHS, Meningitis).
func TestMeningitisSignsAskedToKnowAreNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"out of interest what are the symptoms of meningitis in toddlers, mine is fine",
		"nothing wrong with him, I just wanted to know the signs of meningitis to look out for",
	)
	wantLevel(t, content.Disp999,
		"my daughter has the symptoms of meningitis, a high temperature and a headache",
		"I'm scared it's meningitis, he has a temperature and won't settle",
		"just wanted to know the signs of meningitis, my baby has a fever and spots that stay under a glass",
	)
}

// Emergencies and crises told in everyday words the rules did not know (the v
// study: medicines and poisons, pregnancy and newborns, older adults and
// mental health). Each class is tried on both sides: the emergency or crisis
// in other words answers first (first, crisis), and a near miss in the same
// words meets neither the rule nor any 999 or A&E rule (calm). Messages are
// written for this test; the NHS sources are in the rules' comments.
func TestEverydayWordsForEmergencies(t *testing.T) {
	first := []struct{ rule, msg string }{
		// "Took the lot." with the tablets or a wish to die in a sentence of its own.
		{"overdose", "took the lot. all her pills. she says she wants to die"},
		{"overdose", "I took the lot. I don't want to be alive"},
		// Found on the floor, told with a possessive before the room.
		{"major_trauma", "found grandad on his bathroom floor this morning, he can't get up and his hip is agony"},
		// A baby who flops when lifted; a baby not woken for a feed for hours.
		{"child_very_unwell", "my 2 week old is so sleepy, when I lift her up she just flops"},
		{"baby_sleepy_not_feeding", "she hasn't woken for a feed since this morning and it's teatime now, she's 10 days old"},
		// A count of a child's medicine missing.
		{"child_swallowed_seems_well", "my 3 year old had the lid off my iron tablets, I think 5 are missing, he seems fine"},
		// A household product got out, then swallowed, with drooling.
		{"child_fit_or_swallowed", "the toddler got the drain cleaner from the cupboard. I think he drank some, he keeps drooling"},
		// Ten or more paracetamol since earlier today.
		{"overdose_staggered", "I've had about 12 paracetamol since breakfast for my back"},
		// A crash with tummy pain in pregnancy.
		{"pregnancy_pain_bleeding_constant_or_injury", "32 weeks pregnant, we were in a crash on the way home and I've got pain in my tummy"},
		// Bleeding that won't stop after a sexual assault; heavier than a period with faintness.
		{"heavy_period_faint", "I was raped on Saturday and the bleeding hasn't stopped"},
		{"heavy_period_faint", "bleeding heavier than a normal period and I feel faint"},
		// Words that "came out as nonsense", a sudden stroke sign even when it passes.
		{"stroke", "mum was fine at lunch, then her words came out as nonsense for a few minutes, she's ok now"},
		// Sight lost minutes ago, or "like a blind came down".
		{"sudden_vision_loss", "lost the vision in my right eye twenty minutes ago, it went black"},
		{"sudden_vision_loss", "can't see out of my left eye, like a blind came down over it"},
		// The tummy going in under the ribs with each breath.
		{"child_breathing", "my 5 week old's tummy goes in under his ribs with every breath"},
		// "Haven't been able to" pass wind, told after the toilet.
		{"bowel_obstruction", "haven't been able to go to the loo or pass wind since Sunday, being sick and my tummy is swollen"},
		// The weeks after the birth told by the baby's age while breastfeeding.
		{"postnatal_sepsis", "breastfeeding my 2 week old and I've got a temperature of 39 and my heart is pounding"},
	}
	for _, c := range first {
		got, ids := screen(t, c.msg)
		if (got != content.Disp999 && got != content.DispAE) || !slices.Contains(ids, c.rule) {
			t.Errorf("%q: level %q rules %v, want an emergency with %s", c.msg, got, ids, c.rule)
		}
	}
	for _, msg := range []string{
		"most nights I go to sleep hoping I don't wake up",
		"it would be easier for my kids if I'm not around any more",
		"it'd be better for the family if I was not alive",
	} {
		if got, ids := screen(t, msg); got != content.DispCrisis {
			t.Errorf("%q: level %q (rules %v), want the crisis rules", msg, got, ids)
		}
	}
	calm := []string{
		"better for everyone if I'm not here on Friday, the plumber can let himself in",
		"I hope I don't wake the baby when I come in late",
		// A thought, nothing taken: the crisis rules, not the overdose one.
		"I'm thinking of taking the lot, all my tablets are in the drawer",
		"grandad sat on his bedroom floor to sort his records, took him a while to stand but he's fine",
		"when I pick him up he flops his head onto my shoulder and dozes off",
		"my baby hasn't woken for a night feed in weeks, sleeping through",
		"5 tablets missing from my blister pack, I think I miscounted",
		"cleaned the bath with bleach earlier. my baby drank some milk and is drooling with his teeth",
		"took 9 paracetamol today instead of 8 by mistake",
		"I've got 16 paracetamol left, can I buy more today",
		"34 weeks pregnant, tummy pain comes and goes with Braxton Hicks, no bleeding",
		"28 weeks, the seatbelt rubs my bump on long drives, no pain",
		"I was sexually assaulted last year and want counselling, no bleeding",
		"sorry if my words come out as nonsense, english is not my first language, I need a repeat prescription",
		"lost my glasses an hour ago and can't see properly without them",
		"my belly is bloated under my ribs after dinner, breathing fine",
		"haven't been able to go to the toilet for 2 days, passing wind fine, not being sick",
		"breastfeeding my 5 month old, temperature 38.5 and my heart is racing",
	}
	for _, msg := range calm {
		if got, ids := screen(t, msg); got == content.Disp999 || got == content.DispAE {
			t.Errorf("%q: sent to %s by %v, want no emergency", msg, got, ids)
		}
	}
	// Not a wish to die: an absence on a day, a sleeping baby.
	for _, msg := range calm[:2] {
		if got, ids := screen(t, msg); got != "" {
			t.Errorf("%q: level %q (rules %v), want no red flag", msg, got, ids)
		}
	}
}

// A word in its other sense, or a fear told as over and answered, does not
// meet an emergency rule: a baby slipping off the breast while feeding has not
// fallen, and a heart attack feared last week with the tests fine and panic
// named is not one now. The true emergency in near words still answers (NHS,
// Head injury and concussion: a baby under 1 who falls; NHS, Heart attack:
// call 999; NHS, Panic disorder).
func TestOtherSenseAndAnsweredFearAreNotEmergencies(t *testing.T) {
	// rule "" is a near miss that must reach no 999 or A&E rule.
	cases := []struct{ rule, msg string }{
		{"", "my 3 week old gets sleepy on the breast and slips off after a few minutes, how do I keep her feeding"},
		{"", "I went to A&E last week thinking I was having a heart attack but the ECG was normal and they said it was anxiety, how do I manage it"},
		{"", "my husband thought he was having a heart attack on Sunday, they told him it was heartburn, can he get gaviscon"},
		{"infant_head_injury", "my 4 month old fell off the bed and now she's being sick and sleepy"},
		{"infant_head_injury", "my 5 month old came off the breast, then rolled off the sofa onto the floor and has a lump on her head"},
		{"heart_attack", "I think I'm having a heart attack"},
		{"heart_attack", "the ECG was fine last month but I think I'm having a heart attack now, crushing pain in my chest"},
	}
	ruleOrCalm(t, cases)
}

// Severe or sudden pain low in the tummy or pelvis with being sick or a high
// temperature (a twisted ovary, a pelvic infection or abscess, appendicitis)
// is A&E on the first message; usual period or endometriosis pain, a mild
// or one-sided twinge, a bad pain without a temperature or sickness and
// cramps with diarrhoea (a tummy bug) stay with their topics. A possible
// pregnancy with bad one-sided pain and bleeding meets the merged ectopic
// rule. Messages written for this test (NHS, Pelvic inflammatory disease;
// NHS, Ovarian cyst; NHS, Stomach ache; NHS, Ectopic pregnancy; H182).
func TestLowTummyPainWithSicknessOrFever(t *testing.T) {
	cases := []struct{ rule, msg string }{
		{"sudden_severe_low_pain", "the bottom of my tummy is in agony tonight and my temperature is 38.9"},
		{"sudden_severe_low_pain", "my pelvis hurts so much I'm crying, and I've thrown up twice"},
		{"sudden_severe_low_pain", "out of nowhere a pain low on my right, I can't stand up straight and I've been sick"},
		{"sudden_severe_low_pain", "horrendous pain in my lower belly and vomiting, nothing like my normal periods"},
		{"early_pregnancy_side_pain", "my period is 10 days late, terrible pain low on my left side and I'm spotting"},
		// rule "" is a near miss that must reach no 999 or A&E rule.
		{"", "usual period pain, cramps low in my tummy and I feel a bit sick, same every month"},
		{"", "my endometriosis is flaring again, severe pain low down in my tummy and queasy, the normal flare for me"},
		{"", "a mild pain low on my left side for two days, a bit nauseous"},
		{"", "after the coil went in, bad ache low in my pelvis and a temperature of 38"},
		{"", "severe cramps low in my belly, diarrhoea and sickness since the buffet"},
	}
	ruleOrCalm(t, cases)
}

// A friend told as "mate" or "pal" who is fitting now is a fit (999), as
// "friend fitting" was; a mate who has a fitting for a suit is not. Messages
// written for this test (NHS, When to call 999: a fit; H175, H183).
func TestMateFittingIsAFit(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my mate fitting on the floor after taking something, 2 minutes now",
		"pal fitting in the back of the car, what do I do",
	)
	if got, ids := screen(t, "my mate has a fitting for his wedding suit next week, can I park at the hospital"); got == content.Disp999 || got == content.DispAE {
		t.Errorf("a suit fitting: sent to %s by %v, want no emergency", got, ids)
	}
}

// ruleOrCalm checks each message meets its rule, or, for rule "", no 999 or
// A&E rule.
func ruleOrCalm(t *testing.T, cases []struct{ rule, msg string }) {
	t.Helper()
	for _, c := range cases {
		got, ids := screen(t, c.msg)
		emergency := got == content.Disp999 || got == content.DispAE
		switch {
		case c.rule == "" && emergency:
			t.Errorf("%q: sent to %s by %v, want no emergency", c.msg, got, ids)
		case c.rule != "" && !slices.Contains(ids, c.rule):
			t.Errorf("%q: rules %v, want %s", c.msg, ids, c.rule)
		}
	}
}

// Emergencies told in words the rules did not know, found in batch s
// (hazard rows H175 to H179 and H181). Each class is tried
// on both sides: the emergency in several wordings of our own, and near
// misses that must not reach 999 or A&E (or the rule named). NHS sources are
// in the rules' and findings' source comments.
func TestLayWordsForSBatchEmergencies(t *testing.T) {
	// Each message must meet the named rule, at its level or above.
	meet := []struct{ rule, want, msg string }{
		// A fit: "jerkin" (a jacket, never corrected) and a mate fitting.
		{"seizure", content.Disp999, "my little girl is jerkin all over and wont answer me"},
		{"seizure", content.Disp999, "my mate fitting on the pavement, been going a couple of minutes"},
		{"seizure", content.Disp999, "housemate fitting in the kitchen after a party"},
		// Sats of 92 exactly.
		{"low_oxygen_reading", content.DispAE, "had covid a week, suddenly much more breathless and the oximeter reads 92"},
		{"low_oxygen_reading", content.DispAE, "my dad's sats are 92 on the finger probe and he is puffing"},
		// Severe tummy pain told as "agony in".
		{"severe_abdominal_pain", content.DispAE, "woke with agony in my upper belly going through to my back, keep throwing up"},
		// A PEG named, then the tube pulled out in the next sentence.
		{"feeding_tube_out", content.DispAE, "mum has a PEG. she yanked the tube out an hour ago and the hole is open"},
		{"feeding_tube_out", content.DispAE, "she has a gastrostomy. the button fell out in the bath"},
		// Self-harm told as going deeper than meant, with a gaping wound.
		{"self_harm_injury", content.DispAE, "went deeper than I meant to on my arm, it's gaping and I can see fat"},
		// A product taken for a drink, swallowed in the next sentence.
		{"overdose", content.Disp999, "some joker put screenwash in my drink bottle. I had a big swig before I tasted it"},
		// Tablets taken because of distress.
		{"overdose", content.Disp999, "my son took a load of pills at school because he was upset, he won't say which"},
		{"overdose", content.Disp999, "injected a whole pen of humalog because I'm done with all of it"},
		// Paracetamol: doses every 2 or 3 hours, or the day told before the count.
		{"overdose_staggered", content.DispAE, "paracetamol for my earache, 2 every 2 or 3 hours since I got up"},
		{"overdose_staggered", content.DispAE, "been on lemsip and paracetamol for my cold, yesterday I think about 14 tablets in all"},
		// Fumes from mixed cleaning products with breathing trouble.
		{"smoke_inhalation", content.DispAE, "mixed bleach with toilet cleaner in the bathroom, now my chest is tight and I'm wheezing"},
		{"smoke_inhalation", content.DispAE, "breathed in chlorine at the pool plant room and I'm short of breath"},
		// Postpartum psychosis with the baby at risk told indirectly.
		{"postpartum_psychosis_baby_risk", content.Disp999, "since the birth she says the baby is possessed and she must send him up to heaven"},
	}
	for _, c := range meet {
		got, ids := screen(t, c.msg)
		if !slices.Contains(ids, c.rule) || (got != c.want && got != content.Disp999) {
			t.Errorf("%q: level %q rules %v, want %s at %s", c.msg, got, ids, c.rule, c.want)
		}
	}
	// Near misses: not the rule named, and not 999 or A&E.
	notRule := []struct{ rule, msg string }{
		{"seizure", "my mate's fitting appointment for his hearing aid got moved"},
		{"seizure", "wearing my leather jerkin, sore throat for two days"},
		{"seizure", "bought a jerkin and boots for work, my knee aches"},
		{"low_oxygen_reading", "copd, more phlegm, sats 92 which is about my usual"},
		{"low_oxygen_reading", "sats 96 on the finger probe, just a cold"},
		{"low_oxygen_reading", "my heart rate monitor says 92 after my run"},
		{"severe_abdominal_pain", "mild tummy ache after lunch, no pain anywhere else"},
		{"severe_abdominal_pain", "agony in my knee since football, tummy fine"},
		{"feeding_tube_out", "he has a PEG and keeps fiddling with the tube but it is still in"},
		{"self_harm_injury", "the splinter went in deep, I got it out with tweezers"},
		{"overdose", "we keep screenwash in the garage, can I pour it into an old bottle"},
		{"overdose", "took some tablets because my tummy was upset, feel better now"},
		{"overdose", "took a sleeping tablet because I was upset and couldn't sleep"},
		{"overdose_staggered", "2 paracetamol every 4 to 6 hours for my back, no more than 8 a day"},
		{"overdose_staggered", "had 2 paracetamol today, about 12 hours ago"},
		{"smoke_inhalation", "got a whiff of bleach fumes cleaning, coughed, but it's settled now and breathing is fine now"},
		{"smoke_inhalation", "can I mix bleach with washing up liquid to clean the floor"},
		{"postpartum_psychosis_baby_risk", "had the baby 2 weeks ago, my partner won't let me near the cot when he's asleep because I snore"},
	}
	for _, c := range notRule {
		if got, ids := screen(t, c.msg); slices.Contains(ids, c.rule) || got == content.Disp999 || got == content.DispAE {
			t.Errorf("%q: level %q rules %v, want neither %s nor an emergency", c.msg, got, ids, c.rule)
		}
	}
}

// A wish not to wake told with "doesn't", of someone else, is a crisis, not
// someone who will not wake; being "a burden much longer" told with "won't"
// is read, not denied. The true emergency in the same words still answers
// (NHS, Help for suicidal thoughts; NHS, When to call 999). s study.
func TestCrisisToldWithDoesNotAndWont(t *testing.T) {
	cases := []struct{ want, msg string }{
		{content.DispCrisis, "my sister keeps saying there's no point and tonight said she hopes she doesn't wake up in the morning"},
		{content.DispCrisis, "grandad says he won't be a burden much longer and has sorted all his things out"},
		{content.DispCrisis, "mum says she won't be a nuisance much longer, she's sorted everything out for us"},
		// Near misses: a baby settled to sleep, a patient who can walk.
		{"", "finally got the baby off, I hope she doesn't wake up before 6"},
		{"", "he won't be a burden on the ward, he can walk to the toilet himself"},
		// Someone who will not wake is still 999.
		{content.Disp999, "she's on the floor and doesn't wake up when I shake her"},
	}
	for _, c := range cases {
		if got, ids := screen(t, c.msg); got != c.want {
			t.Errorf("%q: level %q (rules %v), want %q", c.msg, got, ids, c.want)
		}
	}
}

// An injury dated by a month after "when", "who" or "which" ("the notes from
// when I was knocked down in March") is told as past; the same injury told
// now, or with nothing dating it, still answers 999 (NHS, When to call 999).
func TestInjuryDatedByAMonthIsPast(t *testing.T) {
	wantNoEmergency(t,
		"can I get my hospital records from when I was knocked down by a van in March, the solicitor is asking",
		"the police still have not rung about the man who stabbed my brother in June",
	)
	wantEmergency(t,
		"I've just been knocked down by a van and can't feel my legs",
		"my brother has been stabbed, there is blood everywhere",
	)
}

// A droop or weakness left by a stroke dated in the past and "still" there is
// a long-standing deficit for the GP or stroke team (NHS, Stroke recovery);
// anything new, worse or back beside it still answers 999 (NHS, Stroke).
func TestOldStrokeStillThereIsNotANewStroke(t *testing.T) {
	wantNoEmergency(t,
		"my husband had his stroke in 2020 and his face still droops on one side, how does he get his repeat tablets",
		"mum had a stroke three years ago and her arm is still weak, can the physio visit",
	)
	wantEmergency(t,
		"had a stroke in 2020, his face still droops but today his arm has gone weak too",
		"had a stroke two years ago and now his speech is slurred again",
	)
}

// Loud snoring with pauses in breathing at night for a while is possible
// sleep apnoea for the GP (NHS, Sleep apnoea); not breathing now, not waking
// or blue lips still answer 999.
func TestSnoringPausesAtNightAreNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"my husband snores like a train and stops breathing for a bit in the night, it's been going on for ages",
	)
	wantEmergency(t,
		"he was snoring and then he stopped breathing and I can't wake him",
		"my son snores at night but now he can't breathe and his lips are blue",
	)
}

// Purple marks told as bruising on a blood thinner are easy bruising, a side
// effect for the GP or anticoagulant clinic (NHS, Apixaban; Edoxaban); purple
// spots, or purple marks with a fever or feeling unwell, still answer 999
// (NHS, Meningitis; Sepsis).
func TestEasyBruisingOnABloodThinnerIsNotARash(t *testing.T) {
	wantNoEmergency(t,
		"since starting rivaroxaban I bruise if anything touches me, purple marks all down my shins",
	)
	wantEmergency(t,
		"purple marks appearing on her legs and she's not herself",
		"on apixaban and bruising a lot, now purple marks on his tummy and a high temperature",
		"tiny purple spots on my son's chest that came up this afternoon",
	)
}

// Nipples or breasts burning when breastfeeding are a feeling (thrush: GP or
// pharmacy; NHS, Breastfeeding and thrush), not a burn; a scald or something
// hot named with them still answers A&E (NHS, Burns and scalds).
func TestBurningNipplesAreNotABurn(t *testing.T) {
	wantNoEmergency(t,
		"feeding my 6 week old and both nipples burn and look shiny, he has white patches on his tongue",
	)
	wantEmergency(t,
		"spilt boiling water down my front, my breast is burning and the skin has gone white",
		"burnt my face on the oven, the skin is white and leathery",
	)
}

// Dizzy or faint on standing up after a new tablet is low blood pressure on
// standing for the GP (NHS, Low blood pressure), not anaphylaxis; a swollen
// mouth, wheeze or breathlessness beside a new medicine still answers 999
// (NHS, Anaphylaxis).
func TestDizzyOnStandingAfterANewTabletIsNotAnaphylaxis(t *testing.T) {
	wantNoEmergency(t,
		"she started a new blood pressure medicine last week and now gets lightheaded whenever she stands up, fine sitting down",
	)
	wantEmergency(t,
		"started new tablets this morning and now his lips are swelling and he feels dizzy",
		"took the first antibiotic an hour ago, I'm dizzy when I stand and wheezing badly",
		"given a new medicine and she went dizzy and can't breathe",
	)
}

// A child blue round the mouth from the cold who is pink again once warmed up
// is the cold (NHS, Blue skin or lips (cyanosis)); still blue, or blue again,
// after warming, or blue with breathing trouble, still answers 999 (NHS, When
// to call 999: blue lips or skin).
func TestBlueFromTheColdPinkOnceWarmIsNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"my daughter went a bit blue round her mouth after swimming in the sea, we dried her off and warmed her in a blanket and she's rosy now",
	)
	wantEmergency(t,
		"my boy's lips went blue at the beach, we warmed him in a towel and he went pink but now he's blue again",
		"my little girl's lips are blue and she is very sleepy",
	)
}

// A span told with "back" ("a few weeks back", "a month back") tells when,
// not that a pain has come back: a clinic question about a chest pain that
// was weeks back stays no emergency; a pain that is back now, or a pain told
// beside a heart history given as the past, still answers A&E or 999 (NHS,
// Chest pain; NHS, Heart attack).
func TestTimeToldWithBackIsThePast(t *testing.T) {
	wantNoEmergency(t,
		"my GP referred me to the chest pain clinic, the pain was a fortnight back and has not returned, is it still running",
		"I have an appointment about my chest pain, that was a month back and I am fine now, when will the clinic ring me",
	)
	wantEmergency(t,
		"the chest pain is back and worse than last week",
		"my chest pain came back an hour ago and won't ease",
	)
	wantRule(t, "heart_history_chest_pain_lasting",
		"had a bypass three years back, crushing chest pain for 20 minutes now",
		"had two stents put in a year ago and this chest pain has been going 30 minutes",
	)
}

// Weeks of pregnancy that open a message, without the word pregnant, make
// the signs after them signs in pregnancy: reduced movements or blurred
// vision call the maternity unit (NHS, Your baby's movements; NHS,
// Pre-eclampsia). A baby's age or a span of weeks at the start does not.
func TestOpeningWeeksArePregnancy(t *testing.T) {
	wantRule(t, "pregnancy_maternity_now",
		"35 weeks. she's hardly moved at all since lunch",
		"32+3. since this afternoon my vision has gone blurry and I see flashing lights",
	)
	wantNotRule(t, "pregnancy_maternity_now",
		"my 5 week old barely moved his bowels today",
		"3 weeks and my palms are still itchy from the new soap",
	)
}

// Self-harm told with being all right in mind and nothing told of thoughts,
// a plan or an act now is a wound or a question, not the crisis reply (NHS,
// Self-harm); self-harm now, or thoughts of it, stays a crisis whatever else
// is said (NHS, Get help for suicidal thoughts).
func TestSelfHarmToldAsOkInMindIsNotACrisis(t *testing.T) {
	for _, msg := range []string{
		"the cut from when I self harmed on my arm last week looks infected and weepy, I'm fine in myself",
		"scratched my wrist with a blade (self harm) a few days back, mentally I'm ok, but it's gone red",
	} {
		if got, ids := screen(t, msg); got == content.DispCrisis {
			t.Errorf("%q: crisis by %v, want no crisis reply", msg, ids)
		}
	}
	for _, msg := range []string{
		"I'm ok mentally but I self harmed again tonight",
		"fine in myself mostly, but I keep thinking about killing myself",
		"I self harmed and I don't feel safe",
	} {
		if got, ids := screen(t, msg); got != content.DispCrisis && got != content.Disp999 {
			t.Errorf("%q: level %q rules %v, want the crisis reply or 999", msg, got, ids)
		}
	}
}

// A face or mouth told as gone, pulled or slipped down on one side is a
// droop, and speech told as sounding drunk in someone who has not been
// drinking is slurred speech: both are FAST stroke signs (NHS, Stroke
// symptoms). A swelling that has gone down, or a drink gone down the wrong
// way, is not.
func TestStrokeFaceGoneDownAndSpeechLikeDrunk(t *testing.T) {
	wantRule(t, "stroke",
		"at lunch my dad's mouth went down at one side and his cup of tea ran out the corner",
		"her face has slipped down on the right, came on half an hour ago",
		"the left side of grandad's mouth has gone down",
		"my wife suddenly sounds like she's had a few drinks but she's been sober all day",
		"he's talking like he's drunk and he never touches alcohol",
	)
	wantNotRule(t, "stroke",
		"the swelling on her cheek has gone down on one side since the antibiotics",
		"his squash went down the wrong way and he coughed, he's fine now",
		"I cut my lip shaving and blood ran down one side of my chin",
		"my eye has gone down a prescription, when can I see the optician",
	)
}

// Someone well a few hours ago, told in everyday idiom ("right as rain",
// "her usual self", "on the ball"), who now does not know names, the
// people around them or whose house they are in, has sudden confusion
// (NHS, Confusion (delirium); NHS, When to call 999). The speaker's own
// forgetting, or a child's coat, is not.
func TestSuddenConfusionWellEarlierInIdiom(t *testing.T) {
	wantLevel(t, content.Disp999,
		"nan was right as rain at teatime and now she doesn't know who any of us are",
		"dad was his usual self this morning, now he keeps asking whose house he's in",
		"my husband was on the ball at breakfast but now he can't remember his own name",
	)
	wantNoEmergency(t,
		"I was right as rain yesterday but now I can't remember where I put my repeat prescription",
		"my son was fine this morning, now he has a runny nose and doesn't know whose coat he brought home",
	)
}

// A shoulder or other joint told as squared off, gone square, or popped out
// of its socket after a fall is a dislocation (NHS, Dislocated shoulder: the
// shoulder looks square rather than round; go to A&E). A town square, or a
// kneecap that popped out and went straight back, is not.
func TestJointSquaredOffIsADislocation(t *testing.T) {
	wantRule(t, "broken_bone_deformed",
		"came off my bike onto my shoulder and it's gone square, I can't lift my arm",
		"she fell on the stairs and her shoulder looks squared off compared to the other one",
		"tackled at rugby, his elbow has popped out of joint",
		"my lad put his shoulder out at judo, there's a bulge at the front",
	)
	wantNoEmergency(t,
		"I tripped on the cobbles in the market square and grazed my knee",
		"it looks like the square outside the clinic is shut, I fell over on the way and my wrist is a bit sore",
		"I think I've put my back out hoovering the stairs",
	)
}

// Part of a denture or another dental piece swallowed, with drink that will
// not go down, needs removing at A&E (NHS, When to go to A&E; NHS,
// Swallowed objects). A loose denture, a poor appetite or big tablets are
// not.
func TestSwallowedDentureAndDrinkThatWontGoDown(t *testing.T) {
	wantRule(t, "throat_foreign_body",
		"grandad swallowed his false teeth plate in his sleep and now he can't get any water down",
		"mum has swallowed a bit of her dentures and the tea won't go down, it feels stuck in her chest",
	)
	wantNoEmergency(t,
		"my top denture is loose and keeps slipping when I eat, can I see a dentist",
		"full of cold and I can't get anything down me, just not hungry",
		"I can't get these big calcium tablets down, are there smaller ones",
		"swallowed my retainer by mistake, no pain, eating and drinking normally",
	)
}

// A child who got at a pill organiser or blister pack, told with days or
// compartments now empty, may have swallowed the doses: A&E even if well
// (NHS, Poisoning). Asking about a pill box, or a full one knocked over, is
// not.
func TestChildPillOrganiserWithEmptyDays(t *testing.T) {
	wantEmergency(t,
		"my 3 year old got at grandma's dosette box while we weren't looking, thursday and friday are empty, he's playing happily",
		"toddler had grandad's weekly pill box, two of the compartments are empty now, seems fine",
	)
	wantNoEmergency(t,
		"where can I buy a pill box with the days of the week on for my dad",
		"my toddler knocked grandad's pill box off the table but every day is still full",
	)
}

// Someone who has fallen and cannot get up, on the floor a long time, cold
// or on their own, or older, needs an ambulance even with no injury named
// (NHS, Falls: if you're hurt or cannot get up, call for help and keep warm;
// NICE CG161). "Can not" in two words reads as cannot. Getting up in the
// mornings or up the stairs, falling asleep or pregnant, and an erection
// are not.
func TestFallenAndCannotGetUp(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I've had a fall by the front door and I can not get up. lying here since 5am",
		"I'm 91, fell over in the kitchen and I cannot get up",
		"fell in the bedroom, can't get myself up, nobody here with me and I'm shivering",
		"my gran has slipped off the commode onto the floor and we can't get her up",
		"my husband is 80, he rolled off the settee twenty minutes ago and we can't lift him",
	)
	wantNoEmergency(t,
		"my grandad keeps falling asleep in the afternoon and can't get up in the mornings",
		"I'm 70, fell last month, I'm up and about but can't get up out of the armchair easily",
		"I fell pregnant in the spring and now I can't get up the stairs without puffing",
		"I'm 67 and I can't get it up any more, is there anything the GP can do",
		"nan fell in the garden but got herself up and is having a cup of tea",
	)
}

// A plan or a wish to die told with someone watching over them now, the
// means taken away, or nothing done is the crisis line (NHS 111 option 2,
// the crisis team, Samaritans), even with a plan for later or for tonight;
// an act done or under way, the means in hand, a time now or tonight told
// alone, an overdose taken or being at a high place now stays 999 (NHS,
// Help for suicidal thoughts; NHS, Where to get urgent help for mental
// health).
func TestPlanToldWithSomeoneThereOrMeansGoneIsTheCrisisLine(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		// A plan for later, someone with them now.
		"I teach year 11, a lad in my tutor group says he intends to end his life next week. he is sitting with me and the school nurse now",
		"my niece told me she's planning to kill herself after her exams, she's here with me at my house and safe",
		// A plan for tonight, with someone watching over them in the room.
		"a student has just told me she's going to end it tonight, she's with me in my office and her dad is coming",
		// Wanting to die, the means taken away, nothing done.
		"my husband has been drinking and says he wants to die, I've locked all the tablets away and taken the knife off him, he hasn't hurt himself and he's with me on the settee",
		// A goodbye note found, the person found and nothing done.
		"my sister left a note on the table saying sorry to everyone, we found her at her friend's, she says she hasn't done anything and we're sitting with her",
		// An old act and an urge now, no injury now.
		"my mum slit her wrists years ago and says she wants to cut again, no fresh cuts, she's at home",
		// Can't breathe for crying, with a wish to be dead.
		"I can't stop crying and can't breathe properly, honestly I'd rather be dead than go back to that job",
	)
	wantLevel(t, content.Disp999,
		// At a high place now.
		"my son texted that he wants to die and he's on the bridge now",
		// An overdose taken.
		"my partner has swallowed all her tablets",
		// The means in hand and a time now.
		"I've got the rope and I'm doing it tonight",
		"he's locked himself in the bathroom with a knife",
		// Tonight, alone or only "safe for now".
		"my brother says he's going to kill himself tonight, he's on his own",
		"she says she's safe for now but she's going to end it tonight",
		"I can't stay with him tonight and he says he's going to end it tonight",
		// Means hidden, but another held now.
		"I've hidden the pills but he's grabbed a kitchen knife and says he'll kill himself",
		// An act done, with someone there.
		"my daughter is with me now but she's slit her wrists",
		// A note left and gone, or found with a sign of danger now.
		"my dad left a note saying goodbye and has driven off",
		"she left a note saying sorry, we found her and she says she hasn't done anything but she's really drowsy",
		// Means hidden, but tonight and alone, or shut away ("she'll" as "she will").
		"my son is upstairs on his own, I've hidden the pills, he says he'll kill himself tonight",
		"I hid the knives, she's locked herself in the loo and says she'll end it",
		// Crying and can't breathe, no talk of dying.
		"my little boy was crying and now he can't breathe and his lips are going blue",
	)
}

// wantLevel checks that each message's first answer from the rules is at
// level.
func wantLevel(t *testing.T, level string, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if got, ids := screen(t, msg); got != level {
			t.Errorf("%q: level %q rules %v, want %q", msg, got, ids, level)
		}
	}
}

// Grief and a complaint about past care told beside crisis words are not a
// crisis: crying after a death or a pet put to sleep, and the comforting
// voice of someone who has died, are part of grief (NHS, Grief after
// bereavement or loss); self-harm told only as the background of a
// complaint goes to PALS. Thoughts of dying, not coping, a frightening
// voice giving orders, and self-harm told as now still answer the crisis
// reply (NHS, Help for suicidal thoughts; NHS, Self-harm).
func TestGriefAndComplaintsAfterSelfHarmAreNotACrisis(t *testing.T) {
	wantLevel(t, "", // no rule
		"our old cat had to be put down on Friday and I cannot stop crying, is this normal",
		"since my wife passed away in June I can't stop crying when I'm in the kitchen",
		"some evenings I hear my late mum's voice saying my name, it's a comfort really",
		"how do I make a complaint about the way the ward nurses spoke to me when I was admitted after self harming in March",
		"grazed my wrist with a razor a week ago (self harm, not doing it now), it's sore and yellow",
	)
	wantLevel(t, content.DispCrisis,
		"my husband died last month, I can't stop crying and I don't want to be here anymore",
		"I keep hearing my late dad's voice talking to me all night and it's terrifying",
		"I want to complain about A&E, and I self harmed again last night",
		"since my brother died I can't stop crying and I can't cope",
	)
}

// Someone well a few hours ago who now keeps asking where they are or who
// the carer is has become suddenly confused: 999 (NHS, Confusion (delirium);
// When to call 999). The question word may follow "asking" straight away.
// Someone with dementia asking the same on most days, or a person asking
// where a clinic is, is not.
func TestSuddenConfusionAskingWhereOrWho(t *testing.T) {
	wantLevel(t, content.Disp999,
		"mum was fine this morning, now she keeps asking where she is",
		"he keeps asking who I am, he was perfectly fine at breakfast",
		"grandad was his normal self at lunch and now keeps asking where he lives",
	)
	wantNoEmergency(t,
		"dad has dementia and most days he keeps asking where he is, is there a memory nurse",
		"patients keep asking where the eye clinic is now the signs are down, was fine this morning",
		"my son was fine this morning but keeps asking who is picking him up from school",
	)
}

// wantRule checks that each message meets the rule; wantNotRule that none
// does; want999 that each is answered at 999.
func wantRule(t *testing.T, rule string, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if _, ids := screen(t, msg); !slices.Contains(ids, rule) {
			t.Errorf("%q: rules %v, want %s", msg, ids, rule)
		}
	}
}

func wantNotRule(t *testing.T, rule string, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if _, ids := screen(t, msg); slices.Contains(ids, rule) {
			t.Errorf("%q: rules %v, want no %s", msg, ids, rule)
		}
	}
}

// A size told by a ball ("swelled up like a tennis ball") is a simile and
// says nothing of a testicle; a testicle named, or a ball that hit the
// groin, still answers A&E (NHS, Testicle pain).
func TestBallSimileIsNotATesticle(t *testing.T) {
	wantRule(t, "testicular_torsion",
		"sudden agony in my left testicle, swollen up like a golf ball and I've been sick",
		"got hit in the balls with a cricket ball and now I'm being sick",
	)
	wantNoEmergency(t,
		"twisted my knee at netball and it has swelled up like a tennis ball, can't straighten it",
		"lump on my wrist the size of a ping pong ball, been there months",
	)
}

// A fall from a ladder or steps told as a metre or less ("only about a
// metre", "just 2 feet up") is not the dangerous fall of NICE CG176 (over 1
// metre or 5 stairs): no ambulance for the fall alone, while the other
// rules still read the injury (a head injury on a blood thinner is A&E). A
// fall from a roof, of 2 metres or more, or told with no height still
// answers 999 (NHS, When to call 999).
func TestLowFallToldWithOnlyIsNotMajorTrauma(t *testing.T) {
	wantNoEmergency(t,
		"came off the ladder, only about a metre, landed on my feet and jarred my knee",
		"slipped off the stepladder, just 2 feet up, grazed my shin",
	)
	if got, ids := screen(t, "slipped off the steps, only a metre, hit my head, I'm on apixaban and have a lump"); got != content.DispAE {
		t.Errorf("head injury on a blood thinner after a low fall: level %q rules %v, want A&E", got, ids)
	}
	wantLevel(t, content.Disp999,
		"fell off the roof onto the patio and can't move",
		"fell off the ladder, only 2 metres, landed on my back and can't feel my legs",
		"fell 3 metres off a ladder",
		"dad fell off a ladder in the garden",
	)
}

// "Worst ... ever" is the thunderclap headache only when it is said of the
// headache or pain itself; "worst hangover ever, head pounding" or "worst
// cold I've had" gives the severity to something else (NHS, Subarachnoid
// haemorrhage: a sudden, very bad headache).
func TestWorstOtherThingEverIsNotAThunderclap(t *testing.T) {
	wantNoEmergency(t,
		"worst hangover ever, head pounding, been sick once",
		"worst cold ive had in years, headache and a blocked nose",
		"my head is banging, worst week of my life at work",
	)
	wantLevel(t, content.Disp999,
		"worst headache of my life came on suddenly",
		"sudden headache, worst ever, came out of nowhere",
		"the worst headache ive ever had, like being hit with a bat",
		"bad head ache, worst ever",
	)
}

// Panic attacks the person knows as recurring, with a pounding heart and a
// feeling of being about to faint, and a past panic attack that "felt like a
// heart attack" and passed, are not 999 (NHS, Panic disorder: see a GP).
// Passing out, this attack told as not passing, a heart attack feared now,
// or the fear without a panic attack, still answer 999 (NHS, Heart
// palpitations; Heart attack).
func TestKnownOrPassedPanicAttackIsNotAHeartEmergency(t *testing.T) {
	wantNoEmergency(t,
		"I keep having panic attacks, my heart pounds and I feel like I'm going to pass out, then it passes",
		"had a panic attack yesterday, felt like I was having a heart attack but it passed within 15 minutes and I'm fine now",
	)
	wantLevel(t, content.Disp999,
		"I get panic attacks but my heart is racing and I passed out on the kitchen floor",
		"I keep getting panic attacks but this time my heart is pounding, I feel like I'm going to pass out and it's not passing",
		"I'm having a panic attack and I think I'm having a heart attack",
		"felt like I was having a heart attack, it went after 10 minutes",
		"my chest is crushing and I think I'm having a heart attack, I do get panic attacks",
	)
}

// A rule's reply must fit the message: the nosebleed reply (pinch the nose)
// answers bleeding that will not stop only when a nose is named; a cut that
// keeps bleeding is a wound. A nosebleed of half an hour still answers A&E
// (NHS, Nosebleed).
func TestNosebleedRuleNeedsANose(t *testing.T) {
	wantNotRule(t, "nosebleed_not_stopping",
		"cut my finger on a bread knife and it's been bleeding for 30 minutes",
		"gashed my palm on glass, been bleeding through the plasters for 20 mins",
	)
	wantRule(t, "nosebleed_not_stopping",
		"his nose has been bleeding for 40 minutes",
		"nosebleed for half an hour, pressing on it and it won't stop",
	)
}

// A twisted or rolled ankle or wrist "going blue" is bruising coming out
// (NHS, Sprains and strains), not blue skin from lack of oxygen; blue lips,
// or the person gone blue, still answer 999 (NHS, When to call 999).
func TestTwistedJointGoingBlueIsABruise(t *testing.T) {
	wantNoEmergency(t,
		"twisted my ankle on the stairs, swollen and going blue",
		"rolled my ankle at football and it's gone blue and purple now",
	)
	wantLevel(t, content.Disp999,
		"rolled my ankle and now she has gone blue and can't breathe",
		"sprained my wrist and my lips have gone blue",
	)
}

// The chest pain clinic asked about, with the pain told as gone ("had chest
// pains last month, none since"), is a booking question; with the pain now,
// back or not told as gone it still answers A&E (NHS, Chest pain).
func TestChestPainClinicWithPainGoneIsABooking(t *testing.T) {
	wantNoEmergency(t,
		"is the rapid access chest pain clinic still on thursday? I had chest pains a couple of weeks ago, nothing since",
		"my appointment at the chest pain clinic is tomorrow, had chest pain last month but none since, is it running",
	)
	wantEmergency(t,
		"is the chest pain clinic open, I have chest pain",
		"is the chest pain clinic on today, the chest pain came back an hour ago",
		"I've got chest pain now, is the chest pain clinic open",
	)
}

// "Can barely swallow" water or "hardly swallow" a drink with a sore throat
// is difficulty swallowing: an urgent GP appointment or NHS 111 (NHS,
// Quinsy; Glandular fever). Drooling, barely swallowing one's own spit, not
// being able to swallow at all, or a quinsy named still answer A&E (NHS,
// Tonsillitis; Sore throat).
func TestBarelySwallowingIsNotTheQuinsyEmergency(t *testing.T) {
	wantNotRule(t, "throat_swelling_drooling",
		"glandular fever, throat really swollen, can barely swallow water but I'm sipping it",
		"tonsillitis, one side is worse and I can hardly swallow water, managing sips",
	)
	wantRule(t, "throat_swelling_drooling",
		"tonsils so swollen I can't swallow water at all",
		"throat is huge on one side and I'm drooling",
		"sore throat, can't swallow my own spit",
		"tonsils are huge and I can barely swallow my own saliva",
		"the GP thinks it's a quinsy",
	)
}

// "Is this bad?" asks whether something is serious; its "bad" is not a
// severity told: a mild one-sided ache with spotting in early pregnancy is
// for the early pregnancy unit or NHS 111, while a pain told as severe,
// really bad or getting worse still answers A&E (NHS, Ectopic pregnancy).
func TestIsThisBadIsAQuestionNotASeverity(t *testing.T) {
	wantNotRule(t, "early_pregnancy_side_pain",
		"7 weeks pregnant, a little brown spotting and a twinge low on my left, is this bad?",
		"think I'm pregnant, some spotting and a dull pain on my right side low down, is that bad",
	)
	wantRule(t, "early_pregnancy_side_pain",
		"6 weeks pregnant, spotting and the pain on my right side low down is really bad, is this bad?",
		"7 weeks pregnant, bleeding and a severe pain low on the left",
		"positive test, pain low on my right getting worse, is it bad",
	)
}

// Straight lines or a door frame seen as wavy or bent is a change in
// vision (NHS, Age-related macular degeneration: an urgent optician
// appointment or NHS 111), not a limb bent out of shape; a wrist or arm that
// looks bent after a fall still answers A&E (NHS, Broken arm or wrist).
func TestLinesSeenBentAreVisionNotABentLimb(t *testing.T) {
	wantNoEmergency(t,
		"since last night the door frame looks bent and straight lines look wavy in one eye",
	)
	wantRule(t, "broken_bone_deformed",
		"fell off my bike and my wrist looks bent",
		"my arm looks bent after the fall",
	)
}

// wantAnsweredBy checks that the rule chosen to answer each message (the
// first of the rules it meets) is rule.
func wantAnsweredBy(t *testing.T, rule string, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if _, ids := screen(t, msg); len(ids) == 0 || ids[0] != rule {
			t.Errorf("%q: answered by %v, want %s", msg, ids, rule)
		}
	}
}

// A swelling tongue, lips or throat after a sting, a food or a new medicine,
// with breathing that has become hard, is anaphylaxis: the reply must say to
// use the adrenaline auto-injector, not "sit up and use your reliever
// inhaler" (NHS, Anaphylaxis). Breathing difficulty with no sign of an
// allergy (an asthma attack, a blue face) keeps the breathing reply.
func TestAllergyWithBreathingDifficultyGetsTheAnaphylaxisReply(t *testing.T) {
	wantAnsweredBy(t, "anaphylaxis",
		"got stung by a wasp on the neck and now my tongue is swelling and I can't breathe",
		"started a new antibiotic this afternoon, her lips and tongue are swelling and she's struggling to breathe",
		"ate a cashew, throat is closing and he can hardly breathe",
	)
	wantAnsweredBy(t, "cant_breathe",
		"my asthma is really bad, the blue inhaler isn't helping and I can't finish a sentence",
		"dad is struggling to breathe and his lips have gone blue",
	)
	// Days into an antibiotic course for an infection, breathlessness with
	// no swelling is the infection getting worse (NHS, Sepsis), not a
	// reaction to the tablets: still 999, without the EpiPen wording.
	wantNotRule(t, "anaphylaxis",
		"grandad has been on antibiotics for a chest infection since Sunday, tonight he is muddled, breathing very fast and his knees look mottled",
		"the GP gave her amoxicillin on Thursday for a cough, now she cannot finish a sentence without stopping for breath",
	)
	wantLevel(t, content.Disp999,
		"grandad has been on antibiotics for a chest infection since Sunday, tonight he is muddled, breathing very fast and his knees look mottled",
		"the GP gave her amoxicillin on Thursday for a cough, now she cannot finish a sentence without stopping for breath",
	)
	// A swollen tongue on the same course is still anaphylaxis.
	wantAnsweredBy(t, "anaphylaxis",
		"on trimethoprim for a water infection since yesterday and now my tongue is swelling up and I can't breathe properly",
	)
}

// Words that will not come during an asthma or COPD attack ("10 puffs and
// still can't talk properly") are breathlessness (NHS, Asthma attacks: call
// 999 if too breathless to talk): the breathing reply answers, not the
// stroke wording. Words that come out slurred or jumbled, or that stop coming
// with no breathing trouble told, still answer as a stroke (NHS, Stroke).
func TestWordsThatWontComeInABreathingAttackAreBreathlessness(t *testing.T) {
	wantAnsweredBy(t, "cant_breathe",
		"having an asthma attack, used the blue inhaler loads and still can't get my words out",
		"her COPD is awful tonight, the nebuliser has done nothing and she can't talk properly",
		"my boy is wheezing and after 10 puffs he still can't talk properly",
	)
	wantNotRule(t, "stroke",
		"having an asthma attack, used the blue inhaler loads and still can't get my words out",
	)
	wantAnsweredBy(t, "stroke",
		"my nan has asthma and since lunchtime her speech is slurred",
		"grandad suddenly can't get his words out and one side of his mouth has dropped",
	)
	wantRule(t, "stroke",
		"mum can't get her words out since this morning, she's never been like this",
	)
}

// A sentence that opens with a time days gone by ("last Tuesday", "on
// Sunday", "two days ago", "the other day") tells of the past as a whole
// when the message says it has settled ("fine since", "back to normal",
// "not happened again"): stroke signs then that have passed are a suspected
// TIA for urgent same-day assessment (NHS, Transient ischaemic attack (TIA);
// NICE NG128, CKS TIA), not 999. Signs now, this morning, an hour ago,
// yesterday, going on since the date or back again still answer 999 (NHS,
// Stroke: call 999 even if the symptoms go away).
func TestStrokeSignsDaysAgoAndSettledAreNot999(t *testing.T) {
	wantNoEmergency(t,
		"On Sunday, after lunch, my right arm went weak and I couldn't find my words for ten minutes or so. All fine since. Do I need to do anything?",
		"Three days ago, while gardening, one side of my face drooped for a couple of minutes. Back to normal since then and it hasn't happened again.",
		"The other day, at the shops, my speech went slurred for a minute or two. Right as rain ever since, should I tell my doctor at my review?",
		"Last Friday, for 10 mins, my left leg and arm went numb. Not happened again. Mention it to the GP?",
	)
	wantLevel(t, content.Disp999,
		// Now, this morning, an hour ago, yesterday.
		"my left arm has gone weak and my words are coming out jumbled",
		"This morning, for about 5 minutes, my left hand went numb and my words came out jumbled. Been fine since.",
		"An hour ago, for a few minutes, my face drooped on one side. Back to normal now.",
		"Yesterday, for 10 minutes, my right arm went weak and my speech was slurred. Fine since.",
		// Going on since the date, or back again.
		"Since last Tuesday, my left hand keeps going numb and my words come out jumbled. It was fine in between.",
		"Last Tuesday, my left hand went numb and my speech went slurred, and it's happening again now. I was fine since till now.",
		"Last Tuesday my face drooped on one side for a bit. Been fine since, but now my left arm has gone weak.",
		"On Sunday, my right arm went weak for a few minutes. Back to normal after, but it keeps happening.",
		// A date with nothing said of it settling.
		"Two days ago, my left arm went weak and my speech went slurred.",
	)
}

// Stroke signs told days ago that passed and have not come back answer the
// urgent TIA rule (NHS, Transient ischaemic attack (TIA): an urgent GP
// appointment or NHS 111 the same day); a TIA years ago told as background,
// or signs yesterday, do not.
func TestStrokeSignsDaysAgoAndSettledAnswerTheTIARule(t *testing.T) {
	wantLevel(t, "urgent",
		"On Sunday, after lunch, my right arm went weak and I couldn't find my words for ten minutes or so. All fine since. Do I need to do anything?",
		"Last Friday, for 10 mins, my left leg and arm went numb. Not happened again. Mention it to the GP?",
		"Three days ago my speech went slurred for a few minutes, then right as rain.",
	)
	wantRule(t, "tia_passed",
		"The other day, at the shops, my speech went slurred for a minute or two. Right as rain ever since, should I tell my doctor at my review?",
	)
	wantNotRule(t, "tia_passed",
		"my dad had a TIA two years ago and is fine now, can he get his clopidogrel from the chemist",
		"Yesterday, for 10 minutes, my right arm went weak and my speech was slurred. Fine since.",
		"last Tuesday I had a cold, fine since, is the GP open",
	)
}

// Kidney stone pain that painkillers are holding, with no temperature, is
// the new same-day topic tr_kidney_stone (NHS, Kidney stones: an urgent GP
// appointment or NHS 111), not an emergency; the same pain with shivering
// or a fever, or with not being able to pee, still answers A&E.
func TestControlledStonePainIsNotTheStoneEmergency(t *testing.T) {
	wantNoEmergency(t,
		"stabbing pain in my right side coming in waves, paracetamol is keeping on top of it, no temperature",
		"my kidney stone is back I think, ache from my back round to my groin, ibuprofen helps",
	)
	wantRule(t, "kidney_stone_complicated",
		"pain in my side coming in waves and now I'm shivering with a temperature",
		"kidney stone pain again and I can't pee at all",
	)
}

// A swollen jaw or face from a bad or rotten tooth is an urgent dentist
// (NHS, Dental abscess); swelling that reaches the eye or makes it hard to
// swallow still answers A&E.
func TestBadToothSwellingIsTheDentistUnlessItSpreads(t *testing.T) {
	wantNoEmergency(t,
		"rotten tooth at the back and my cheek has puffed up, temperature of 38",
	)
	wantRule(t, "dental_swelling_spreading",
		"rotten tooth and the swelling has spread up so my eye is nearly shut",
	)
}

// A button battery or magnets swallowed, at any age, get wording for a
// battery or magnet (call 999 or go straight to A&E; don't make them sick;
// nothing to eat or drink; bring the packaging or a matching battery: NHS,
// Swallowed objects), still at 999, not the overdose wording ("even if you
// feel fine ... keep the packets") written for medicines. A battery asked
// about or changed is not swallowed, and a medicine overdose keeps the
// overdose wording.
func TestSwallowedBatteryOrMagnetGetsItsOwnWording(t *testing.T) {
	swallowed := []string{
		"my little boy has eaten a watch battery",
		"our toddler swallowed a coin battery off the kitchen side",
		"i think my 4 year old swallowed a couple of magnets from a building set",
		"my grandad swallowed one of his hearing aid batteries by mistake, he thought it was a pill",
		"my daughter swallowed one of those small round batteries out of a torch, she's playing happily",
		"the battery cover is off the bathroom scales and the battery is missing, i think my son swallowed it",
	}
	wantAnsweredBy(t, "child_battery_missing", swallowed...)
	wantLevel(t, content.Disp999, swallowed...)
	wantNotRule(t, "child_battery_missing",
		"where can i get batteries for my hearing aid while the clinic is closed",
		"i changed the battery in the tv remote and now it works",
		"my son ate his lunch and then played with his fridge magnets",
		"my daughter ate her breakfast, all of it, where do I buy batteries for her toy",
	)
	wantAnsweredBy(t, "overdose",
		"i've taken 30 paracetamol and a load of my sertraline",
		"my husband has swallowed a whole box of his blood pressure tablets",
	)
}

// Warning signs of suicide said by the person or of them by a parent,
// partner or friend, in lay words, text-speak and second-language English,
// are the crisis line on the first reply (NHS, Help for suicidal thoughts;
// NHS, Worried about someone: a plan told without a time, giving things
// away, saying goodbye, talking about being a burden or not being around,
// researching ways to die). Look-alikes stay calm: a plan for something
// named, things given away before a move, a knee that will soon stop being
// a worry, an older person who feels a burden asking for a carer, a past
// attempt or old self-harm, idioms, grief and low mood told with no
// thoughts of harm.
func TestSuicideWarningSignsAreTheCrisisLine(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		// A bare plan, put off or told so that someone knows.
		"I've got a plan, it's not for tonight, I only wanted somebody to know",
		"made a plan. not yet. i just had to tell someone",
		"my flatmate says she has a plan but not this week, she just wanted me to know",
		"got it all planned out, not 2nite, needed sum1 to know",
		// Not being a worry or a burden much longer, with things given away.
		"you won't have to worry about me for much longer",
		"our daughter has been giving away her clothes and told her brother he won't have to put up with her much longer",
		"since his partner left him my son is really low and says we won't have to bother about him much longer",
		"my grandad gave his war medals to my cousin and said we won't need to worry about him for much longer",
		"she's been giving her things away and says she's a burden to all of us",
		"dad's been sorting out his affairs and keeps saying he's a burden on the family",
		"he gave his stuff away and has been texting his mates to say goodbye",
		"mum keeps talking about not being around for my wedding",
		// Reading up on a way to die.
		"I've been reading about the easiest way to die",
		"i keep googling painless ways of ending it",
	)
	wantNoEmergency(t,
		"you won't have to worry about me for much longer",
		"I've got a plan, it's not for tonight, I only wanted somebody to know",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"I've got a diet plan, not tonight though, I just wanted someone to know I'm starting",
		"we have a birth plan, is the maternity unit open today",
		"we've been giving the kids' old toys away because we're moving house",
		"my son gave his old bike to his cousin, is the eye clinic on",
		"the physio says I won't have to worry about this knee for much longer",
		"since my stroke I feel a burden on my daughter, can I get a carer's assessment",
		"I tried to kill myself when I was 18, I'm well now, I need my asthma inhaler",
		"I self harmed in my teens and the scars on my arms still bother me, can they be treated",
		"I could kill my brother for borrowing my car",
		"I nearly died of embarrassment in the waiting room",
		"my mum passed away two months ago and I keep crying, no thoughts of harming myself, is this normal",
		"been really flat since a pill at a party, no thoughts of harming myself, will it lift",
		"feeling really low this week but not suicidal, can I see a GP",
	)
}

// A thought of jumping told with a clarifier that the person is safe at
// home now is the crisis line, not 999 (NHS, Where to get urgent help for
// mental health: 111 option 2 for thoughts of suicide; 999 if life is at
// risk now). Being at the high place now, or about to jump there, is 999.
func TestThoughtToldSafeAtHomeIsNotAtTheBridge(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I think about to jump from the car park. I am not there, I am in my room now",
		"I think to jump in the canal. I am at home now and safe",
		"keep thinking about jumping off the flyover, i'm home in bed now",
	)
	wantLevel(t, content.Disp999,
		"I am on the bridge now and I want to jump",
		"he is still up on the roof now saying he wants to end it",
		"she's going to jump off the multistorey, she rang me from the top",
	)
}

// Self-harm happening now told with a minimiser ("only small", "just a
// little cut") is the crisis line, not A&E burn or wound care: the word
// "bad" said of the stress is not a deep burn (NHS, Self-harm: A&E for a
// serious injury, otherwise 111 option 2 or Samaritans). Signs of a deep or
// large burn still answer A&E, and an accidental small burn is no crisis.
func TestSmallSelfHarmNowIsTheCrisisLine(t *testing.T) {
	small := []string{
		"used a lighter on my arm again tonight, only a small burn, stress is so bad",
		"burned myself with a cigarette again, just a little one, feel really bad",
		"she cut her arm again tonight, says it's only a small cut",
		"scratched my thigh with a razor tonight, only surface, it's all too much",
	}
	wantLevel(t, content.DispCrisis, small...)
	wantNotRule(t, "severe_burn", small[0], small[1])
	wantRule(t, "severe_burn",
		"burnt my arm with a lighter again, only small but the skin has gone white",
		"burned myself with a cigarette on purpose and it's really bad, it's blistered on my hand",
	)
	wantNotLevels(t, []string{content.DispCrisis},
		"burned my finger with a lighter by accident lighting candles, only small",
		"I burnt my hand on the oven tray, only a small one",
	)
}

// wantNotLevels fails each message answered at one of levels.
func wantNotLevels(t *testing.T, levels []string, msgs ...string) {
	t.Helper()
	for _, msg := range msgs {
		if got, ids := screen(t, msg); slices.Contains(levels, got) {
			t.Errorf("%q: level %q (rules %v), want none of %v", msg, got, ids, levels)
		}
	}
}

// More warning signs in other words (NHS, Help for suicidal thoughts; NHS,
// Worried about someone): a plan with no time in second-language English,
// goodbyes as if for the last time, a way to die looked up, belongings
// handed on with not being around; reading up on how an overdose kills is
// the crisis line, not the 999 overdose answer, and a plan told "not now"
// is for later (the crisis line), while tonight stays 999.
func TestMoreSuicideWarningSignsAreTheCrisisLine(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I know how I will do it. Not this week.",
		"i have plan to end my life but not yet",
		"she's been hugging everyone and saying goodbye like she'll never see us again",
		"my nephew searched how to hang yourself on his phone",
		"given my games away, wont b around much longer",
		"I'm sorting out who gets my stuff, I won't need it soon",
		"cut my wrist tonight, just a little cut, I needed to feel something",
		"nan keeps saying she's had enough and is giving her rings away",
		"I've been googling how long it takes to die from an overdose",
	)
	wantLevel(t, content.Disp999,
		"I'm going to end my life tonight, I have a plan",
		"I cut my wrists, only a small cut, I want to die",
		"slit my wrist tonight, just a small one",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"my daughter said goodbye to her friends, she won't see them again till the summer holidays are over",
		"I know how I will do it now, the stretches, the physio showed me",
		"I have a plan to lose weight, not now but in January",
		"searched how long it takes for ibuprofen to work",
		"we're moving house so I'm sorting out who gets my old things",
		"I won't need my crutches soon, where do I return them",
		"stood on the bridge thinking about it for ages, the view was lovely",
		"bit down with this cold but not worried, it won't last much longer",
	)
}

// "Fit" told of how healthy someone is ("I'm 30 and fit", "otherwise fit")
// is not a seizure, and a deep breath told as what brings on a pain is not
// laboured breathing: together they gave a chest twinge the seizure reply
// (H229). A fit with breathing trouble after it still answers 999, and
// a calf clot with pain on a deep breath keeps dvt_pe (NHS, What to do if
// someone has a seizure; NHS, DVT).
func TestFitAsHealthyAndADeepBreathAreNotASeizure(t *testing.T) {
	wantNotRule(t, "fit_then_breathing_trouble",
		"catching pain on the right of my ribs when i breathe in deep, no pain down my arm, 34 and otherwise fit",
		"i'm young and fit but my chest twinges when i take a deep breath since my cold",
		"very fit runner, breathing heavy after my 10k, is that normal",
	)
	wantRule(t, "fit_then_breathing_trouble",
		"my daughter had a fit and now she's breathing really fast and noisy",
		"he was fitting for two minutes and now he's struggling to breathe",
	)
	wantRule(t, "dvt_pe",
		"swollen painful calf since the flight and a sharp stab when I take a deep breath",
	)
}

// Blue or pale told with cold weather ("go white then blue whenever it's
// cold": Raynaud's, NHS) is not a child pale and cold; a baby or child pale,
// grey or blue and cold or floppy still answers the floppy-child 999 reply
// (NHS, Is my baby or toddler seriously ill) (H231).
func TestColdWeatherColourChangeIsNotAColdChild(t *testing.T) {
	wantNotRule(t, "child_very_unwell",
		"my toes turn white and then blue and go numb when it's cold out, then throb when they warm up",
		"fingertips go pale and blue in the cold every winter, I'm 38",
	)
	wantRule(t, "child_very_unwell",
		"my toddler is pale and cold and not responding much",
		"the baby has gone blue and really cold",
	)
}

// Daytime sleepiness told as a pattern beside diabetes ("always sleepy in
// the day, nods off in the chair": possible sleep apnoea, a GP) is not new
// drowsiness; confusion, or sleepiness told as today, with diabetes still
// answers 999 (NHS, Sleep apnoea; NHS, Low blood sugar) (H232).
func TestHabitualDaytimeSleepinessIsNotSuddenConfusion(t *testing.T) {
	wantNotRule(t, "sudden_confusion",
		"my wife has type 2 diabetes, she snores and stops breathing at night and she's tired all the time, falls asleep in her chair",
		"diabetic and always sleepy in the daytime, could it be my sleep",
	)
	wantRule(t, "sudden_confusion",
		"my dad's diabetic and tonight he's very drowsy and muddled",
		"type 1 diabetic, always sleepy in the day but today she's confused and talking nonsense",
	)
}

// An allergy told long ago "back in" a year is the past, as "in 2021" is,
// and hives with the lips told fine and "no swelling" are not anaphylaxis
// (NHS, Hives: a pharmacist; NHS, Anaphylaxis); swelling lips or tongue, or
// struggling to breathe, after a food still answer 999 (H230).
func TestPastReactionAndDeniedSwellingAreNotAnaphylaxis(t *testing.T) {
	wantNoEmergency(t,
		"my son reacted to cashews back in 2021 and was prescribed adrenaline pens, how do we renew them",
		"had some mussels, a few itchy lumps on my neck, lips fine, no swelling, can I take an antihistamine",
	)
	wantRule(t, "anaphylaxis",
		"reacted to cashews back in 2021 and today he ate a cashew by mistake, his lips are swelling up",
		"had some mussels and now my tongue is swelling and I can't breathe",
		"ate shrimp, hives everywhere and my lips are going big",
	)
}

// Early pregnancy one-sided pain with "no pain in my shoulder" listed among
// the reassuring signs is not shoulder-tip pain: it goes to the maternity
// or early pregnancy advice, not 999; shoulder pain told, fainting or heavy
// bleeding still answer 999 (NHS, Ectopic pregnancy) (H233).
func TestShoulderPainDeniedIsNotTheEctopicEmergency(t *testing.T) {
	wantNotRule(t, "pregnancy_heavy_bleeding",
		"6 weeks pregnant, dull ache low on my left side today, not bleeding much, no pain in my shoulder and I feel ok",
	)
	wantRule(t, "pregnancy_heavy_bleeding",
		"6 weeks pregnant, sharp pain low on my left side and an ache in my shoulder tip",
		"positive test last week, pain on my right side low down and my shoulder hurts too",
	)
}

// An asthma attack told as over ("got it under control last night") is not
// an attack now (NHS, Asthma attacks: see a GP or asthma nurse after one);
// an attack now, or a reliever not helping, still answers 999 (H234).
func TestAsthmaAttackToldAsOverIsNotOneNow(t *testing.T) {
	wantNotRule(t, "asthma_attack",
		"severe asthma attack yesterday evening, got it under control with the blue inhaler, chest still a bit tight",
	)
	wantLevel(t, content.Disp999,
		"my daughter is having a bad asthma attack and the blue inhaler isn't working",
		"severe asthma attack, can't get it under control, he can hardly talk",
	)
}

// A relative's opinion quoted ("my son thinks I should go to A&E but I'm not
// sure") is not a clinician sending someone; 111, a GP or a nurse saying go
// to A&E still answers A&E (H235).
func TestRelativesOpinionIsNotBeingToldToGoToAE(t *testing.T) {
	wantNotRule(t, "told_to_go_to_ae",
		"found a small painless lump in my armpit, my husband says go to A&E but surely that's a GP thing",
	)
	wantRule(t, "told_to_go_to_ae",
		"my son rang 111 for me and they said go to A&E",
		"the GP told me to go to A and E with my leg",
	)
}

// A nose too blocked to breathe through (hay fever, a cold) is not
// struggling to breathe (NHS, Hay fever: a pharmacist); not being able to
// breathe, or through the nose or the mouth with blue lips, still answers
// 999 (NHS, When to call 999) (H236).
func TestBlockedNoseIsNotStrugglingToBreathe(t *testing.T) {
	for _, c := range []struct{ msg, level string }{
		{"hay fever's awful, honestly can't breathe through my nose, what's the strongest spray", ""},
		{"bunged up with a cold, can't breathe through my nose at night", ""},
		{"hay fever and now I can't breathe, my chest is tight and I'm wheezing", content.Disp999},
		{"he can't breathe through his nose or mouth and his lips are going blue", content.Disp999},
	} {
		if c.level == "" {
			wantNoEmergency(t, c.msg)
		} else {
			wantLevel(t, c.level, c.msg)
		}
	}
}

// A leg or arm told as suddenly cold and pale "compared to the other one",
// with the limb named only in the clause before, is a limb losing its blood
// supply: 999 (NHS, Peripheral arterial disease). Cold fingers in the winter
// are not (H239).
func TestLimbColdComparedToTheOtherSide(t *testing.T) {
	wantRule(t, "acute_limb_ischaemia",
		"my left leg suddenly got really painful an hour ago, now it's cold and white compared to the right and my toes are numb",
	)
	wantNotRule(t, "acute_limb_ischaemia",
		"my fingers go cold and white in the winter, colder than the other hand, then come back",
	)
}

// An INR over 5 told after a comma, in the same sentence as the INR ("rang
// with his INR from this morning, it is 6.8"), is a high INR for the
// anticoagulant clinic today (NICE CKS, Anticoagulation - oral), as when
// told in one clause; an INR in range told the same way is not.
func TestHighINRToldAfterACommaIsHigh(t *testing.T) {
	high := []string{
		"the warfarin clinic phoned about mum's INR from monday, it was 7.4, nobody has rung back about her dose",
		"they texted dad's INR result today, which was 8, he feels fine",
	}
	wantRule(t, "inr_too_high", high...)
	wantLevel(t, content.DispUrgent, high...)
	wantNotRule(t, "inr_too_high",
		"the warfarin clinic phoned about mum's INR from monday, it was 2.7, nobody has rung back about her next test",
		"they texted dad's INR result today, which was 3.1, when is his next one",
	)
}

// A limb that has lost its blood supply is often told with the limb named
// once and "it" after ("my arm went agony out of nowhere, now it's freezing
// and I can't feel my fingers"), or as colder or paler than the other side,
// or by its colour with severe pain: 999 (NHS, Peripheral arterial
// disease). Cold hands in winter, a leg gone to sleep, or a bruise coming
// out are not.
func TestSuddenColdPaleLimbToldInOtherWords(t *testing.T) {
	wantAnsweredBy(t, "acute_limb_ischaemia",
		"my arm went agony out of nowhere half an hour ago, now it's freezing and white and I can't feel my fingers",
		"grandad's left foot is so much colder than the right one and a funny pale colour, it came on suddenly and he's numb",
		"all of a sudden my calf is excruciating and the foot has gone a blotchy mottled grey",
	)
	wantNoEmergency(t,
		"my fingers turn white and numb when I go out in the cold, then throb when they warm up",
		"sat on my foot too long and it went numb, it's fine now",
		"my feet feel colder than the rest of me at night, is that poor circulation",
		"banged my shin on the table and suddenly it's gone blue with a big bruise, hurts a lot",
	)
}

// Several days' doses of someone's own tablets taken at once, from a
// dosette, pill organiser or weekly blister pack, is an overdose even when
// it was a muddle and they feel fine (NHS, Poisoning: an overdose of
// medicine). Asking about a dosette, a day's tablets taken as usual, one
// extra dose, or a course under way ("I've had 5 days of my antibiotics")
// are not.
func TestDosetteDaysTakenAtOnceIsAnOverdose(t *testing.T) {
	wantAnsweredBy(t, "overdose",
		"my neighbour who has dementia has emptied her nomad tray and swallowed the lot, she says she's fine",
		"dad got muddled and took four days of his heart and water tablets in one go",
		"the carer found mum's weekly pill organiser empty and mum says she took them all this morning",
	)
	wantNoEmergency(t,
		"mum took her blister pack tablets for today at breakfast as normal",
		"how do I get a dosette box filled now the pharmacy is shut",
		"dad accidentally had his evening tablets twice, he seems ok",
		"I've had 5 days of my antibiotics and still feel rough",
		"I've taken a week's worth of my flucloxacillin so far, when should I feel better",
	)
}

// A hip replacement that has come out of its socket: a clunk or pop, then a
// leg short or turned in or out and not being able to stand. It gets its own
// wording at 999 (NHS, Hip replacement, risks: dislocation), not the stroke,
// fall or broken-bone wording. An ache months later, a question about
// avoiding a dislocation, or a replacement still waited for are not
// emergencies.
func TestNewHipComeOutGetsItsOwnWording(t *testing.T) {
	out := []string{
		"my wife had her hip replaced 4 weeks ago, she twisted getting into bed, there was a loud clunk and she can't move the leg or stand",
		"hip replacement in the summer, bent right over and felt it pop, now the leg is shorter and turned inwards and I'm in agony",
		"I think my artificial hip has popped out, I can't put any weight on it",
	}
	wantAnsweredBy(t, "new_hip_out_of_socket", out...)
	wantLevel(t, content.Disp999, out...)
	wantNoEmergency(t,
		"my hip was replaced 18 months ago and it still aches when the weather turns, is that normal",
		"what positions should I avoid so my new hip doesn't dislocate",
		"on the waiting list for a new hip, the pain is awful and I can't walk far, can they speed it up",
		"since my hip replacement one leg is a touch longer, the physio gave me an insole",
	)
}

// A leg shorter or turned outwards, with a fall, someone found on the floor,
// or pain and not being able to get up, is a broken hip: 999 with its own
// wording, don't lift them, keep warm (NHS, Hip fracture). A leg always a
// bit short, or a fall long ago, is not.
func TestShortTurnedOutLegIsABrokenHip(t *testing.T) {
	broken := []string{
		"found grandad on the bathroom floor, he can't get up and his right foot is pointing outwards, how do we get him up",
		"my wife slipped on the wet patio, her left leg looks shorter and turned out and she's screaming in pain",
	}
	wantAnsweredBy(t, "broken_hip_leg", broken...)
	wantLevel(t, content.Disp999, broken...)
	wantNotRule(t, "broken_hip_leg",
		"I was born with one leg slightly shorter, do I need a shoe raise",
		"mum broke her hip last winter and her leg has been a bit shorter ever since, she walks with a frame",
	)
}

// Sight lost in one eye, told in English as a second language ("I cannot
// see nothing", "my eye see nothing") or with today's time, is a sudden
// loss of sight: A&E (NHS, Vision loss). Not a GP that can't be seen, sight
// lost since birth, or tired eyes.
func TestSightLostToldInOtherWords(t *testing.T) {
	wantRule(t, "sudden_vision_loss",
		"this morning my left eye see nothing, only black, no pain",
		"I wake up and with my right eye I can not see nothing",
		"I can't see a thing out of my right eye since an hour ago",
	)
	wantNoEmergency(t,
		"I can't see my eye doctor until next month because of the computers",
		"blind in my right eye since birth, can I still drive",
		"my eyes are sore and a bit blurry after a day at the screen",
	)
}

// A household product named in one sentence and drunk "from it" or "some"
// in the next, with coughing, being sick, a red mouth or not being able to
// swallow: a child has swallowed something harmful (NHS, Poisoning). A
// cough or being sick with no product taken, or a product only smelt, is
// not.
func TestProductDrunkFromItToldApart(t *testing.T) {
	wantRule(t, "child_fit_or_swallowed",
		"Please help. My girl is 2. I put the washing up liquid and the bleach next to the bath. She drink from it. Now she is vomiting and her lips are red.",
		"the toddler found the dishwasher tablets under the sink. he ate some of them. he keeps gagging",
	)
	wantNoEmergency(t,
		"my son has been coughing and sick with a bug, I've been bleaching everything in the house",
		"the smell of bleach in the toilets gave me a headache",
	)
}

// Two heads meeting in sport or play ("clashed heads", "a head clash"), or
// a boot or stud to the head, then being sick: a head injury for A&E (NHS,
// Head injury and concussion). Fine after it, or "butting heads" over an
// argument, is not.
func TestHeadClashThenSickIsAHeadInjury(t *testing.T) {
	wantRule(t, "head_injury",
		"my 14 year old clashed heads going for a header and threw up on the way home",
		"there was a head clash in her netball match and she's been sick twice",
		"took a boot to the head in a ruck and he's vomiting now",
	)
	wantNoEmergency(t,
		"the twins bumped heads on the sofa, both fine, no sickness, playing again",
		"we keep butting heads over screen time, he was sick of arguing",
	)
}

// A nosebleed on a blood thinner still coming after pinching, going on for
// over an hour or soaking towels, is A&E (NHS, Warfarin: a nosebleed longer
// than 10 minutes; NHS, Nosebleed). One that has stopped, nosebleeds that
// keep coming back over days, or a question while pinching, are not.
func TestNosebleedStillGoingOnABloodThinner(t *testing.T) {
	wantEmergency(t,
		"I'm on rivaroxaban, my nose started bleeding at 6pm and it is 7pm now, it keeps coming through the tissues",
		"dad takes edoxaban, his nosebleed has soaked a hand towel and he's still leaning forward pinching",
		"nosebleed for over an hour and I'm on apixaban",
	)
	wantNoEmergency(t,
		"on warfarin and my nose bled this morning, it has stopped now, who do I tell",
		"I get nosebleeds every week on apixaban, they keep coming back, should I see someone",
		"on warfarin, nosebleed started a couple of minutes ago, I'm pinching it now, how long for",
	)
}

// A child who falls off a kick scooter with a wrist bent out of shape needs
// A&E with the broken-bone wording, not the road-crash 999 answer; an adult
// off a scooter (a moped) with a limb bent out of shape is still 999 (NHS,
// When to go to A&E; NHS, When to call 999).
func TestChildOffAKickScooterIsABrokenBoneNotACrash(t *testing.T) {
	wantAnsweredBy(t, "broken_bone_deformed",
		"my 6 year old came off her scooter on the pavement and her arm has a bend in it that shouldn't be there",
	)
	wantLevel(t, content.DispAE,
		"my 6 year old came off her scooter on the pavement and her arm has a bend in it that shouldn't be there",
	)
	wantRule(t, "major_trauma",
		"I came off my scooter at the junction and my leg is at a horrible angle",
	)
}

// Mental-health emergencies told as what is already done or where they are
// now (mhfix; NHS, When to call 999; NHS, Help for suicidal thoughts; NHS,
// Overdose and Poisoning; NHS, Carbon monoxide poisoning; NHS, Psychosis)
// reach 999 by the rules alone: a goodbye sent from a high place, someone
// beyond the railings, "gonna jump" from a high place, about to step in front
// of a train, psychosis at a drop or out in traffic, shut in a room saying they
// will take the tablets, an exhaust hose found after the engine is off,
// tablets counted in another language's word order, strips of a medicine
// swallowed. Thoughts with nothing done, a train caught, a road walked, a
// pipe that rattles, an idiom ("will hang me") are not emergencies.
func TestMentalHealthEmergenciesToldAsDoneOrAtTheScene(t *testing.T) {
	for _, c := range []struct {
		emergency bool
		msgs      []string
	}{
		{true, []string{
			"my wife rang from the top deck of the car park to say goodbye and sorry",
			"he's climbed over the railings on the viaduct",
			"she's up on the cliff top saying she's gonna jump",
			"sorry for bothering you, I'm stood at the level crossing and I'm going to lie down on the line when the barriers come down",
			"my brother with schizophrenia is lying in the middle of the carriageway",
			"dad's manic and is dancing in the middle of the roundabout, lorries are braking",
			"she believes she can fly and is standing on the balcony railing",
			"my uncle stopped his lithium, he's walking up the hard shoulder of the motorway shouting",
			"I found my dad in the garage, there was a hose from the exhaust into the back window, the engine had stopped, he's groggy",
			"sorry to bother you. my english is little. my mother take tablet for sleep many, maybe 25, because sad. 3 hour ago",
			"rough day so ive had three strips of my co-codamol, is that too many",
		}},
		{false, []string{
			"my mum's going to hang the new curtains before my appointment",
			"he's going to hang out at the skate park after his physio",
			"my brother has schizophrenia and is sitting on the roof of the shed mending it, he's calm",
			"my toddler ran into the middle of the road, I grabbed him and he's fine",
			"my exhaust pipe has come loose and it rattles, can I drive to my scan",
			"I'm at the station waiting for a train to the hospital, is my clinic on",
			"I had 2 strips of ibuprofen left over in the drawer, are they out of date",
			"I take paracetamol many times for my back, last one 2 hours ago",
		}},
	} {
		if c.emergency {
			wantLevel(t, content.Disp999, c.msgs...)
		} else {
			wantNoEmergency(t, c.msgs...)
		}
	}
	// Thoughts of it, nothing done and safe at home: the crisis answer.
	wantLevel(t, content.DispCrisis, "I keep thinking about stepping in front of a train, I'm at home with my partner")
}

// The same classes, rule by rule (kept here rather than as YAML rule tests,
// which would retrain the second opinion): which rule answers, and the
// look-alikes that must not meet it (mhfix).
func TestMentalHealthEmergencyRulesByClass(t *testing.T) {
	wantRule(t, "suicide_attempt",
		"my husband just sent a selfie from the top of the multi storey saying goodbye",
		"my flatmate is standing on the wrong side of the barrier on the footbridge",
		"my cousin is on the roof of the flats saying she's gonna jump",
		"im waiting on the platform and im going to step in front of the next train",
		"I'm at the level crossing, I just wanted someone to know",
		"mum has bipolar and is wandering in the middle of the road in her nightie, cars are beeping at her",
		"my son thinks he's invincible and is walking along the motorway",
		"he's been hearing voices and is sitting out on the window ledge of his flat",
		"my sister has barricaded herself in her room with the tablets and is screaming she's going to take the lot",
	)
	wantNotRule(t, "suicide_attempt",
		"I will hang the pictures up when I get home from my appointment",
		"my dad will hang me out to dry if I miss his clinic",
		"my daughter sent me a photo of the car park saying bye, is parking free today",
		"we stood on the bridge to take photos, my knee hurts from the walk",
		"I'm at the station waiting for a train to my scan, will it still go ahead",
		"I'm on the platform and my train is late, I'll miss my appointment",
		"I'm on the platform, going to jump on the next train to Chester for my clinic",
		"my son has bipolar and walks to the shop on the main road every day",
		"she's locked herself in her room and says she'll take her phone with her",
		"my son is 24 and hasn't slept for days, he thinks the radio is sending him signals, this afternoon he wandered into the middle of the road and a van had to swerve. We got him home, he's quiet now",
	)
	wantRule(t, "overdose",
		"my dad he swallow sertraline many, about 40, 3 hours ago",
	)
	wantNotRule(t, "overdose",
		"my mum take paracetamol many times for her knees, the last one was 4 hours ago",
	)
	wantRule(t, "car_exhaust",
		"found my son in his car with tubing taped from the exhaust in through the window, I've switched it off and he's very sleepy",
		"my partner ran the exhaust into the car with a hosepipe, she's out now and being sick",
	)
	wantNotRule(t, "car_exhaust",
		"the pipe from the exhaust has come loose and it rattles, can I still drive to the hospital",
		"my exhaust pipe fell off on the way to my appointment",
	)
	wantRule(t, "overdose_by_pack",
		"how much is too much? had a bad week and ive had two strips of my naproxen tonight, belly hurts",
	)
	wantNotRule(t, "overdose_by_pack",
		"I had 3 strips of naproxen left over, can I take them to the pharmacy to bin",
		"bought two strips of paracetamol, how many can I take a day",
	)
}

// A long-term condition told as "out of control" (eczema, asthma, sugars)
// is that condition badly controlled, not a person out of control; feeling
// out of control, or drinking or a relative out of control, still answers
// the crisis line (NHS 111 option 2; NHS, Atopic eczema). Acid "burning up
// my throat" in pregnancy is heartburn, not a temperature; a pregnant woman
// burning up with shivers still meets the maternity rule (NHS, Indigestion
// and heartburn in pregnancy; NHS, Sepsis). H259.
func TestConditionOutOfControlAndRefluxBurnAreNotCrisisOrFever(t *testing.T) {
	wantNotRule(t, "mental_health_crisis",
		"my son's eczema is totally out of control, the backs of his knees are raw",
		"her asthma is out of control this winter, she needs the blue inhaler a lot",
		"my sugars are out of control since Christmas",
	)
	wantRule(t, "mental_health_crisis",
		"I feel completely out of control and I can't calm down",
		"my drinking is out of control and I can't cope",
		"my brother is out of control, smashing things and shouting at nobody",
	)
	wantNotRule(t, "pregnancy_maternity_now",
		"33 weeks pregnant, acid burning up my throat every night after tea",
	)
	wantRule(t, "pregnancy_maternity_now",
		"33 weeks pregnant and burning up, shivery since lunch",
	)
}

// Crises told the way patients and relatives tell them, answered by the
// rules alone with the crisis reply (NHS, Help for suicidal thoughts;
// Self-harm; Psychosis; Where to get urgent help for mental health): a small
// self-harm cut that has stopped bleeding with thoughts of doing more is not
// the bleeding 999 reply; a belief that people want to kill him is not a
// threat to kill; a withdrawal to the bedroom is not being shut in out of
// reach; a resident on staff checks is watched over; warning signs told
// together (belongings given away with parting words or a sudden calm, a
// goodbye with not being around later or nothing done yet, others better
// off with them out of the way or with the insurance, stood on a platform
// earlier thinking about it, wanting to cut again after stopping, afraid of
// hurting someone in a rage). Look-alikes stay calm, and bleeding that will
// not stop, a weapon, a lock, a time tonight stay 999 (mhc).
func TestCrisisWarningSignsByClassAnsweredByTheRules(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"scratched my forearm with a blade tonight, only shallow and the bleeding has stopped, but I can't stop thinking about cutting deeper",
		"cut my leg again tonight, superficial, it's stopped bleeding now but the urges won't stop",
		"my dad keeps hearing voices, he's shut himself in the bedroom and says the neighbours want to kill him",
		"he hears the devil talking to him and says people are going to kill him",
		"I'm a nurse on a care home night shift, a resident told us she is going to end her life. she's in bed and we're doing 15 minute checks",
		"my housemate has been saying for weeks she's going to end it and now she won't come out of her bedroom",
		"my daughter has been giving her jewellery away to her friends and told me she loves me out of nowhere, she seems strangely calm",
		"mum says we'd all be better off if she was out of the way",
		"my husband said the kids would be better off with his life insurance",
		"found a goodbye letter in my son's room saying he won't be around much longer, he's downstairs watching tv",
		"my friend sent a text saying sorry for everything, she answered when I called and hasn't done anything",
		"yesterday I went to the station and stood at the edge of the platform thinking about it, I'm back home now",
		"I stopped cutting two years ago but tonight I want to do it again and I've got a razor",
		"the rage is getting worse and I'm frightened I might hit someone, I'm losing control",
	)
	wantNotRule(t, "severe_bleeding",
		"scratched my forearm with a blade tonight, only shallow and the bleeding has stopped, but I can't stop thinking about cutting deeper",
	)
	wantLevel(t, "", // no rule
		"we're moving house so my son gave his old bike away and told his sister he loves her",
		"would my family be better off with life insurance or savings",
		"the boxes are better off out of the way in the loft",
		"my nan rang to say goodbye before her flight to Spain, she won't be around for two weeks",
		"I was waiting at the station thinking about my interview",
		"stood on the platform thinking about it for ages, the train was late again",
		"I used to self harm when I was at school, I never want to do it again, can I get my scars looked at",
		"I'm worried I might hurt someone if I drive after my eye drops",
	)
	wantRule(t, "severe_bleeding",
		"deep cut on my wrist, the bleeding won't stop and I can't stop thinking about dying",
		"the cut isn't deep but the bleeding won't stop and I can't stop thinking about doing more",
		"cut my arm on purpose, it had stopped bleeding but now it's bleeding again and won't stop",
		"sliced my hand, blood is pouring out and I can't stop thinking about it",
	)
	wantRule(t, "harm_others_now",
		"my son is smashing up the flat shouting that he's going to kill his brother",
	)
	wantEmergency(t,
		"he's locked himself in with a knife saying the devil wants to kill him and he'll stab anyone who comes in",
		"a resident on 15 minute checks says she's going to end it tonight",
		"my son keeps saying he'll end it and has locked himself in his bedroom and won't come out",
		"she keeps threatening to end it and won't come out of the bathroom",
	)
	wantRule(t, "postpartum_psychosis_baby_risk",
		"gave birth a fortnight ago, says the baby is possessed and she wants to get rid of him",
	)
}

// More crises told indirectly, answered by the rules with the crisis reply
// (NHS, Help for suicidal thoughts; Psychosis; Postnatal depression; Where
// to get urgent help for mental health): a goodbye sent by someone reached
// since who says they are at home or fine, a goodbye letter found with the
// means locked away, a threat said before with nothing done, thinking of
// stopping and jumping with a bridge named, "the thought to die", a baby
// better off with another mum, figures seen that whisper. A goodbye with
// the phone off, a bridge now, a knife held or someone gone off in the car
// stays 999; a queue jumped, a childminder, "he says he's fine" about an
// appointment stay calm (mhc).
func TestMoreCrisisTellingsAnsweredByTheRules(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"my cousin posted this is goodbye last night, I phoned and she picked up, she says she's fine but she sounds empty",
		"found a goodbye note in my daughter's diary, she's downstairs watching telly, we've hidden away the pills and the knives",
		"my boyfriend says he'll kill himself, he's said that before, he hasn't done anything and he's at his dad's",
		"every time I cross the viaduct I keep thinking about pulling over and jumping, I'm home safe now",
		"I keep having the thought to die, not done anything",
		"my baby would be better off with another mum, I should just disappear",
		"he saw people in the garden and they whisper to him at night",
	)
	wantEmergency(t,
		"my son sent this is goodbye and now his phone is off",
		"my dad texted me this is goodbye",
		"she posted this is goodbye, I rang and she picked up, she's standing on the bridge",
		"found a goodbye note, I've hidden the pills but he's holding a knife",
		"my wife says she'll kill herself if I go, she's said it before, tonight she's gone off in the car",
	)
	wantLevel(t, "", // no rule
		"my husband keeps thinking about jumping the queue at the bridge clinic",
		"my daughter would be better off with someone else as a childminder",
		"I rang him back, he says he's fine, is his appointment still on",
	)
}

// Mental-health emergencies at the scene now, told in other words, are 999
// by the rules (NHS, When to call 999; Psychosis; Postpartum psychosis):
// psychosis with someone out in the traffic dodging cars, every tablet in
// hand with "I'm going to take them" and a sorry, a new mother taking her
// baby to the water to get the devil out. Tablets in hand for breakfast, a
// question asked with a sorry, a walk by the river with a new baby and a
// child dodging cars at play are not (mhc).
func TestMentalHealthEmergenciesToldAtTheSceneInOtherWords(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my sister with schizophrenia is out in the traffic on the ring road weaving between cars, the voices told her to",
		"got all my pills in my hand, I'm going to swallow them all, sorry mum",
		"she gave birth last month and keeps saying she must take the baby to the river to get the evil out of her",
	)
	wantNotRule(t, "suicide_attempt",
		"I've got all my tablets in my hand for the morning, going to take them with breakfast",
		"sorry, I've got all my pills here, am I going to take them before the op",
	)
	wantNoEmergency(t,
		"my wife had our baby last week, we're taking her to the river for a walk, is that ok",
		"my son was dodging cars playing football in the street and grazed his knee",
	)
}

// Look-alikes of a crisis stay calm (mhc): a general question about
// services for people in a mental health crisis, a complaint about a wait
// in crisis weeks ago, stitches after self-harm from someone doing ok now,
// a son who says no when asked about thoughts of hurting himself, eczema
// out of control. A person in crisis now, self-harm again, not coping, a
// wish to die told beside a denial still get the crisis reply (NHS, Where to
// get urgent help for mental health; Self-harm; Help for suicidal thoughts).
func TestCrisisLookAlikesStayCalm(t *testing.T) {
	wantLevel(t, "", // no rule
		"Out of interest, hypothetically, would someone in a mental health crisis be seen at the walk-in centre",
		"my mum was in crisis on the ward last month and nobody rang us back, I want to make a complaint",
		"I've got steri-strips on my arm from self harm last week, doing better now and seeing my counsellor, when can they come off",
		"my daughter has been quiet and tired lately, she said no when I asked if she had thoughts of harming herself, can the GP see her",
		"his asthma is out of control since the cold weather, he's using his blue inhaler a lot",
	)
	wantLevel(t, content.DispCrisis,
		"general question but my partner is in crisis right now and shouting that he can't go on",
		"if someone is having a mental health crisis where do they go, my sister is having one now",
		"I cut myself again last night, doing ok now",
		"my eczema is out of control and I can't cope anymore",
		"she said no when I asked about thoughts of hurting herself but she told her friend she wants to die",
	)
}

// Mental-health emergencies told at the scene now, by class (mhe): the
// tablets in hand with last words or all of them held; a psychosis with deep
// water now or a plan to take someone into it; a mother soon after a birth,
// in a psychosis, run out with the baby; dodging cars on foot in a
// psychosis. Look-alikes: a dose about to be taken with a question, a swim
// or a walk by the river, a psychosis told beside an ordinary outing.
func TestMentalHealthDangerNowByClass(t *testing.T) {
	wantRule(t, "suicide_attempt",
		"got every one of my pills in my hand now and I'm gonna swallow them, bye",
		"i have my tablets in my hand. im about to take them. love you all",
		"my uncle has schizophrenia and has just waded into the canal, he won't come out",
		"she's psychotic and keeps saying she needs to carry the baby into the river to cleanse him",
		"my partner had our daughter 9 days ago, she's convinced the baby is possessed and has gone off with her, we can't find them",
		"my son has psychosis and is out on the bypass weaving between lorries",
	)
	wantNotRule(t, "suicide_attempt",
		"sorry to bother you, my new tablets are in my hand and I'm about to take them, do they go before food",
		"I've got all my morning tablets in my hand, I'll take them now with my tea",
		"my brother has schizophrenia and likes fishing by the canal at weekends",
		"we're going to take the kids paddling in the sea, my wife has bipolar, is her clinic still on",
		"my wife hears voices sometimes, I took the baby out of the house for a walk today, is the health visitor coming",
		"I dodged a car on my bike and jarred my wrist",
	)
}

// Look-alikes of an emergency, by class (mhe): an attempt told as the past
// with the person well now; someone else who "will kill me" (an idiom); one
// extra dose of an everyday medicine, its strength in mg not a count (NHS,
// Sertraline: more than the prescribed dose, get help from NHS 111).
// The same words told as now still answer.
func TestMentalHealthLookAlikesByClass(t *testing.T) {
	wantNoEmergency(t,
		"I tried to end my life in 2019 and had good help back then, I'm well now and want a GP review",
		"my mum is going to kill me, I've been off college all week with flu",
		"my manager will kill me, I've been off since Monday, do I need a fit note",
		"took my 20mg citalopram twice this morning by mistake, feel fine",
		"I accidentally had 2 of my 100mg sertraline instead of one",
	)
	wantRule(t, "overdose",
		"she swallowed 30 of her 50mg sertraline an hour ago",
		"took 20 x 10mg diazepam tonight",
		"took about 30 of my citalopram tablets",
	)
	wantLevel(t, content.Disp999,
		"I tried to kill myself last night and I've taken more tablets again today",
		"I'm going to kill myself off tonight",
	)
}

// A low mood told as a cloud is not a grey or blue skin colour; a crisis
// told as the background of a complaint with the person well now, or a
// question asked in general, is not a crisis now (mhe). A baby gone grey,
// and someone in crisis now who also wants to complain, still answer.
func TestMoodCloudAndPastCrisisComplaintAreNotEmergencies(t *testing.T) {
	wantNoEmergency(t,
		"my little girl is 10 weeks and there's been a black cloud over me for a month, no joy in anything",
		"since the baby came it's like a dark cloud over me every day",
	)
	wantLevel(t, content.Disp999, "my 3 month old has gone grey and floppy")
	wantNotRule(t, "mental_health_crisis",
		"my daughter was seen in a mental health crisis last month and was treated badly, she's doing well now, how do I complain",
		"general question, can someone in a mental health crisis still walk into A&E during the outage",
	)
	wantLevel(t, content.DispCrisis,
		"I'm in crisis right now and I want to complain that the crisis team never rang back",
	)
}

// Denied or past risk told beside self-harm or suicide words is not a crisis
// now (mhe): scars named as from self-harm, a stitches question from someone
// "doing ok now", a brother who died by suicide. Cutting again tonight, and
// thoughts of one's own, still answer the crisis line.
func TestPastSelfHarmAndSuicideBereavementAreNotACrisis(t *testing.T) {
	wantLevel(t, "",
		"my self harm scars on my legs have gone purple in the cold, can anything help",
		"had my arm glued at A&E last week after self harm, I'm doing fine now, when does the glue come off",
		"my sister died by suicide two years ago and her birthday is next week, is there bereavement support",
	)
	wantLevel(t, content.DispCrisis,
		"my self harm scars are itchy and I cut again tonight",
		"my dad died by suicide and now I keep thinking about killing myself too",
	)
}

// Suicide warning signs told without the word (mhe; NHS, Help for suicidal
// thoughts): a piece of writing that reads like a goodbye letter and says
// they won't be around; stood on a platform or a bridge earlier thinking
// about it, home now. Waiting for a train or a rest on a bridge wall are not.
func TestWarningSignsWithoutTheWordAreACrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"my nephew's poem for class read like a suicide note and says he won't be here by summer",
		"this afternoon I sat on the railway bridge thinking about it, I'm back home now",
		"stood on the platform at Bidston thinking about it for an hour, home now",
	)
	wantLevel(t, "",
		"stood on the platform for ages thinking about whether my clinic is still on",
		"we sat on the bridge wall thinking about lunch, then walked to the hospital",
	)
}

// A heart attack told with no word of the chest (NHS, Heart attack: some
// people, especially women, older people and people with diabetes, have
// little or no chest pain): an ache in the jaw and down an arm, or in the
// jaw with the teeth only guessed at, with sweating, sickness or
// breathlessness still answers 999. A toothache told as the cause, or an arm
// sore after a jab, does not (emover).
func TestHeartAttackWithoutChestWords(t *testing.T) {
	wantAnsweredBy(t, "heart_attack",
		"my wife is 66, her jaw aches and it's going down her left arm, she's clammy",
		"aching jaw and an ache down my arm for half an hour, sweating buckets, no pain in my chest",
		"jaw has been hurting for 20 minutes and I'm sweaty and sick, is it my teeth or something else?",
		"dull ache in his jaw, he feels sick and breathless, he wonders if it's a tooth",
	)
	wantNotRule(t, "heart_attack",
		"toothache going into my jaw and I feel sick",
		"my back tooth has an abscess, my jaw aches and I feel a bit sick, could it be my teeth",
		"had my covid jab, my arm aches and I feel a bit sick",
		"jaw clicking when I chew, is it my teeth",
	)
}

// Angina not eased by a second dose of the spray, the second dose told as
// "used it again" in its own clause (NHS, Angina: call 999 if symptoms are
// still there 5 minutes after the second dose). A second dose that worked,
// or a spray used once, is not told as unrelieved (emover).
func TestAnginaSprayUsedAgainStillThere(t *testing.T) {
	wantAnsweredBy(t, "heart_attack",
		"I have angina, had my GTN, waited five minutes, had it again, pain still there",
		"his angina came on in bed, he sprayed, then sprayed again and it hasn't gone",
		"angina, took my nitro spray, did it again, still tight",
	)
	wantNotRule(t, "heart_attack",
		"I have angina, had my GTN, waited five minutes, had it again and it eased off, fine now",
		"my angina spray sorts it, I used it once on the hill today and it went",
	)
}

// Too breathless to talk with a lung disease named, or blue lips told right
// after "can't talk" (a lost ability is a symptom, not a denial of what
// follows): 999 (NHS, COPD; NHS, Asthma attacks: call 999 if so breathless
// you cannot speak, or lips or skin turn blue). Talking to a person, or not
// talking much for another reason, is not (emover).
func TestLungDiseaseTooBreathlessToTalk(t *testing.T) {
	wantLevel(t, content.Disp999,
		"grandad copd cant talk lips gone blueish",
		"my husband has emphysema and can hardly speak",
		"asthmatic son, cant speak, lips grey",
		"dad cant breathe face grey",
	)
	// The breathing reply, not the drink-and-drugs one: "can't talk
	// properly, lips gone blue" is not "proper gone" (drunk).
	wantAnsweredBy(t, "cant_breathe",
		"wife has copd, cant talk properly lips gone grey, her inhaler isnt helping",
		"he's so pale and his lips have gone blue, he can barely breathe",
	)
	wantNoEmergency(t,
		"my mum has COPD and can't talk to her GP until next week, can she get more inhalers",
		"dad has copd and won't stop talking about his hospital appointment",
		"my son has asthma, can't speak to anyone at the surgery about his review",
	)
}

// "Nearly choked on my coffee when I saw the price" is a figure of speech for
// surprise, not a choke (NHS, Choking: 999 when they cannot cough, breathe
// or cry). A choke that is still going, or a near-choke with breathing now
// hard, still answers 999 (emover).
func TestChokedIdiomIsNotAChoke(t *testing.T) {
	wantNotRule(t, "choking",
		"almost choked on my cornflakes when I read the letter saying my op is off",
		"nearly choked when I heard how much the car park costs",
	)
	wantLevel(t, content.Disp999,
		"my son nearly choked on a grape when he saw the dog and now he can't breathe",
		"she's choking on a sweet and can't cough",
	)
}

// Numbness, or a lip or cheek that droops, told after a dentist's injection
// hours ago is the anaesthetic wearing off (NHS, Dental treatment: the
// injection numbs for a few hours). An arm or leg weak, a face dropping days
// after a dentist, or no dentist at all, is still a stroke (NHS, Stroke;
// emover).
func TestDentalNumbnessIsNotAStroke(t *testing.T) {
	wantNotRule(t, "stroke",
		"the right side of my face is still numb from the dentist injection this morning",
		"had a tooth out 3 hours ago and my bottom lip is numb and a bit droopy, when will it wear off",
		"my cheek is numb on one side since the filling, is that normal",
	)
	wantAnsweredBy(t, "stroke",
		"had a filling this afternoon, now his face has dropped and his right arm is weak",
		"I was at the dentist last Tuesday and tonight one side of my face has gone droopy",
		"one side of her face has gone numb and droopy in the last hour",
	)
}

// A question about keeping button batteries safe with nothing happened is
// prevention advice (Child Accident Prevention Trust and NHS, Button
// batteries); one swallowed, in a mouth or missing from a toy still answers
// 999 (emover).
func TestButtonBatterySafetyQuestionIsNotAnExposure(t *testing.T) {
	wantNoEmergency(t,
		"any tips for keeping button batteries out of reach now the baby is crawling",
		"how should we store button batteries safely with a toddler in the house",
		"are coin batteries dangerous for babies, we have loads in the remotes",
	)
	wantLevel(t, content.Disp999,
		"I think my toddler swallowed a button battery",
		"the button battery has gone from the remote and my 2 year old was playing with it",
		"button battery",
		"my son had a button battery in his mouth, how dangerous is that",
		"are button batteries dangerous, my daughter swallowed one",
	)
}

// A fit in early childhood told with the age then ("when my daughter was 3
// she had a febrile convulsion") is the past; a fit now, or one again, is
// still an emergency (NHS, Febrile seizures; emover).
func TestFitInEarlyChildhoodIsThePast(t *testing.T) {
	wantNoEmergency(t,
		"when my daughter was 3 she had a febrile seizure, she's 10 now, will she have another",
		"he had a febrile convulsion when he was two, should I worry about fevers now he's eight",
	)
	wantLevel(t, content.Disp999,
		"when my son was 2 he had a febrile convulsion and now he's fitting again",
		"my son is 2 and he's having a fit right now",
	)
}

// Lips or tongue stained blue or purple by blueberries, a slush, an ice
// lolly or a felt tip, in a child who is well, are not blue for want of air;
// blue lips with hard or wheezy breathing, drowsiness or no response, or
// with no cause named, still answer 999 (NHS, When to call 999; emover).
func TestLipsStainedByFoodAreNotBlueLips(t *testing.T) {
	wantNoEmergency(t,
		"my 4 year old's tongue and lips are purple after a blackcurrant ice lolly, he's running about",
		"toddler got hold of a blue felt tip, her lips are blue, she's fine and giggling",
	)
	wantLevel(t, content.Disp999,
		"she ate blueberries an hour ago and now her lips are blue and she's struggling to breathe",
		"he had a blue slushie and his lips look blue and he's very drowsy",
		"my daughter's lips are blue",
		"my toddler had blueberries at lunch and now she's mottled with a temperature of 39",
	)
}

// A question whether a dose would be an overdose, nothing taken, is for a
// pharmacist (NHS, Paracetamol for adults; Ibuprofen); a count or a box
// told as taken with the same question still answers 999 (emover).
func TestOverdoseAskedOfADoseIsAQuestion(t *testing.T) {
	wantNoEmergency(t,
		"would it be an overdose to take paracetamol and ibuprofen together for my back",
		"is it an overdose if I have two co-codamol and two ibuprofen",
	)
	wantLevel(t, content.Disp999,
		"I swallowed 25 paracetamol after the row, is that an overdose?",
		"took a whole packet of my sertraline, would that count as an overdose",
	)
}

// A weakness left by a stroke years ago, told as recovered from but for
// what is still there, is a matter for the GP or stroke team (NHS, Stroke
// recovery); a face, arm or speech changed now, today or suddenly beside it
// is still a stroke (emover).
func TestRecoveredStrokeWithWhatIsStillThere(t *testing.T) {
	wantNotRule(t, "stroke",
		"I had my stroke in 2019. I recovered well but my right hand is still weak, can I have more physio?",
		"mum had a stroke three years back and got better but her left leg is still weak, is there a stroke nurse",
	)
	wantAnsweredBy(t, "stroke",
		"I had a stroke in 2019 and got better but my right hand is still weak, and this morning my face has dropped",
		"got better after the flu but still weak, and now his left arm has suddenly gone weak",
	)
}

// Slurred speech told as "slurry" is still slurred speech (NHS, Stroke:
// FAST), sober or not said (emover).
func TestSlurrySpeechIsSlurred(t *testing.T) {
	wantAnsweredBy(t, "stroke",
		"mum's words have gone all slurry in the last half hour and she keeps dropping her cup",
		"his speech is slurrey and his face looks odd",
	)
	wantNotRule(t, "stroke",
		"we spread slurry on the fields today and the smell has given me a headache",
	)
}

// The head named in a sentence of its own and the pain told next as the
// worst ever and as coming on like a bang or in seconds is a sudden severe
// headache (NHS, Subarachnoid haemorrhage: 999); a knock to the head or the
// worst pain of a past illness is not this rule (emover).
func TestWorstPainEverInTheHeadToldApart(t *testing.T) {
	wantAnsweredBy(t, "thunderclap_headache",
		"It's my head. Came on like a bang twenty minutes ago, the worst pain of my life, I've been sick",
		"Her head. It started all of a sudden while she was lifting, worst pain she's ever had",
	)
	wantNotRule(t, "thunderclap_headache",
		"banged my head on the cupboard, worst pain ever for a second but I'm fine now",
		"my head is fine. the kidney stone last year was the worst pain of my life, came on out of nowhere",
	)
}

// A jaw stuck open or out of its joint now, with or without a blow (a wide
// yawn, a laugh, a big bite, the dentist), goes to A&E (NHS, Dislocated jaw;
// left1). A jaw that clicks or aches, a mouth that won't open wide, or a
// dislocation long ago is not an emergency.
func TestJawStuckOpenGoesToAE(t *testing.T) {
	wantLevel(t, content.DispAE,
		"gave a huge yawn in the office and now my jaw won't go back, it's stuck open",
		"my nan's jaw has locked open while she was eating and she can't shut her mouth",
		"I think my jaw has dislocated, it slipped out when I laughed",
	)
	wantNoEmergency(t,
		"my jaw has clicked when I chew for months, no pain",
		"since my wisdom tooth came through I can't open my mouth very wide",
		"I dislocated my jaw once years ago, is it likely to happen again",
	)
}

// Self-harm told as "nothing deep" or "not that deep" is not a deep wound:
// the crisis line answers, with the urges or thoughts (NHS, Self-harm: A&E
// for a serious injury; left1). A deep wound, or one that won't stop
// bleeding however it is described, still goes to A&E or 999.
func TestSelfHarmToldAsNotDeepIsTheCrisisLine(t *testing.T) {
	wantNotRule(t, "self_harm_injury",
		"I cut my arm again tonight, nothing deep, I just feel awful",
		"scratched my legs with a blade on purpose, they're not that deep",
	)
	wantLevel(t, content.DispCrisis,
		"I cut my arm again tonight, nothing deep, I just feel awful",
	)
	wantEmergency(t,
		"I cut my arm on purpose, it's not that deep but it's bleeding and won't stop",
		"cut myself on purpose and it's really deep, gaping open",
		"self harmed and the cut is deep, nothing I do stops it bleeding",
	)
}

// Self-harm told as long past with a resolve never to go back to it is not
// a crisis now (left1); urges, tonight or a relapse told beside the resolve
// still are (NHS, Self-harm).
func TestSelfHarmLongPastWithResolveIsNotACrisis(t *testing.T) {
	wantNotRule(t, "suicidal_thoughts",
		"I used to self harm in my teens and I'm never going back to that, can my GP refer me for counselling about it",
		"self harmed a lot at uni, never again, I want my scars checked",
	)
	wantLevel(t, content.DispCrisis,
		"I self harmed at school and never want to do it again, but I'm getting urges tonight",
		"I self harmed years ago and said never again, but I relapsed last night and cut myself",
		"used to self harm, I never want to do it again but I cut again today",
	)
}

// A jump for sport off a bridge or a tower (bungee, abseil, skydive) is not
// a way to die named (left1); thinking of jumping off a bridge, or a sport
// jump told with wanting to die or without the rope, still is (NHS, Help for
// suicidal thoughts).
func TestSportJumpIsNotASuicideMethod(t *testing.T) {
	wantLevel(t, "",
		"doing a bungee jump off a viaduct for my birthday, I'm on blood thinners is that OK",
		"sponsored abseil off the hospital tower next month, can I do it 6 weeks after my op",
	)
	wantLevel(t, content.DispCrisis,
		"I keep thinking about jumping off the flyover",
		"might as well go bungee jumping off the bridge without the cord, I want to die",
	)
}

// A toddler or a child under school age who sees shadows or people that
// talk or whisper is imagining or scared at night, not a psychosis crisis
// (left1; NHS, Psychosis). An older child or adult seeing or hearing things
// still gets the crisis line.
func TestSmallChildSeeingShadowsIsNotAPsychosisCrisis(t *testing.T) {
	wantNotRule(t, "mental_health_crisis",
		"our toddler says the shadows in his room whisper at bedtime",
		"my 3 year old sees a lady that talks to her in the garden, she says it's her friend",
	)
	wantLevel(t, content.DispCrisis,
		"my 16 year old sees shadows that whisper to him and he's terrified",
		"my husband hears voices telling him he's evil",
	)
}

// A side still weak from a stroke long ago, asked about for rehabilitation,
// is a long-standing deficit (NHS, Stroke recovery: GP or stroke team;
// left1). A new or worse weakness beside an old stroke, or weakness down one
// side told without a past stroke, is 999.
func TestOldStrokeWeaknessOneSideIsNotANewStroke(t *testing.T) {
	wantNotRule(t, "stroke",
		"mum had a stroke 3 years ago and is still weak down her right side, can she get more physio",
		"since his stroke in 2022 dad's left side is still weak, is there a support group",
	)
	wantLevel(t, content.Disp999,
		"mum had a stroke 3 years ago, still weak on the right side, but today her left side went numb",
		"had a stroke 2 years ago and my right side is still weak, now it's much worse suddenly",
		"numbness down my left side and my face feels odd",
	)
}

// Frightening thoughts of harm befalling the baby ("of him getting hurt"),
// disowned ("I'd never do anything, they scare me"), are common after a
// birth and for the GP or health visitor (NHS, Postnatal depression; left1).
// Thoughts of hurting the baby or oneself, thoughts not disowned, and such
// thoughts beside voices or days without sleep still get the crisis line.
func TestDisownedThoughtsOfHarmToTheBabyAreNotACrisis(t *testing.T) {
	wantLevel(t, "",
		"my daughter is 6 weeks old and I get awful thoughts of her getting hurt when I bath her, I would never do anything, they scare me",
		"since the birth I keep having horrible thoughts of the baby being harmed in the car, they horrify me and I'd never act on them",
	)
	wantLevel(t, content.DispCrisis,
		"since the birth I keep having thoughts of hurting my baby",
		"I get horrible thoughts of my baby getting hurt and I don't trust myself with him",
		"scary thoughts of my son getting hurt, I'd never do anything, but I hear a voice telling me he's evil",
		"I get horrible thoughts about my toddler",
	)
}

// Paranoia that comes only while high and goes when coming down, told by
// someone wanting to stop, is for the GP or a drug service (NHS, Cannabis:
// the facts; Drug addiction: getting help; left1). Paranoia that stays when
// sober, or with a knife, hiding, barricading or voices, still gets the
// crisis line.
func TestParanoiaOnlyWhileHighIsNotACrisis(t *testing.T) {
	wantLevel(t, "",
		"when I smoke skunk I get paranoid that people are watching me, it wears off once I come down, I want to quit",
		"only when I'm stoned I get paranoid everyone is looking at me, then it goes, how do I stop using",
	)
	wantLevel(t, content.DispCrisis,
		"I get paranoid people are watching me when I smoke, and now it doesn't go away even when I'm sober",
		"my son gets paranoid the neighbours are spying on him when high, it goes when he comes down, but today he's barricaded in his room",
		"my brother is paranoid people are following him and he's hiding in the loft",
	)
}

// A bite told as "nothing deep" is not a deep wound: the bite topic (NHS
// 111, with a question about a large or deep wound) answers (NHS, Animal
// and human bites; left1). A deep or gaping bite, one on the face, or one
// that won't stop bleeding still goes to A&E.
func TestBiteToldAsNotDeepIsNotAnAEBite(t *testing.T) {
	wantNotRule(t, "serious_bite",
		"our cat bit my wrist, nothing deep, two little holes, should it be seen",
	)
	wantLevel(t, content.DispAE,
		"a dog bit my arm and it's really deep, I can see inside",
		"the dog bit my lip, not that deep but it's my face",
	)
	wantEmergency(t,
		"bitten on the hand by a dog, not deep but the bleeding won't stop",
	)
}

// Emergencies told as a bystander's or a relative's story (emer6; NHS, When
// to call 999; When to go to A&E), each class with look-alikes that stay
// calm. want is the rule that must answer ("=rule"), be met ("+rule") or
// not be met ("-rule"), or a level: "999", "emergency" (999 or A&E), "calm"
// (neither). Hazard rows H303 to H308.
func TestEmergenciesToldAsAStory(t *testing.T) {
	for _, c := range []struct{ want, msg string }{
		// H303. Not breathing told by what is seen or felt: 999 with the
		// CPR wording (NHS, First aid: CPR; Resuscitation Council UK, adult
		// basic life support). Breathing seen, a numb chest, breathing fine.
		{"=not_breathing", "my uncle just sagged down in his armchair and I cant see his chest going up and down"},
		{"=not_breathing", "the lady at the bus stop has dropped to the pavement, I can't feel her breathing at all"},
		{"=not_breathing", "he's gone down in the changing room and his chest isn't moving"},
		{"999", "our manager is slumped at his desk and isn't responding when we call his name"},
		{"-not_breathing", "I can see his chest going up and down, he's asleep after the anaesthetic"},
		{"-not_breathing", "can't feel my chest properly since the shingles, it's numb"},
		{"-not_breathing", "swollen calf after the flight, not short of breath at all"},
		{"calm", "my son hasn't been responding when I call his name for a few months, is it his hearing"},
		// H304. Blood on the ground, or a deep cut or a lot of blood
		// they can't get to stop, self-harm included (NHS, When to call 999:
		// severe bleeding; Self-harm). Stopped, or only stinging.
		{"=severe_bleeding", "he put his hand through the greenhouse glass, there's a pool of blood on the path"},
		{"=severe_bleeding", "I went too deep on my arm tonight, there's so much blood and I can't get it to stop"},
		{"=severe_bleeding", "gashed my shin on the trailer, deep, loads of blood, cant get it to stop"},
		{"-severe_bleeding", "deep cut on my palm, loads of blood at first but it stopped after I held it"},
		{"-severe_bleeding", "little cut on my knuckle and I can't get it to stop stinging"},
		// H305. Spots that stay under a pressed glass (NHS, Meningitis).
		{"+non_blanching_rash", "my son has a headache and these dots that stay under the glass when I press it"},
		{"+non_blanching_rash", "she's poorly and the marks remain when I press a tumbler on them"},
		{"-non_blanching_rash", "the spots fade when I press a glass on them, stiff neck from sleeping funny"},
		// H306. Words and a hand's grip lost minutes ago, eased (NHS,
		// Transient ischaemic attack: 999 even if it goes; Stroke: FAST).
		// An arthritic hand; signs last week, settled (tia_passed, urgent).
		{"999", "half an hour ago my husband couldn't find his words and his left hand wouldn't hold his mug, he seems better now"},
		{"999", "dad suddenly can't grip with his right hand and his speech is slurred"},
		{"calm", "arthritis in my right hand, it won't grip jars any more"},
		{"calm", "Last Tuesday dad's right hand would not grip his cup for a few minutes, back to normal since"},
		// H307. Life at risk now: a goodbye in other words with the
		// person unreachable or at a railway; empty boxes of their tablets
		// beside goodbyes; "had a load of pills" with drink or a goodbye; a
		// psychosis out among the traffic (NHS, When to call 999: a suicide
		// attempt; Help for suicidal thoughts; Psychosis).
		{"999", "my sister messaged 'sorry, please take care of the kids for me' and now her phone goes straight to voicemail, she isn't answering"},
		{"999", "he posted a picture of the railway line saying 'last thing ill ever see' and won't answer"},
		{"999", "tonight mum kept saying sorry for everything, then I found empty packets in the kitchen bin, her amitriptyline and paracetamol"},
		{"999", "my partner says he's had a load of tablets with whisky and texted goodbye"},
		{"999", "my daughter is psychotic, says nothing can hurt her and has walked out into the road, she's standing among the cars"},
		{"calm", "I've had a load of tablets for my back over the years, can I have a glass of wine with naproxen"},
		{"calm", "I'm going into hospital tomorrow, sorry to ask but can you look after the cat for me"},
		{"calm", "this is the last thing i'll say about the parking, it's a disgrace"},
		{"calm", "earlier he walked out into the road shouting nothing can hurt him, he's back home now and calm"},
		{"calm", "dad keeps saying sorry for everything since mum died. his sertraline boxes are empty so he needs a new prescription"},
		// H308. A child down the stairs and sick since (NHS, Head injury
		// and concussion); a neighbour's age in brackets read, with a leg she
		// cannot stand on after a fall (NHS, Hip fracture).
		{"+head_injury", "our 2 year old fell down the stairs this afternoon and has vomited twice"},
		{"calm", "my toddler fell down a few stairs, he hasn't been sick and is playing happily"},
		{"emergency", "my neighbour (84) fell yesterday and still cant put weight on her right leg, her hip hurts"},
		{"calm", "my neighbour 2 doors down fell yesterday, grazed her knee, walking fine"},
	} {
		level, ids := screen(t, c.msg)
		emergency := level == content.Disp999 || level == content.DispAE
		var ok bool
		switch w := c.want; {
		case w == "calm":
			ok = !emergency
		case w == "emergency":
			ok = emergency
		case w[0] == '=':
			ok = len(ids) > 0 && ids[0] == w[1:]
		case w[0] == '+':
			ok = slices.Contains(ids, w[1:])
		case w[0] == '-':
			ok = !slices.Contains(ids, w[1:])
		default:
			ok = level == w
		}
		if !ok {
			t.Errorf("%q: level %q rules %v, want %s", c.msg, level, ids, c.want)
		}
	}
}

// Crises told indirectly in the person's own words are answered by the
// rules with the crisis reply (mhc6; NHS, Help for suicidal thoughts;
// Self-harm; Where to get urgent help for mental health): shaking beside
// thoughts that will not stop; a goodbye that frightens the writer or with
// someone with them now; scratches made without knowing why, or a cut with
// a wish to do more; a burn made on purpose or with urges still there; an
// urge "like I used to"; a note written and destroyed; not being here by a
// time, "seen to"; drawn to look over the edge of a high place after a loss;
// a pet handed on with having had enough; lying down beside someone who
// died and not getting up; ways "to do it" looked up; a child's words after
// a console was taken off him. Look-alikes stay calm, and a fit, an overdose
// or shaking that will not stop in pregnancy stay 999.
func TestCrisesToldIndirectlyInOwnWords(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I'm so anxious I can't stop shaking and I can't stop thinking about cutting myself",
		"my girlfriend texted goodbye to everyone, her dad is with her now",
		"my mate posted bye to everyone on insta, I'm so scared for him",
		"my daughter scratched her leg with a razor at school, she says she doesn't know why she did it",
		"cut my leg tonight, not deep, it's stopped, but I feel like doing worse",
		"I burnt my thigh with my hair straighteners on purpose last night, it's only small",
		"scalded my hand with the kettle, the urges are still there",
		"I want to cut myself like I used to, the urges are strong",
		"I wrote a letter to my family and then tore it up, I haven't done anything",
		"my grandma told me she won't be around after new year, she's seen to that",
		"I keep looking down from the bridge on my walk home since I lost my job",
		"my dad said he's had enough and asked me to look after his cats",
		"since my husband passed I want to lie down beside him and never wake up",
		"my son said he wants to kill himself when I took his phone away",
		"been searching online, I keep looking up methods to do it",
	)
	wantLevel(t, "", // no rule
		"I burnt my arm on the oven by accident, it's only small",
		"I burnt my hand on the iron, I didn't do it on purpose",
		"I wrote a note to the school and then binned it",
		"we're moving abroad, I won't be here by Christmas, I've made sure of that with the removal company",
		"looked over the edge of the cliff on holiday, lovely view",
		"my nan rang to say goodbye before her cruise, I'm worried about her flying",
		"my dad's had enough of the dog barking, can you take his dog",
		"I still feel like doing more gardening after cutting my hand",
		"I took his phone off him because he was up all night gaming",
	)
	wantRule(t, "seizure", "he is shaking and it won't stop, he is not responding")
	wantLevel(t, content.Disp999,
		"pregnant and shaking, it won't stop",
		"I took his xbox off him and he took 20 paracetamol because he wants to die",
		"took 20 of her tablets from her bag to kill herself",
	)
}

// Type 1 diabetes with a sickness bug, ketones under 1.6 and a high sugar,
// still drinking ("managing sips", "able to drink") is the diabetes team or
// NHS 111 now (NHS, Diabetic ketoacidosis: 0.6 to 1.5 is slightly high, test
// again in 2 hours; over06). Fluids not staying down, high ketones, fast
// breathing or confusion still answer A&E.
func TestDiabetesSickStillDrinkingIsNotDKA(t *testing.T) {
	wantNotRule(t, "diabetic_ketoacidosis",
		"type 1, been sick three times with a tummy bug, still managing to drink water, sugar 17, ketones 1.1",
		"my son is type 1, vomited twice, bm 19 and ketones 0.7, he's able to take sips of squash",
	)
	wantRule(t, "diabetic_ketoacidosis",
		"type 1, sick all night, sugar 18, ketones 1.2, can't keep any fluids down",
		"type 1, vomiting, sugar 22 and ketones 0.9, sips won't stay down",
		"type 1, being sick, sugars 20, ketones 4.2, managing sips",
		"type 1 with a bug, sick twice, sugar 21 ketones 1.0, managing to drink but breathing really fast",
		"I'm diabetic, sugar is 28, been vomiting and managing sips",
	)
}

// Panic attacks that keep coming and pass each time, told in the present
// ("they go after ten minutes"), are for the GP even when they "feel like a
// heart attack" (NHS, Panic disorder; over06). A heart attack feared now with
// no word of it passing, or with chest pain that spreads, still answers 999.
func TestRecurringPanicToldAsPassingIsNotAHeartAttack(t *testing.T) {
	wantNoEmergency(t,
		"I keep having panic attacks at work, it feels like I'm having a heart attack but they pass within about 15 minutes",
		"panic attacks most nights, I think I'm having a heart attack every time, it usually settles after 5 mins",
	)
	wantRule(t, "heart_attack",
		"I keep getting panic attacks but this one feels like I'm having a heart attack and it won't stop",
		"having a panic attack I think, or a heart attack, been 30 minutes now",
		"I think I'm having a heart attack, it doesn't go after 20 minutes like my panic attacks do",
		"panic attacks usually pass after 10 mins but now crushing chest pain going down my left arm",
	)
}

// "What are the signs of a stroke?" asked only to know, with the person
// well, is a question (as meningitis, H161; over06). Asked with any sign, a
// worry about now, or no word that it is only to know, it still answers 999
// (NHS, Stroke: call 999 for any sign).
func TestSignsOfAStrokeAskedOnlyToKnowAreAQuestion(t *testing.T) {
	wantNotRule(t, "stroke",
		"just wondering what the signs of a stroke are, my grandad is well but has had heart trouble",
		"out of interest, what are the signs of a stroke? nothing wrong, I'm doing a first aid course",
	)
	wantRule(t, "stroke",
		"are these signs of a stroke? her speech is slurred",
		"just want to know if these are signs of a stroke, dad suddenly has a bad headache and is confused",
		"signs of a stroke? mum's face has dropped on one side",
		"I think my dad is showing signs of a stroke",
		"just wondering, signs of a stroke? his left arm has gone weak",
	)
}

// "A week ago now" tells how long ago, not that it is happening now: stroke
// signs told that way that passed and have been fine since answer the urgent
// TIA rule (NHS, Transient ischaemic attack; over06). Told as back, still
// there, or today, they still answer 999.
func TestAgoNowIsNotHappeningNow(t *testing.T) {
	wantRule(t, "tia_passed",
		"On Sunday (five days ago now) my right hand and face went numb for a few minutes, back to normal after that.",
		"Last Wednesday, a good week ago now, my speech went slurred for ten minutes. Fine since.",
	)
	wantNotRule(t, "stroke",
		"On Sunday (five days ago now) my right hand and face went numb for a few minutes, back to normal after that.",
	)
	wantRule(t, "stroke",
		"Last Wednesday, a week ago now, my speech went slurred for ten minutes. Back to normal, but it's happening again now.",
		"On Sunday (five days ago now) my arm went weak, back to normal after, but this morning my face has dropped",
		"a week ago now my arm went weak and it is still weak",
		"my face dropped 2 hours ago now and my arm is weak",
	)
}

// A caesarean wound red or oozing with a temperature, told by the days
// "post" the section, is the maternity unit or midwife today (NHS, Caesarean
// section recovery; over06): post_op_fever, as for "a week after my
// caesarean". Shivering fits, feeling very unwell or a sign of sepsis still
// answer A&E or 999, and any other operation's infected wound with a fever
// is still A&E.
func TestCaesareanWoundCountedInDaysPostIsTheMaternityUnit(t *testing.T) {
	wantLevel(t, "urgent",
		"2 weeks post emergency section, the incision is red and leaking, my temp is 38.3",
		"a week after my caesarean the wound is oozing pus and I've got a temperature of 38",
	)
	wantEmergency(t,
		"8 days post c section, wound oozing pus, temp 38.5 and I can't stop shaking and shivering",
		"10 days post c-section, scar leaking, fever and I feel really really ill",
		"days post c section, wound red and weeping, high temperature and I'm confused and my skin is blotchy",
		"9 days after my hip replacement the wound is oozing pus and my temp is 38.4",
	)
}

// Waters told as broken or gone with no word of pregnancy or weeks ("my
// waters have gone") are a pregnancy: the maternity unit now (NHS, Signs
// that labour has begun). A question ahead ("if her waters go") and other
// waters ("the flood waters have gone down") are not (H338).
func TestWatersGoneWithoutPregnancyWordIsMaternityNow(t *testing.T) {
	wantRule(t, "pregnancy_maternity_now",
		"my waters went about an hour ago, clear fluid, what do I do",
		"my partner's waters have broken and she's not due for 3 weeks",
	)
	wantNotRule(t, "pregnancy_maternity_now",
		"if my waters break at night, is triage still the number to ring with the computers down",
		"the flood waters went down overnight and the road is open",
	)
}

// Warning signs written from the guidance, not from studied messages
// (crisisg6; NHS, Help for suicidal thoughts; NHS, Self-harm; NHS, Where to
// get urgent help for mental health; NICE NG225; Samaritans, signs to look
// out for): feeling a burden, trapped, hopeless or with no reason to live,
// goodbyes, things given away or affairs put in order, means researched or
// medicines saved, a sudden calm after despair, self-harm now or urges,
// voices telling them to harm, and psychosis or mania, told by the person,
// a parent, partner, friend, carer or teacher, in text-speak, second-language
// English or a formal style. Each is the crisis reply (a few meet a 999 or
// A&E rule, which is never lowered). Look-alikes (idioms, grief without
// risk, low mood, past self-harm now well, helplines asked for other
// reasons) meet no rule.
func TestCrisisWarningSignsFromTheGuidance(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"honestly I feel like a burden to everyone and they'd cope fine if I wasn't in the picture",
		"there's nothing left for me to live for since the business went under",
		"I've started giving my stuff away to friends because I won't be needing it",
		"my son has been giving away his games and his guitar and saying goodbye to his mates like he's going somewhere",
		"dad has suddenly sorted out his will and written letters to each of us, he's been so low for months",
		"mum has been in despair for weeks and now she's weirdly calm and peaceful, she said she's made her decision",
		"I've been collecting my sleeping tablets for a few weeks now, I have quite a lot saved",
		"been reading online about which tablets would be enough to not wake up",
		"my partner has been searching online for ways to end his life, I found it in his history",
		"i cut myself last night and the urge to do it again is really strong right now",
		"I keep wanting to hurt myself, I've been burning my arm with a lighter",
		"my daughter is 14 and I've just found cuts all over her thighs, fresh ones",
		"I can hear a voice telling me to hurt myself and it won't stop",
		"my brother says the voices are telling him he has to hurt people and he's scared",
		"my wife hasn't slept in five days, she thinks she's been chosen by god and has spent all our savings",
		"he's convinced the neighbours are poisoning his food through the walls and he's barricaded the door",
		"i cant do this anymore tbh, everyone would be happier without me around",
		"no1 would even notice if i was gone tbh",
		"wanna just go to sleep and never wake up fr",
		"idk what the point of me even is anymore, might as well not exist",
		"I am feeling no hope for future and I want to finish everything",
		"Please help, my friend tell me she want kill herself because her family send her away",
		"Good afternoon. I am 82 and since my wife died I have no wish to continue living. I have put my affairs in order.",
		"I would be grateful for advice. My husband, aged 79, has said on several occasions that he would rather not go on and has been asking about his pills.",
		"one of my pupils wrote in her diary that she wants to die and has been self harming, she's 13",
		"as a teacher I'm worried, a student told me he plans to kill himself after his exams",
		"I care for my father; he has told me he's going to save up his morphine and take it all when he's had enough",
		"Hi, sorry to bother you, I've been struggling with work and money and the kids, my partner left in the summer, I haven't been sleeping properly, and to be honest I've started thinking about how I could end it.",
		"I'm writing on behalf of my sister. She's had a rough year, lost her job, the landlord is evicting her, and she's not been eating. Last night she texted me saying she loves me and she's sorry for everything, which isn't like her.",
		"So my GP changed my antidepressant a month ago and I've been feeling odd, not sleeping, anxious all the time, and over the last few days I've had strong thoughts of killing myself.",
		"just feel like giving up on everything, life included",
		"my girlfriend keeps saying she wants to disappear and never come back and she's stopped eating",
		"I'm having thoughts of self harm and I don't know how to stop them",
		"I self-harm most nights and it's getting worse, I need help",
		"my mate keeps talking about suicide and says he's got nothing to live for",
		"she's been looking up how many paracetamol it takes to kill you",
		"I have no reason to be alive",
		"everyone would be better off if I just vanished",
		"I feel hopeless and like there is no future for me at all",
		"My son (17) is hearing voices and hasn't slept, he says people on TV are talking about him and he's frightened",
		"my mum has bipolar and she's really high, not sleeping, talking nonstop, spending thousands, driving dangerously",
		"i feel like im losing my mind, seeing things that arent there and i think people are after me",
		"kms fr i cant take this anymore",
		"i wanna die so bad rn",
		"I don't think I can keep myself safe much longer",
		"honestly thinking of ending my life",
		"I feel like I am a burden to my children and it would be a kindness if I were gone",
		"My father has been telling everyone that he won't be around for much longer and giving away his tools, but he isn't ill",
		"my friend's been saying goodbye to people like it's the last time and said sorry for being such a pain",
		"there is no way out, I'm trapped and I want it to be over",
		"I think about death all the time and I want it to happen",
		"i hurt myself on purpose last night again, scratching till it bleeds",
		"thinking about taking all my tablets at once",
		"Since my diagnosis I keep thinking I'd be better off dead",
		"my teenage son told me he feels worthless and wants to end it",
		"i have been hitting myself and banging my head against the wall when i get upset, did it again today",
		"I feel suicidal but I don't want to call anyone",
	)
	wantNotLevels(t, belowCrisis,
		"I keep thinking about hanging myself",
		"I'm going to jump off something one of these days, I'm so done",
		"I've been self harming again after two years clean, cut deep yesterday",
		"my wife says she hears the devil telling her to hurt the baby",
	)
	wantLevel(t, "", // no rule
		"this commute is killing me, any tips for back ache from sitting on the train",
		"my feet are killing me after that walk, should I see a podiatrist",
		"I nearly died laughing at the panto last night, now my ribs hurt",
		"I'm dying for a cup of tea but I'm nil by mouth before my op, can I have water",
		"my mum died last month and I'm very sad, I'm coping and have good support, can I get grief counselling",
		"I've been feeling down for a few weeks, no thoughts of harming myself, can I self refer for talking therapy",
		"I self harmed as a teenager but I've been well for ten years, the old scars itch, is that normal",
		"what is the Samaritans phone number, I want to volunteer with them",
		"my exam is going to be the death of me lol",
		"I'm sick of this cold, when will it go away",
		"I've had enough of this cough, it's been three weeks",
		"my hay fever is killing me, which antihistamine is best",
		"I'm writing my will because I'm getting older, where do I register a lasting power of attorney",
		"I'm giving away my old baby clothes, can a food bank take them",
		"my dad is terminally ill and I'm sorting out his affairs, how do I get carer's allowance",
		"I collect my repeat prescription every month, can I get it delivered",
		"I'm feeling trapped in my house because of my knee, can I get a physio home visit",
		"my teenage son is moody and sleeps all day, I think it's just his age, should I worry about vitamin D",
		"I hear ringing in my ears, it's like a voice almost but it's tinnitus I think",
		"I can hear my neighbours' voices through the wall at night and can't sleep, any tips for insomnia",
		"I'm burnt out at work and exhausted, can I get a sick note",
		"my cat died and I can't stop crying, is this normal grief",
		"I feel hopeless at cooking lol, any advice on healthy eating for diabetes",
		"goodbye and thanks for the help earlier",
		"I said goodbye to my mum at the care home and now I feel guilty leaving her there",
		"I've stopped drinking and feel a bit flat, is that normal",
		"my anxiety is bad before my driving test, can I get propranolol",
		"how can I help a friend who is grieving, she's not at risk, just sad",
		"my daughter asked how many paracetamol she can take for a headache, she's 12",
		"how many ibuprofen can I take in a day",
		"I'm bored to death at home with this broken leg",
		"my old self harm scar has gone lumpy and raised, is that a keloid",
		"my husband gets stressed about money but he's not depressed, can we get debt advice",
		"dying my hair tomorrow, can I do it while breastfeeding",
		"I want to kill my brother for eating my chocolate again",
		"the tablet I take makes me feel a bit numb but I'm otherwise fine, can I change it",
		"I want to stop my life insurance payments, who do I call",
		"I feel like a burden on my family since my hip op, they do everything for me, can I get a carer assessment",
		"my toddler bangs his head on the floor when he's upset, is that normal",
		"I feel trapped in this job and I want it over with, can I get a sick note for stress",
		"I'm collecting my tablets from the pharmacy every month, can the pharmacy keep them aside for me",
		"my mum has been weirdly calm since the funeral, is that shock",
		"I'd rather not go on tablets for my blood pressure, are there alternatives",
		"there's no future for me in this company, I need a new job, I'm not depressed just fed up",
		"giving all my baby stuff away as we won't be needing it any more, can a charity take a cot",
	)
}

// A second set written after the first change and scored unread: 16 of its
// 24 crisis messages met the crisis reply or higher on main, 17 after
// H339, 24 after H340 (crisisg6; NHS, Help for suicidal
// thoughts; NHS, Psychosis; Samaritans, signs to look out for): others
// relieved if they were gone, wanting to stop feeling anything forever, had
// enough of it all with a loss, a burden beside feeling worthless, no
// purpose in going on, waiting to die when empty, thoughts told as being
// broadcast. Look-alikes stay calm.
func TestMoreCrisisWarningSignsFromTheGuidance(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I'm so tired of fighting every day, I just want to stop feeling anything forever",
		"my husband keeps saying we'd all be better off with the insurance money and he's been very withdrawn",
		"nobody would care if I died tomorrow",
		"I've been thinking that my family would be relieved if I was gone",
		"i've got a stash of my mum's pills hidden in my room just in case",
		"since the divorce my dad has been drinking heavily and told me he's \"had enough of it all\"",
		"i feel like a waste of space and a burden on everyone",
		"me and my boyfriend broke up and i honestly don't see a reason to carry on",
		"I've been scratching my arms with a compass at school when things get too much",
		"the voices are telling me I'm worthless and should die",
		"my dad believes he's on a secret mission from the government and hasn't eaten or slept for days",
		"Sir, my son is behaving strangely, he says his thoughts are being broadcast on the radio and he is very agitated",
		"I just want to go to sleep and not wake up, every single day",
		"I've written letters to my kids in case anything happens to me, I'm so low",
		"I am a widow of 76 and frankly I see no purpose in going on any longer",
		"I don't want to be alive anymore but I'm scared to tell anyone",
		"idk how much longer i can keep pretending im ok, i think about dying constantly",
		"my wife had a baby 2 weeks ago and now she says she's hearing voices and is very confused",
		"I feel empty and like I'm just waiting to die",
	)
	wantNotLevels(t, belowCrisis,
		"my 15 yr old said she wishes she could just fall asleep and not wake up, she's been crying in her room for days",
		"my flatmate keeps cutting her wrists and hiding it with long sleeves",
		"my brother has been talking about how he wants to end it all and he's got a knife",
		"I've been punching walls and myself until my knuckles bleed because I hate myself",
		"My best friend posted a goodbye message on Instagram and isn't answering, she's been depressed",
	)
	wantLevel(t, "", // no rule
		"my boss is driving me insane, can I get a fit note for work stress",
		"I'm so tired of fighting with the council about my housing, can my GP write a letter",
		"I lost my dad last year and still miss him, but I'm doing ok, is there a bereavement group near me",
		"I had suicidal thoughts years ago but I've been well for a long time, can I donate blood",
		"my kid is addicted to his phone and it's driving me mad",
		"I could murder a takeaway right now, can I eat before my blood test",
		"I'm dead tired after night shifts, how can I sleep better",
		"I've written a letter to my MP about the waiting list",
		"my mum has sorted out her funeral plan because she likes to be organised, she's fine and healthy",
		"I feel empty after my kids left for university but I'm keeping busy",
		"I'm scared of dying in my operation next week, is that normal anxiety",
		"my grandad hears music that isn't there, the GP said it's due to his hearing loss",
		"the football result last night killed me, anyway can I get a flu jab at the pharmacy",
		"I need the number for Samaritans for a school project on mental health services",
		"my dad is old and says he's just waiting to die in that care home but he's happy enough, can he get a hearing test",
		"I'm sick of my back pain, I want to stop feeling it forever, what are the options for injections",
		"I've had enough of it all with this builder, my kitchen is a mess and I'm so stressed, can I get sleeping tablets",
		"I feel useless since my stroke and like a burden on my wife, can I get physio at home",
		"my family would be relieved if I was here for Christmas after my op, can I travel",
	)
}

// belowCrisis lists the answers below the crisis reply, A&E and 999.
var belowCrisis = []string{"", content.DispUrgent, content.DispGP, content.DispPharmacy, content.DispSelfCare, content.DispInfo}

// A tonsil swollen or huge "in her mouth", or a neck swollen with a sore
// throat, with not being able to swallow and nothing people react to named,
// is a quinsy: the throat rule answers (A&E, 999 if struggling to breathe),
// not the adrenaline auto-injector (NHS, Quinsy; NHS, Sore throat). Lips
// swelling, a tight throat, or a food, sting or new medicine still answer
// anaphylaxis (NHS, Anaphylaxis) (H341).
func TestSwollenTonsilIsAQuinsyNotAnaphylaxis(t *testing.T) {
	quinsy := []string{
		"my daughter's tonsil is huge in her mouth and she can't swallow anything, sore throat for days",
		"sore throat and his neck is really swollen, he can't swallow his spit and his mouth looks swollen at the back",
		"tonsils are enormous in my mouth, I can't swallow and my voice has gone muffled",
	}
	wantAnsweredBy(t, "throat_swelling_drooling", quinsy...)
	wantNotRule(t, "anaphylaxis", quinsy...)
	wantAnsweredBy(t, "anaphylaxis",
		"started a new antibiotic for tonsillitis this morning and now her lips are swelling and she can't swallow",
		"ate a cashew and his mouth is swelling up, can't swallow",
		"her tonsils are massive and her lips are puffing up, she can't swallow",
		"stung by a wasp on the neck, now her throat feels tight and her mouth is swelling",
	)
	wantNoEmergency(t, "my tonsils are huge and it hurts to swallow but I'm managing drinks")
}

// Light-headed is not fainting: it no longer answers "did they faint?"
// (the flows' questions, checked in triage-more.yaml), but the rules that
// read light-headedness with another sign still do: a possible ectopic
// pregnancy, a slow pulse, a spiked drink, heavy bleeding after a birth
// (NHS, Ectopic pregnancy; Heart palpitations; Drink spiking; Your body
// after the birth) (H342).
func TestLightHeadedIsNotFaintingButStillARedFlagSign(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I might be pregnant, stabbing pain low on my right and I feel really lightheaded",
		"my heart rate is 36 on my watch and I feel lightheaded",
		"gave birth 4 days ago, the bleeding has got much heavier and there are clots the size of a golf ball, I'm light-headed",
	)
	wantRule(t, "spiked_unwell", "someone spiked my drink and I feel really lightheaded")
	wantNoEmergency(t,
		"I've been a bit light-headed since the GP doubled my amlodipine",
		"feel lightheaded when I get up from the sofa since my water tablet was started",
		"had my baby 10 days ago, the bleeding isn't much heavier, just a bit light-headed when I stand",
	)
}

// A head knock denied ("didn't bang his head", "no knock to the head",
// "landed on her bottom, not her head", "head's fine") is not a head injury:
// "fell * head" and "head * on" reached across the denial. A head hit on a
// blood thinner, or with sickness or drowsiness after, is still A&E (NHS,
// Head injury and concussion) (H343).
func TestDeniedHeadKnockIsNotAHeadInjury(t *testing.T) {
	wantNotRule(t, "head_injury",
		"grandpa slipped off his bed in the night, didn't bang his head, he's on warfarin",
		"dad had a tumble in the garden, no knock to the head, he takes rivaroxaban",
		"mum fell in the kitchen and landed on her bottom, not her head, she's on edoxaban",
		"nan fell over at bingo but never hit her head, she's been sick once since",
		"he rolled off the sofa, head's fine, he's on apixaban",
	)
	wantRule(t, "head_injury",
		"grandpa slipped off his bed in the night and banged his head on the bedside table, he's on warfarin",
		"dad fell down the stairs head first, he takes rivaroxaban",
		"mum fell backwards onto the back of her head and she's on edoxaban",
		"nan fell over at bingo and hit her head, she's been sick twice since",
		"something fell on his head at work and now he keeps being sick",
		"my dad caught his head on the car door, he takes apixaban",
	)
}

// Words hard to find as dementia goes on are the illness, for the GP; the
// same told as sudden, new or now, or with a face or arm sign, is a stroke
// (NHS, Dementia: finding the right word, coming on gradually; NHS, Stroke).
func TestDementiaWordFindingIsNotAStroke(t *testing.T) {
	wantNotRule(t, "stroke",
		"mum has dementia and often can't find her words, is that normal",
		"my husband has alzheimers and struggles to find the right word most days",
		"dad's vascular dementia means he cannot find his words a lot of the time, who can help us")
	wantRule(t, "stroke",
		"my mum has dementia and suddenly this morning she can't find her words",
		"grandad has alzheimers and for the last hour he can't find his words at all",
		"my wife can't find her words all of a sudden and is mixing up words",
		"nan has dementia but now she can't find her words and her face looks droopy")
}

// A throat swollen on one side, or a mouth that will hardly open, days into
// antibiotics for tonsillitis is a quinsy (A&E or the sore throat topic), not
// an allergic reaction; swelling lips or tongue, or a throat closing, after a
// dose still answer as anaphylaxis (NHS, Quinsy; NHS, Anaphylaxis).
func TestQuinsyOnAntibioticsIsNotAnaphylaxis(t *testing.T) {
	wantNotRule(t, "anaphylaxis",
		"on penicillin for tonsillitis 4 days, one side of my throat is huge and I can barely open my mouth",
		"been taking antibiotics for tonsillitis since friday, now I can hardly open my mouth and it's agony on one side")
	wantRule(t, "anaphylaxis",
		"on penicillin for tonsillitis and now my lips and tongue are swelling up",
		"took my first penicillin for tonsillitis an hour ago and my throat is closing up",
		"on amoxicillin for a chest infection and my mouth and face are swelling up")
	wantAnsweredBy(t, "throat_swelling_drooling",
		"strep throat, on antibiotics, one side massive, I can't open my mouth and I'm drooling")
}

// Pain first taken for indigestion or heartburn that has "gone into" or
// "moved up" an arm or the jaw, with sweating or sickness, is a heart attack
// (NHS, Heart attack: the pain can feel like indigestion and spread to the
// arms, jaw, neck or back) (H347). An arm gone red or dead, or
// indigestion settled by an antacid, is not.
func TestIndigestionGoneIntoArmOrJawIsAHeartAttack(t *testing.T) {
	wantAnsweredBy(t, "heart_attack",
		"I thought it was indigestion after my tea but now it's gone into my left arm and I'm dripping with sweat",
		"heartburn since the pub, rennies did nothing, now the pain has moved up into my jaw and I feel sick",
		"dad says it's just wind but it's crept down his arm and he's clammy",
		"the burning has travelled up to my jaw and I'm sweating and feel faint",
	)
	wantNotRule(t, "heart_attack",
		"my arm has gone red and hot round the bite and I'm a bit sweaty",
		"my left arm has gone dead from sleeping on it, feel a bit sick from the antibiotics",
		"had indigestion last night, a gaviscon sorted it, feeling fine now",
	)
}

// A known aortic aneurysm told in lay words (a swelling, bulge or widening
// of the main artery in the tummy that the hospital watches) with sudden
// pain in the tummy or back, or feeling faint, is a burst aneurysm until
// shown otherwise (NHS, Abdominal aortic aneurysm: call 999) (H348).
func TestAneurysmInLayWordsWithPainIs999(t *testing.T) {
	wantAnsweredBy(t, "aortic_emergency",
		"they keep an eye on a bulge in my main artery, now a sudden awful pain in my back and I feel faint",
		"mum has a yearly scan for a swollen aorta and has just come over sweaty with bad belly pain",
		"I'm 81 and have a widened artery in my tummy they watch, sudden pain through to my back",
	)
	wantNotRule(t, "aortic_emergency",
		"my scan for the bulge in my main artery has been cancelled, no pain at all",
		"a swollen vein on the back of my leg, bit achy",
		"tender swollen artery on my temple and a headache",
	)
}

// Someone up a high place (a car park roof, the top of the flats) who says
// they will not come back down, or with goodbye letters written and tablets
// counted out, is a life at risk now (NHS, When to call 999; Help for
// suicidal thoughts: warning signs, saying goodbye) (H349). A broken
// lift, bad knees, or letters alone are not.
func TestNotComingDownFromAHighPlaceOrLettersWithTabletsIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"up on the roof of the car park for hours now. freezing. I'm not going back down",
		"top of the multistorey in town, it's dark, don't think I'll be coming back down",
		"sat on the top deck of the car park, not coming back down again",
		"my pills are counted out on the bedside table and my letters are all written. thank you for trying",
		"all the tablets are laid out on the table, the notes are finished, no need to reply",
	)
	wantNoEmergency(t,
		"the lift in the car park is broken and with my bad knees I'm not going back down all those stairs",
		"the car park lift is out of order and I've got the pram, not walking back down those steps",
		"I've written letters to my MP about the hospital computers",
	)
}

// Stroke signs in other lay words, told as they were and passed (NHS,
// Stroke symptoms; Transient ischaemic attack: call 999 even if the signs
// go away): a face "falling" on one side, an arm she "could not lift", a
// hand that "won't do what he tells it" minutes ago (H350). A face
// that "fell" at bad news, an arm sore after a jab or a fall on the
// shoulder, and a droop left by Bell's palsy told as still there, are not
// (H351).
func TestStrokeSignsInOtherWordsAndAnOldPalsy(t *testing.T) {
	wantLevel(t, content.Disp999,
		"this morning her face was falling down on the right side for a few minutes, she's fine now",
		"grandad couldn't lift his left arm for about ten minutes after lunch, seems ok again",
		"twenty minutes ago my husband's left hand wouldn't do what he told it and he dropped his fork",
		"had Bell's palsy years ago, but this evening her face has dropped on the other side",
	)
	wantNoEmergency(t,
		"his face fell when I told him the operation was off",
		"I couldn't lift my arm after the flu jab yesterday, it's sore where the needle went",
		"I had Bell's palsy two years ago and the corner of my mouth still droops a bit, could physio help",
		"my smile has been lopsided since my Bell's palsy, is there anything to try",
	)
}

// A boy with pain "down there" and one side bigger, told with being sick or
// suddenly, is a twisted testicle until shown otherwise (NHS, Testicle pain:
// A&E) (H352). A girl's pain down there, or a swollen knee, is not.
func TestBoyPainDownThereOneSideBiggerIsTorsion(t *testing.T) {
	wantAnsweredBy(t, "testicular_torsion",
		"my lad is 13, woke up crying that it hurts down there, one side looks swollen and he's been sick",
		"my boy says it's agony down there and one side is bigger than the other, came on suddenly",
	)
	wantNotRule(t, "testicular_torsion",
		"my daughter says it hurts down there when she wees and one side looks a bit swollen, been sick once",
		"my son's knee hurts and one side is swollen after football, he was sick on the bus",
	)
}

// A baby who "isn't breathing... through her nose" properly, snuffly and
// feeding well, has a blocked nose, not a breathing emergency (NHS, Common
// cold: babies; snuffles) (H353): "isn't" denied the nose words that
// hold off `cant_breathe`. A baby not breathing, blue, or struggling to
// breathe still meets the 999 rules.
func TestBabyNotBreathingThroughHerNoseIsABlockedNose(t *testing.T) {
	wantNoEmergency(t,
		"my 10 day old isn't breathing through his nose very well, snorty when he feeds but feeding fine",
		"baby isnt breathing... through her nose properly, sounds bunged up, plenty of wet nappies",
	)
	wantLevel(t, content.Disp999,
		"my baby isn't breathing",
		"my baby isn't breathing properly through her nose and her lips have gone blue",
		"baby isn't breathing through her nose and she's struggling to breathe, sucking in under her ribs",
	)
}

// A heart attack feared in the past and found to be heartburn, indigestion,
// a muscle or panic ("but it was heartburn") is no heart attack now (NHS,
// Heartburn and acid reflux) (H354); chest pain with sweating told now,
// or a heart attack feared now, is still 999.
func TestHeartAttackFearedThenFoundHeartburnIsNotNow(t *testing.T) {
	wantNoEmergency(t,
		"I was convinced I was having a heart attack at the weekend but it turned out to be heartburn, keeps coming back most evenings",
		"thought I was having a heart attack on Tuesday but it was only indigestion, gaviscon helped",
	)
	wantLevel(t, content.Disp999,
		"I think I'm having a heart attack but my husband says it's just indigestion",
		"thought I was having a heart attack yesterday but it was heartburn, now there's crushing pain in my chest and I'm sweating",
	)
}

// Constipation told with "not being sick, still passing wind" is not a
// blocked bowel: the denial of being sick reached four words on to "passing
// wind" (H355). Not passing wind, told in other words, with a swollen
// tummy or being sick is still A&E (NHS, Bowel obstruction; Constipation).
func TestStillPassingWindIsNotABlockedBowel(t *testing.T) {
	wantNotRule(t, "bowel_obstruction",
		"no poo for 6 days on codeine, tummy a little bloated, not being sick, still passing wind",
		"haven't been for 4 days, a bit swollen, not sick at all, still farting away",
	)
	wantRule(t, "bowel_obstruction",
		"I haven't been able to pass wind since yesterday and I keep being sick",
		"he hasn't farted since yesterday and his tummy is huge and swollen",
		"unable to pass wind, being sick, belly swollen",
		"not passed wind for two days and my belly is really swollen and tight",
	)
}

// A toddler who fell off the bottom stair, or the last one or two, has not
// had a fall from a height (NICE CG176: over 1 metre or 5 stairs is the
// dangerous fall; NHS, Head injury and concussion) (H356). A fall
// down the stairs, from the top, or a head injury with being sick or not
// waking, still answers A&E or 999.
func TestBottomStairIsNotAFallFromHeight(t *testing.T) {
	wantNotRule(t, "major_trauma",
		"my 2 year old fell off the bottom stair and bumped her forehead, cried at once, now playing",
		"he slipped down the last two stairs onto his bottom, he's fine",
	)
	wantNoEmergency(t, "my 2 year old fell off the bottom stair and bumped her forehead, cried at once, now playing")
	wantEmergency(t,
		"he fell from the top of the stairs and isn't waking up properly",
		"my toddler fell down the whole flight of stairs and has been sick twice",
		"fell off the bottom stair and now she's been sick three times and is very sleepy",
	)
}

// The top floor or level of the hospital's multi-storey is where people
// park: a parking question told from there is not someone at the edge. At
// the top of it, at the edge, or on any floor of it with words of suicide,
// jumping or a goodbye, is a life at risk now (NHS, When to call 999).
func TestTopFloorOfTheCarParkIsParking(t *testing.T) {
	wantNoEmergency(t,
		"I'm on the top floor of the multi storey and the pay machine isn't working, what do I do",
		"parked on the top floor of the multistorey car park, is the lift working",
		"we're on the top level of the car park, which way to outpatients")
	wantRule(t, "suicide_attempt",
		"I'm on the top level of the multistorey and I can't do this anymore",
		"she's at the top of the multi storey car park and won't answer me",
		"I'm on the top floor of the car park and I'm going to jump",
		"he's on the top floor of the multi storey saying he wants to die",
		"sitting on the top floor of the car park, just wanted someone to know before I go")
}

// The chest pain clinic asked about with the pain told as gone is a booking
// question; the pain told as back, now or crushing beside the clinic
// is chest pain now, even when "chest" is said only in the clinic's name
// (NHS, Chest pain; NHS, Angina).
func TestChestPainClinicWithThePainBack(t *testing.T) {
	wantNoEmergency(t,
		"referred to the chest pain clinic last week, the pains haven't come back since, is it still on",
		"is the chest pain clinic running tomorrow, had chest pains last month, none since")
	wantRule(t, "chest_pain",
		"chest pain clinic appointment tomorrow but the pain has come back today and it's crushing",
		"he's waiting for the rapid access chest pain clinic and the pains have started again now",
		"is the chest pain clinic open, the tightness is worse tonight")
}

// A sexual health clinic told as a place already visited, beside a question
// about the hack, and a relative fed up with waiting on the ward for the
// medicines to take home, are information questions (checked in
// outage.yaml): no rule reads them as an emergency. A symptom told now beside
// the clinic, and low mood told with thoughts of dying, still are read as
// they are told (NHS, Visiting a sexual health clinic; NHS, Low mood,
// sadness and depression; NHS, Help for suicidal thoughts) (H359,
// H360).
func TestClinicVisitedAndWaitingToGoHomeAreNotEmergencies(t *testing.T) {
	wantNoEmergency(t,
		"I went to the GUM clinic in March, could the hackers have seen that? my mum mustn't know",
		"did the cyber attack leak my records from the sexual health clinic",
		"I attended the sexual health clinic in July, have my details been stolen",
		"they told grandad he can go home but we've waited all afternoon for his tablets to come up from pharmacy, he's really fed up",
		"my wife is fed up sitting on the ward waiting for her meds to take home",
		"is the sexual health clinic open, I've got a green discharge and it stings",
	)
	wantLevel(t, content.DispCrisis,
		"I've been fed up with everything for weeks and I don't want to be here anymore",
	)
}

// Blisters denied beside a burn on a hand or arm ("red but no blisters",
// "hasn't blistered") are not a burn that blisters: "hand * blisters" read
// across the denial and sent a small scald to A&E. Blisters told present, a
// white patch, or a burn bigger than the palm are still A&E (NHS, Burns and
// scalds) (H361).
func TestBlistersDeniedAreNotABlisteringBurn(t *testing.T) {
	wantNotRule(t, "severe_burn",
		"spilt my coffee on my hand, it's a bit red but no blisters",
		"hot tea went over my fingers, pink, not blistered",
		"splashed the kettle on my wrist, red and stingy, hasn't blistered",
		"caught my arm on the oven door, red line, without any blisters",
	)
	wantRule(t, "severe_burn",
		"spilt my coffee on my hand and now it's blistering",
		"kettle water over my daughter's arm, big blisters coming up",
		"no blisters yet but the burn on my hand from the pan has gone white",
		"burnt my hand on the oven, no blisters but it's bigger than my palm",
	)
}

// A skin tear (a flap of skin come loose or lifted after a knock, bleeding
// stopped) is a wound for an urgent treatment centre today (checked in
// triage-injuries.yaml), not a bruise and not an emergency; a wound still
// pouring blood is (NHS, Cuts and grazes) (H362).
func TestSkinTearIsAWoundNotABruiseOrAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"grandad is 90, caught his forearm on the wheelchair, a flap of skin has come loose, bleeding stopped",
		"knocked my shin on the bed and a bit of skin lifted up like a flap, it's stopped bleeding",
		"mum is 93, knocked her arm on the chair, skin has come off in a flap",
	)
	wantEmergency(t,
		"knocked my shin and a big flap of skin has come loose, the blood is pouring out and won't stop",
	)
}

// A hot, red, swollen big toe or joint the morning after drinking is gout or
// a joint infection to check today (tr_hangover routes it to tr_hot_joint,
// checked in triage-general.yaml), not an emergency on its own; feeling hot
// and shivery with it is asked by that topic (NHS, Gout; NHS, Hangover)
// (H363).
func TestHotToeAfterDrinkingIsNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"woke up and my big toe is massive and throbbing, can't bear anything touching it, sank a few pints last night",
		"after a few pints last night my big toe is red and swollen and agony",
		"had 8 pints last night, head is banging and I feel sick",
	)
}

// Contact lenses denied ("glasses not contacts") beside a sticky red eye
// are not worn: the conjunctivitis topic answers (checked in
// triage-ent.yaml), and no rule reads it as an emergency; bleach splashed
// in an eye is still A&E. Glasses worn are not being glassed: both stemmed
// to "glass", so "eyes pink, I've got glasses" met "got glassed" with an
// eye named (major_trauma, 999); a glassing to the face, with blood, or
// across the knuckles with a finger that won't straighten is still read
// (NHS, Conjunctivitis; NHS, Eye injuries; NHS, When to call 999; NHS,
// Cuts and grazes) (H364).
func TestContactLensesDeniedAndGlassesWorn(t *testing.T) {
	wantNoEmergency(t,
		"both my eyes are pink and crusty every morning, I've got glasses not contacts",
		"sticky red eyes for two days, no contact lenses, can see fine",
		"sticky red eyes for two days and I wear daily contact lenses",
		"my eyes are pink and crusty, I've got glasses",
		"got new glasses last week and my eye is a bit red",
		"he has got glasses and his eye keeps watering",
	)
	wantLevel(t, content.DispAE, "splashed bleach in my eye cleaning, I wear glasses not contacts")
	wantRule(t, "major_trauma",
		"he got glassed in the face at the pub",
		"my brother was glassed and there's blood everywhere",
		"she's been glassed near her eye",
	)
	wantRule(t, "cut_nerve_tendon", "got glassed across my knuckles and now my little finger won't bend")
}

// A wish or a thought of not waking up, in any lay wording ("want to
// disappear and not wake up", "thinkin bout just not wakin up", "I'd love to
// just never wake up"), is passive suicidal thinking: the crisis reply, not
// the unconscious or seizure first aid for someone who has collapsed. A
// person who went to sleep and cannot be woken now, or who is shaking and
// not waking, stays 999 (NHS, Help for suicidal thoughts; NHS, When to call
// 999) (H365).
func TestWishNotToWakeIsACrisisNotCollapse(t *testing.T) {
	wishes := []string{
		"nobody here for me, I only want to vanish and not wake up, I'm not doing anything to myself",
		"honestly lately ive been thinkin bout just not wakin up",
		"I'd love to simply never wake up, everything is too much",
		"my 15 year old has been cutting and told me she thinks about not waking up, I'm shaking",
		"some nights I want to fall asleep and never wake up",
		"since my husband died I've thought it'd be simpler for all if I just went to sleep and didn't wake up",
	}
	wantLevel(t, content.DispCrisis, wishes...)
	wantNotRule(t, "unconscious", wishes...)
	wantNotRule(t, "seizure", wishes...)
	wantLevel(t, content.Disp999,
		"my dad went to sleep and not waking up this morning, he is breathing",
		"I want an ambulance, she's just not waking up",
		"I think he's not waking up, his breathing is slow",
		"she's shaking and not waking up",
		"mum went to bed early and now she won't wake up",
		"he took some pills and he isn't waking up",
		"my husband is sleeping and not waking up",
		"he's just sleeping and not waking up, I keep shaking him",
		"my son went to sleep and didn't wake up this morning, he's breathing but floppy",
	)
	wantNotLevels(t, []string{content.DispCrisis},
		"what do I do if I went to sleep and he didn't wake up for his feed",
	)
}

// A belief that food or drink is poisoned, told as why someone will not eat
// or drink or as what voices say, is psychosis (the crisis reply), not a
// poison swallowed (the 999 overdose reply). Poison eaten or drunk, even
// beside a belief, stays 999 (NHS, Psychosis; NHS, Where to get urgent help
// for mental health; NHS, Poisoning) (H366).
func TestFoodPoisonedBeliefIsPsychosisNotOverdose(t *testing.T) {
	beliefs := []string{
		"my uncle hears voices telling him he's special and says the food is poisoned so he won't eat",
		"my mum is convinced her tea is poisoned and hasn't eaten for days, she hears people through the walls",
		"the voices tell my brother his dinner is poisoned, he's not slept for a week",
	}
	wantLevel(t, content.DispCrisis, beliefs...)
	wantNotRule(t, "overdose", beliefs...)
	wantLevel(t, content.Disp999,
		"dad says the water is poisoned, he drank it anyway and now he's being sick",
		"the food was poisoned and he's been eating it, now he's vomiting",
		"she ate rat poison and now she's being sick",
	)
}

// Pills held or sat with for a long time and then put back, or talked out
// of, is an overdose rehearsed: a warning sign (NHS, Help for suicidal
// thoughts: getting the means ready; Samaritans). Pills held to count them
// or taken slowly are not (H367).
func TestPillsHeldThenPutBackIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"since the split I sit on my bed most nights with a box of tablets in my hands for an hour before I put them back",
		"most evenings I sit holding a packet of paracetamol for ages then put it away again",
		"I had the tablets in my hand last night but talked myself out of it",
	}, []string{
		"nan sits with her pills for ages before she takes them, she can't swallow them easily",
		"I dropped my pills, I had the packet in my hand and put them back in the box",
		"can I hold my tablets in my hand to count them before I put them in the dosette box",
	})
}

// wantCrisisNotLookalikes checks that each of crises is answered at the
// crisis level and that none of lookalikes is answered at crisis, A&E or 999.
func wantCrisisNotLookalikes(t *testing.T, crises, lookalikes []string) {
	t.Helper()
	wantLevel(t, content.DispCrisis, crises...)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE}, lookalikes...)
}

// "I don't trust myself" beside an overdose, self-harm or suicidal thoughts
// is not being able to keep oneself safe: the crisis reply (NHS, Help for
// suicidal thoughts; NICE NG225: raised risk after self-harm). Not trusting
// oneself to drive, with money or on the stairs is not (H368).
func TestDontTrustMyselfAfterOverdoseIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"they let me go home from A&E after my overdose last week. Nothing is different. I don't trust myself right now",
		"I self harmed on Sunday and I can't trust myself tonight",
		"since the overdose in the spring I still don't trust what I might do",
	}, []string{
		"I don't trust myself to drive since my hip op",
		"I don't trust myself with money, can my GP help with gambling",
		"I don't trust myself on the stairs anymore since my fall",
	})
}

// Others better off, or things easier for everyone, if the person were gone
// or walked out for good: a wish to die told indirectly (NHS, Help for
// suicidal thoughts: feeling others are better off without you). Low mood
// with no such wish, and a move, are not (H373).
func TestBetterForAllIfGoneIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my baby is 5 weeks old, I cry every day and I keep thinking they'd all be happier if I left and never came back",
		"got kicked out tonight, it would be easier for everybody if i just wasnt here",
		"my son told me his family would be better off if he walked away and never came back",
	}, []string{
		"feeling a bit low since the baby, tired and teary, no thoughts of harming myself",
		"we're moving house next month, it'll be easier for everyone once we've gone",
		"my husband walked out and never came back, how do I get help with the kids",
	})
}

// "Part of me wants to disappear", told beside not eating or any story: a
// wish to die told indirectly (NHS, Help for suicidal thoughts). "Part of
// me wants" something ordinary is not (H374).
func TestPartOfMeWantsToDisappearIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"barely eating for a month and I feel like I'm fading away, part of me wants to disappear",
		"lost so much weight, part of me wishes I could just vanish",
	}, []string{
		"part of me wants to go to the party but I'm tired",
		"part of me wants to lose more weight before the wedding, is a diet safe",
	})
}

// Not expecting to be around long, or to see a coming Christmas or spring,
// told with affairs put in order, peace made or tired of it all (NHS, Help
// for suicidal thoughts: talking about not being around, putting affairs in
// order). Leaving a job, and a frail person asking about a hospice, are not
// (H375).
func TestNotExpectingToBeAroundIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"honestly doubt ill be around much longer, got everything sorted, so tired of it all",
		"Since my husband died I have put my affairs in order and I do not expect to see the spring. I am 88.",
		"my dad keeps saying he doesn't think he'll be here much longer and that he's made his peace",
	}, []string{
		"I don't think I'll be around much longer at this job, I've sorted everything out for my handover",
		"my mum is 90, very frail and doesn't expect to see Christmas, she's asked about hospice care",
		"my train was cancelled again and I'm so tired of it all",
	})
}

// Tablets kept back "for when" they have had enough: saving up medicines
// (NHS, Help for suicidal thoughts). Keeping painkillers for when a pain
// comes back is not (H376).
func TestTabletsKeptForWhenHadEnoughIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my grandad has been saving his pills in a drawer, he told me he's keeping them for when he's had enough",
		"I'm not taking my tablets, I'm keeping them for when I've had enough",
	}, []string{
		"keeping some paracetamol for when the headaches come back",
		"I keep spare inhalers for when I've run out",
	})
}

// Belongings given away, with "won't need it now, will I" or a calm new to
// them (Samaritans and NHS, Help for suicidal thoughts: giving things away,
// a sudden calm). A move, or baby clothes no longer needed, are not
// (H377).
func TestGivingAwayWontNeedItIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my son gave his games away to his mates and said he won't need them anymore, he seems calmer than he's been for ages",
		"my sister has been handing out her jewellery and said she won't need it now will she",
		"he gave his bike away and said he won't need it where he's going",
	}, []string{
		"we are moving house next month so I've been giving stuff away, won't need it now",
		"clearing the loft and giving the baby clothes away, we won't need them again",
	})
}

// Ways looked up and left unnamed, with "I haven't done anything" and a
// setback: researching ways to die (NHS, Help for suicidal thoughts). Ways
// looked up for something named are not (H378).
func TestWaysLookedUpUnnamedIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"lost my job and my flat, been searching up ways online, haven't done anything yet",
		"failed my exams and I can't tell anyone, I've been looking up ways, I haven't done it",
	}, []string{
		"I've been looking up ways online to save money, haven't done anything yet, I'm in debt",
		"failed my driving test, been looking up ways to calm my nerves but haven't done anything",
	})
}

// A railway or a bridge held in the mind, with "not going to do anything
// tonight": a way to die pictured (NHS, Help for suicidal thoughts; NICE
// NG225). Thinking of a line closure is not (H379).
func TestPlaceHeldInMindNotTonightIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"cant stop thinking about the bridge near work. im not going to do anything tonight",
		"I keep picturing the railway line by the park, I won't do anything tonight I don't think",
	}, []string{
		"I keep thinking about the railway line closure, it's not going to be fixed tonight is it",
	})
}

// Pictures of hurting the baby with being afraid to be alone with them or
// days without sleep, or walking away from the baby scared of what one might
// do: 111 option 2 (NHS, Where to get urgent help for mental health: if you
// feel you may harm someone; NHS, Postnatal depression; Postpartum
// psychosis). Thoughts of the baby getting hurt, disowned, with no such
// fear, stay with the GP or health visitor (H380).
func TestHarmToBabyPicturedWithFearIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"I get awful images of dropping my daughter in the bath, I'd never do it, but now I'm terrified to be alone with her",
		"the baby was crying for hours and I left her in her cot and went downstairs because I was frightened of what I could do",
		"horrible pictures in my head of shaking him, I haven't slept properly in days",
	}, []string{
		"sometimes I get scary thoughts of my baby getting hurt but I would never do anything",
		"my baby screams for hours and I'm exhausted, how can I settle him",
	})
}

// Messages believed hidden for them in adverts, songs or on the tv: a
// delusion (NHS, Psychosis; 111 option 2). An advert with messages for
// patients is not (H381).
func TestMessagesInAdvertsIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my brother thinks the radio is hiding messages for him in songs and he's stopped trusting anyone",
		"I'm sure they're putting codes in the adverts on tv just for me",
	}, []string{
		"I saw an advert on tv for the new NHS app with messages for patients",
	})
}

// Days without sleep, not needing it, with grand plans: mania (NHS, Bipolar
// disorder; 111 option 2). Not sleeping from the stress of one new business
// is not (H382).
func TestNoSleepWithGrandPlansIsACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my partner hasn't slept since friday, says he doesn't need sleep and has started two companies this week",
		"not slept since sunday and I don't need sleep, I've emailed the king about my ideas",
	}, []string{
		"haven't slept since monday because I started a new business and I'm stressed",
		"haven't slept since tuesday because of work stress and anxiety",
	})
}

// A slash gives alternatives for one word: a space inside an alternative split
// the pattern, so "nonblanching", a cough that goes on "constantly" after a
// choke and the Urdu "battery swallowed" never met their rules. Each spelling
// or phrase is now a pattern of its own (docs/content.md, Patterns; NHS,
// Meningitis: a rash that does not fade under a glass is 999; NHS, Choking:
// a cough that persists after choking needs hospital; NHS, Button batteries:
// a swallowed battery is 999). Look-alikes stay as they were.
func TestSlashPhrasesSplitIntoPatterns(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my little girl is poorly and the spots on her legs are nonblanching",
		"nonblanching purple rash on my son's chest and he's burning up",
		"میری بیٹی نے بیٹری نگل لی ہے",
		"her waters went an hour ago, she's pushing and I'm seeing the head",
	)
	wantEmergency(t,
		"he choked on a sweet this afternoon, it came up but he's been coughing constantly since",
		"my daughter choked on a carrot, got it out, now she keeps wheezing nonstop",
	)
	wantNoEmergency(t,
		"a rash on his arm that fades when I roll a glass over it, he's playing happily",
		"ریموٹ کی بیٹری ختم ہو گئی ہے",
		"I've had a cold for a week and I'm coughing constantly at night",
		"my baby bumped his head on the cot, should I see the health visitor",
	)
}

// The blood told only as "it" beside a wound ("it's pouring out", "it's soaked
// through the towel"): heavy bleeding in the patient's own words is 999 (NHS,
// When to call 999: heavy bleeding, pouring or not stopping; H384).
// Rain told with a cut is the weather, and a cut that has stopped is not.
func TestBleedingToldAsItIsSevereBleeding(t *testing.T) {
	wantRule(t, "severe_bleeding",
		"cut my leg on a rusty nail and it's pouring out of me",
		"gashed my palm opening a tin, it's just gushing",
		"my husband sliced his thumb with a stanley knife, pressed a tea towel on it and it's soaked through already",
		"she's cut her forearm on the broken mirror and its streaming everywhere",
	)
	wantLevel(t, content.Disp999,
		"on rivaroxaban, cut my shin on the dishwasher door, its pouring out and dripping on the lino",
	)
	wantNotRule(t, "severe_bleeding",
		"grazed my knee on the way home, it's pouring with rain so I got soaked through",
		"small cut on my finger while it was raining, its soaked through my sleeve",
		"cut my finger slicing bread, a little bit of blood, it's stopped bleeding now",
	)
}

// A face told as "going down" on one side, an arm that can't be held up, or
// words "not correct" beside either: FAST signs of a stroke (NHS, Stroke
// symptoms; NHS, When to call 999; H385). A swelling going down and a
// sore shoulder that won't let the arms stay up are not.
func TestFaceGoingDownOrArmNotHeldUpIsAStroke(t *testing.T) {
	wantRule(t, "stroke",
		"my nan's mouth is going down one side and she's dribbling",
		"his face keeps dropping down on the left, started ten minutes ago",
		"grandad can't hold up his left arm, it just flops down",
		"mum cannot keep her right arm up and her words not correct",
	)
	wantNotRule(t, "stroke",
		"the swelling in my cheek from the wisdom tooth is going down now",
		"can't hold my arms up to hang the washing since I hurt my shoulder at the gym",
		"sorry if my words not correct, I need a GP appointment for my knee",
	)
}

// A count of tablets and the medicine told first and the taking after ("30
// paracetamol swallowed", "how long till 32 co-codamol kick in, took them at
// 8"): an overdose however calmly asked (NHS, When to call 999; NHS,
// Paracetamol for adults, if you take too much; H386). A strength
// ("my 30 co-codamol") or a couple of tablets is not.
func TestCountFirstOverdoseIsAnOverdose(t *testing.T) {
	wantRule(t, "overdose",
		"when will 32 co-codamol start working, i took them about 8",
		"28 paracetamol swallowed an hour ago, i feel fine",
		"20 sertraline tablets taken tonight, how long till i sleep",
	)
	wantNotRule(t, "overdose",
		"my 30 co-codamol aren't touching my back pain, i take two four times a day",
		"how long do 2 co-codamol take to kick in, took them at 8",
		"can I get 32 paracetamol from the chemist or only 16",
	)
}

// Joints or muscles that "seize up" (Parkinson's stiffness when doses run
// out, a back after gardening) are not a seizure, and stiffness told as what
// missed doses bring is not a fit now nor, beside a box run out, an overdose
// (NHS, Parkinson's disease; NHS, Back pain; H387). A seizure told as
// seizing, fitting or shaking and not answering still answers 999 (NHS,
// When to call 999: seizure).
func TestSeizingUpIsNotASeizure(t *testing.T) {
	wantNoEmergency(t,
		"my wife has Parkinson's and her Sinemet has run out, she seizes right up if she goes without",
		"my lower back seized up lifting the shopping",
	)
	wantNotRule(t, "seizure",
		"my knees seize up in the cold mornings",
		"dad's Madopar box is empty, he goes rigid and can't move if he misses his tablets, chemist shut",
	)
	wantNotRule(t, "overdose",
		"dad's Madopar box is empty, he goes rigid and can't move if he misses his tablets, chemist shut",
	)
	wantLevel(t, content.Disp999,
		"my brother is seizing on the kitchen floor",
		"she's gone stiff and isn't moving or answering me",
		"he went rigid then his arms started jerking",
	)
}

// The chest pain clinic asked about, the pain told as unchanged for months:
// the referral is the plan, not chest pain now (NHS, Chest pain; NHS, Angina;
// H388). Worse, crushing or there today beside the clinic still
// answers A&E or 999.
func TestChestPainClinicWithPainUnchangedForMonths(t *testing.T) {
	wantNoEmergency(t,
		"does the chest pain clinic still run on Wednesday? my GP sent me, the pains are the same as they've been for months",
		"is the rapid access chest pain clinic open tomorrow, my chest pain hasn't changed in months",
	)
	wantEmergency(t,
		"is the chest pain clinic on tomorrow? my chest pain has been the same for months but today it's crushing",
		"chest pain clinic on friday, the chest pain is worse than it has been for months",
		"my chest pain clinic is next week but the chest pain is the same as always and it came back an hour ago",
	)
}

// The signs of a stroke asked about ahead of time, "so I know what to look
// out for", with nobody unwell: a question answered with FAST and when to
// call 999 (tr_warning_signs_asked), not the stroke emergency (NHS, Stroke
// symptoms; H389). A sign told beside the question still answers 999.
func TestStrokeSignsAskedAheadIsAQuestion(t *testing.T) {
	wantNotRule(t, "stroke",
		"what are the signs of a stroke? my nan has moved in with us and I want to know what to watch out for",
		"can you list the signs of a stroke so we know what to look for",
	)
	wantRule(t, "stroke",
		"what are the signs of a stroke? his mouth has dropped at one side, what should I look out for",
		"signs of a stroke? mum's talking gibberish, I don't know what to look for",
	)
}

// A past event told only as why someone was kept in or admitted ("had a
// febrile convulsion last year and was kept in overnight", "admitted after an
// overdose last week, doing much better"), beside a question about a letter
// or visiting, is not the event now (NHS, Febrile seizures; NHS, When to call
// 999; H390). A fit or overdose now, or another since, still answers.
func TestKeptInOrAdmittedBeforeIsNotNow(t *testing.T) {
	wantNoEmergency(t,
		"my daughter had a febrile seizure last winter and was kept in overnight, the school nurse wants the hospital letter",
		"my brother was admitted following an overdose last week, he's on the mental health ward, when can I bring him clothes",
	)
	wantLevel(t, content.Disp999,
		"he was kept in overnight last week after a fit and he's fitting again now",
		"mum was admitted after an overdose in the summer and tonight she's swallowed a box of paracetamol",
		"they kept him in for two nights in March and now he is having a seizure that won't stop",
	)
}

// Sight greying out for a moment on standing ("my vision went grey for a few
// seconds, it passed") is a head rush, not someone turned grey for want of
// air (NHS, Low blood pressure (hypotension): dizzy, blurred vision on
// standing; H391). A person, face or lips gone grey still answer.
func TestVisionGreyingOutIsNotTurningGrey(t *testing.T) {
	wantNotRule(t, "cant_breathe",
		"got up too fast from the sofa and everything went grey for a second, then it cleared",
		"when I stand up quickly my eyesight goes grey and fuzzy for a moment",
	)
	wantLevel(t, content.Disp999,
		"my husband has gone grey and is gasping for breath",
		"her lips have gone grey and she can hardly breathe",
	)
}

// A nosebleed told as long ("for ages") but stopped now ("it's stopped now")
// is not a nosebleed that won't stop (NHS, Nosebleed: A&E if it lasts longer
// than 10 to 15 minutes; H392). Still going, or back again, answers.
func TestNosebleedStoppedNowIsNotStillGoing(t *testing.T) {
	wantNotRule(t, "nosebleed_not_stopping",
		"got elbowed in the nose at football, it bled for ages but it's stopped now, does it look broken",
		"my son's nose was bleeding for over an hour last night, it has stopped now",
	)
	wantEmergency(t,
		"her nose has been bleeding for ages and it's still dripping",
		"nosebleed for over an hour, it eased then it's pouring again",
	)
}

// A mood told as grey ("everything feels grey") weeks after a birth is low
// mood for the GP or health visitor, not a baby's skin gone grey (NHS,
// Postnatal depression; H393). A baby or child that looks or has gone
// grey is still 999 (NHS, When to call 999: blue, grey or blotchy skin).
func TestGreyMoodIsNotGreySkin(t *testing.T) {
	wantNoEmergency(t,
		"my little boy is 2 months old and life feels grey, I'm tearful every day but I'd never hurt us",
		"since the baby came everything is grey and flat, I don't feel anything for him",
	)
	wantLevel(t, content.Disp999,
		"my 3 month old has gone grey and won't wake properly",
		"the baby looks grey and is breathing funny",
	)
}

// Emergencies told in other words (H394): not being able to "go"
// beside a wee or the prostate, with a swollen or painful tummy (NHS,
// Urinary retention: A&E); nothing coming into a stoma pouch with sickness
// (NHS, Ileostomy, complications; Bowel obstruction: A&E); a high temperature
// with new confusion, no infection named (NHS, Sepsis: 999); pressure held on
// a wound and it still soaks through (NHS, When to call 999: bleeding that
// cannot be stopped); pulled out of the water by a lifeguard or from the deep
// end, then drowsy or coughing (RLSS UK, Drowning; NHS, When to go to A&E);
// freezing or icy to the touch and mumbling (NHS, Hypothermia: 999). The
// look-alikes (poo, work, a cut stopped, a fever long past, a grumpy toddler,
// cold feet after a nap, a lifeguard's muscle) stay off 999 and A&E.
func TestEmergenciesToldInOtherWordsAgem9(t *testing.T) {
	wantEmergency(t,
		"he's 75, not been able to go for hours, bladder feels like it will burst, he has prostate problems",
		"I've got an ileostomy and nothing has gone into the bag today, I've been sick three times and my belly is bloated",
		"temperature of 39.4 and my wife has been talking nonsense since this morning",
		"gashed my hand with the axe, I've been pressing a towel on it for 10 minutes and it's soaked through",
		"the lifeguards had to haul my daughter out, she's home now and very drowsy and breathing fast",
		"my uncle slept in his car in the frost, he's freezing to the touch and his speech is slurred",
	)
	wantNoEmergency(t,
		"not been able to go for a poo since Friday, tummy a bit sore, I do need a wee a lot",
		"haven't been able to go to work since Tuesday with my bladder infection, tummy sore",
		"pressed on the cut for ten minutes and it's stopped bleeding, the plaster had soaked through",
		"she was hot and muddled after her op in 2019, fine since",
		"my toddler has a temp of 38.5 since this morning and is a bit grumpy and not herself",
		"her feet are freezing to the touch and she's sleepy after her nap",
		"the lifeguard pulled a muscle at the lido",
	)
}

// Crises told indirectly (H395, H396; NHS, Self-harm; NHS, Help
// for suicidal thoughts: wishing not to wake up, saying they won't be around,
// saving up medicines, putting affairs in order): self-harm urges back after
// years clean; not sure they will still be here by a day; tablets saved up
// with enough put by "if I need them"; nothing to worry about after a time,
// with it all sorted; easier if they just never woke up. Old scars with no
// urges, an urge to pee, a ward discharge, a stay elsewhere, saving for a
// deposit, a dosette box, an operation done, waking at 4am and not waking
// the children are not.
func TestCrisesToldIndirectlyAgem9(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"I stopped self harming three years ago but tonight the urge is back and I'm terrified I'm going to do it",
		"I don't know whether I'll still be around by Christmas, I'm so tired of all this",
		"the pharmacist only gives me a week at a time now because I was stockpiling them up",
		"don't need to worry about any of this after the weekend, everything's all in order",
		"honestly it would be a relief if I just didn't wake up tomorrow",
	}, []string{
		"I self harmed years ago, no urges now, can I get laser on my scars",
		"the urge to pee is back every night since my op",
		"not sure if I'll still be here by Friday, the ward might discharge me tomorrow",
		"I don't know if I'll still be around on Thursday, I might be at my sister's",
		"saving up for a holiday, have I got enough put by for the deposit",
		"I've been saving them up in a dosette box, enough for the week",
		"won't need to worry about it after next week, my op is done and it's all sorted",
		"it'd be easier if I didn't wake up at 4am every night",
		"easier for everyone if I don't wake the kids when I leave for work",
	})
}

// About to act now (H397; NHS, Help for suicidal thoughts: call 999 if
// you might act on the thoughts now; NHS, When to call 999): at the station
// thinking of stepping in front of the next train with one due, and a
// goodbye written on social media in simple English with no answer now.
// Back home safe after being at the station stays the crisis line; waiting
// for a train to an appointment is no level at all.
func TestAboutToActAtTheStationOrAfterAGoodbyeAgem9(t *testing.T) {
	wantLevel(t, content.Disp999,
		"standing on the platform, can't stop thinking about stepping in front of the next one, it's due in two minutes",
		"my friend write goodbye on instagram and she not answer her phone",
	)
	wantLevel(t, content.DispCrisis,
		"I was at the station last week thinking about stepping in front of a train, I'm back home safe now",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"I'm at the station and the next train is due in 4 minutes, will I make my 2pm appointment",
	)
}

// Look-alikes of a crisis sent up (H398): a teacher or worker asking
// what to do if a pupil or client ever says they feel suicidal, with nothing
// said of anyone now (NHS, Help for suicidal thoughts: worried about someone
// else), and a carer not coping "as well as I was" who says there are no
// thoughts of harm (NHS, Support for carers: the GP and carers' services).
// The writer's own suicidal feelings, someone's told as last night or today,
// not coping at all, or coping less well beside thoughts of ending it still
// answer the crisis reply.
func TestHypotheticalDisclosureAndCarerStrainAreNotACrisisAgem9(t *testing.T) {
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"I'm a youth worker, how should we respond if a young person ever says they're suicidal?",
		"my mum has Parkinson's and I look after her, I'm not coping quite as well as before, no thoughts of harming myself, is there a carers group",
	)
	wantLevel(t, content.DispCrisis,
		"I'm a teacher, what should we do if a pupil ever tells us they're suicidal? honestly I feel suicidal myself at the moment",
		"what should I do if my friend ever says she wants to die again, she said it last night",
		"I'm a carer, not coping as well as I was and I've been thinking about ending it",
		"not coping at all, no thoughts of hurting myself but I'm in pieces",
	)
}

// Commands to do something deadly from god, the devil or voices, and the
// means got ready with only the right night awaited (H399; NHS,
// Psychosis; NHS, Help for suicidal thoughts: getting the means ready,
// planning; NHS, Where to get urgent help for mental health). God or a
// doctor telling someone to go to church or walk more, annoying voices on
// the radio, a rope for the tent, and the right time to tell the boss are
// not.
func TestCommandsAndMeansAwaitingTheMomentAreACrisisAgem9(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my brother says the voices want him to step into the traffic on the bypass",
		"she keeps saying the angels told her to jump",
		"I've got a rope hidden in the loft, I'm just waiting for the right moment",
	}, []string{
		"god told me to go to church more",
		"my mum says the voices on the radio are annoying",
		"the doctor told him to walk more",
		"I've got the rope for the tent, just need the right night to go camping",
		"I'm waiting for the right time to tell my boss I'm pregnant",
	})
}

// Crises told indirectly that the rules alone missed, and self-harm or
// suicidal messages sent too high, each with its look-alikes (mhc9; tuning
// batches ae and af). Each case: crisis must be answered at the crisis level
// first; calm must not reach crisis, A&E or 999; keep must still be answered
// at level. Sources: NHS, Help for suicidal thoughts; NHS, Where to get
// urgent help for mental health (111 option 2; 999 when a life is in danger
// now); NHS, Self-harm; NHS, When to call 999; NHS, Burns and scalds; NHS,
// Carbon monoxide poisoning; NHS, Cuts and grazes.
func TestCrisisToldIndirectlyMhc9(t *testing.T) {
	cases := []struct {
		name         string
		crisis, calm []string
		level        string
		keep         []string
	}{
		// A way to die pictured or threatened in other words: under a bus or
		// train, wading in at the prom or the canal, the car rammed or wrapped
		// round a tree; not "thrown under the bus", a shelter, a paddle or a
		// car put in the garage (H400).
		{name: "WayToDie", crisis: []string{
			"my grandad keeps telling the carers he'll step under a train when he gets the chance",
			"honestly feel like throwing myself under a lorry on the bypass",
			"every night I walk along the prom picturing just wading out till I'm gone",
			"been sitting by the canal thinking about just walking in",
			"I keep imagining ramming the car into a tree on the way to work",
			"thinking of wrapping my van round a lamppost",
		}, calm: []string{
			"my manager threw me under the bus at the meeting and I've had a headache since",
			"my son walked under the bus shelter roof and banged his head",
			"went down to the beach thinking about just walking in for a paddle",
			"thinking about putting the car into the garage for the winter",
		}},
		// Thinking of just not being here, not caring whether one lives or
		// wakes; someone who will not wake is still 999 (H401).
		{name: "NotBeingHereOrNotCaring", crisis: []string{
			"some nights I think of just not existing",
			"lately I have thoughts about not being around at all",
			"honestly I don't care whether I live or die anymore",
			"my wife says she isn't bothered whether she wakes up in the morning",
		}, calm: []string{
			"I keep thinking about not being here for Christmas as we're going on holiday",
			"I don't care whether I live in Leeds or London, I just need a GP",
			"I don't care if I wake the neighbours, this cough is awful",
		}, level: content.Disp999, keep: []string{"my wife won't wake up and she's breathing oddly"}},
		// Assisted dying looked into, then "doing it myself" or unaffordable
		// (H402).
		{name: "AssistedDyingThenMyself", crisis: []string{
			"read up on Dignitas but it's thousands, so I'll just do it myself",
			"can't afford euthanasia abroad, I'll take it into my own hands",
		}, calm: []string{
			"is assisted dying legal in England yet, my dad with motor neurone disease keeps asking",
			"watched a documentary about Dignitas last night, it was so sad",
		}},
		// The means kept, told indirectly (H403).
		{name: "MeansKept", crisis: []string{
			"gambled the rent away. there's a rope in the shed and I can't get it out of my head",
			"my husband left me. the knives are in the drawer and I keep thinking about them",
			"I'm not going to do anything tonight but I've got a box of amitriptyline by the bed",
			"how many sertraline would be fatal, I've been hiding them just in case",
		}, calm: []string{
			"lost my climbing rope at the wall, keep thinking about it",
			"how many paracetamol is too many in a day for toothache",
			"I keep ibuprofen in my bag just in case my back flares",
			"can I take paracetamol tonight with my ibuprofen",
		}},
		// Drawn again and again to the platform edge, wondering (H404).
		{name: "PlatformEdge", crisis: []string{
			"whenever I get the train I end up right by the edge of the platform wondering what it would feel like to step off",
			"most mornings I find myself at the edge of the platform imagining how it would feel to lean forward",
		}, calm: []string{
			"the edge of the platform was icy and I slipped and hurt my ankle",
			"my little boy keeps running to the edge of the platform, how do I stop him",
			"wondering what it would be like to live by the cliffs in Cornwall",
		}},
		// Scratched or picked till it bleeds is not bleeding that cannot be
		// stopped; blood pouring still is (H405).
		{name: "ScratchedTillItBleeds", crisis: []string{
			"I scratch my legs until they bleed when I'm stressed and can't stop thinking about hurting myself more",
		}, calm: []string{
			"my son picks his eczema until it bleeds and won't stop itching",
		}, level: content.Disp999, keep: []string{
			"I scratched my arm till it bled and now blood is pouring out everywhere",
			"I cut my arm with a knife and the bleeding won't stop",
		}},
		// A self-harm burn beside an urge "so bad": the urge, not the burn; a
		// white, leathery burn still goes to A&E (H406).
		{name: "SelfHarmBurnBadUrge", crisis: []string{
			"burned my wrist with a cigarette last month and the urges are so strong tonight",
			"I've burnt my arm with a lighter in the past and tonight the urge is really bad",
		}, level: content.DispAE, keep: []string{
			"burnt my arm with a lighter on purpose, it's white and leathery and the urge is still really bad",
		}},
		// An old self-harm cut gone bad, with no urge to do it again: the
		// wound, not a crisis; wanting to again stays a crisis (H407).
		{name: "InfectedOldSelfHarmCut", crisis: []string{
			"cut myself a few days ago, haven't done it since, but I want to do it again",
			"self harmed on Friday, not done it since but the urges are bad tonight",
		}, calm: []string{
			"self harmed on my thigh last week, not done it since, the cut's hot and oozing now, can a walk-in see it",
			"my son cut his arm (self harm) a few days back and says he has no urge to do it again, but it's red and weeping",
		}},
		// A balcony or bridge told as last night or days ago, nothing of now:
		// the crisis line; there now stays 999 (H408).
		{name: "HighPlaceLastNight", crisis: []string{
			"last night I sat on the balcony for hours thinking I want to end it, I've slept and I'm sober now",
			"I stood on the bridge on Sunday for ages wanting to die, I'm at work now",
		}, level: content.Disp999, keep: []string{
			"last night I stood on the balcony wanting to die and I'm back out on the balcony now",
			"I'm on the bridge now and I want to end it",
		}},
		// A garage with the engine running, days ago, turned off in the end:
		// an aborted attempt; drowsy and sick after, or there now, stays 999
		// (H409).
		{name: "EngineInGarageDaysAgo", crisis: []string{
			"the other night I sat in the car in the garage with the engine on, switched it off in the end, nobody knows",
		}, level: content.Disp999, keep: []string{
			"last night I sat in the garage with the engine running, turned it off in the end, now I'm drowsy and sick",
			"my son is in the garage with the car running and won't open the door",
		}},
		// A plan with "Not tonight." on its own: later, the crisis line;
		// tonight named or a rope in hand stays 999 (H410).
		{name: "PlanNotTonight", crisis: []string{
			"I'm going to end it, I've got my gabapentin saved up. Not tonight.",
		}, level: content.Disp999, keep: []string{
			"I'm going to end it tonight, I've got the tablets here",
			"I'm going to end it, I've got a rope in my hand. Not tonight maybe.",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantCrisisNotLookalikes(t, c.crisis, c.calm)
			if c.level != "" {
				wantLevel(t, c.level, c.keep...)
			}
		})
	}
}

// Warning signs in many phrasings, written from the guidance (NHS, Help for
// suicidal thoughts: giving things away, saying goodbye, getting the means
// ready, researching ways, wishing not to be alive; 111 option 2), each with
// everyday look-alikes: a pram passed on, a leaving do, a wedding thank-you,
// a rope for a swing, a prayer for pain to go, a shift's tiredness, a
// cough, a leaflet (H411). The voice of someone who has died heard as
// a comfort is grief, not psychosis; one that tells them to join him or
// that they are worthless still answers (NHS, Grief after bereavement or
// loss; NHS, Psychosis) (H412).
func TestWarningSignsInManyPhrasingsMhc9(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"handed my watch to my son and told him to look after his mum for me",
		"made my goodbyes to the family, I'm ready now",
		"texted my mum thanking her for everything, said sorry for being a let down",
		"bought a rope today, don't know why I'm telling you",
		"googled how many co-codamol it takes to overdose",
		"i pray every night that god takes me in my sleep",
		"so tired of everything, I just want it to stop for good",
		"keep imagining throwing myself off the multistorey",
		"honestly there's no way out except dying",
		"since my husband died I hear his voice telling me to join him",
		"my wife passed away and now I hear voices telling me I'm worthless",
	}, []string{
		"gave my old pram to my sister, told her to look after it",
		"said goodbye to everyone at my leaving do, I feel at peace with retiring",
		"messaged my sister thanking her for everything she did at the wedding, said sorry I was late",
		"bought a rope for the tyre swing, don't know why I'm telling you this, is the A&E busy",
		"I pray god takes my pain away, my back is agony",
		"I want to throw myself down on the sofa and sleep after this shift",
		"tired of everything with this cough, I want it to stop",
		"my mum passed away last week and I keep hearing her voice saying goodnight, it's comforting",
		"since my husband died I hear his voice calling my name in the evenings",
	})
}

// A tired parent who "could kill" the children, said with a laugh and asking
// how to stop snapping at them: everyday stress for self-help (NHS Every
// Mind Matters, Stress; tr_stress now reads snapping or shouting at the
// kids). Thoughts of hurting them, or oneself, still answer the crisis line
// (NHS, Where to get urgent help for mental health: 111 option 2 if you feel
// you may harm someone) (H413).
func TestParentSnappingAtKidsIsNotACrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"my kids are driving me mad and I have thoughts of hurting them",
		"the kids are driving me crazy and I feel like hurting myself",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.DispAE, content.Disp999},
		"school holidays and the boys are driving me round the bend, honestly could kill them haha, how do I stop shouting at them",
		"my toddler is driving me mad and I keep snapping at him, I'm shattered",
	)
}

// Going to bed wishing not to wake, dying in one's sleep welcomed, and
// looking up how long it takes to drown: a wish to die and a way looked up
// (NHS, Help for suicidal thoughts; 111 option 2). The unconscious rule
// (999) leaves "wishing I won't wake up"; a husband who won't wake and
// breathes strangely is still 999 (NHS, When to call 999). A bus journey
// looked up and a phone dropped in water are not (H414).
func TestWishNotToWakeOrDieInSleepIsACrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"most nights I go to bed wishing I won't wake up",
		"honestly I'd be relieved if I died in my sleep",
		"I keep looking up how long it takes to drown",
	)
	wantLevel(t, content.Disp999, "my husband won't wake up and he's breathing strangely")
	wantNotLevels(t, []string{content.DispCrisis, content.DispAE, content.Disp999},
		"looked up how long it takes to get to the hospital by bus",
		"how long does it take to dry out a phone that fell in the bath",
	)
}

// Text-speak for thinking of not being here or stepping under a train still
// answers the crisis line; not being here for an appointment, where one
// lives, and shelter under a canopy at the bus station do not (NHS, Help
// for suicidal thoughts) (H400, H401).
func TestNotBeingHereTextSpeakAndLookalikesMhc9(t *testing.T) {
	levels := map[string]string{
		"thinkin bout just not bein here tbh":                                  content.DispCrisis,
		"gonna step under a train if this carries on":                          content.DispCrisis,
		"thinking of just not being here for the appointment, can I cancel it": "",
		"I don't care whether I live near the hospital or not, any GP will do": "",
		"gonna step under the canopy at the bus station out of the rain":       "",
	}
	for msg, level := range levels {
		wantLevel(t, level, msg)
	}
}

// Further warning signs (NHS, Help for suicidal thoughts; NHS, Where to get
// urgent help for mental health: 111 option 2 if you feel you may harm
// someone): unsure of still being here by a day, told with feeling low;
// stepping back from the platform edge, harder each time; joining someone
// who died; easier if they just didn't wake; a bridge yesterday and not
// trusting oneself tonight; not wanting to be a burden and asking where the
// tablets are; urges to push people in front of trains, with fear. A move,
// a trip abroad, an early shift, a small child's play, a balcony with
// fireworks and spare keys for carers are not (H415).
func TestFurtherWarningSignsMhc9(t *testing.T) {
	notUp := []string{content.DispCrisis, content.DispAE, content.Disp999}
	wantLevel(t, content.DispCrisis, "is the clinic still on friday, ive been really low and i dont know if ill still be here by friday")
	wantNotLevels(t, notUp, "I don't know if I'll still be here by Friday, we might be moving to my sister's")
	wantLevel(t, content.DispCrisis, "every morning at the station I step back from the edge but it's getting harder to step back")
	wantLevel(t, content.DispCrisis, "since nan died grandad says he'll be joining her soon")
	wantNotLevels(t, notUp, "my sister is joining her husband in Dubai soon, can she get her records")
	wantLevel(t, content.DispCrisis, "honestly it would be easier if I just didn't wake up tomorrow")
	wantNotLevels(t, notUp, "mornings would be easier if I didn't have to wake at 5am for my shift")
	wantLevel(t, content.DispCrisis, "I get urges to push people in front of trains and I'm scared I can't control it")
	wantNotLevels(t, notUp, "my son wants to push people off the climbing frame, he's 4, is that normal")
	wantLevel(t, content.DispCrisis, "Yesterday I stood on the bridge for ages. I'm home now but I don't trust myself tonight")
	wantNotLevels(t, notUp, "yesterday I stood on the balcony watching the fireworks, I don't trust myself on ladders though")
	wantLevel(t, content.DispCrisis, "mum keeps saying she doesn't want to be a burden and asked where we keep the tablets")
	wantNotLevels(t, notUp, "my dad doesn't want to be a burden, he asked where we keep the spare keys to let the carers in")
}

// Tooth pain told as severe, not touched by painkillers or keeping someone
// up at night is an urgent dental appointment through the dentist or NHS 111
// (tr_toothache routes it to tr_out_dentist, checked in triage-ent.yaml), not
// an emergency; swelling spreading to the eye or neck, or trouble
// swallowing, is still A&E (NHS, How to find an NHS dentist in an
// emergency; NHS, Toothache) (H416).
func TestSevereToothacheIsUrgentDentalNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"excruciating toothache since Friday, paracetamol and ibuprofen are doing nothing",
		"cracked a molar grinding my teeth, it throbs so much I was awake all night",
	)
	wantEmergency(t,
		"bad toothache and now the swelling has spread up to my eye and I can hardly swallow",
	)
}

// An ankle swollen and bruised after a slip, a slide off a chair or a roll
// at sport is an injury to X-ray at an urgent treatment centre
// (tr_swollen_ankles routes it to tr_sprain and so to tr_out_fracture,
// checked in triage-more.yaml), not fluid in both ankles and not an
// emergency; an older person who cannot get up after a fall with hip pain
// is still one (NHS, Sprains and strains; NHS, Hip fracture; NHS, Falls)
// (H417).
func TestAnkleSwollenAfterAFallIsAnInjuryNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"nan slipped off the settee and her ankle has come up swollen and purple, she's walking on it but wincing",
		"rolled my ankle at five-a-side, it's swollen and bruised and I can only hobble",
	)
	wantEmergency(t,
		"grandad slid off his bed onto the floor and can't get up, his hip is agony",
	)
}

// The baby's movements told with "her", "him" or "it" after "can't
// remember feeling" or "don't think I've felt": reduced movements, the
// maternity unit now (NHS, Your baby's movements). Not remembering feeling
// so tired, with the baby kicking, is not (H418).
func TestMovementsNotRememberedAreReducedMovements(t *testing.T) {
	wantRule(t, "pregnancy_maternity_now",
		"33 weeks and I cant remember actually feeling him kick since lunch",
		"35 weeks, I don't think I've felt her move at all today",
		"I'm 30 weeks pregnant and can't remember feeling it wriggle since last night",
	)
	wantNotRule(t, "pregnancy_maternity_now",
		"32 weeks, can't remember feeling this tired before, she's kicking away though",
		"34 weeks and I can't remember feeling so hungry, baby moving loads",
	)
}

// Pink or red pee on a blood thinner is a serious side effect: call a
// doctor or NHS 111 now (NHS, Apixaban; Warfarin; Rivaroxaban), not a
// routine GP visit (tr_blood_in_urine routes it to tr_out_urgent; "passing
// normally" is no longer read as a death by tr_grief: both checked in
// triage-checkups.yaml). Passing clots and feeling faint is an emergency
// bleed (NHS, Warfarin) (H419).
func TestPinkPeeOnABloodThinnerIsUrgentNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"I'm on rivaroxaban and my wee has been pinkish since this morning, no pain",
		"take warfarin, pee a pinky colour today, passing it normally",
	)
	wantEmergency(t,
		"on warfarin and I'm weeing pure blood with big clots and I feel like I'm going to faint",
	)
}

// Headaches or trouble concentrating still there weeks after a knock to the
// head are the GP (NHS, Head injury and concussion: speak to a GP if you
// still have symptoms after 2 weeks; tr_head_bump routes to tr_out_gp,
// checked in triage-injuries.yaml); being sick and drowsy after a knock
// today is still A&E (H420).
func TestHeadachesWeeksAfterAHeadBumpAreTheGP(t *testing.T) {
	wantNoEmergency(t,
		"banged my head on a cupboard three weeks ago, still headaches most days and can't concentrate",
		"hit my head on the loft hatch last month and I keep getting headaches",
	)
	wantEmergency(t,
		"hit my head on the cupboard this morning, I've been sick twice and I'm really drowsy",
	)
}

// A pressure sore gone black or smelly with red skin round it may be
// infected: an urgent GP appointment or NHS 111 (NHS, Pressure ulcers;
// tr_pressure_sore routes to tr_out_urgent, checked in triage-skin.yaml), not
// an emergency; with new confusion and fast breathing it may be sepsis, 999
// (NHS, Sepsis) (H421).
func TestInfectedPressureSoreIsUrgentNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"the pressure sore on mum's heel has gone black and smells, the skin round it is red",
		"my husband is bed bound and his bed sore is weeping and getting bigger",
	)
	wantEmergency(t,
		"dad's bed sore is oozing, he's suddenly very confused and breathing really fast, his skin is blotchy",
	)
}

// The bereavement office, the death paperwork or the chaplain after a death
// on a ward are an information answer (outage_bereavement, checked in
// outage.yaml), not a crisis; grief with thoughts of not wanting to be here
// is still the crisis line (NHS, Grief after bereavement or loss; NHS, Help
// for suicidal thoughts) (H422).
func TestBereavementOfficeQuestionsAreNotACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my wife died on the ward last week and I don't want to be here anymore",
	}, []string{
		"my husband died on the ward last night, where do we get the paperwork to register his death",
		"is there a chaplain at the hospital, my mum is very poorly and wants someone to pray with her",
	})
}

// Hair shedding in the months after a baby, an illness or stress is common
// and grows back (tr_hair_loss, checked in triage-skin.yaml); bald patches go
// to the GP (NHS, Hair loss). Neither is an emergency (H423).
func TestHairLossAfterABabyIsNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"four months after the birth my hair is coming out in handfuls when I wash it",
		"I've got two round bald patches on my scalp that came up this month",
	)
}

// Sleep not had properly for months, or a mind that won't switch off at
// night, is the sleep topic (tr_insomnia; months of it go to the GP: NHS,
// Insomnia), not an emergency; sleeping tablets saved up to take at once
// stay a crisis for the rules, which run first (NHS, Help for suicidal
// thoughts) (H424).
func TestSleepQuestionsAreNotACrisisButSavedTabletsAre(t *testing.T) {
	wantLevel(t, content.DispCrisis, "I can't sleep and I've been saving up my sleeping tablets to take them all at once")
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"haven't slept properly for four months, tried everything, mood is fine, just worn out",
		"my head won't switch off at night since the news, is there something to help me sleep for a few nights")
}

// The warning signs of sepsis or meningitis asked to know after a TV
// programme, nobody unwell, get the signs and when to call 999
// (tr_warning_signs_asked, checked in triage-general.yaml); someone with a
// chest infection now confused and blotchy is sepsis, 999 (NHS, Sepsis)
// (H425).
func TestWarningSignsAskedToKnowAreNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"watched a documentary about sepsis and now I'm anxious, what signs should I look out for",
		"saw a news story on meningitis, how would I know what to watch out for",
	)
	wantEmergency(t,
		"my husband has had a chest infection all week and now he's confused, slurring his words and his skin is blotchy",
	)
}

// Contact lenses denied in the singular or with "don't wear" ("I wear no
// contact lens", "I don't wear contacts") are not worn, so sticky yellow
// conjunctivitis is the pharmacy (NHS, Conjunctivitis; checked in
// triage-ent.yaml), not an emergency; bleach splashed in the eye is still
// one, lenses or not (NHS, Eye injuries) (H426).
func TestContactLensDeniedConjunctivitisIsNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"red sticky eye with yellow gunk, lashes glued together, no pain, I wear no contact lens",
		"my eye is gunky and pink this morning, I don't wear contacts, vision fine",
	)
	wantEmergency(t,
		"splashed bleach in my eye while cleaning, I don't wear contacts, it's burning and I can't open it",
	)
}

// Stopping eating from midnight before a booked operation is the fasting the
// hospital asks for, not an eating disorder (tr_eating_disorder routes it to
// outage_operations, checked in triage-more.yaml) and no emergency; someone
// who has stopped eating and now has chest pain and is confused is still one
// (NHS, Eating disorders; NHS, When to call 999) (H427).
func TestFastingBeforeAnOperationIsNotAnEatingDisorder(t *testing.T) {
	wantNoEmergency(t,
		"my gallbladder op is tomorrow, do I still stop eating from midnight with the IT problems",
		"nil by mouth from midnight for my colonoscopy, is it still going ahead",
	)
	wantEmergency(t,
		"my daughter has anorexia and stopped eating, now she has chest pain and is confused",
	)
}

// Fluids not kept down told with a word between ("can't even keep water
// down") or dizzy each time one stands, with a bug: dehydration for NHS 111
// today, not an emergency (tr_dehydration, checked in triage-general.yaml;
// NHS, Diarrhoea and vomiting: call 111 if you can't keep fluids down;
// NHS, Dehydration). Vomiting blood still answers an emergency
// (H428).
func TestFluidsNotKeptDownIsSameDayNotEmergency(t *testing.T) {
	wantNoEmergency(t,
		"been throwing up since last night and I can't even keep sips of juice down",
		"tummy bug since sunday, lightheaded every time I get up off the sofa",
	)
	wantEmergency(t,
		"been sick all night and now I'm throwing up blood, can't even keep water down",
	)
}

// A hand hurt punching a wall or a door, a knuckle flat or sunk: a possible
// boxer's fracture for an X-ray today (tr_possible_fracture, checked in
// triage-injuries.yaml; NHS, Broken finger or hand: urgent treatment
// centre), not an emergency; bone through the skin still is (H429).
func TestPunchedWallKnuckleIsNotAnEmergency(t *testing.T) {
	wantNoEmergency(t,
		"lost my temper and thumped the door, now one of my knuckles has disappeared and it's puffy",
		"punched a brick wall at the weekend, knuckle looks sunk and it's bruised",
	)
	wantEmergency(t,
		"punched a wall and there's bone sticking out of my knuckle",
	)
}

// Behind the ear red, swollen or tender, or the ear pushed forward, after
// earache: possible mastoiditis for an urgent GP appointment or 111 today
// (tr_out_urgent, checked in triage-ent.yaml; NHS, Mastoiditis). Not an
// emergency alone; with a stiff neck and a rash that won't fade it is
// (NHS, Meningitis) (H430).
func TestMastoidSignsAreSameDayNotEmergency(t *testing.T) {
	wantNoEmergency(t,
		"my 8 year old has had earache since the weekend, now the bone behind his ear is tender and the ear is pushed forward",
		"ear infection for three days and now there's redness and swelling behind her ear",
	)
	wantEmergency(t,
		"earache for days and now a stiff neck and a rash that doesn't fade under a glass",
	)
}

// Hypos counted as a time ("third time this month") are repeated hypos for
// the GP or diabetes team; on gliclazide or a similar tablet at any age the
// dose is reviewed the same day (tr_hypos_repeated, tr_hypo_sulfonylurea,
// checked in triage-diabetes.yaml; NHS, Low blood sugar; NHS, Gliclazide).
// A hypo with confusion or no swallow is still 999 (H431).
func TestRepeatedHyposCountedAsTimesAreNotEmergencies(t *testing.T) {
	wantNoEmergency(t,
		"hypo again this morning, 3.5, had glucose tablets and it's 6.3 now, that's the third time this month",
		"my husband takes glimepiride, his sugar dropped to 3.1 at teatime, fixed with lucozade, back to 5.9, happened twice this week",
	)
	wantLevel(t, content.Disp999,
		"she's on gliclazide, her sugar is 2.4 and she's confused and can't swallow the juice, second time this week",
	)
}

// A temperature with a replaced or artificial heart valve, or after heart
// surgery: possible endocarditis for an urgent GP appointment or 111 today
// (tr_fever_adult routes it to tr_out_urgent, checked in
// triage-general.yaml; NHS, Endocarditis). Not an emergency alone;
// confusion or breathlessness with it still is (NHS, Sepsis) (H432).
func TestFeverWithHeartValveIsSameDay(t *testing.T) {
	wantNoEmergency(t,
		"I've got a mechanical heart valve and my temp was 38.5 this morning, aching all over",
		"had a valve replacement in the summer, today I've a temperature and feel like I've got flu",
	)
	wantEmergency(t,
		"I had my heart valve replaced last month, I've a high temperature and now I'm confused and can't catch my breath",
	)
}

// A workmate, a boss or a mate saying "go to A&E" is not a clinician
// sending them: the told-to-go rule is for 111, a GP, a nurse or a doctor
// (NHS 111; WUTH outage notice), so the message's own signs decide. A head
// bump with vomiting since it still answers A&E (NHS, Head injury and
// concussion), and 111 or a GP saying so still answers the rule
// (H433).
func TestLayPersonSayingAEIsNotBeingSent(t *testing.T) {
	wantNotRule(t, "told_to_go_to_ae",
		"bumped my head on a shelf at work, no blackout, just a sore lump, my boss reckons I should go to A&E",
		"twisted my ankle at football, my mate told me go casualty, is that right",
	)
	wantNoEmergency(t,
		"bumped my head on a shelf at work, no blackout, just a sore lump, my boss reckons I should go to A&E",
	)
	wantRule(t, "told_to_go_to_ae",
		"111 told me to go to A&E with my chest, my workmate says I should too",
		"the GP rang and said I must go to casualty today about my bloods",
	)
	wantEmergency(t,
		"banged my head at work an hour ago, been sick twice since, my colleague says go to A&E",
	)
}

// A gaping cut got on a fence, a nail or wire is an accident for stitches
// or glue today (tr_cut_stitches; NHS, Cuts and grazes: urgent treatment
// centre), not the self-harm injury answer; a deep cut made on purpose, a
// cut "on the arm" and bleeding that won't stop still answer A&E or 999
// (NHS, Self-harm; When to call 999) (H434).
func TestCutOnAFenceIsNotSelfHarm(t *testing.T) {
	wantNotRule(t, "self_harm_injury",
		"caught my arm on the barbed wire climbing over, it's gaping open but the bleeding stopped",
		"cut my leg on a nail in the shed, quite deep, stopped bleeding with pressure",
	)
	wantNoEmergency(t,
		"caught my arm on the barbed wire climbing over, it's gaping open but the bleeding stopped",
	)
	wantRule(t, "self_harm_injury",
		"I cut myself on the arm tonight and it's really deep",
		"cut my leg on purpose and it's gaping",
	)
	wantEmergency(t,
		"sliced my leg on a fence, it's deep and the blood won't stop",
	)
}

// Days or doses of a regular medicine counted down, with the surgery not
// answering: an emergency supply from a pharmacist (tr_ran_out_medicine,
// checked in triage-gp.yaml; NHS, How can I get an emergency supply of my
// medicines?), not an emergency and not the phones answer; a past heart
// attack told as settled changes nothing, while chest pain now still
// answers 999 (NHS, Heart attack) (H435).
func TestMedicineCountedDownIsAPharmacySupply(t *testing.T) {
	wantLevel(t, content.Disp999,
		"2 days of my clopidogrel left and I've got crushing chest pain going down my arm",
	)
	wantNoEmergency(t,
		"only got 3 days of my levothyroxine left and I can't get through to the surgery",
		"had a stent in 2020, fine since, 2 days of my ticagrelor left, can the pharmacist give me some",
	)
}

// A fall months back, told with its month as the background of a fracture
// clinic or follow-up question, is not major trauma now (major_trauma's
// unless RF_FALL_MONTH_FOLLOWUP; WUTH: appointments question). A fall from
// a ladder today, or one months back told with a new fall now, still
// answers 999 (NHS, When to call 999: a fall from height) (H436).
func TestFallMonthsBackBeforeAFollowUpIsNotTrauma(t *testing.T) {
	wantNotRule(t, "major_trauma",
		"my wife fell off a stepladder in october and broke her wrist, is her fracture clinic follow up still going ahead",
		"grandad came off the scaffolding back in september, his follow up at the clinic is next week, is it on",
	)
	wantRule(t, "major_trauma",
		"he fell off the ladder putting the lights up and can't get up",
		"she fell off a ladder in august and again this morning from the top rung, she can't move her leg",
	)
}

// "Got bit by" something, and a bite told as bigger and redder or itchy
// and warm since: a worsening bite for the pharmacist under Pharmacy First
// (tr_insect_bite_infected, checked in triage-skin.yaml; NHS, Insect bites
// and stings). Swelling of the lips or tongue after a bite still answers
// 999 (NHS, Anaphylaxis) (H437).
func TestBiteGrowingIsAPharmacyBite(t *testing.T) {
	wantNoEmergency(t,
		"got bit by a midge on holiday last week, it's gone bigger and redder and feels hot",
	)
	wantEmergency(t,
		"got bit by something in the garden and now my lips and tongue are swelling up and I can't breathe properly",
	)
}

// A finger caught in steam from a kettle or pan is a burn
// (tr_possible_fracture routes it to tr_burn, checked in
// triage-injuries.yaml; NHS, Burns and scalds), not a trapped finger;
// blistering on the fingers still answers A&E (H438).
func TestFingerCaughtInSteamIsABurn(t *testing.T) {
	wantNoEmergency(t,
		"caught my fingers in the steam off the pan, bit pink, no blisters, cooled them under the tap",
	)
	wantEmergency(t,
		"caught my hand in the kettle steam and now there are big blisters across my fingers",
	)
}

// Having the baby at the hospital during the incident, or visiting someone
// still on a ward after a stroke, are information questions (WUTH:
// maternity ran as normal; visiting): outage_maternity and outage_visiting,
// checked in triage-medicines.yaml and triage-everyday.yaml. A stroke
// happening now still answers 999 (NHS, Stroke) (H439).
func TestBirthPlaceAndVisitingAreInformation(t *testing.T) {
	wantNoEmergency(t,
		"I'm 38 weeks and due to have baby at Arrowe Park, is it safe to give birth there with the IT problems",
		"dad's had a stroke and he's still on the ward, what are the visiting hours now",
	)
	wantLevel(t, content.Disp999,
		"visiting mum on the ward and her face has just dropped on one side and she can't lift her arm",
	)
}

// An operation told as meant to be on a day with a new date asked, and the
// ward someone taken in is on, are information questions (outage_operations
// and outage_visiting or outage_patient_news, checked in outage.yaml; WUTH
// incident statement: operations rebooked, ask the switchboard for the
// ward). An eye suddenly painful and red with sight going, told beside the
// booking, still answers an emergency (NHS, Red eye) (H440).
func TestOperationDateAndWardAreInformation(t *testing.T) {
	wantEmergency(t,
		"my cataract operation was meant to be this week but my eye has suddenly gone very painful and red and I can't see out of it",
	)
	wantNoEmergency(t,
		"my knee operation was supposed to be on thursday. will they send me a new date",
		"my uncle was taken to A&E in an ambulance this afternoon, how can I find out the ward he's on",
	)
}

// Blotchy or mottled skin told with confusion or drowsiness, and no
// temperature named, is sepsis (H442; NHS, Sepsis: call 999 for acting
// confused or not making sense, and for blue, grey, pale or blotchy skin),
// answered with the sepsis reply rather than the breathing one. An itchy
// blotchy rash, or confusion about a letter, is not.
func TestMottledSkinWithConfusionIsSepsis(t *testing.T) {
	wantRule(t, "sepsis",
		"my father's gone very muddled and his legs look mottled",
		"she's really drowsy and her skin has gone blotchy",
		"grandad is talking nonsense and his knees are all mottled",
	)
	wantNotRule(t, "sepsis",
		"I'm confused about my appointment letter, and I've got an itchy blotchy rash on my arms",
		"my skin goes blotchy when I'm nervous",
	)
}

// Tablets put aside or hidden away, told with having had enough, is a means
// kept (H443; NHS, Help for suicidal thoughts: saving up tablets is a warning
// sign; NICE NG225). Tablets put away from children, or having had enough of
// the weather, are not.
func TestTabletsPutAsideWithHadEnoughIsACrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I've had enough, I've put some sleeping tablets aside in a drawer",
		"ive had enough now. been keeping my painkillers hidden away for a while",
		"he keeps saying he's had enough and I found tablets he's stashed away in his sock drawer",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"I put my tablets away in a high cupboard so the grandchildren can't reach them",
		"I've had enough of this rain, and I've put my hay fever tablets by the door for tomorrow",
	)
}

// An overdose-sized count of a medicine told in one sentence and the taking
// in another ("How long do 40 co-codamol take to work? Took them at 9") is an
// overdose (H444; NHS, When to call 999; NHS, Paracetamol for adults: if you
// take too much, go to A&E even if you feel well). A normal dose, a repeat
// prescription or a tablet's strength is not.
func TestOverdoseCountThenTakingInAnotherSentence(t *testing.T) {
	wantLevel(t, content.Disp999,
		"How long do 40 co-codamol take to work? Took them at 9.",
		"20 diazepam. took them an hour ago. feel ok",
		"is it dangerous to take 16 paracetamol? I already did",
	)
	wantNoEmergency(t,
		"my repeat prescription is 30 co-codamol a month. I took them as prescribed and I have run out early",
		"got 32 paracetamol from the shop. took two at 9, can I take more at 1?",
		"need more of my 20 sertraline, took my last one today",
	)
}

// Too breathless to say more than a word at a time, or a reliever told as
// "not doing anything", is an asthma attack needing 999 (H445; NHS, Asthma
// attacks: call 999 if you feel worse despite your inhaler or are too
// breathless to speak). A child learning to talk a word at a time, or an
// inhaler that helps, is not.
func TestWordAtATimeAndRelieverDoingNothing(t *testing.T) {
	wantLevel(t, content.Disp999,
		"breathing is so bad I can only say a word at a time, my inhaler isn't doing anything",
		"asthmatic son is speaking one word at a time between breaths",
		"had 8 puffs of ventolin and it's doing nothing, chest so tight",
	)
	wantNoEmergency(t,
		"my 18 month old only says a word at a time, is that normal",
		"my blue inhaler is doing the job, just a bit wheezy with this cold",
	)
}

// "Signs of a heart attack" asked only to know, nobody unwell, is a question
// (tr_warning_signs_asked: the signs and to call 999 if they are seen); told
// as happening, beside chest pain, or asked bare, it stays the heart attack
// (NHS, Heart attack; NHS, When to call 999).
func TestHeartAttackSignsAskedOnlyToKnowIsAQuestion(t *testing.T) {
	wantNotRule(t, "heart_attack",
		"just wondering what the signs of a heart attack are, nothing wrong, my mum worries",
		"out of interest what are the signs of a heart attack in a woman",
		"general question, the signs of a heart attack, so I know what to look out for",
	)
	wantRule(t, "heart_attack",
		"i think im having signs of a heart attack",
		"what are the signs of a heart attack",
		"got chest pain, just want to know the signs of a heart attack to look out for",
		"just wondering, are these signs of a heart attack? my chest is tight and I'm sweating",
	)
}

// Everyday messages that borrow crisis words or sit beside mental health but
// are not a crisis (mhlook10): exam pressure with crying and poor sleep, a
// tired new parent or farmer who "would kill for" sleep, a pet put to sleep,
// loneliness after a partner went into care. The same settings told with
// thoughts of dying or harm still get the crisis reply (NHS, Stress; NHS,
// Insomnia; NHS, Grief after bereavement or loss; NHS, Loneliness; NHS, Help
// for suicidal thoughts) (H448, H449).
func TestExamsTirednessPetGriefAndLonelinessAreNotACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"my A levels start in a week and I keep thinking about ending my life",
		"so exhausted with the newborn, I've been having thoughts of ending it",
		"I'd kill for some sleep, and honestly I've thought about killing myself this week",
		"our dog was put to sleep yesterday and I don't want to be here anymore",
		"on my own since my wife went into a home and I keep thinking everyone would be better off without me",
	}, []string{
		"A levels in three weeks, I cry over revision every night and can't sleep, no dark thoughts, how do I cope",
		"I'd murder for a lie in, baby is 7 weeks and up every 2 hours, mood's fine, any tips",
		"could kill for 8 hours sleep lol the twins are 10 weeks old",
		"harvest time and I'm running on 4 hours sleep, not low, just knackered",
		"had to have our cat put to sleep on Friday, I feel daft being this upset over a pet",
		"I'm 82 and on my own since my husband moved into a nursing home, I hardly speak to a soul some days, any groups near me",
	})
}

// An overdose or self-harm long over, told as the background of a question
// about treatment now (propranolol for nerves, fading old scars), is a GP
// question; an overdose or cutting told as now is still the emergency or
// the crisis line (NHS, Self-harm; NHS, Propranolol; NHS, When to call 999)
// (H450).
func TestPastOverdoseAndOldScarsAskedAboutAreNotACrisis(t *testing.T) {
	for _, now := range []string{"took an overdose last night and now I'm really anxious", "I took 20 of my propranolol an hour ago"} {
		wantRule(t, "overdose", now)
	}
	wantCrisisNotLookalikes(t, []string{
		"my old self harm scars are from years ago but I cut again last night",
		"exams in 2 weeks and I've been cutting myself again to cope",
	}, []string{
		"I overdosed 10 years ago but that's well behind me, can I try propranolol for my nerves at work",
		"old self harm scars from my teens, all long healed, can the NHS make them fade",
		"I've got self harm scars on my forearms from when I was at school, I'm 40 now and fine, what treatments are there",
	})
}

// Going mad or losing one's mind said of what would happen if a wait goes on
// ("going to lose my mind if I hear that hold music again") is frustration,
// not a mind being lost now; losing one's mind told as now, or with not
// coping, is still the crisis line (H451).
func TestLosingMyMindIfTheWaitGoesOnIsNotACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"I feel like I'm going to lose my mind, I can't cope",
		"I'm losing my mind and I keep hearing voices",
		"I think I'm going mad, nothing feels real",
	}, []string{
		"going to lose my mind if that hold music plays once more, is my son's assessment still on",
		"gonna go mad if they cancel my scan again, is it still going ahead",
		"I'm going to go insane if the phone line stays engaged, when will the clinic ring back",
	})
}

// Shakes and sweats the day after stopping heavy drinking are withdrawal
// (NHS 111 or a GP today, the withdrawal topic), not an emergency; a fit or
// new confusion after stopping is 999 (NHS, Alcohol misuse; NHS, When to
// call 999) (H452).
func TestAlcoholWithdrawalShakesAreUrgentAndConfusionIs999(t *testing.T) {
	// A rule named must be met; "" must meet no 999 or A&E rule.
	ruleOrCalm(t, []struct{ rule, msg string }{
		{"withdrawal_delirium", "stopped drinking 2 days ago, now he's confused and doesn't know where he is"},
		{"seizure", "stopped drinking on Monday and he's just had a fit"},
		{"", "stopped drinking yesterday after months of daily drinking, now I'm shaking and sweating"},
		{"", "quit the booze two days ago and now I'm shaky and sweating buckets"},
	})
}

// A veteran asking how to reach Op COURAGE, a parent asking whether a moody
// teenager on his phone is normal, a child anxious about school with tummy
// aches, and an antidepressant not working after weeks are questions for
// information, self-care or the GP; the same told with a wish to die, or
// wanting to take a whole box of tablets tonight, is the crisis line (NHS,
// Op COURAGE; NHS, Anxiety in children; NHS, Antidepressants; NHS, Help for
// suicidal thoughts) (H453, H454).
func TestVeteransTeenagersSchoolWorryAndAntidepressantReviewsAreNotACrisis(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"ex army, I keep thinking of ending it all, is there a veterans service",
		"my 15 year old son is glued to his phone and he told me he wants to die",
		"my 11 year old is anxious about school and said she wants to kill herself",
		"been on sertraline for 8 weeks and I want to take the whole box tonight",
		"I want to take all my tablets tonight",
	}, []string{
		"ex RAF, can I ring the veterans mental health service myself about my nightmares",
		"my 14 year old is glued to her phone and grumpy, no sign she's hurting herself, is that just teenage stuff",
		"my 9 year old gets tummy aches every school morning and cries at the gate, been weeks",
		"been on citalopram 10 weeks and it isn't doing anything, could I go up a dose",
		"I want to take all my tablets with breakfast, is that ok",
	})
}

// Three signs the second opinion alone had caught, now read by the rules
// (H455): a stoma with no output told with being sick or a swollen
// tummy (NHS, Ileostomy: a blockage needs A&E), paracetamol counted as
// "lots" or "doses" since yesterday (NHS, Paracetamol for adults: more than 8
// tablets in 24 hours, A&E even if you feel well), and "it won't matter
// after" a day told with affairs put in order (NHS, Help for suicidal
// thoughts). Each half alone is not.
func TestStomaNoOutputParacetamolLotsAndWontMatterAfterADay(t *testing.T) {
	cases := map[string][]string{
		"bowel_obstruction": {
			"my ileostomy has had no output since last night, I've been sick three times and my belly is blown up",
			"colostomy, no output at all since yesterday and I keep vomiting",
		},
		"overdose_staggered": {
			"I had about 12 doses of paracetamol since yesterday morning for this toothache",
			"worked it out, around 15 lots of paracetamol since Tuesday with the Lemsip",
		},
		"suicidal_thoughts": {
			"my dad keeps saying it won't matter after the weekend, and he's sorted out his will",
			"she's paid off all her debts and keeps saying it won't matter after Christmas",
		},
	}
	for rule, msgs := range cases {
		wantRule(t, rule, msgs...)
	}
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"paid off all my debts and made a will, feeling organised",
		"it won't matter after Friday, the parking permit runs out then",
		"had 2 doses of paracetamol since yesterday",
		"my stoma bag is full of output, had a curry",
	)
}

// Stroke signs told as gone within the hour, this morning or this afternoon
// ("could not get her words out for a few minutes", "lost the use of his left
// hand") are 999 even though they have passed (H456; NHS, Stroke: call
// 999 even if the symptoms go away; NHS, Transient ischaemic attack). Words
// that would not come in an interview or a meeting are not.
func TestStrokeSignsPassedTodayAre999(t *testing.T) {
	wantRule(t, "stroke",
		"my mum could not get her words out for a couple of minutes earlier, she's alright now",
		"he lost the use of his left leg for ten minutes this morning, walking fine now",
		"dad couldn't get his words out this morning, all fine now",
		"Nan lost the use of her right hand at lunch for about 5 minutes, it's come back",
	)
	wantNoEmergency(t,
		"she could not get her words out when she was nervous in her interview",
		"I couldn't get a word out in the meeting, my boss never stops talking",
	)
}

// A person shot in a part of the body, told without "been", or shot with a
// gun or air rifle, is major trauma (H457; NHS, When to call 999: severe
// injuries after an assault). A vaccine "shot" in the arm is not.
func TestShotInTheBodyIsMajorTrauma(t *testing.T) {
	wantRule(t, "major_trauma",
		"her son was shot in the leg outside the chippy",
		"a lad's been shot through the chest on our road",
		"my neighbour was shot with an air rifle, pellet in his leg",
	)
	wantNoEmergency(t,
		"she had the flu shot in her arm yesterday and it aches",
		"she shot in the 100m and won her heat",
	)
}

// A ladder or scaffold that gave way, told in one clause, and the fall in the
// next ("the ladder slid, she landed on the drive") is a fall from height
// (H458; NHS, When to call 999; NICE CG176). A fall from the bottom rung,
// or a ladder that slipped with nobody falling, is not.
func TestLadderGaveWayThenTheFallIsMajorTrauma(t *testing.T) {
	wantRule(t, "major_trauma",
		"the stepladder wobbled and he came down hard on the decking, head bleeding",
		"ladder gave way. dad landed on the concrete",
		"cleaning the windows, the ladder slid sideways, she fell onto the path",
	)
	wantNoEmergency(t,
		"the ladder slipped, he fell off the bottom rung, just a bruised ankle",
		"the ladder slipped down the wall but I held it, nobody fell",
	)
}

// Someone holding or clutching their chest who is grey, clammy, sweating or
// breathless may be having a heart attack (H459; NHS, Heart attack: call
// 999). A chest held to cough over a cracked rib, or a tight band round the
// head, is not.
func TestHoldingChestGreyOrClammyIsAHeartAttack(t *testing.T) {
	wantRule(t, "heart_attack",
		"my husband was clutching his chest and went grey",
		"grandad is clutching his chest and sweating buckets",
		"a man at the bus stop is gripping his chest, pale and clammy",
	)
	wantNoEmergency(t,
		"I was holding my chest to cough because of my cracked rib",
		"holding my chest after laughing, fine otherwise",
		"I have a tight band round my head and feel sick",
	)
}

// Not waking, or gone blue, after heroin or other opioids is an overdose
// (H460; NHS, When to call 999: unconscious, not breathing properly).
// Methadone as a treatment, or a brown inhaler, is not.
func TestNotWakingOrBlueAfterOpioidsIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my friend took heroin and he's not waking up",
		"found my brother after he'd injected gear, lips blue, not breathing properly",
		"flatmate did some smack and won't rouse",
	)
	wantNoEmergency(t,
		"he's on methadone, coming to see the GP about his script",
		"he used to be on heroin, now on methadone, not sleeping well",
		"7 year old needs her blue inhaler every 4 hours today, her brown one ran out, talking fine",
	)
}

// A kneecap out of place (out to the side, slipped sideways) is a
// dislocation for A&E (H461; NHS, When to go to A&E: dislocated joints).
// A clicking or sore kneecap is not.
func TestKneecapOutOfPlaceIsAE(t *testing.T) {
	wantLevel(t, content.DispAE,
		"her kneecap's popped out sideways at netball",
		"my kneecap is out to the side and I can't straighten my leg",
		"think my son has dislocated his kneecap at football",
	)
	wantNoEmergency(t,
		"my kneecap clicks when I squat",
		"my kneecap hurts on one side when I climb stairs",
	)
}

// No output from a stoma, told without the bag, with sickness or a swollen
// tummy is a blockage for A&E (H462; NHS, Ileostomy, complications; NHS,
// Bowel obstruction). High output with nothing else is not this.
func TestStomaNoOutputWithSicknessIsABlockage(t *testing.T) {
	wantRule(t, "bowel_obstruction",
		"my colostomy has had no output since last night and I keep being sick",
		"ileostomy, nothing in the way of output, tummy swollen",
		"zero output from my stoma since breakfast and I've thrown up twice",
	)
	wantNotRule(t, "bowel_obstruction",
		"high output from my ileostomy, no vomiting",
	)
}

// Paracetamol named, then "about 12 of them since this morning": more than 8
// in 24 hours is A&E even if you feel well (H463; NHS, Paracetamol for
// adults). Two of them, or a normal dose kept to, is not.
func TestParacetamolCountOfThemSinceIsStaggered(t *testing.T) {
	wantRule(t, "overdose_staggered",
		"I took 12 of them since this morning, the paracetamol",
		"my tooth's killing me and the paracetamol does nothing, had about 14 of them since yesterday",
	)
	wantNoEmergency(t,
		"the paracetamol isn't working, took 2 of them at 8",
		"taking paracetamol for my back, 2 of them 4 times a day since monday",
	)
}

// Being sick told with bile further along the clause is green vomiting:
// A&E for a child (H464; NHS, Vomiting in children and babies). Green
// snot beside being sick is not.
func TestSickLikeBileIsGreenVomit(t *testing.T) {
	wantRule(t, "child_green_vomit",
		"my 6 week old was sick and it was dark green like bile",
		"my 2 year old has been sick and it looked like bile",
	)
	wantNotRule(t, "child_green_vomit",
		"he's been sick and his snot is green",
		"I've had gallstones and my doctor mentioned bile",
	)
}

// Biting a laundry capsule ("she bite the liquid capsule") is swallowing a
// hazard: with coughing or wheezing, 999 (H465; NHS, Poisoning; NPIS,
// laundry capsules).
func TestBitingALaundryCapsuleIsSwallowing(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my girl she bite the liquid capsule from the cupboard, now she cough and cough",
		"my toddler bit into a liquid capsule and now he's coughing and wheezy",
	)
	wantNoEmergency(t,
		"how do I keep laundry capsules out of reach of my toddler",
	)
}

// Gums that bleed a lot on brushing, on a blood thinner or not, are the less
// serious bleeding of a blood thinner, not a bleed to press on (H466;
// NHS, Side effects of warfarin; NHS, Apixaban). Told as not stopping or
// pouring, or beside coughing up blood, they still answer an emergency.
func TestGumsBleedingOnBrushingIsNotSevereBleeding(t *testing.T) {
	wantNoEmergency(t,
		"my gums bleed a lot when I brush",
		"on rivaroxaban and my gums are bleeding loads when I brush my teeth",
		"taking edoxaban, bruises on my shins I can't explain and heavy bleeding from my gums when I floss",
	)
	wantEmergency(t,
		"on warfarin, gums bled when I brushed and it won't stop, half an hour now",
		"on apixaban, brushed my teeth and my mouth is pouring with blood from the gums",
		"on warfarin and I've been coughing up blood, gums bleed when I brush too",
		"cut my hand and it's bleeding a lot",
	)
}

// Redness or an infection spreading on a foot that has long been numb is a
// diabetic foot infection (urgent, or A&E with a temperature), not weakness
// spreading up the legs (H467; NHS, Diabetes: foot problems; NHS,
// Guillain-Barre syndrome). Numbness or weakness told as spreading still is.
func TestRednessSpreadingIsNotNumbnessSpreading(t *testing.T) {
	wantNotRule(t, "spreading_numbness_weakness",
		"diabetic, I can't feel my feet, and a red patch on my heel is spreading up my ankle",
		"type 1, numb feet for years, the infection on my toe is spreading across the foot",
	)
	wantRule(t, "spreading_numbness_weakness",
		"pins and needles creeping up both legs",
		"both feet numb since Tuesday, today it's crept up to my knees and my legs feel weak",
		"my feet went numb and the numbness has spread to my thighs, and my toe is red",
	)
}

// A "what if" marker (on a first-aid course, hypothetically, "if he ever")
// never holds off an emergency told beside it: a whole rule stood aside for
// such words let "I've taken 30 paracetamol, hypothetically how long have I
// got" answer as a first-aid question, so that change (H468) was
// withdrawn and a first-aid question asked ahead still gets 999 or the
// choking questions (signposted up; NHS, When to call 999).
func TestWhatIfWordsNeverHoldOffAnEmergencyToldBesideThem(t *testing.T) {
	wantEmergency(t,
		"ive taken 30 paracetamol, hypothetically how long have i got",
		"first aid course done last week, now my dad has swallowed all his tablets",
		"on a first aid course today and my colleague is choking on a sweet",
		"we're doing first aid training and the trainer is choking for real now",
		"my son swallowed a button battery an hour ago, what do I do if he ever swallows another",
		"what do I do if someone is choking",
	)
}

// A temperature told as normal during chemotherapy is not the chemo fever
// rule: the chemo helpline rules for diarrhoea or a sore mouth answer
// (H469; NHS, Chemotherapy side effects: call the helpline at 37.5C or
// above). A reading of 37.5 or over, or shivering, still answers A&E.
func TestChemoWithNormalTemperatureIsNotChemoFever(t *testing.T) {
	wantNotRule(t, "chemo_fever",
		"on chemo, temp 36.9, bad diarrhoea since yesterday",
		"my wife is on chemotherapy, her temperature is normal but her mouth is full of ulcers",
	)
	wantRule(t, "chemo_fever",
		"i'm having chemo and my temperature is 38.3",
		"on chemo, temp was 38.2 earlier, normal now after paracetamol",
		"mum is on chemotherapy and she's shivery, temperature seems normal",
		"on chemo and my temp is 37.6",
	)
}

// Knocks or hits taken in sport ("took loads of knocks") beside a small dose
// of a painkiller ("had two paracetamol") is not an overdose: a head injury
// with being knocked out or sick answers A&E (H470; NHS, Head injury
// and concussion). A load of tablets, or a packet, still answers 999.
func TestKnocksTakenWithTwoPainkillersIsNotAnOverdose(t *testing.T) {
	wantAnsweredBy(t, "head_injury",
		"my son took loads of knocks at football and had two ibuprofen, now being sick",
		"took a lot of hits in the fight, had 2 paracetamol, I was knocked out for a bit",
	)
	wantLevel(t, content.Disp999,
		"she took a load of her paracetamol, maybe 20, then had two more",
		"took a load of hits at boxing then swallowed a whole packet of paracetamol",
		"he took a whole packet of paracetamol",
	)
}

// Someone at a drop now, a ligature pulled tight, a goodbye or a rope set up
// and then no answer, walking to a roof edge believing they can fly, or all
// of a medicine taken with sleepiness now, told without the usual words, is
// a 999 emergency (H471; NHS, When to call 999; NHS, Psychosis).
// Earlier visits, a tie worn, a phone not picked up about an appointment,
// roof work and tablets taken as usual are not.
func TestLifeAtRiskNowToldIndirectlyIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I'm on the edge of the cliffs at West Kirby. Just had enough of everything. Wanted somebody to know",
		"he's at the top of the quarry up the lane, rang me to say sorry to everyone",
		"im at the bridge. not scared anymore. just wanted to say goodbye to someone",
		"my son is on the roof telling us he can fly and he keeps pacing along the edge",
		"mum is up on the roof of the flats saying the voices told her she is an angel, she's walking towards the edge",
		"found my boy with his dressing gown belt pulled tight round his neck, I cut it off, he's breathing",
		"she had a lanyard twisted round her neck, we got it off, there are red marks",
		"my sister sent a picture of pills on the table with the word goodbye and she isn't picking up",
		"my dad texted a photo of a rope tied over the banister and now he won't pick up",
		"my flatmate take all her quetiapine, now she so sleepy we cant keep her awake",
		"he take all his tablets with beer, now being sick and very drowsy",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"we walked along the cliffs at Thurstaston yesterday and my knee is sore now",
		"my school tie is tight round my neck and itchy, is that eczema",
		"my GP surgery isn't picking up, I need to know if my appointment is on",
		"my husband was up on the roof fixing a tile, he feels a bit dizzy now",
		"my husband is up on the roof saying he can fly his drone from there",
		"he's up on the roof clearing the gutters, he keeps walking to the edge",
		"I'm at the cliffs with the dog, had enough of the rain, my ankle hurts",
		"I take all my tablets in the morning, they make me sleepy, is that normal",
	)
}

// Warning signs told indirectly are the crisis reply, 111 option 2 (H472;
// NHS, Help for suicidal thoughts; NHS, Self-harm; NHS, Psychosis): things
// given away "not needed where I'm going", others better off without them,
// a burden hugging goodbye as if for the last time, wondering who would
// notice they had gone, "won't be a problem much longer", a rope bought or a
// gun dwelt on, tablets wanted "enough to do it properly", "if I took the lot
// it would all stop", the only thing that stopped them going through with it,
// voices saying they should be punished, drawn to a bridge every night,
// "won't matter after Friday" with debts cleared, blade urges after being
// clean, doing it again and not knowing how to stop, fresh cuts and not
// wanting to be here, punching walls out of self-hatred, a story planning
// one's own death, waking up disappointed to be alive, and an eating
// disorder with danger signs. Idioms, the past, grief, a gift, a project and
// ordinary worry are not.
func TestCrisisToldIndirectlyMhc10(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"given my guitar to my mate. wont need it where im going",
		"handed all my stuff out to my sisters, I don't really need anything any more",
		"my mum keeps saying the family would be better without her",
		"it'd be better for everyone if I just didn't wake up tomorrow",
		"he says he's a burden and last night he kissed me goodbye like it was the last time",
		"since my husband died I've no reason to live and I wonder if anyone would notice if I'd gone",
		"I won't be a burden to anyone for much longer. please cancel my clinic",
		"ordered a rope online last week. haven't done anything with it",
		"there's a noose in the garage and I keep going in and looking at it",
		"grandad's rifle is in the gun cabinet and I keep thinking about it",
		"can I have my sertraline early, I want enough to do it properly",
		"i keep thinking if i took the lot it would all be over",
		"my crisis team visit was cancelled. it was the only thing that kept me from going through with it",
		"the voices keep telling me I'm wicked and should be punished",
		"been stopping at the bridge on the way home every night since she left me, feeling so low",
		"he keeps saying it won't matter after the weekend and he's paid off his loans",
		"urges to use a blade are really strong tonight, been clean for 4 months",
		"did it again on my arm last night, I can't stop doing it, please don't tell my dad",
		"my student showed me fresh cuts on her wrist, she doesn't want to be here",
		"I keep punching the wall till my hand bleeds because I hate myself",
		"been punching the walls until my knuckles bleed, it's the only thing that helps",
		"my pupil wrote a poem about planning her own death",
		"every day I wake up gutted I'm still alive",
		"my son has anorexia, he's lost stones more weight and I'm terrified he'll die",
		"don't see the point in carrying on",
	}, []string{
		"I'd kill for a decent sleep, this queue is killing me",
		"going to lose my mind if this hold music plays once more, is my scan still on",
		"gave my old xbox to my cousin, I've got a new one for my birthday",
		"gave all my baby stuff to my sister, we won't be needing it any more",
		"I took an overdose 8 years ago, I'm doing well now and just want my repeat",
		"my gran died in August and I still cry when I see her photo",
		"I don't see the point in carrying on with the diet if it doesn't work",
		"bought a rope for the tow bar, haven't used it yet",
		"I need my repeat propranolol early, I'm going on holiday for three weeks",
		"my daughter is on the eating disorder waiting list, how long is it now",
		"for a school project, how many people call the Samaritans each year",
		"we walked over the bridge on the way home every night, the lights are pretty",
		"I'm worried my husband works too hard, he says he's tired",
		"my gun licence renewal is due, I've been thinking about it a lot",
		"we keep a shotgun for the farm, I keep thinking about selling it",
		"she gave her old phone to her brother, doesn't need it where she's going to university",
		"won't be a problem much longer, my knee op is next week and then I'll be walking fine",
		"I bought a rope for climbing, haven't done anything with it yet",
	})
}

// A thought of taking all one's tablets told with "being done with it" and
// "I haven't taken them" is the crisis reply, not the overdose one; any
// tablets told as taken still call 999 (H472).
func TestOverdoseThoughtNotTakenIsCrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I keep thinking about taking all my tablets at once and being done with it, I haven't taken them",
	)
	wantLevel(t, content.Disp999,
		"I keep thinking about taking all my tablets and being done with it, I haven't taken them all but I took 10",
		"thinking about taking all my pills and being done with it. took them an hour ago",
	)
}

// Punching walls until the knuckles bleed, out of anger at oneself, is
// self-harm (the crisis reply), not an assault needing an ambulance; being
// punched by someone and bleeding still is 999 (H472; NHS, Self-harm;
// NHS, When to call 999).
func TestPunchingWallsIsNotAnAssault(t *testing.T) {
	wantNotRule(t, "major_trauma",
		"been punching walls til my knuckles bleed when I'm angry at myself",
		"I've been punching the door till my knuckles bled, it's the only thing that helps",
	)
	wantLevel(t, content.Disp999,
		"he's been punched in the face and he's bleeding a lot",
		"my son got punched outside the club, blood everywhere",
	)
}

// A thought of taking them all told with "I haven't taken them" is the
// crisis line (H472); told with some taken ("haven't taken them all,
// just 8 so far", "only 6 so far"), it is an overdose, 999 (NHS, When to
// call 999: an overdose taken, however well they seem).
func TestOverdoseThoughtWithSomeTakenStays999(t *testing.T) {
	wantRule(t, "overdose",
		"keep thinking about taking all my tablets and being done with it. I havent taken them all, just 8 so far",
		"thinking of taking all my pills and being done with it, havent taken them all yet, only 6",
		"thinking of taking all my pills and being done with it. havent taken them all, only 6",
	)
	wantNotRule(t, "overdose",
		"keep thinking about taking all my tablets and being done with it, I haven't taken any",
	)
}

// Fear of a miscarriage told as "terrified I'm losing it" in early
// pregnancy, with spotting or bleeding, is the maternity unit's call (NHS,
// Miscarriage; Vaginal bleeding in pregnancy), not the crisis line; "losing
// it" with no pregnancy, or beside not coping, losing one's mind or being
// out of control, is still the crisis line (H473).
func TestMiscarriageFearIsNotTheCrisisLine(t *testing.T) {
	wantLevel(t, content.DispUrgent,
		"8 weeks pregnant with some brown spotting today and I'm so scared I'm losing it",
		"I'm pregnant, about 10 weeks, bleeding a bit since lunch and terrified I'm losing the baby",
		"pregnant and a little spotting this morning, petrified I'm losing it",
	)
	wantLevel(t, content.DispCrisis,
		"I'm pregnant and I'm losing it, I can't cope anymore",
		"11 weeks pregnant and I feel like I'm completely losing it, I'm out of control",
		"I'm losing it, I can't stop screaming at everyone",
		"pregnant and I think I'm losing my mind",
	)
}

// The baby told as usually lively and hardly moving now, and waters leaking
// told with a due date or antenatal care instead of the weeks, are the
// maternity unit's now (NHS, Your baby's movements; Signs that labour has
// begun). A baby who is kicking as usual, or water drunk, is not (H474).
func TestMovementsAndWatersInOtherWords(t *testing.T) {
	wantRule(t, "pregnancy_maternity_now",
		"33 weeks, she's normally so kicky in the evening but hardly anything tonight",
		"36 weeks and he's usually really wriggly after dinner but he's been quiet all day",
		"I'm due in a fortnight and there's a trickle of clear fluid coming down my legs",
		"my antenatal is on monday but my waters have been leaking since this morning",
		"midwife is coming tomorrow, there's been a gush of water and it keeps coming",
	)
	wantNotRule(t, "pregnancy_maternity_now",
		"34 weeks and she's kicky as ever after tea, just wondering about my scan date",
		"my antenatal class is on tuesday, is it still running",
		"I'm due a flu jab, is the pharmacy doing them",
	)
}

// Everyday questions told in words that sound alarming (a heart that sank at
// the news, a dead leg, dizzy in the sun and fine after a drink, falls
// counted at night with no injury, whether the hack is over) meet no 999 or
// A&E rule: their topics answer them (H476).
func TestEverydayWordsThatSoundAlarmingAreNotEmergencies(t *testing.T) {
	wantNoEmergency(t,
		"my heart sank when they said the clinic was off, will I get a new date",
		"dead leg from rugby training, can still walk on it",
		"went dizzy at the school fete in the sun, fine after some water in the shade",
		"nan has fallen twice this week getting up at night, not hurt at all",
		"is the cyber thing over yet",
	)
}

// Someone at a railway line, level crossing, bridge, flyover, car park roof,
// cliff or open water now, told with a decision, a time ("next train"), a
// goodbye or the act named, is a life at risk now: 999 (NHS, When to call
// 999; mhc10b). So is psychosis with a knife in hand or a belief that
// something must be cut out of the body, or voices with someone out on a
// roof (NHS, Psychosis). A swim, a train running late, a mind made up about
// a purchase, a visit told as over ("came home") or a cat on a roof are not.
func TestAtAPlaceOfDangerWithADecisionIs999(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I'm down by the train tracks, there's a train due soon, my mind is made up",
		"she rang from the level crossing, said she's waiting for the next train",
		"he's on the motorway bridge and says he's not coming down this time",
		"im by the canal with stones in my pockets, dont try and find me",
		"my wife texted the sea is calm and she's going in, I can't find her",
		"he thinks the radio is sending him orders and he's holding a knife",
		"she says the voices are telling her to jump and she's climbed out onto the roof",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE, content.DispCrisis},
		"we're at the beach, tide's in, going in the sea for a swim",
		"we're by the river and I've made my mind up to buy the boat",
		"at the level crossing and the barriers are stuck, next train is late",
		"our cat is on the roof and won't come down",
	)
	wantNotLevels(t, []string{content.Disp999},
		"stood on the prom for ages thinking about walking into the water, then came home and rang my sister",
	)
}

// Crises told indirectly or late in another question (mhc10b): tablets kept
// back "just in case" or with nearly enough; going away for good with how
// many would be a lot; not planning to be around; the rope looked at; "the
// thing with my arms" that won't stop; marks hidden as they deepen; cutting
// started on the arms or legs; fear of hurting one's own children; paranoid
// beliefs with a weapon kept near (NHS, Help for suicidal thoughts; NHS,
// Self-harm; NHS, Psychosis). Savings, holidays and everyday fears are not.
func TestCrisesToldLateOrIndirectlyMhc10b(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"been putting aside my diazepam for months, nearly have enough now",
		"I've been stockpiling my codeine, got a drawer full of them",
		"is my clinic still on next month? not that it matters, I'm not planning on being around by then",
		"looked at the rope in the shed again tonight",
		"doing the thing to my legs again every night, I can't stop",
		"covering the cuts with a hoodie, they're getting deeper",
		"my 14 year old son has started cutting his arms, he's being bullied",
		"I'm frightened I'm going to hurt my baby, I keep shouting and shaking",
		"he's convinced the neighbours are poisoning him and keeps a knife under his pillow",
	}, []string{
		"been keeping back my receipts just in case the boiler breaks",
		"saving up for a holiday, nearly got enough",
		"I won't be around to deal with it, I'm on holiday next week",
		"I'm scared I'll hurt my back lifting the kids",
		"started cutting my own hair short",
	})
}

// More crises told indirectly (mhc10b): belongings or a pet given away with
// feeling calm or sorted; "don't want tomorrow"; those who died called the
// lucky ones; "thanks for everything" said by someone shut in their room;
// stood holding all the tablets and thinking about it; life insurance as
// the way to clear debts; no way out with a letter written or having had
// enough; starving oneself and nearly passing out; voices through the wall
// with a plan to act first (NHS, Help for suicidal thoughts; NHS, Eating
// disorders; NHS, Psychosis). The everyday versions are not.
func TestMoreCrisesToldIndirectlyMhc10b(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"handed my dog to my neighbour this morning and gave my guitar to my mate, I feel at peace now",
		"I just don't want tomorrow to come",
		"my dad says the ones who were killed in the crash got the better deal",
		"my sister hasn't come out of her room since Sunday, she texted me thanks for everything",
		"I stood there holding all my tablets and thought about it for a long while",
		"keep thinking the life insurance would pay off the loans, they'd be better off",
		"can't see a way out of the debt, I've written a letter explaining everything",
		"I've been starving myself again and keep nearly fainting at work",
		"I hear them through the ceiling at night, I need to get them before they get me",
	}, []string{
		"gave my old dog to my sister as I'm moving abroad, feel sorted now",
		"I don't want tomorrow off, can I swap my shift",
		"my nan said thanks for everything when we left the care home",
		"my life insurance would pay off the mortgage, is there another way to get cover with diabetes",
		"I can't see a way out of this traffic, I'll be late",
		"I don't think I'll last the whole film without a wee",
	})
}

// Crises said late inside an appointment, data or fit-note question, or in
// other words (mhc10b): a will sorted and "won't need it anyway"; a plan for
// after the exams so it doesn't matter; going and not coming back, already
// knowing where; finding oneself by the gun cabinet; driving past the bridge
// thinking of stopping; self-harm done again with a lighter, or with steri
// strips and a parent not knowing; a countdown among dark posts; no wish to
// go on; pills not touched but all they think about; sat in the garage with
// a hosepipe in the boot (NHS, Help for suicidal thoughts; NHS, Self-harm).
func TestCrisesSaidLateInAQuestionMhc10b(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"is my hip clinic still on? I've written my will now so I probably won't need it anyway",
		"when are the GCSE access arrangements sorted? I've got a plan for after them so it doesn't really matter",
		"if my notes get out I'll go and not come back, I already know where",
		"I keep finding myself stood by the gun safe at night",
		"every night I walk past the railway bridge and think about jumping",
		"done it again with the razor last night, can't stop thinking about doing more",
		"I did it again, put plasters on, my dad doesn't know",
		"my friend's posting a countdown with really dark stuff on her story",
		"since my husband died I have no wish to carry on",
		"all I think about is the tablets in the cupboard, I haven't touched them",
		"I sat in the garage with the hosepipe in the boot last night",
	}, []string{
		"I've made my will at last, the dog's going to our Karen if anything happens, do I need a solicitor",
		"got a plan for after my exams, travelling round Europe, so it doesn't matter if the assessment is late",
		"my daughter's countdown to christmas is on her story, dark chocolate advent",
		"whats the point of being here at 8am if the clinic is shut",
		"I don't see the reason to live in London when rents are this high",
		"the hosepipe is in the boot, I'm sat in the car waiting for the car wash",
		"I walk past the river every morning and think about jumping in for a swim in summer",
	})
}

// Self-harm told as started ("has started cutting her arms", "started
// cutting himself") is the crisis line (H479); a haircut or nails
// done oneself is not self-harm, though "herself" follows.
func TestStartedCuttingIsSelfHarmNotAHaircut(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"my 13 year old has started cutting her arms",
		"my son has started cutting himself",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"my daughter started cutting her hair herself, its a mess",
		"my son has started cutting his own fringe himself, it's wonky",
	)
}

// Wanting to take all one's tablets told with an ending ("and be done with
// it", "and sleep forever", "and never wake up") is the crisis line (NHS,
// Help for suicidal thoughts; H482); all one's antibiotics, or all one's
// medicines in the morning "and be done with it", is a routine.
func TestWantingToTakeAllTheTabletsWithAnEndingIsCrisis(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"I want to take all my tablets and be done with it",
		"i just want to take all my pills and sleep forever",
		"want to take the whole packet and never wake up",
		"I want to take all my tablets at night and never wake up",
	)
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"I want to take all my antibiotics, do I finish the course",
		"I want to take all my meds in the morning and be done with it, can I",
	)
}

// The am/an study (H483): a head struck ("struck my forehead") on a blood
// thinner, a child who ran into something and was sick with a worsening
// headache, cuts "done" on a limb that gape, the railway walked with voices,
// and a plan to "do it" with a date picked each reach their emergency or
// crisis; a baby's milk feed taken less is not an allergen.
func TestAmAnStudyEmergenciesAndCrises(t *testing.T) {
	wantRule(t, "head_injury",
		"I take apixaban. This afternoon I tripped on the garden step and struck my forehead on the wall. I feel quite well.",
		"My grandson ran into the climbing frame at lunch. He has been sick twice since and says his head is hurting more.",
	)
	wantRule(t, "self_harm_injury",
		"my 14 yr old did some cuts on her leg with a sharpener blade, one is gaping open, bleeding mostly stopped with pressure",
	)
	wantLevel(t, content.Disp999,
		"My brother has stopped his meds. He's walking along the railway line right now saying the voices told him to go to the trains",
	)
	wantLevel(t, content.DispCrisis,
		"Can I self refer to talking therapies? Asking because I've started planning how I'd do it and I've picked a date.",
	)
	wantNotRule(t, "anaphylaxis",
		"My baby girl 5 month, she has cold 3 days, now she drink only half of her milk, her breathing is fast",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"I walk along the old railway path every morning, it helps my mood",
		"we've picked a date for the wedding and I'm planning how we'd do it on a budget",
		"ran into an old friend at the shops, I've got a headache and feel sick from the heat",
	)
	wantRule(t, "anaphylaxis",
		"gave my 8 month old cows milk for the first time and now his lips are swelling and he's struggling to breathe",
	)
}

// Emergencies told without the words the rules knew (H484): a forehead
// caught on a blood thinner, a child sick after colliding with something,
// drowsy after a knock, an older person unable to rise from the floor,
// someone on the tracks who will not move, a gun taken with "don't follow
// me", a sea wall with the tide up, a threat with the family locked away, an
// overdose told in learner's English, a gaping self-harm cut told as "a bad
// one", and a first shaking fit in a hot toddler.
func TestEmergenciesToldInOtherWordsAr(t *testing.T) {
	wantLevel(t, content.DispAE,
		"Grandpa is on warfarin and caught his forehead on the corner of the wardrobe, it bled a bit",
		"my 3 year old collided with the edge of the coffee table and has been sick three times since",
		"my 4 year old ran smack into the radiator at nursery and has thrown up twice since",
		"did a bad one on my thigh tonight, it's gaping and the edges pull apart",
	)
	wantEmergency(t,
		"took an elbow to the head at rugby, now asleep and when I wake him he opens his eyes then drifts straight back off",
	)
	wantLevel(t, content.Disp999,
		"I'm 84 and I'm writing from my kitchen floor, I fell three hours ago and I'm unable to rise",
		"there's a man lying on the tracks by the crossing and he won't move",
		"my dad took the rifle out of the cupboard and told us not to come after him",
		"my brother is standing on the end of the pier saying he's going in, the tide is high",
		"he's smashed the kitchen up and says he's going to finish us, we're hiding in the bedroom",
		"I am take 30 of my amitriptyline one hour ago, I feel strange",
		"my 18mo is shaking all over, never done it before, she's boiling hot",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"caught the sun on my forehead at the beach, it's peeling",
		"I walk my dog along the old railway path every morning",
		"we went fishing off the end of the pier, the tide was high, lovely day",
		"my husband has a shotgun licence for the farm, do I need to tell the GP",
		"my boss is going to finish me off with these shifts",
	)
}

// Look-alikes of the newly joined tuning batches (H485): a febrile fit told
// with the month it happened, a grape that came flying out an hour ago, a
// what-if about a battery ever swallowed, an overdose last year with the
// person well now, heartburn told as a burning behind the breastbone, and
// a gym "chest day"; their emergencies still reach 999 or A&E.
func TestLookalikesOfTheArAsBatches(t *testing.T) {
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"she had a febrile convulsion last December and has been fine since, is her follow up still on",
		"my little boy choked on a sweet earlier, it came flying out when he coughed and he's chatting away now",
		"what should I do if my baby ever swallows a button battery? just want to be prepared",
		"my sister took an overdose a few years ago and she's doing really well now, how do I support her",
		"burning feeling behind my breastbone after a curry, acid taste in my mouth",
		"did chest day yesterday and went heavy on the bench, sore when I press on it today",
	)
	wantEmergency(t,
		"he had a fit last year, now he is convulsing and won't stop, 6 minutes",
		"what do I do if he ever swallows one? he just swallowed a button battery",
		"my daughter swallowed two magnets this morning, what should I do if she ever does it again",
		"what should I do if a child ever swallows bleach, mine just drank some",
		"my friend took an overdose last year, tonight she has taken another 20 paracetamol",
		"crushing chest pain after chest day at the gym, sweating and feel sick",
		"my 2 year old pulled a cup of tea over, it's gone down her cheek and it's blistering",
		"my partner texted that he's walking into the sea and he's sorry, his phone is off",
	)
	wantLevel(t, content.DispCrisis,
		"I keep thinking about walking into the sea, I haven't told anyone, sorry for writing this here",
	)
}

// Mental-health emergencies of the at batches (H486): a cable tied to the
// banister and sat beside, the other side of a bridge's fence or a car
// park's barrier, empty packets sent with "sorry", the tracks while waiting
// for the next train, wading out and not turning back, a machete threatened
// from behind a barricade; thoughts of walking into the sea and not coming
// back stay the crisis line.
func TestMentalHealthEmergenciesOfTheAtBatches(t *testing.T) {
	wantLevel(t, content.Disp999,
		"I have tied a rope to the banister, I'm sat next to it now",
		"I'm on the footbridge over the motorway, I've climbed to the other side of the railings",
		"roof of the multi storey, other side of the barrier",
		"my mate sent a photo of empty tablet packets and said sorry, now she isn't answering",
		"he's sitting on the railway tracks saying he's waiting for the next train",
		"a woman is wading out into the river and won't turn back",
		"my neighbour has barricaded himself in with an axe and says he will use it on anyone who comes near",
	)
	wantLevel(t, content.DispCrisis,
		"some days I think about walking into the sea and not coming back",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"we tied the bunting to the banister ready for the party",
		"the other side of the fence from the car park is the football ground",
		"found empty packets of crisps all over his room, sorry for the rant",
	)
}

// The mhc11 study (H489): last arrangements made with a settled word,
// talking as if not around, a date decided, means researched or got, a
// burden worth more dead, joining the one who died, a plan kept secret, and
// paranoid beliefs about the neighbours with a plan to act each reach the
// crisis line (NHS, Help for suicidal thoughts; NHS, Psychosis). A move, good
// news, a project, camping, a shoot, grief and a gas smell do not.
func TestMhc11CrisesToldIndirectly(t *testing.T) {
	wantCrisisNotLookalikes(t, []string{
		"I've had enough of everything, I don't see the point getting up in the mornings",
		"left the dog with my dad and sold my camera. I've made my peace now",
		"sorted my will and paid off my loans. Gave the budgie to my sister. Just wanted someone to know",
		"my CBT keeps getting put back and I don't think I'll still be alive when they ring",
		"I've set a date and it's before they'll ever get to me on the list",
		"ive been googling which cliff is highest round here, I have let everyone down again",
		"bought a rope at the weekend, haven't used it yet",
		"my nephew has a cable tied in a loop hanging in his room",
		"it's not the foxes I've been thinking about with the shotgun lately",
		"I've kept back my diazepam for weeks and I want enough now",
		"the life insurance would pay the mortgage and honestly they'd manage fine without me",
		"my husband passed in May. Most nights I'd rather be with him",
		"my girlfriend has got a plan and she made me swear not to tell her mum",
		"my uncle says the people upstairs are pumping poison through the vents, he's going round to sort them out once and for all",
	}, []string{
		"sold my bike and rehomed the cat because we're emigrating, feel calmer now I've decided",
		"paid off my debts and sold my van, debt free at last, just wanted to tell someone",
		"looking at which bridge is tallest for a geography homework, feeling low about my grades",
		"bought some rope for the boat trailer, not doing anything with it tonight",
		"sat with the rifle every evening in the hide waiting for deer",
		"my mum died last year and I'd rather be with my kids than at her grave today",
		"she made me promise not to tell, she's got a plan for a surprise party",
		"I can smell gas through the vents in the flat, the alarm is going off",
	})
}

// The mhc11 emergencies (H490): on a harbour wall or a jetty now saying
// he is going in; a gun taken with the family told not to follow; smashing
// the home or locked in a room with the children while he says he is going
// to "finish" her; an overdose told with a count, a time and a sign now in
// second-language English (NHS, When to call 999). A swim, a shoot, a boss's
// idiom and a course counted so far are not 999.
func TestMhc11EmergenciesToldIndirectly(t *testing.T) {
	wantLevel(t, content.Disp999,
		"my brother is stood off the harbour wall, says he's going in and the tide is high",
		"dad grabbed the rifle out of the safe and told us not to follow him",
		"he's drunk and smashing the doors, shouting he's going to finish me",
		"I am take 30 of my pills 20 minutes ago, I feel drowsy now",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"at the jetty with my son, he says he's going in for a paddle",
		"took the shotgun out for clays, told me not to follow him round the course",
		"my manager says he's going to finish me if the report is late",
		"I have take 20 of my iron tablets so far this month, last one an hour ago, I feel faint now",
	)
}

// Everyday words beside the mhc11 signs stay below crisis (H489,
// H490): a decision named, a fall feared alone, going back to work, a
// loft cleared "and that'll be the end of it", an idiom of tiredness, a
// pharmacy's ready message, a stuck lock with a parent's idiom, deer
// stalking and a plan to run away.
func TestMhc11EverydayWordsAreNotACrisis(t *testing.T) {
	wantNotLevels(t, []string{content.DispCrisis, content.Disp999, content.DispAE},
		"sold my van and I feel calmer now I've decided to take the bus",
		"done my will, I'm 80 and on my own, I do wonder who will find me if I have a fall",
		"I've decided that's when I'm going back to the office, no point in a fit note after that",
		"I'll go up the loft at the weekend and bin the lot and that'll be the end of it",
		"had my sleeping tablet and I'm so tired I could go to sleep forever",
		"sorry for everything today, your pills are ready for collection",
		"I'm locked in the toilet at school, the lock's jammed, my dad says he's going to finish me for being late",
		"he took the rifle and said not to follow him, he's stalking deer on the hill",
	)
}

// Someone sat or lying on the railway line now who won't move, and someone
// at a bridge or the water after saying the family would be better off
// without him who is not picking up, are 999 (H490; NHS, When to call
// 999). Passengers on a stopped train and cattle on the line are not.
func TestMhc11OnTheLineOrAtABridgeNotPickingUp(t *testing.T) {
	wantLevel(t, content.Disp999,
		"an old man is sitting on the train tracks behind the estate and he won't budge",
		"she told me the kids would be better off without her, her location shows her on the viaduct and she's not picking up",
	)
	wantNotLevels(t, []string{content.Disp999, content.DispAE},
		"stuck on the train on the railway line near Preston, it's not moving and I'm late",
		"sheep are lying on the tracks by the farm and won't move",
	)
}

// A wish to sleep and not wake up, told with words of not wanting to be
// here, is the crisis line, not the unconscious rule's "someone who will not
// wake" (H491); someone gone to sleep and not waking is 999 whatever else is
// said ("I want an ambulance").
func TestWishNotToWakeIsNotUnconscious(t *testing.T) {
	wantLevel(t, content.DispCrisis,
		"wana go sleep n not wake up",
		"I want only to sleep and not wake up any more, every night I pray for it",
	)
	wantLevel(t, content.Disp999,
		"I want an ambulance, he went to sleep and is not waking",
		"she fell asleep on the sofa and we cant wake her",
		"my dad is unresponsive",
	)
}
