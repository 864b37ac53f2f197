package main

import (
	"fmt"
	"net/url"
)

type parser struct{}

func (parser) Parse(s string) string { return s }

func main() {
	u, err := url.Parse("http://localhost:1:2/") // want urlstrictcolons
	fmt.Println(u, err)
	u2, _ := url.Parse("https://example.com:8443/x") // ok urlstrictcolons
	fmt.Println(u2)
	raw := fmt.Sprint("http://", "h")
	u3, _ := url.ParseRequestURI(raw) // want urlstrictcolons
	fmt.Println(u3)
	url := parser{}
	fmt.Println(url.Parse("http://a:1:2/")) // ok urlstrictcolons
}
