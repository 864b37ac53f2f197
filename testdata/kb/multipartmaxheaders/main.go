package main

import (
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
)

func h(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(1 << 20) // want multipartmaxheaders
}

func main() {
	mr := multipart.NewReader(strings.NewReader(""), "b")
	p, err := mr.NextPart() // want multipartmaxheaders
	fmt.Println(p, err)
	f, err := mr.ReadForm(1 << 20) // want multipartmaxheaders
	fmt.Println(f, err)
	mw := multipart.NewWriter(nil) // ok multipartmaxheaders
	_ = mw
	http.HandleFunc("/", h)
}
