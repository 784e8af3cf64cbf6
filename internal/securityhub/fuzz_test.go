package securityhub

import (
	"os"
	"testing"
)

// FuzzDecode: any bytes give findings or an error naming the file, never a panic.
func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile("../report/testdata/reference-broken.asff.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"Findings":[{"Id":"a","Region":"us-east-1","AwsAccountId":"111122223333","ProductArn":"p"}]}`))
	f.Add([]byte(`{"Findings":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := Decode("x.json", data)
		if err != nil && fs != nil {
			t.Fatal("findings returned with an error")
		}
		if err != nil && len(err.Error()) < len("x.json: ") {
			t.Fatalf("error without the file name: %v", err)
		}
	})
}
