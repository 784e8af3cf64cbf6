package path

import (
	"fmt"
	"io"
	"strings"
)

// Mark is the one-character verdict of a hop: ✓ pass, ✗ drop, ? unknown.
func Mark(v Verdict) string {
	switch v {
	case Pass:
		return "✓"
	case Drop:
		return "✗"
	}
	return "?"
}

// WriteText prints the trace one line per hop, the deciding rule, route or tunnel and where
// it is written, then the verdict naming the hop that stops the flow.
func WriteText(w io.Writer, t *Trace) error {
	f := t.Flow
	title := f.Description
	if f.Name != "" {
		title = f.Name + ": " + f.Description
	}
	to := strings.Join(append(append([]string{}, f.Destinations...), f.DestinationNames...), ",")
	if _, err := fmt.Fprintf(w, "%s\n  %s %s -> %s\n", title, flowProto(f), strings.Join(f.Sources, ","), to); err != nil {
		return err
	}
	if t.NotApplicable != "" {
		_, err := fmt.Fprintf(w, "  ? %s\n  => unknown\n", t.NotApplicable)
		return err
	}
	for i, h := range t.Hops {
		dir := ""
		if h.Direction == "return" {
			dir = "reply: "
		}
		line := fmt.Sprintf("  %s %2d %s%s: %s", Mark(h.Verdict), i+1, dir, h.What, h.Evidence)
		if h.Location != "" {
			line += " [" + h.Location + "]"
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
		if h.Verdict != Pass {
			for _, p := range h.Pieces {
				if _, err := fmt.Fprintf(w, "       %s %s: %s\n", Mark(p.Verdict), joinCIDRs(p.CIDRs), p.Evidence); err != nil {
					return err
				}
			}
		}
	}
	var err error
	switch s := t.Stop(); {
	case s == nil:
		_, err = fmt.Fprintln(w, "  => gets through")
	case t.Verdict == Drop:
		_, err = fmt.Fprintf(w, "  => dropped at hop %d (%s, %s)\n", t.FirstStop+1, s.Kind, s.Resource)
	default:
		_, err = fmt.Fprintf(w, "  => unknown from hop %d (%s, %s): the snapshot cannot decide\n", t.FirstStop+1, s.Kind, s.Resource)
	}
	return err
}

func flowProto(f Flow) string {
	switch {
	case f.Port > 0:
		return fmt.Sprintf("%s/%d", f.Protocol, f.Port)
	case f.ICMPType != nil:
		return fmt.Sprintf("%s type %d", f.Protocol, *f.ICMPType)
	}
	return f.Protocol
}
