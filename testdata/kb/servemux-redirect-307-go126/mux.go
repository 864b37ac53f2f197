// Package mux exercises ServeMux redirects (trailing slash, cleaned paths), 307 instead of 301 since Go 1.26.
package mux

import "net/http"

func routes(h http.Handler) *http.ServeMux {
	m := http.NewServeMux() // want servemux-redirect-307-go126
	m.Handle("/static/", h)
	return m
}

func literal() *http.ServeMux {
	return &http.ServeMux{} // want servemux-redirect-307-go126
}

func defaultMux(h http.Handler) {
	http.Handle("/api/", h)                                                      // want servemux-redirect-307-go126
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {}) // want servemux-redirect-307-go126
}

// A redirect the code asks for keeps its own status.
func explicit(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/new", http.StatusMovedPermanently) // ok servemux-redirect-307-go126
}
