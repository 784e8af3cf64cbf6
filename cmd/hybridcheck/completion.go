package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/result"
)

func init() {
	register("completion", "print the shell completion script for bash, zsh or fish", runCompletion)
	registerRaw(completeCommand, "", runComplete)
}

// completeCommand is the hidden command the completion scripts call with the words typed so
// far; the binary answers, so completions always match the commands, flags, formats and check
// IDs of the hybridcheck installed.
const completeCommand = "__complete"

// The answers that ask the shell to complete file or directory names itself.
const (
	completeFiles = "__hybridcheck_files__"
	completeDirs  = "__hybridcheck_dirs__"
)

func runCompletion(ctx context.Context, e *env, _ *noFlags, fs *pflag.FlagSet) error {
	if fs.NArg() != 1 {
		return usageError("want one shell: bash, zsh or fish")
	}
	script, ok := completionScripts[fs.Arg(0)]
	if !ok {
		return usageError("unknown shell %q: want bash, zsh or fish", fs.Arg(0))
	}
	_, err := fmt.Fprint(e.stdout, script)
	return err
}

// runComplete prints the candidates for the last word of args, one a line; never an error, so
// a broken command line completes to nothing rather than printing into the user's prompt.
func runComplete(ctx context.Context, e *env, args []string) error {
	for _, c := range complete(ctx, args) {
		fmt.Fprintln(e.stdout, c)
	}
	return nil
}

// complete returns the candidates for the last word of words (the words after "hybridcheck";
// the last one is being typed and may be empty). Bash splits "--format=js" into "--format",
// "=", "js" and "pfsense:edge" at the colon; both forms are understood.
func complete(ctx context.Context, words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	var kept []string
	for i, w := range words {
		if w == "=" && i > 0 && strings.HasPrefix(words[i-1], "-") {
			continue
		}
		kept = append(kept, w)
	}
	if words[len(words)-1] == "=" && len(kept) > 0 && kept[len(kept)-1] != "" {
		kept = append(kept, "")
	}
	words = kept
	cur := words[len(words)-1]
	if len(words) == 1 {
		if strings.HasPrefix(cur, "-") {
			return withPrefix(cur, []string{"--help", "--version"})
		}
		return withPrefix(cur, commandNames())
	}
	name := words[0]
	if _, ok := commands[name]; !ok || name == completeCommand {
		return nil
	}
	flags := commandFlags(ctx, name)
	prev := words[len(words)-2]
	if prev == ":" {
		return []string{completeFiles}
	}
	if f, ok := findFlag(flags, prev); ok && f.takesValue && !strings.Contains(prev, "=") {
		return flagValues(ctx, name, f, cur)
	}
	if strings.HasPrefix(cur, "-") {
		if i := strings.Index(cur, "="); i > 0 {
			if f, ok := findFlag(flags, cur[:i]); ok && f.takesValue {
				vals := flagValues(ctx, name, f, cur[i+1:])
				if len(vals) == 1 && (vals[0] == completeFiles || vals[0] == completeDirs) {
					return vals
				}
				return prefixAll(cur[:i+1], vals)
			}
			return nil
		}
		var names []string
		for _, f := range flags {
			names = append(names, "--"+f.name)
		}
		return withPrefix(cur, append(names, "--help"))
	}
	return positional(name, words[1:len(words)-1], cur)
}

// positional completes a command's arguments.
func positional(name string, before []string, cur string) []string {
	switch name {
	case "completion":
		return withPrefix(cur, []string{"bash", "zsh", "fish"})
	case "policy":
		return withPrefix(cur, []string{"test"})
	case "help":
		return withPrefix(cur, commandNames())
	case "version", "policies":
		return nil
	}
	return []string{completeFiles}
}

// flagValues completes the value of flag f of command name.
func flagValues(ctx context.Context, name string, f cliFlag, cur string) []string {
	switch f.name {
	case "format":
		return withPrefix(cur, f.choices)
	case "fail-on":
		return withPrefix(cur, append(append([]string(nil), result.Severities...), "none"))
	case "only":
		// A comma-separated list: complete the last ID, keeping those before it.
		done, last := "", cur
		if i := strings.LastIndex(cur, ","); i >= 0 {
			done, last = cur[:i+1], cur[i+1:]
		}
		return prefixAll(done, withPrefix(last, checkIDs(ctx)))
	case "device":
		if strings.Contains(cur, ":") {
			return []string{completeFiles}
		}
		return withPrefix(cur, suffixAll(device.Formats(), ":"))
	case "policy-dir", "aws-dir", "latest":
		return []string{completeDirs}
	case "region", "profile", "endpoint-url", "cluster", "vpc-id", "timeout", "as-of", "vpc-target", "endpoint", "role-arn", "external-id":
		return nil
	}
	return []string{completeFiles}
}

