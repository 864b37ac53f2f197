package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	t, _ := os.Readlink(`C:\link`) // want winreadlinkvolume
	p, _ := filepath.EvalSymlinks(`C:\mnt`) // want winreadlinkvolume
	fmt.Println(t, p, filepath.Clean(`C:\a`)) // ok winreadlinkvolume
}
