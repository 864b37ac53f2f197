package loops

type box[T any] struct{ v T }

func (b *box[T]) set(v T) { b.v = v }

func funcs[T any](xs []T) []func() T {
	var fs []func() T
	for _, x := range xs { // want loopvar-go122
		fs = append(fs, func() T { return x })
	}
	return fs
}

func refs[K comparable, V any](m map[K]V) []*V {
	var out []*V
	for _, v := range m { // want loopvar-go122
		out = append(out, &v)
	}
	for k := range m { // ok loopvar-go122
		_ = k
	}
	return out
}

func boxes[T any](bs []box[T], v T) {
	for _, b := range bs { // want loopvar-go122
		b.set(v)
	}
}

// Instances: the compiler checks a generic body when it compiles an instance of it.
var (
	_ = funcs[string]
	_ = refs[string, int]
	_ = boxes[int]
)
