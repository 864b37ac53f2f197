package main

import (
	"net/http"
	"os"
	"strings"
	"time"
)

func h(w http.ResponseWriter, r *http.Request) {
	http.ServeContent(w, r, "a.txt", time.Time{}, strings.NewReader("abc")) // want httpservecontentmaxranges
	http.ServeFile(w, r, "a.txt")                                            // want httpservecontentmaxranges
}

func main() {
	http.Handle("/s/", http.FileServer(http.Dir(".")))     // want httpservecontentmaxranges
	http.Handle("/f/", http.FileServerFS(os.DirFS(".")))   // want httpservecontentmaxranges
	http.Handle("/r/", http.RedirectHandler("/s/", 302))   // ok httpservecontentmaxranges
	http.HandleFunc("/", h)
}
