package safety

// SuiteYAML is the embedded suite file, for tests that edit a copy.
func SuiteYAML() []byte { return suiteYAML }
