package main

import (
	"fmt"
	"math/rand"
)

func main() {
	fmt.Println(rand.Intn(10), rand.Int())  // want randautoseed
	fmt.Println(rand.Float64())             // want randautoseed
	fmt.Println(rand.Perm(3))               // want randautoseed
	rand.Shuffle(3, func(i, j int) {})      // want randautoseed
	_ = rand.Int63()                        // want randautoseed
	r := rand.New(rand.NewSource(1))
	fmt.Println(r.Intn(10)) // ok randautoseed
}