// cliFlag is one flag as a command's --help lists it.
type cliFlag struct {
	name       string
	short      string
	takesValue bool
	// choices are the values the usage text lists after "format:" (for --format).
	choices []string
}

// flagLine matches a pflag usage line: "  -o, --output FILE   text", "      --aws[=true|false]   text".
var flagLine = regexp.MustCompile(`^\s+(?:-(\w), )?--([\w-]+)(\[=[^\]]*\])?(?: (\S+))?\s{2,}(.*)$`)

// formatChoices finds "format: a, b, c (default" or "format: a or b".
var formatChoices = regexp.MustCompile(`format: ([\w, ]+?)(?: \(default|$)`)

// commandFlags reads a command's flags from its own --help, which parses nothing else and has
// no side effects; so completion needs no second list of flags to keep in step.
func commandFlags(ctx context.Context, name string) []cliFlag {
	var out bytes.Buffer
	commands[name].run(ctx, &env{stdout: &out, stderr: &bytes.Buffer{}, stdin: strings.NewReader("")}, []string{"--help"})
	var flags []cliFlag
	for _, line := range strings.Split(out.String(), "\n") {
		m := flagLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := cliFlag{short: m[1], name: m[2], takesValue: m[3] == "" && m[4] != ""}
		if c := formatChoices.FindStringSubmatch(m[5]); c != nil && f.name == "format" {
			for _, v := range strings.FieldsFunc(c[1], func(r rune) bool { return r == ',' || r == ' ' }) {
				if v != "or" {
					f.choices = append(f.choices, v)
				}
			}
		}
		flags = append(flags, f)
	}
	return flags
}

func findFlag(flags []cliFlag, word string) (cliFlag, bool) {
	for _, f := range flags {
		if word == "--"+f.name || (f.short != "" && word == "-"+f.short) {
			return f, true
		}
	}
	return cliFlag{}, false
}

// checkIDs are the built-in checks' IDs (user checks need --policy-dir, which completion does
// not follow).
func checkIDs(ctx context.Context) []string {
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		return nil
	}
	var ids []string
	for _, c := range eng.Checks() {
		ids = append(ids, c.ID)
	}
	return ids
}

// commandNames are the commands --help lists (not the hidden ones).
func commandNames() []string {
	var names []string
	for n := range commands {
		if !strings.HasPrefix(n, "__") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func withPrefix(prefix string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

func prefixAll(prefix string, list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = prefix + s
	}
	return out
}

func suffixAll(list []string, suffix string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s + suffix
	}
	return out
}

// completionScripts are thin: each asks `hybridcheck __complete WORDS…` and hands the answer
// (or file-name completion) to the shell.
var completionScripts = map[string]string{
	"bash": `# bash completion for hybridcheck: source <(hybridcheck completion bash)
_hybridcheck() {
    local cur=${COMP_WORDS[COMP_CWORD]} out IFS=$'\n'
    [[ $cur == "=" || $cur == ":" ]] && cur=
    out=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
    case $out in
    __hybridcheck_files__) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    __hybridcheck_dirs__) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$out" -- "$cur")) ;;
    esac
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[:=] ]] && compopt -o nospace 2>/dev/null
    return 0
}
complete -F _hybridcheck hybridcheck
`,
	"zsh": `#compdef hybridcheck
# zsh completion for hybridcheck: source <(hybridcheck completion zsh), or save as _hybridcheck in $fpath
_hybridcheck() {
    local -a out
    out=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    case ${out[1]} in
    __hybridcheck_files__) _files ;;
    __hybridcheck_dirs__) _files -/ ;;
    *) compadd -Q -S '' -- "${out[@]}" ;;
    esac
}
if [[ $funcstack[1] == _hybridcheck ]]; then _hybridcheck "$@"; else compdef _hybridcheck hybridcheck; fi
`,
	"fish": `# fish completion for hybridcheck: hybridcheck completion fish > ~/.config/fish/completions/hybridcheck.fish
function __hybridcheck_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l out ($words[1] __complete $words[2..-1] 2>/dev/null)
    switch "$out[1]"
        case __hybridcheck_files__ __hybridcheck_dirs__
            __fish_complete_path (commandline -ct)
        case '*'
            printf '%s\n' $out
    end
end
complete -c hybridcheck -f -a '(__hybridcheck_complete)'
`,
}
