// Package funcnames exercises function names and code pointers, which change for closures in Go 1.27.
package funcnames

import (
	"reflect"
	"runtime"
)

func name(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name() // want closure-names-go127
}

// The caller's file and line do not depend on closure names.
func caller() (string, int) {
	_, file, line, _ := runtime.Caller(1) // ok closure-names-go127
	return file, line
}
