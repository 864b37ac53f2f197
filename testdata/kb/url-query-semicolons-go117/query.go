// Package semicolons exercises query parsing after Go 1.17 stops splitting on ";".
package semicolons

import (
	"net/http"
	"net/url"
	neturl "net/url"
)

func constants() {
	_, _ = url.ParseQuery("a=1;b=2&c=3")   // want url-query-semicolons-go117
	_, _ = neturl.ParseQuery("x=1;y=2")    // want url-query-semicolons-go117
	_, _ = url.ParseQuery("a=1&b=2")       // ok url-query-semicolons-go117
	_, _ = url.ParseQuery("a=1%3Bb=2&c=3") // ok url-query-semicolons-go117
}

func fromInput(raw string) (url.Values, error) {
	return url.ParseQuery(raw) // want url-query-semicolons-go117
}

func query(u *url.URL) string {
	return u.Query().Get("q") // want url-query-semicolons-go117
}

func handler(w http.ResponseWriter, r *http.Request) {
	_ = r.FormValue("q")              // want url-query-semicolons-go117
	_ = r.PostFormValue("q")          // want url-query-semicolons-go117
	_ = r.ParseForm()                 // want url-query-semicolons-go117
	_ = r.ParseMultipartForm(1 << 20) // want url-query-semicolons-go117
	_ = r.URL.Query()                 // want url-query-semicolons-go117
	_ = r.URL.RawQuery                // ok url-query-semicolons-go117
	_ = r.Header.Get("X")             // ok url-query-semicolons-go117
}

// Values built in code are not parsed: nothing changes.
func build() string {
	v := url.Values{}
	v.Set("a", "1;2")
	return v.Encode() // ok url-query-semicolons-go117
}
