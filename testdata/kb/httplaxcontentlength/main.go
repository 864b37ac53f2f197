package main

import (
	"bufio"
	"fmt"
	"net/http"
	"strings"
)

func main() {
	br := bufio.NewReader(strings.NewReader("GET / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n"))
	req, err := http.ReadRequest(br) // want httplaxcontentlength
	fmt.Println(req, err)
	resp, err := http.ReadResponse(br, nil) // want httplaxcontentlength
	fmt.Println(resp, err)
	_, _ = http.NewRequest("GET", "http://x/", nil) // ok httplaxcontentlength
}
