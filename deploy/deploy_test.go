// Package deploy holds the deployment files; its tests render the
// Kubernetes manifests with kustomize's own library and load the compose
// file with the Compose specification's loader, so a broken manifest fails
// CI. It is a separate module so these tools never enter Signpost's binary.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// render does what scripts/k8s-build.sh does: the overlay plus intents/ as
// the content ConfigMap.
func render(t *testing.T, overlay string) map[string]map[string]any {
	t.Helper()
	return renderWith(t, overlay, "")
}

// renderWith is render with extra added to the overlay's kustomization.yaml,
// as a trust would edit its copy.
func renderWith(t *testing.T, overlay, extra string) map[string]map[string]any {
	t.Helper()
	tmp := t.TempDir()
	copyDir(t, "k8s", filepath.Join(tmp, "k8s"))
	dir := filepath.Join(tmp, "k8s", "overlays", overlay)
	files, _ := filepath.Glob("../intents/*.yaml")
	if len(files) == 0 {
		t.Fatal("no content in ../intents")
	}
	gen := "configMapGenerator:\n  - name: signpost-content\n    options: {disableNameSuffixHash: true}\n    files:\n"
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, "content", filepath.Base(f)), b, 0o644)
		gen += "      - content/" + filepath.Base(f) + "\n"
	}
	k, _ := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	os.WriteFile(filepath.Join(dir, "kustomization.yaml"), append(k, extra+gen...), 0o644)

	m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", overlay, err)
	}
	out := map[string]map[string]any{}
	for _, r := range m.Resources() {
		obj, err := r.Map()
		if err != nil {
			t.Fatal(err)
		}
		out[r.GetKind()+"/"+r.GetName()] = obj
	}
	return out
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func get(obj any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := obj.(map[string]any)
			if !ok {
				return nil
			}
			obj = m[k]
		case int:
			s, ok := obj.([]any)
			if !ok || k >= len(s) {
				return nil
			}
			obj = s[k]
		}
	}
	return obj
}

func TestExampleOverlayRenders(t *testing.T) {
	res := render(t, "example")
	for _, want := range []string{"Deployment/signpost", "Service/signpost", "PodDisruptionBudget/signpost",
		"HorizontalPodAutoscaler/signpost", "ConfigMap/signpost-content", "Deployment/signpost-discord-shard-0"} {
		if res[want] == nil {
			t.Errorf("rendered manifests lack %s", want)
		}
	}
	dep := res["Deployment/signpost"]
	c := get(dep, "spec", "template", "spec", "containers", 0)
	for _, probe := range []string{"readinessProbe", "livenessProbe"} {
		if get(c, probe, "httpGet", "path") == nil {
			t.Errorf("container has no %s", probe)
		}
	}
	if get(c, "resources", "requests", "cpu") == nil || get(c, "resources", "limits", "memory") == nil {
		t.Error("container has no resource requests and limits")
	}
	if get(c, "securityContext", "readOnlyRootFilesystem") != true || get(dep, "spec", "template", "spec", "securityContext", "runAsNonRoot") != true {
		t.Error("container must run as non-root on a read-only root file system")
	}
	if img, _ := get(c, "image").(string); !strings.HasPrefix(img, "registry.example.nhs.uk/signpost:") {
		t.Errorf("overlay image not applied: %v", img)
	}
	env := map[string]any{}
	for _, e := range get(c, "env").([]any) {
		env[get(e, "name").(string)] = e
	}
	if get(env["SIGNPOST_REDIS_URL"], "valueFrom", "secretKeyRef", "name") != "signpost-redis" {
		t.Error("the Redis URL must come from a secret by reference")
	}
	if env["SIGNPOST_WIDGET_ORIGINS"] == nil {
		t.Error("overlay did not add the widget origins")
	}
	if get(res["Deployment/signpost-discord-shard-0"], "spec", "replicas") != 1 {
		t.Error("the Discord gateway must run in exactly one replica per shard")
	}
	data, _ := get(res["ConfigMap/signpost-content"], "data").(map[string]any)
	files, _ := filepath.Glob("../intents/*.yaml")
	if len(data) != len(files) {
		t.Errorf("content ConfigMap has %d files, intents/ has %d", len(data), len(files))
	}
	if get(res["PodDisruptionBudget/signpost"], "spec", "selector", "matchLabels", "app.kubernetes.io/name") != "signpost" {
		t.Error("PDB does not select the pods")
	}
}

