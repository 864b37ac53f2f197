//go:build ignore

package main

import "os/exec"

func main() { exec.LookPath("y") }
