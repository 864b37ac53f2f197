package main

import (
	"fmt"
	"net/http"
)

func handler(w http.ResponseWriter, r *http.Request) {
	for _, c := range r.Cookies() { // want httpcookiemaxnum
		fmt.Fprintln(w, c.Name)
	}
	if c, err := r.Cookie("session"); err == nil { // want httpcookiemaxnum
		fmt.Fprintln(w, c.Value)
	}
	_ = r.CookiesNamed("a")                 // want httpcookiemaxnum
	cs, _ := http.ParseCookie("a=1; b=2")   // want httpcookiemaxnum
	fmt.Println(len(cs), r.Header.Get("Cookie")) // ok httpcookiemaxnum
}

func client(resp *http.Response) int {
	return len(resp.Cookies()) // want httpcookiemaxnum
}

func main() {
	http.HandleFunc("/", handler)
	_ = client
}
