package main

import (
	"net/http"
	"os"
	"strings"
	"time"
)

func h(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Encoding", "gzip")
	http.ServeContent(w, r, "a.txt", time.Time{}, strings.NewReader("x")) // want httpservecontentkeepheaders
	http.ServeFile(w, r, "a.txt")                                          // want httpservecontentkeepheaders
	http.ServeFileFS(w, r, os.DirFS("."), "a.txt")                         // want httpservecontentkeepheaders
	http.Error(w, "no", http.StatusNotFound)                               // ok httpservecontentkeepheaders
}

func main() { http.HandleFunc("/", h) }
