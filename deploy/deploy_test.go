// Package deploy holds the deployment files; its tests render the
// Kubernetes manifests with kustomize's own library and load the compose
// file with the Compose specification's loader, so a broken manifest fails
// CI. It is a separate module so these tools never enter Signpost's binary.
package deploy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// render does what scripts/k8s-build.sh does: the overlay plus intents/ as
// the content ConfigMap.
func render(t *testing.T, overlay string) map[string]map[string]any {
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
	os.WriteFile(filepath.Join(dir, "kustomization.yaml"), append(k, gen...), 0o644)

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
	os.WriteFile("admin-tokens.txt", []byte("Test Editor:4d967a30111bf29f0eba01c448b375c1629b2fed01cdfcc3aed91f1b57d5dd5e\n"), 0o600)
	t.Cleanup(func() { os.Remove("admin-tokens.txt") })
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
	if _, err := p.GetService("redis"); err != nil {
		t.Error(err)
	}
}
