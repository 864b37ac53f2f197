/*
Copyright 2026 The Example Authors.
*/

package main

import "example.com/lib"

func main() { lib.Run() }
