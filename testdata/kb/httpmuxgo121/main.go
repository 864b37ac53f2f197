package main

import (
	"net/http"
)

func h(w http.ResponseWriter, r *http.Request) {}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", h)            // want httpmuxgo121
	mux.Handle("/files/{path...}", http.HandlerFunc(h)) // want httpmuxgo121
	mux.HandleFunc("/healthz", h)                   // ok httpmuxgo121
	http.HandleFunc("POST /login", h)               // want httpmuxgo121
	http.Handle("/static/", http.HandlerFunc(h))    // ok httpmuxgo121
	pattern := "/" + "dyn"
	mux.HandleFunc(pattern, h) // want httpmuxgo121
	_ = http.ListenAndServe(":0", mux)
}
