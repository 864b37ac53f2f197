package lookpath

type runner struct{}

func (runner) Command(name string, args ...string) error { return nil }

// A local value named exec is not the os/exec package.
func shadowed() error {
	exec := runner{}
	return exec.Command("prog") // ok execlookpath-errdot-go119
}
