// Package funcnames exercises function names and code pointers, which change for closures in Go 1.27.
package funcnames

import (
	"cmp"
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

// Ordering pointers by address (text/template's fmtsort) does not compare code pointers for equality.
func order(a, b reflect.Value) int {
	return cmp.Compare(a.Pointer(), b.Pointer()) // ok closure-names-go127
}

func same(f, g any) bool {
	return reflect.ValueOf(f).Pointer() == reflect.ValueOf(g).Pointer() // want closure-names-go127
}