func TestComposeFileIsValid(t *testing.T) {
	// The docs tell operators to create this file: never remove theirs.
	if _, err := os.Stat("admin-tokens.txt"); errors.Is(err, fs.ErrNotExist) {
		os.WriteFile("admin-tokens.txt", []byte("Test Editor:4d967a30111bf29f0eba01c448b375c1629b2fed01cdfcc3aed91f1b57d5dd5e\n"), 0o600)
		t.Cleanup(func() { os.Remove("admin-tokens.txt") })
	}
	opts, err := cli.NewProjectOptions([]string{"compose.yaml"}, cli.WithOsEnv, cli.WithName("signpost"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose.yaml does not load: %v", err)
	}
	sp, err := p.GetService("signpost")
	if err != nil {
		t.Fatal(err)
	}
	if sp.Environment["SIGNPOST_REDIS_URL"] == nil || *sp.Environment["SIGNPOST_REDIS_URL"] != "redis://redis:6379/0" {
		t.Error("signpost must use the compose Redis")
	}
	if len(sp.Volumes) == 0 || !strings.HasSuffix(sp.Volumes[0].Source, "intents") || sp.Volumes[0].Target != "/content" {
		t.Errorf("content must be mounted from intents/: %+v", sp.Volumes)
	}
	if !sp.ReadOnly {
		t.Error("the container's root file system must be read-only")
	}
	if sp.HealthCheck == nil || strings.Join(sp.HealthCheck.Test, " ") != "CMD /signpost healthcheck" {
		t.Errorf("signpost's health check must be `signpost healthcheck`: %+v", sp.HealthCheck)
	}
	rd, err := p.GetService("redis")
	if err != nil {
		t.Fatal(err)
	}
	cmd := strings.Join(rd.Command, " ")
	for _, want := range []string{"--appendonly yes", "--appendfsync everysec", "--maxmemory-policy volatile-lru"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("redis must run with %s (the admin state has no expiry and must survive a restart): %s", want, cmd)
		}
	}
	if len(rd.Volumes) == 0 || rd.Volumes[0].Type != "volume" || rd.Volumes[0].Target != "/data" || p.Volumes[rd.Volumes[0].Source].Name == "" {
		t.Errorf("redis must keep /data on a named volume: %+v", rd.Volumes)
	}
}

