package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	fi, _ := os.Lstat(`C:\mnt`) // want winsymlink
	fmt.Println(fi.Mode()&os.ModeSymlink != 0)
	st, _ := os.Stat(`C:\mnt`) // want winsymlink
	fmt.Println(st)
	p, _ := filepath.EvalSymlinks(`C:\mnt`) // want winsymlink
	fmt.Println(p, filepath.Base(p)) // ok winsymlink
}
