package main

import (
	"path/filepath"
	"strconv"
	"testing"
)

// The fixture covers aliased and dot imports, method values and expressions, promotion through
// embedding, field reads/writes/keys, composite literals, a vendored package returning std types,
// other-platform and ignore-tagged files and an external test package.
func TestFixtureUses(t *testing.T) {
	want := []string{
		"a/a.go:15:6 crypto/tls.Config ref",
		"a/a.go:19:14 net.ParseIP call",
		"a/a.go:20:15 net.ParseIP ref",
		"a/a.go:22:11 crypto/x509.Certificate.Verify call",
		"a/a.go:22:23 crypto/x509.VerifyOptions composite",
		"a/a.go:23:9 crypto/x509.Certificate.Verify ref",
		"a/a.go:25:26 crypto/x509.Certificate.Verify ref",
		"a/a.go:26:4 crypto/tls.Config.MinVersion field",
		"a/a.go:27:15 crypto/tls.Config.MinVersion field",
		"a/a.go:28:14 crypto/tls.Config composite",
		"a/a.go:28:21 crypto/tls.Config.MinVersion field",
		"a/a.go:29:12 crypto/tls.Config ref",
		"a/a.go:31:12 crypto/tls.Config ref",
		"a/a.go:31:20 crypto/tls.Config.MinVersion field",
		"a/a.go:32:9 os/exec.LookPath call",
		"a/a.go:33:6 os/exec.ErrDot ref",
		"a/a.go:34:22 net/http.Server.TLSConfig field",
		"a/a.go:35:6 net/http.Server.TLSConfig field",
		"a/a.go:35:16 crypto/tls.Config.MinVersion field",
		"a/a.go:37:4 crypto/tls.Config.MinVersion field",
		"a/a.go:38:17 crypto/x509.Certificate.Verify ref",
		"a/a_test.go:5:16 net.ParseCIDR call",
		"a/a_windows.go:5:16 net.ParseIP call",
		"a/gen.go:7:20 os/exec.LookPath call",
		"vendor/example.com/lib/lib.go:8:17 crypto/tls.Config ref",
	}
	targets, err := readTargets(filepath.Join("testdata", "targets.json"))
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs(filepath.Join("testdata", "tree"))
	files, err := walk(root, true)
	if err != nil {
		t.Fatal(err)
	}
	o := newOracle(targets)
	o.imp = newTreeImporter(root, nil, o.std, o)
	uses, unresolved, _ := o.run(files, 2)
	var got []string
	for _, u := range uses {
		got = append(got, u.File+":"+strconv.Itoa(u.Line)+":"+strconv.Itoa(u.Column)+" "+u.Package+"."+u.Symbol+" "+u.Kind)
	}
	if len(got) != len(want) {
		t.Errorf("got %d uses, want %d:\n%v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("use %d: got %s, want %s", i, got[i], want[i])
		}
	}
	if len(unresolved) != 0 {
		t.Errorf("unresolved selectors with the vendored package resolved: %v", unresolved)
	}
	for _, u := range uses {
		if u.Test != (u.File == "a/a_test.go") || u.Vendor != (u.File == "vendor/example.com/lib/lib.go") {
			t.Errorf("%s: test=%v vendor=%v", u.File, u.Test, u.Vendor)
		}
	}
}
