// This is a generated file. Do not edit directly.

module k8s.example/apimachinery

go 1.21.0