// The Namespace, the NetworkPolicies, the Ingress, the ServiceMonitor, the
// drain and the Discord gateway's hardening, as docs/operations.md
// describes them.
func TestExampleOverlayHardening(t *testing.T) {
	res := render(t, "example")
	for key, obj := range res {
		if strings.HasPrefix(key, "Namespace/") {
			continue
		}
		if ns := get(obj, "metadata", "namespace"); ns != "signpost" {
			t.Errorf("%s is in namespace %v, want signpost", key, ns)
		}
	}
	if get(res["Namespace/signpost"], "metadata", "labels", "pod-security.kubernetes.io/enforce") != "restricted" {
		t.Error("no restricted Namespace signpost")
	}

	np := res["NetworkPolicy/signpost"]
	if np == nil {
		t.Fatal("no NetworkPolicy for the web pods")
	}
	if get(np, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name") != "signpost" {
		t.Error("the NetworkPolicy does not select the web pods")
	}
	from := get(np, "spec", "ingress", 0, "from", 0, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")
	if from != "ingress-nginx" || get(np, "spec", "ingress", 0, "ports", 0, "port") != 8080 {
		t.Errorf("only the ingress controller may reach the API: %v", get(np, "spec", "ingress"))
	}
	for i, rule := range get(np, "spec", "egress").([]any) {
		if get(rule, "to", 0, "podSelector") != nil {
			t.Errorf("egress rule %d has a podSelector, which kustomize's labels would change", i)
		}
	}
	if fmt.Sprint(get(np, "spec", "egress")) == "" || !strings.Contains(fmt.Sprint(get(np, "spec", "egress")), "53") || !strings.Contains(fmt.Sprint(get(np, "spec", "egress")), "6379") {
		t.Error("the web pods must reach DNS and Redis")
	}
	if strings.Contains(fmt.Sprint(get(np, "spec", "egress")), "443") {
		t.Error("without SIGNPOST_LLM_* the web pods need no HTTPS egress")
	}

	ing := res["Ingress/signpost"]
	if get(ing, "spec", "tls", 0, "secretName") == nil || get(ing, "metadata", "annotations", "nginx.ingress.kubernetes.io/force-ssl-redirect") != "true" {
		t.Error("the Ingress must serve TLS only")
	}
	b, _ := os.ReadFile("k8s/overlays/example/ingress.yaml")
	if !strings.Contains(string(b), "hsts-max-age") {
		t.Error("the example Ingress must say how HSTS is set")
	}

	sm := res["ServiceMonitor/signpost"]
	port := get(sm, "spec", "endpoints", 0, "port")
	found := false
	for _, p := range get(res["Service/signpost"], "spec", "ports").([]any) {
		found = found || get(p, "name") == port
	}
	if !found {
		t.Errorf("the ServiceMonitor scrapes port %v, which the Service does not have", port)
	}

	// The drain: preStop sleep + SIGNPOST_SHUTDOWN_DELAY + SIGNPOST_SHUTDOWN_TIMEOUT
	// fit in the grace period.
	dep := res["Deployment/signpost"]
	c := get(dep, "spec", "template", "spec", "containers", 0)
	sleep, _ := get(c, "lifecycle", "preStop", "sleep", "seconds").(int)
	env := map[string]string{}
	for _, e := range get(c, "env").([]any) {
		if v, ok := get(e, "value").(string); ok {
			env[get(e, "name").(string)] = v
		}
	}
	delay, err1 := time.ParseDuration(env["SIGNPOST_SHUTDOWN_DELAY"])
	timeout, err2 := time.ParseDuration(env["SIGNPOST_SHUTDOWN_TIMEOUT"])
	grace, _ := get(dep, "spec", "template", "spec", "terminationGracePeriodSeconds").(int)
	if sleep == 0 || err1 != nil || err2 != nil || delay == 0 {
		t.Errorf("the Deployment must set a preStop sleep and the drain's delay and timeout: %d %v %v", sleep, err1, err2)
	}
	if total := time.Duration(sleep)*time.Second + delay + timeout; total > time.Duration(grace)*time.Second {
		t.Errorf("a stop takes up to %v, longer than the %ds grace period", total, grace)
	}

	dis := res["Deployment/signpost-discord-shard-0"]
	if a, b := fmt.Sprint(get(dis, "spec", "template", "spec", "securityContext")), fmt.Sprint(get(dep, "spec", "template", "spec", "securityContext")); a != b {
		t.Errorf("the Discord pod's securityContext %s differs from the web pod's %s", a, b)
	}
	dc := get(dis, "spec", "template", "spec", "containers", 0)
	if a, b := fmt.Sprint(get(dc, "securityContext")), fmt.Sprint(get(c, "securityContext")); a != b {
		t.Errorf("the Discord container's securityContext %s differs from the web container's %s", a, b)
	}
	if get(dc, "startupProbe", "httpGet", "path") == nil {
		t.Error("the Discord Deployment has no startup probe")
	}
	if res["NetworkPolicy/signpost-discord"] == nil {
		t.Error("no NetworkPolicy for the Discord gateway")
	}
}

// Every documented kubectl command names the namespace.
func TestKubectlCommandsNameTheNamespace(t *testing.T) {
	files, _ := filepath.Glob("../docs/*.md")
	files = append(files, "../README.md")
	_ = filepath.Walk("k8s", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".yaml") {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			i := strings.Index(line, "kubectl ")
			if i < 0 || strings.Contains(line, "kubectl kustomize") {
				continue
			}
			cmd := line[i:]
			if !strings.Contains(cmd, "-n signpost") && !strings.Contains(cmd, "--namespace signpost") && !strings.Contains(cmd, "-f namespace.yaml") {
				t.Errorf("%s:%d: kubectl without -n signpost: %s", f, n+1, strings.TrimSpace(cmd))
			}
		}
	}
}

