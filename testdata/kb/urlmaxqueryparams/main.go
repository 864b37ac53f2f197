package main

import (
	"fmt"
	"net/http"
	"net/url"
)

func h(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()                   // want urlmaxqueryparams
	fmt.Fprintln(w, r.FormValue("q"))   // want urlmaxqueryparams
	fmt.Fprintln(w, r.URL.Query().Get("a")) // want urlmaxqueryparams
	fmt.Fprintln(w, r.URL.RawQuery)     // ok urlmaxqueryparams
}

func main() {
	v, _ := url.ParseQuery("a=1&b=2") // want urlmaxqueryparams
	fmt.Println(v.Encode())           // ok urlmaxqueryparams
	http.HandleFunc("/", h)
}
