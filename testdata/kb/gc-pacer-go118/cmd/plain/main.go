// Command plain leaves GOGC alone: the Go 1.18 pacer changes its memory use.
package main // binary not-preservable gc-pacer-go118

func main() {
	serve()
}

func serve() {}
