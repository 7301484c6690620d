package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// configDefaults lists every SIGNPOST_ variable of the config struct with
// its default as the code has it (the envDefault tag, else the type's zero).
func configDefaults(t reflect.Type, prefix string, out map[string]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		if p, ok := f.Tag.Lookup("envPrefix"); ok {
			configDefaults(f.Type, prefix+p, out)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("env"), ",")
		if name == "" {
			continue
		}
		def, ok := f.Tag.Lookup("envDefault")
		if !ok {
			switch f.Type.Kind() {
			case reflect.Bool:
				def = "false"
			case reflect.Int:
				def = "0"
			}
		}
		out[prefix+name] = def
	}
}

var (
	docRow  = regexp.MustCompile("^\\| *([^|]*SIGNPOST_[^|]*)\\|([^|]*)\\|")
	docVar  = regexp.MustCompile("`(SIGNPOST_[A-Z0-9_]+)`")
	docCode = regexp.MustCompile("^`([^`]*)`$")
	docHead = regexp.MustCompile(`^\| *variable *\| *default *\|`)
)

// Every default the README and the docs state in their "variable |
// default" tables is the code's, and the README documents every variable.
func TestDocumentedDefaultsMatchTheCode(t *testing.T) {
	code := map[string]string{}
	configDefaults(reflect.TypeFor[Config](), "SIGNPOST_", code)
	documented := map[string]bool{}
	docs, _ := filepath.Glob("../../docs/*.md")
	for _, doc := range append([]string{"../../README.md"}, docs...) {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		inTable := false // a table whose columns are "variable | default"
		for n, line := range strings.Split(string(b), "\n") {
			if docHead.MatchString(line) {
				inTable = true
			} else if !strings.HasPrefix(line, "|") {
				inTable = false
			}
			m := docRow.FindStringSubmatch(line)
			if !inTable || m == nil {
				continue
			}
			stated := strings.TrimSpace(m[2])
			for _, v := range docVar.FindAllStringSubmatch(m[1], -1) {
				name := v[1]
				want, ok := code[name]
				if !ok {
					t.Errorf("%s:%d: %s is not a setting", doc, n+1, name)
					continue
				}
				if doc == "../../README.md" {
					documented[name] = true
				}
				if c := docCode.FindStringSubmatch(stated); c != nil {
					if c[1] != want {
						t.Errorf("%s:%d: %s default stated as %q; the code's is %q", doc, n+1, name, c[1], want)
					}
				} else if !strings.HasPrefix(stated, "*(") {
					t.Errorf("%s:%d: %s: state the default as `%s` (or *(empty)*), not %q", doc, n+1, name, want, stated)
				} else if want != "" && want != "0" && want != "false" {
					t.Errorf("%s:%d: %s default stated as %s; the code's is %q", doc, n+1, name, stated, want)
				}
			}
		}
	}
	for name := range code {
		if !documented[name] {
			t.Errorf("README.md does not document %s", name)
		}
	}
}

// proseDefault finds a default stated in running text beside its variable:
// "`SIGNPOST_X` (30 s)", "(`SIGNPOST_X`, 30 s)" or "`SIGNPOST_X`, default
// 500" (a value in backquotes too).
var proseDefault = regexp.MustCompile("`(SIGNPOST_[A-Z0-9_]+)`(?:\\s+\\(|,\\s+(?:default\\s+)?)`?([0-9][0-9.,]*(?: ?(?:ms|s|m|h))?|[a-z]+:)`?[),;.\\s]")

// sameDefault reports whether a figure stated in the docs is the code's
// default, comparing durations as durations ("30 m" is "30m", "0.5 s" is
// "500ms") and numbers without their thousands separators.
func sameDefault(stated, code string) bool {
	stated = strings.NewReplacer(" ", "", ",", "").Replace(stated)
	if c, err := time.ParseDuration(code); err == nil {
		s, err := time.ParseDuration(stated)
		return err == nil && s == c
	}
	return stated == code
}

// Every default stated in the docs' running text beside its variable is the
// code's too (the tables are checked above).
func TestDefaultsStatedInProseMatchTheCode(t *testing.T) {
	code := map[string]string{}
	configDefaults(reflect.TypeFor[Config](), "SIGNPOST_", code)
	docs, _ := filepath.Glob("../../docs/*.md")
	found := 0
	for _, doc := range append([]string{"../../README.md"}, docs...) {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		// The whole file at once: a sentence may break its line between
		// the variable and its default.
		for _, i := range proseDefault.FindAllSubmatchIndex(b, -1) {
			name, stated := string(b[i[2]:i[3]]), string(b[i[4]:i[5]])
			line := 1 + bytes.Count(b[:i[0]], []byte("\n"))
			want, ok := code[name]
			if !ok {
				t.Errorf("%s:%d: %s is not a setting", doc, line, name)
				continue
			}
			found++
			if !sameDefault(stated, want) {
				t.Errorf("%s:%d: %s stated as %q; the code's default is %q", doc, line, name, stated, want)
			}
		}
	}
	t.Logf("%d defaults stated in the text", found)
	if found < 8 {
		t.Errorf("found only %d defaults in the docs' text; is the pattern still right?", found)
	}
}
