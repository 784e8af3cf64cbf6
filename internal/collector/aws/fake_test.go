package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/middleware"
)

// realdata is the repository's folder of real public inputs (testdata/README.md), relative to
// this package.
const realdata = "../../../testdata/realdata"

func needRealdata(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(realdata); err != nil {
		t.Fatalf("%s is missing: %v", realdata, err)
	}
}

// fakeAWS answers the three protocols the collector speaks: EC2 Query (form POST, XML reply),
// EKS REST-JSON (GET /clusters/NAME) and Direct Connect JSON 1.1 (X-Amz-Target). Each answer
// is looked up by action; an action with no answer gets an empty, valid reply.
type fakeAWS struct {
	t  *testing.T
	mu sync.Mutex
	// ec2 maps an action to its answer; the answer sees the request's form values.
	ec2 map[string]func(form url.Values) (int, string)
	eks map[string]string
	dx  map[string]string
	// calls counts requests per action.
	calls map[string]int
	// arrive, if set, is told of each EC2 action as its request arrives.
	arrive func(action string)
	// hang lists the EC2 actions whose requests never get an answer: the handler waits until
	// the client gives up.
	hang map[string]bool
}

func newFakeAWS(t *testing.T) *fakeAWS {
	return &fakeAWS{t: t, ec2: map[string]func(url.Values) (int, string){}, eks: map[string]string{}, dx: map[string]string{}, calls: map[string]int{}}
}

// ec2XML answers an action with a fixed body.
func (f *fakeAWS) ec2XML(action, body string) {
	f.ec2[action] = func(url.Values) (int, string) { return 200, body }
}

// realBody is the real response body of an EC2 action (realXML) from the shared folder.
func realBody(t testing.TB, action string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(realdata, "aws-ec2-query-xml", realXML[action]))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// capture keeps the form of the latest request for action, which is still answered as before.
func (f *fakeAWS) capture(action string) *url.Values {
	form := new(url.Values)
	inner := f.ec2[action]
	f.ec2[action] = func(v url.Values) (int, string) {
		*form = v
		return inner(v)
	}
	return form
}

func ec2Error(status int, code, msg string) func(url.Values) (int, string) {
	return func(url.Values) (int, string) {
		return status, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>req-1</RequestID></Response>`, code, msg)
	}
}

func (f *fakeAWS) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[action]
}

func (f *fakeAWS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	switch {
	case strings.HasPrefix(r.URL.Path, "/clusters/"):
		name := strings.TrimPrefix(r.URL.Path, "/clusters/")
		f.note("DescribeCluster")
		w.Header().Set("Content-Type", "application/json")
		if b, ok := f.eks[name]; ok {
			io.WriteString(w, b)
			return
		}
		w.Header().Set("X-Amzn-Errortype", "ResourceNotFoundException")
		w.WriteHeader(404)
		io.WriteString(w, `{"message":"No cluster found for name: `+name+`."}`)
	case r.Header.Get("X-Amz-Target") != "":
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "OvertureService.")
		f.note(op)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		if b, ok := f.dx[op]; ok {
			io.WriteString(w, b)
			return
		}
		io.WriteString(w, `{}`)
	default:
		form, err := url.ParseQuery(string(body))
		if err != nil {
			f.t.Errorf("EC2 request body is not a form: %v", err)
		}
		action := form.Get("Action")
		f.note(action)
		if f.arrive != nil {
			f.arrive(action)
		}
		if f.hang[action] {
			<-r.Context().Done()
			return
		}
		f.mu.Lock()
		answer := f.ec2[action]
		f.mu.Unlock()
		status, reply := 200, fmt.Sprintf(`<%sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId></%sResponse>`, action, action)
		if answer != nil {
			status, reply = answer(form)
		}
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}
}

func (f *fakeAWS) note(action string) {
	f.mu.Lock()
	f.calls[action]++
	f.mu.Unlock()
}

// actionRecorder notes every API action the clients start, as IAM names them (ec2:DescribeVpcs).
type actionRecorder struct {
	mu      sync.Mutex
	actions map[string]bool
}

var iamPrefix = map[string]string{"EC2": "ec2", "EKS": "eks", "Direct Connect": "directconnect"}

func (a *actionRecorder) middleware(st *middleware.Stack) error {
	return st.Initialize.Add(middleware.InitializeMiddlewareFunc("recordAction",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			svc := awsmiddleware.GetServiceID(ctx)
			prefix, ok := iamPrefix[svc]
			if !ok {
				prefix = "unknown-service(" + svc + ")"
			}
			a.mu.Lock()
			a.actions[prefix+":"+awsmiddleware.GetOperationName(ctx)] = true
			a.mu.Unlock()
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
}

// startFake serves f and returns clients pointed at it, with a recorder of the actions called
// and retries fast enough for a unit test: the collector's attempts and backoff policy with a
// 5 ms ceiling, without adaptive mode's client-side rate limiter, which after a few throttled
// answers slows every later request to a crawl (as it should against AWS, not in a test).
func startFake(t *testing.T, f *fakeAWS) (Clients, *actionRecorder) {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	rec := &actionRecorder{actions: map[string]bool{}}
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:     func() aws.Retryer { return retry.NewStandard(retryOptions(5 * time.Millisecond)) },
		APIOptions:  []func(*middleware.Stack) error{rec.middleware},
	}
	return ClientsFromConfig(cfg, srv.URL), rec
}

// collectFromFake runs a collection with o from clients pointed at f (startFake), failing the
// test when the run fails.
func collectFromFake(t *testing.T, f *fakeAWS, o Options) *Result {
	t.Helper()
	clients, _ := startFake(t, f)
	res, err := Collect(context.Background(), clients, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
