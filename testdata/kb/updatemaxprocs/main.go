package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.GOMAXPROCS(0)) // want updatemaxprocs
	runtime.GOMAXPROCS(8)              // ok updatemaxprocs
}
