// Command hybridcheck checks the networks behind Amazon EKS Hybrid Nodes against the
// requirements of the EKS hybrid nodes networking guide, as policy-as-code.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
)

// Exit codes (DESIGN.md): 0 no failing result at or above --fail-on, 1 failing results,
// 2 usage error, unreadable or invalid input, policy compile error.
const (
	exitOK      = 0
	exitFailing = 1
	exitError   = 2
)

// env is what a command may touch of the outside world; tests build their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stderrIsTerminal enables progress output and colour.
	stderrIsTerminal bool
	stdoutIsTerminal bool
}

// command is one subcommand; run returns an error carrying its exit code (see exitCode).
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands is filled by each subcommand's file in an init function, so adding a subcommand
// touches only its own file and its help text (help/NAME.txt).
var commands = map[string]command{}

// flagsOf is what a command's flags fill: flags declares each of them on the command's
// flag set.
type flagsOf[F any] interface {
	*F
	flags(fs *pflag.FlagSet)
}

// register adds the command name, run with its flags parsed (see withFlags).
func register[F any, P flagsOf[F]](name, summary string, run func(ctx context.Context, e *env, f P, fs *pflag.FlagSet) error) {
	registerRaw(name, summary, withFlags(name, run))
}

// registerRaw adds a command that reads its arguments itself (one with subcommands, or the
// hidden completion command, whose arguments are the words being typed).
func registerRaw(name, summary string, run func(ctx context.Context, e *env, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// withFlags returns run behind the flag set of the command name (help text and parsing as
// newFlags and parseFlags): --help and a bad flag end there, and run gets the filled flags and
// the parsed set, whose arguments are what is left.
func withFlags[F any, P flagsOf[F]](name string, run func(ctx context.Context, e *env, f P, fs *pflag.FlagSet) error) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		f := P(new(F))
		fs := newFlags(name, e.stdout)
		f.flags(fs)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		return run(ctx, e, f, fs)
	}
}

// exitErr carries an exit code with the message; a plain error means exit 2.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitErr) Unwrap() error { return e.err }

// failing is returned when a command ran fine but found failing results (exit 1, no message).
var failing = &exitErr{code: exitFailing}

// usageError wraps a bad command line (exit 2).
func usageError(format string, a ...any) error {
	return &exitErr{code: exitError, err: fmt.Errorf(format, a...)}
}

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitErr
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitError
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stderrIsTerminal: isTerminal(os.Stderr), stdoutIsTerminal: isTerminal(os.Stdout),
	}
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and turns its error into one line on stderr and an exit code.
// A panic anywhere below is a bug; it still ends as one line and exit 2, never a stack trace.
func run(ctx context.Context, e *env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "hybridcheck: internal error: %v (please report this)\n", r)
			code = exitError
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, e, []string{args[1], "--help"})
		}
		printUsage(e.stdout)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "hybridcheck: unknown command %q (see hybridcheck --help)\n", args[0])
		return exitError
	}
	err := cmd.run(ctx, e, args[1:])
	if err != nil && err.Error() != "" {
		msg := strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " ")
		fmt.Fprintf(e.stderr, "hybridcheck %s: %s\n", args[0], msg)
	}
	return exitCode(err)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `hybridcheck checks the networks behind Amazon EKS Hybrid Nodes: the AWS VPC, the link
(Site-to-Site VPN or Direct Connect) and the on-prem edge device, against policy-as-code.

Usage: hybridcheck COMMAND [flags]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if commands[n].summary == "" {
			continue // hidden: __complete, which the completion scripts call
		}
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Run 'hybridcheck COMMAND --help' for a command's flags.
Exit codes: 0 no failing result at or above --fail-on, 1 failing results, 2 bad usage or input.
`)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
