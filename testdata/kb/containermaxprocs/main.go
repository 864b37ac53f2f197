package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.GOMAXPROCS(0)) // want containermaxprocs
	runtime.GOMAXPROCS(4)              // ok containermaxprocs
	n := runtime.NumCPU()
	runtime.GOMAXPROCS(n) // want containermaxprocs
}
