// kubectl keeps finding plugins in the current directory, as it did before go1.19.
//
//go:debug execerrdot=0
package main

import (
	"fmt"
	"os"

	"k8s.example/client-go/plugin/exec"
	"k8s.example/kubernetes/pkg/kubectl/plugin"
)

func main() {
	if len(os.Args) > 1 {
		if path, ok := plugin.Lookup("kubectl", os.Args[1]); ok {
			fmt.Println(path)
			return
		}
	}
	token, err := exec.Credentials("kubelogin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(token))
}
