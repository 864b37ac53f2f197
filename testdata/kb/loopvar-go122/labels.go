package loops

import "fmt"

func labeled(rows [][]int) []func() {
	var fs []func()
outer:
	for r, row := range rows { // want loopvar-go122
		for c := 0; c < len(row); c++ { // ok loopvar-go122
			if row[c] < 0 {
				continue outer
			}
			if row[c] == 0 {
				fs = append(fs, func() { fmt.Println(r) })
				break outer
			}
		}
	}
	return fs
}

func inner(rows [][]int) []*int {
	var out []*int
	for _, row := range rows { // ok loopvar-go122
		for _, v := range row { // want loopvar-go122
			out = append(out, &v)
		}
	}
	return out
}

// A loop inside a literal inside a loop: each is judged in its own function.
func literalLoops(rows [][]int) []func() {
	var fs []func()
	for _, row := range rows { // want loopvar-go122
		fs = append(fs, func() {
			for _, v := range row { // want loopvar-go122
				go func() { fmt.Println(v) }()
			}
		})
	}
	return fs
}

func literalLoopsOnly(n int) func() {
	return func() {
		for i := 0; i < n; i++ { // want loopvar-go122
			defer func() { fmt.Println(i) }()
		}
	}
}
