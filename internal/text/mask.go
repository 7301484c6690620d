package text

import "regexp"

// Mask replaces personal details in a message with placeholders before it
// leaves Signpost (to an LLM) or is kept for content review: email addresses,
// NHS numbers, phone numbers, UK postcodes, dates and names a person gives
// ("my name is ..."). It errs on the side of masking too much.
func Mask(s string) string {
	for _, m := range maskers {
		s = m.re.ReplaceAllString(s, m.with)
	}
	return s
}

type masker struct {
	re   *regexp.Regexp
	with string
}

var maskers = []masker{
	{regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`), "[EMAIL]"},
	// NHS number: 10 digits, often written 3-3-4.
	{regexp.MustCompile(`\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b`), "[NHS_NUMBER]"},
	// UK phone numbers: +44 or 0 followed by 9-10 digits with optional spaces.
	{regexp.MustCompile(`(?:\+44\s?|\b0)(?:\d[\s\-]?){9,10}\b`), "[PHONE]"},
	// UK postcodes, e.g. CH49 5PE, ch495pe.
	{regexp.MustCompile(`(?i)\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b`), "[POSTCODE]"},
	// Dates such as 12/03/1950 or 12-3-50.
	{regexp.MustCompile(`\b\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2,4}\b`), "[DATE]"},
	// Names introduced by the person.
	{regexp.MustCompile(`(?i)\b(my name is|my name's|i am called|i'm called|im called|this is|name:)\s+[A-Za-z][A-Za-z'\-]+(\s+[A-Z][A-Za-z'\-]+)?`), "$1 [NAME]"},
	// Titles followed by a name.
	{regexp.MustCompile(`\b(Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z][A-Za-z'\-]+`), "$1 [NAME]"},
}
