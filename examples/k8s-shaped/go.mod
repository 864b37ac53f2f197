// This is a generated file. Do not edit directly.

module k8s.example/kubernetes

go 1.22.0

require (
	k8s.example/apimachinery v0.0.0
	k8s.example/client-go v0.0.0
	k8s.example/utils v0.1.0
)

replace (
	k8s.example/apimachinery => ./staging/src/k8s.example/apimachinery
	k8s.example/client-go => ./staging/src/k8s.example/client-go
)
