// kubelet runs pods on a node.
package main

import (
	"os"

	"k8s.example/kubernetes/pkg/kubelet"
)

func main() {
	if err := kubelet.Run(os.Args[1:]); err != nil {
		os.Exit(1)
	}
}
