// Copyright 2026 The Example Authors.
// SPDX-License-Identifier: Apache-2.0

//go:build linux

// Command server serves the example API.
package main

import "fmt"

func main() {
	fmt.Println("server")
}
