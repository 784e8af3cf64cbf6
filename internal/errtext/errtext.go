// Package errtext words hybridcheck's errors: one line each (a message goes to a terminal, a
// CI log or a SARIF notification, where a second line is read as another message), and a JSON
// decoding error with the line it stands on.
package errtext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// JSONErrorText is how an error decoding the JSON file data reads in a message: a syntax
// error names its line (encoding/json gives only a byte offset), any other error reads as
// DecodeErrorText says.
func JSONErrorText(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("line %d: %v", line, se)
	}
	return DecodeErrorText(err)
}

// DecodeErrorText is how an error decoding a JSON file reads in a message: an input that ends
// early is said to be truncated (encoding/json calls it EOF), any other error is its own text.
func DecodeErrorText(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "unexpected end of input (truncated file?)"
	}
	return err.Error()
}

// OneLine is err's text on one line, every run of white space (the AWS SDK's wrapped HTTP
// responses and retry summaries, YAML's lists of errors) folded to one space.
func OneLine(err error) string {
	return Fold(err.Error())
}

// Fold is s on one line, every run of white space folded to one space and none left at
// either end: for the text of a message that is not an error value itself (a library's
// message after its prefix is trimmed, a schema validator's localized wording).
func Fold(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
