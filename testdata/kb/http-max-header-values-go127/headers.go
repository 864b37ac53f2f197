// Package headers exercises HTTP servers, which since Go 1.27 reject requests with more than
// DefaultMaxHeaderValueCount (500) header values unless Server.MaxHeaderValueCount says otherwise.
package headers

import "net/http"

func server(h http.Handler) *http.Server {
	return &http.Server{Addr: ":8080", Handler: h} // want http-max-header-values-go127
}

func serve(h http.Handler) error {
	return http.ListenAndServe(":8080", h) // want http-max-header-values-go127
}

func explicitLimit(h http.Handler) *http.Server {
	return &http.Server{Handler: h, MaxHeaderValueCount: 10000} // ok http-max-header-values-go127
}

func explicitLater(h http.Handler) error {
	s := &http.Server{Handler: h} // ok http-max-header-values-go127
	s.MaxHeaderValueCount = 2000
	return s.ListenAndServe() // ok http-max-header-values-go127
}

// Clients are not limited by this setting.
func client() (*http.Response, error) {
	return http.Get("http://example.com/") // ok http-max-header-values-go127
}
