// Package controlplane wires the API server.
package controlplane

import (
	"crypto/tls"
	"net/http"

	"k8s.example/apimachinery/pkg/util/wait"
	"k8s.example/client-go/transport"
	"k8s.example/kubernetes/pkg/util/ipvalidation"
	"k8s.example/kubernetes/pkg/webhook"
)

// Run starts serving and returns an exit code.
func Run(args []string) int {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.HandleFunc("/apis/{group}/{version}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.PathValue("group")))
	})
	srv := &http.Server{
		Addr:      ":6443",
		Handler:   mux,
		TLSConfig: &tls.Config{NextProtos: []string{"h2", "http/1.1"}},
	}
	for _, a := range args {
		if !ipvalidation.IsValidIP(a) {
			return 2
		}
	}
	_ = webhook.NewVerifier(nil)
	_ = transport.New()
	wait.Until(func() {}, 0, make(chan struct{}))
	if len(args) == 0 {
		return 0
	}
	if err := srv.ListenAndServeTLS("", ""); err != nil {
		return 1
	}
	return 0
}
