package text

import "testing"

func TestMaskHidesPersonalDetails(t *testing.T) {
	cases := []struct{ in, want string }{
		{"my email is jo.bloggs@example.com thanks", "my email is [EMAIL] thanks"},
		{"NHS number 943 476 5919 please", "NHS number [NHS_NUMBER] please"},
		{"ring me on 07700 900123", "ring me on [PHONE]"},
		{"call +44 7700 900123", "call [PHONE]"},
		{"I live at CH49 5PE", "I live at [POSTCODE]"},
		{"born 12/03/1950", "born [DATE]"},
		{"Hi my name is Sarah Jones and I feel ill", "Hi my name is [NAME] and I feel ill"},
		{"seen by Dr Patel yesterday", "seen by Dr [NAME] yesterday"},
		{"my chest hurts and I am 54", "my chest hurts and I am 54"},
		{"temp 38.5 for 2 days", "temp 38.5 for 2 days"},
	}
	for _, c := range cases {
		if got := Mask(c.in); got != c.want {
			t.Errorf("Mask(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
