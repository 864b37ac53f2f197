// Package lookpath exercises os/exec after Go 1.19 refuses PATH hits relative to the current directory.
package lookpath

import (
	"context"
	"errors"
	"os/exec"
	osexec "os/exec"
)

func bareNames(ctx context.Context) error {
	if _, err := exec.LookPath("kubectl-foo"); err != nil { // want execlookpath-errdot-go119
		return err
	}
	cmd := exec.Command("git", "status") // want execlookpath-errdot-go119
	if err := cmd.Run(); err != nil {
		return err
	}
	return osexec.CommandContext(ctx, "prog").Run() // want execlookpath-errdot-go119
}

// A name with a path separator is not looked up in PATH.
func explicitPaths(ctx context.Context) error {
	_, _ = exec.LookPath("./bin/tool")                      // ok execlookpath-errdot-go119
	_ = exec.Command("/usr/bin/git", "status")              // ok execlookpath-errdot-go119
	return exec.CommandContext(ctx, "bin/prog", "-v").Run() // ok execlookpath-errdot-go119
}

func fromConfig(name string) *exec.Cmd {
	return exec.Command(name) // want execlookpath-errdot-go119
}

// The documented override: tolerate ErrDot in the same function.
func tolerant(name string) (string, error) {
	path, err := exec.LookPath(name) // ok execlookpath-errdot-go119
	if errors.Is(err, exec.ErrDot) {
		err = nil
	}
	return path, err
}

func tolerantCmd() error {
	cmd := exec.Command("prog") // ok execlookpath-errdot-go119
	if errors.Is(cmd.Err, exec.ErrDot) {
		cmd.Err = nil
	}
	return cmd.Run()
}

// Clearing Cmd.Err alone also keeps the old behavior.
func clearsErr() error {
	cmd := exec.Command("prog") // ok execlookpath-errdot-go119
	cmd.Err = nil
	return cmd.Run()
}

// A Cmd literal with a Path does no PATH lookup at all.
func literal() error {
	cmd := &exec.Cmd{Path: "prog", Args: []string{"prog"}}
	return cmd.Run() // ok execlookpath-errdot-go119
}
