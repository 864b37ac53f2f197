// This is a generated file. Do not edit directly.

module k8s.example/client-go

go 1.22.0

require k8s.example/apimachinery v0.0.0

replace k8s.example/apimachinery => ../apimachinery
