// Copyright 2026 The Example Authors.
// SPDX-License-Identifier: Apache-2.0

//go:build linux

// Command server serves the example API.
package main

import "net/http"

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, "index.html")
	})
}
