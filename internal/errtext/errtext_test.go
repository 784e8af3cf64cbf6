package errtext

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestOneLineFoldsEveryRunOfWhiteSpace(t *testing.T) {
	err := fmt.Errorf("operation error EC2: DescribeVpcs,\n\thttps response error StatusCode: 403,\r\n  api error   UnauthorizedOperation")
	want := "operation error EC2: DescribeVpcs, https response error StatusCode: 403, api error UnauthorizedOperation"
	if got := OneLine(err); got != want {
		t.Errorf("OneLine = %q, want %q", got, want)
	}
}

func TestFoldPutsTextOnOneLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{" \t\n ", ""},
		{"one", "one"},
		{"  leading and trailing\n", "leading and trailing"},
		{"did not find expected key\n  while parsing\r\n\ta block", "did not find expected key while parsing a block"},
		{"value must be\u00a0>= 0", "value must be >= 0"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJSONErrorTextNamesTheLine(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"b\": ]\n}\n")
	var v any
	err := json.Unmarshal(data, &v)
	if got, want := JSONErrorText(data, err), "line 3: invalid character ']' looking for beginning of value"; got != want {
		t.Errorf("JSONErrorText = %q, want %q", got, want)
	}
}

func TestDecodeErrorTextCallsAnEarlyEndTruncation(t *testing.T) {
	for _, err := range []error{io.ErrUnexpectedEOF, io.EOF, fmt.Errorf("reading: %w", io.ErrUnexpectedEOF)} {
		if got := DecodeErrorText(err); got != "unexpected end of input (truncated file?)" {
			t.Errorf("DecodeErrorText(%v) = %q", err, got)
		}
	}
	if got := DecodeErrorText(errors.New("json: unknown field \"x\"")); got != `json: unknown field "x"` {
		t.Errorf("another error keeps its text, got %q", got)
	}
}
