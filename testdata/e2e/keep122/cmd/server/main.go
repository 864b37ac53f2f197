// server: a go 1.22.0 module moving from Go 1.22 to Go 1.24.
package main

import (
	"net/http"
	"time"

	"example.com/keep122/pkg/certs"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	t := time.NewTimer(time.Second)
	t.Reset(time.Millisecond)
	<-t.C
	_, _ = certs.Load(nil, nil)
	_ = http.ListenAndServe(":8080", mux)
}
