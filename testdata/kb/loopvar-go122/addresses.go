package loops

type point struct{ x, y int }

func (p *point) move()     { p.x++ }
func (p point) norm() int  { return p.x*p.x + p.y*p.y }
func (p *point) flip()     { p.x, p.y = p.y, p.x }
func (p point) String() string { return "point" }

type grid [4]int

func fields(ps []point) []*int {
	var out []*int
	for _, p := range ps { // want loopvar-go122
		out = append(out, &p.x)
	}
	return out
}

func pointers(ps []*point) []*int {
	var out []*int
	for _, p := range ps { // ok loopvar-go122
		out = append(out, &p.x)
		p.move()
	}
	return out
}

// x.move() is (&x).move(): the address is taken implicitly.
func methods(ps []point) {
	for _, p := range ps { // want loopvar-go122
		p.move()
	}
	for _, p := range ps { // ok loopvar-go122
		_ = p.norm()
		_ = p.String()
	}
	for _, p := range ps { // want loopvar-go122
		f := p.flip
		f()
	}
}

func arrays(gs []grid, rows [][4]int) []int {
	var out []int
	for _, g := range gs { // want loopvar-go122
		out = append(out, g[:]...)
	}
	for _, r := range rows { // want loopvar-go122
		q := &r[1]
		*q = 0
	}
	return out
}

func slices(rows [][]int) []*int {
	var out []*int
	for _, r := range rows { // ok loopvar-go122
		out = append(out, &r[0])
	}
	return out
}

// &x in a return: the function leaves the loop with it.
func find(xs []int, want int) *int {
	for _, x := range xs { // ok loopvar-go122
		if x == want {
			return &x
		}
	}
	return nil
}

func both(xs []int) []*int {
	var out []*int
	for i, j := 0, 0; i < len(xs); i++ { // want loopvar-go122
		out = append(out, &j)
	}
	return out
}

var corners = []point{{0, 0}, {1, 1}}

var (
	origins = []*point{{0, 0}}
)

// Types of package-level vars and channel elements, as written.
func known(ch chan point) {
	for _, c := range corners { // want loopvar-go122
		c.move()
	}
	for _, o := range origins { // ok loopvar-go122
		o.move()
	}
	for c := range ch { // want loopvar-go122
		c.flip()
	}
}

// The element type is not written where the loop can see it: a pointer-receiver call is missed.
func unknown(next func() []point) {
	for _, p := range next() { // todo-want loopvar-go122
		p.move()
	}
}