// The Docker build context holds no history or secrets, and the image
// checks its own health.
func TestDockerfileAndIgnore(t *testing.T) {
	ig, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	// The docs have operators create admin-tokens.txt, discord-token.txt
	// and a TLS key where they run the commands, often the project root.
	for _, want := range []string{".git", "**/*-token.txt", "**/*-tokens.txt", "**/*.key"} {
		if !strings.Contains(string(ig), want+"\n") {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
	df, _ := os.ReadFile("../Dockerfile")
	if !strings.Contains(string(df), `HEALTHCHECK`) || !strings.Contains(string(df), `"/signpost", "healthcheck"`) {
		t.Error("the Dockerfile's HEALTHCHECK must run `signpost healthcheck`")
	}
	if !strings.Contains(string(df), "-X main.version=${VERSION}") {
		t.Error("the Dockerfile must stamp the version")
	}
}

// docSection returns the text of the docs/operations.md section headed
// heading, up to the next heading of level two or more (a shell comment in
// a code block is not one).
func docSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile("../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("docs/operations.md has no section %q", heading)
	}
	if loc := docHeading.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	return rest
}

// docs/operations.md says what a Redis for Signpost must keep and why, what
// happens when it loses the admin state anyway, and that the log is the
// audit trail of record; every test it names for this exists.
func TestOperationsSaysWhatRedisMustKeep(t *testing.T) {
	sections := map[string][]string{
		"### What Redis must keep": {"no expiry", "which entrance is open", "`appendonly yes`", "`appendfsync everysec`",
			"`noeviction`", "`volatile-lru`", "`allkeys-*`"},
		"### When Redis loses the admin state anyway": {"compare-and-set on the version", "restored after the store lost it",
			"agree on one result", "No published notice found in the store"},
		"### The admin audit trail of record": {"one structured log line at INFO", "`editor`", "`action`", "`intent`",
			"`version`", "`before`", "`after`", "audit trail of record", "admin page's view"},
		"### One host: Docker Compose": {"`appendonly yes`", "`appendfsync everysec`", "volume `redis-data`"},
	}
	var tests strings.Builder
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, "_test.go") {
			b, _ := os.ReadFile(p)
			tests.Write(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for heading, wants := range sections {
		sec := docSection(t, heading)
		for _, w := range wants {
			if !strings.Contains(sec, w) {
				t.Errorf("docs/operations.md %q does not say %q", heading, w)
			}
		}
		for _, name := range testName.FindAllString(sec, -1) {
			if !strings.Contains(tests.String(), "func "+name+"(") {
				t.Errorf("docs/operations.md %q names %s, which is no test", heading, name)
			}
		}
	}
}

var (
	docHeading = regexp.MustCompile(`(?m)^##+ `)
	testName   = regexp.MustCompile(`\bTest[A-Z][A-Za-z0-9]*`)
)

// With the LLM fallback on, the llm-egress component lets every Signpost
// pod that answers messages (web and Discord) reach the endpoint, and only
// then: without it neither the web pods nor the Discord pod may reach the
// endpoint's addresses.
func TestLLMEgressOnlyWhenConfigured(t *testing.T) {
	allows := func(res map[string]map[string]any, pod map[string]any, cidr string) bool {
		labels, _ := get(pod, "spec", "template", "metadata", "labels").(map[string]any)
		for key, np := range res {
			if !strings.HasPrefix(key, "NetworkPolicy/") {
				continue
			}
			sel, _ := get(np, "spec", "podSelector", "matchLabels").(map[string]any)
			match := len(sel) > 0
			for k, v := range sel {
				match = match && labels[k] == v
			}
			if match && strings.Contains(fmt.Sprint(get(np, "spec", "egress")), "cidr:"+cidr) {
				return true
			}
		}
		return false
	}
	const llm = "10.20.30.0/24" // the component's example range
	off := render(t, "example")
	on := renderWith(t, "example", "components:\n  - ../../components/llm-egress\n")
	if on["NetworkPolicy/signpost-llm-egress"] == nil {
		t.Fatal("the llm-egress component adds no NetworkPolicy")
	}
	if fmt.Sprint(get(on["NetworkPolicy/signpost-llm-egress"], "spec", "egress", 0, "ports", 0, "port")) != "443" {
		t.Error("the LLM egress is not HTTPS")
	}
	for _, d := range []string{"Deployment/signpost", "Deployment/signpost-discord-shard-0"} {
		if allows(off, off[d], llm) {
			t.Errorf("%s may reach the LLM endpoint without the component", d)
		}
		if !allows(on, on[d], llm) {
			t.Errorf("%s may not reach the LLM endpoint with the component", d)
		}
	}
}

// The token file the docs tell operators to create is never in git, and
// the compose test leaves an operator's own file as it found it.
func TestOperatorsTokenFileIsKeptAndIgnored(t *testing.T) {
	gi, err := os.ReadFile("../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"/deploy/admin-tokens.txt", "/deploy/admin-token.txt"} {
		if !strings.Contains(string(gi), f+"\n") {
			t.Errorf(".gitignore does not list %s", f)
		}
	}
	const mine = "Operator:0000000000000000000000000000000000000000000000000000000000000000\n"
	before, err := os.ReadFile("admin-tokens.txt")
	if errors.Is(err, fs.ErrNotExist) {
		// Stand in for the operator's file, and take it away afterwards.
		if err := os.WriteFile("admin-tokens.txt", []byte(mine), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove("admin-tokens.txt") })
		before = []byte(mine)
	}
	t.Run("compose", TestComposeFileIsValid)
	after, err := os.ReadFile("admin-tokens.txt")
	if err != nil || string(after) != string(before) {
		t.Errorf("the compose test removed or changed the operator's admin-tokens.txt: %q %v", after, err)
	}
}
