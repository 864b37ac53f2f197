package main

import (
	"fmt"
	"math/rand"
)

func main() {
	rand.Seed(42) // want randseednop
	r := rand.New(rand.NewSource(42))
	r.Seed(7)               // ok randseednop
	fmt.Println(r.Intn(10)) // ok randseednop
}
