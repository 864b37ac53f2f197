package main

import (
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
)

func h(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(1 << 20)    // want multipartmaxparts
	_, _, err := r.FormFile("upload")    // want multipartmaxparts
	fmt.Fprintln(w, err, r.Header.Get("Content-Type")) // ok multipartmaxparts
}

func main() {
	mr := multipart.NewReader(strings.NewReader(""), "b")
	f, err := mr.ReadForm(1 << 20) // want multipartmaxparts
	fmt.Println(f, err)
	http.HandleFunc("/", h)
}
