//go:build kernel

package flow

// The real kernel as the oracle (make test-kernel; root and network namespaces): a firewall
// namespace forwards between four host namespaces (WAN, VPC, node VLAN, pod network) over veth
// pairs; each ruleset is loaded into the firewall with nft -f or iptables-restore, real TCP,
// UDP and ICMP packets are sent between the hosts, and what arrived (counted by an nft counter
// in each receiving host) must equal the evaluator's verdict on the ruleset as imported back
// from the kernel. Traffic never leaves these namespaces; every namespace is deleted at the end.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

type side struct {
	name, ifname, fwAddr, host, cidr, role string
}

var sides = []side{
	{"wan", "eth0", "203.0.113.1", "203.0.113.10", "203.0.113.0/24", "wan"},
	{"vpc", "eth1", "10.100.0.1", "10.100.0.10", "10.100.0.0/24", "lan"},
	{"node", "eth2", "10.200.0.1", "10.200.0.10", "10.200.0.0/24", "vlan"},
	{"pod", "eth3", "192.168.0.1", "192.168.0.10", "192.168.0.0/24", "opt"},
}

var ports = []int{22, 53, 443, 10250}

type kflow struct {
	Src, Dst int // side indexes
	Proto    string
	Port     int
	ID       int // ICMP echo id
}

type lab struct {
	prefix string
	fw     string
	hosts  []string
}

func sh(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func runIn(ns string, stdin string, name string, args ...string) (string, error) {
	cmd := exec.Command("ip", append([]string{"netns", "exec", ns, name}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func newLab(t *testing.T) *lab {
	if os.Geteuid() != 0 {
		t.Fatal("make test-kernel needs root (network namespaces, nft, iptables-restore)")
	}
	l := &lab{prefix: fmt.Sprintf("hck%d", os.Getpid()%100000)}
	l.fw = l.prefix + "-fw"
	t.Cleanup(func() {
		for _, ns := range append([]string{l.fw}, l.hosts...) {
			_ = exec.Command("ip", "netns", "del", ns).Run()
		}
	})
	sh(t, "ip", "netns", "add", l.fw)
	sh(t, "ip", "-n", l.fw, "link", "set", "lo", "up")
	for _, s := range sides {
		h := l.prefix + "-" + s.name
		l.hosts = append(l.hosts, h)
		sh(t, "ip", "netns", "add", h)
		sh(t, "ip", "link", "add", s.ifname, "netns", l.fw, "type", "veth", "peer", "name", "v0", "netns", h)
		sh(t, "ip", "-n", l.fw, "addr", "add", s.fwAddr+"/24", "dev", s.ifname)
		sh(t, "ip", "-n", l.fw, "link", "set", s.ifname, "up")
		sh(t, "ip", "-n", h, "addr", "add", s.host+"/24", "dev", "v0")
		sh(t, "ip", "-n", h, "link", "set", "v0", "up")
		sh(t, "ip", "-n", h, "link", "set", "lo", "up")
		sh(t, "ip", "-n", h, "route", "add", "default", "via", s.fwAddr)
	}
	if out, err := runIn(l.fw, "", "sysctl", "-qw", "net.ipv4.ip_forward=1"); err != nil {
		t.Fatalf("ip_forward: %v %s", err, out)
	}
	return l
}

// topology is the firewall's interfaces as a device export would list them.
func topology(dev *snapshot.Device) {
	dev.Interfaces = nil
	dev.WANAddresses = []string{sides[0].fwAddr}
	for _, s := range sides {
		dev.Interfaces = append(dev.Interfaces, snapshot.Interface{Name: s.ifname, Device: s.ifname, Enabled: true, Role: s.role,
			Addresses: []string{s.fwAddr + "/24"}, Networks: []string{s.cidr}})
	}
	dev.StaticRoutes, dev.Gateways, dev.BGP = nil, nil, nil
	dev.IPsec = snapshot.IPsec{}
}

// sourcePort numbers the source port of every TCP and UDP flow of the run, as icmpID does the
// echo ids: an ephemeral port the kernel picked again would meet the conntrack entry of an
// earlier ruleset's flow, whose NAT was decided under that ruleset (a run saw an SNAT rule
// "not applied" that way).
var sourcePort = 20000

func nextSourcePort() int {
	sourcePort++
	if sourcePort > 60000 {
		sourcePort = 20001
	}
	return sourcePort
}

// icmpID numbers every echo request of the run: a repeated id between two hosts would meet the
// conntrack entry of an earlier ruleset's flow and pass as established.
var icmpID = 1000

// allFlows: every ordered pair of sides, TCP and UDP on a port of the pool, ICMP echo. The
// senders to one host get different ports (the pool has a port for each), so that with NAT,
// where the receiving counters cannot tell senders apart by address, the flows still fit in
// one round.
func allFlows(rng *rand.Rand) []kflow {
	var fs []kflow
	for d := range sides {
		tcpPorts, udpPorts := rng.Perm(len(ports)), rng.Perm(len(ports))
		k := 0
		for s := range sides {
			if s == d {
				continue
			}
			fs = append(fs, kflow{Src: s, Dst: d, Proto: "tcp", Port: ports[tcpPorts[k]]})
			fs = append(fs, kflow{Src: s, Dst: d, Proto: "udp", Port: ports[udpPorts[k]]})
			icmpID++
			fs = append(fs, kflow{Src: s, Dst: d, Proto: "icmp", ID: icmpID})
			k++
		}
	}
	return fs
}

// rounds groups flows so that no two in a round reach the same host with the same protocol
// and port: a translated source address then cannot make one flow's packet count for another.
func rounds(fs []kflow, nat bool) [][]kflow {
	var out [][]kflow
	var keys []map[string]bool
	for _, f := range fs {
		k := fmt.Sprintf("%d/%s/%d", f.Dst, f.Proto, f.Port)
		if f.Proto == "icmp" {
			k = fmt.Sprintf("%d/icmp/id%d", f.Dst, f.ID) // the counters match the echo id
		}
		if !nat {
			k += fmt.Sprintf("/%d", f.Src) // the counters match the source address too
		}
		placed := false
		for i := range out {
			if !keys[i][k] {
				out[i], keys[i][k], placed = append(out[i], f), true, true
				break
			}
		}
		if !placed {
			out = append(out, []kflow{f})
			keys = append(keys, map[string]bool{k: true})
		}
	}
	return out
}

// arrived sends one round and reads, per flow, whether its packet reached the receiving host
// and, with NAT in the ruleset, whether it arrived from another address than the sender's (its
// source was translated; a round holds one flow per receiving host, protocol and port).
func (l *lab) arrived(t *testing.T, round []kflow, nat bool) (got, translated []bool) {
	for d, h := range l.hosts {
		var b strings.Builder
		b.WriteString("table inet hckprobe\ndelete table inet hckprobe\ntable inet hckprobe {\n chain in {\n  type filter hook prerouting priority -400; policy accept;\n")
		for i, f := range round {
			if f.Dst != d {
				continue
			}
			from := ""
			if !nat {
				from = "ip saddr " + sides[f.Src].host + " "
			}
			match := fmt.Sprintf("%s dport %d", f.Proto, f.Port)
			if f.Proto == "icmp" {
				match = fmt.Sprintf("icmp type echo-request icmp id %d", f.ID)
			}
			fmt.Fprintf(&b, "  %s%s counter comment \"f%d\"\n", from, match, i)
			if nat {
				fmt.Fprintf(&b, "  ip saddr != %s %s counter comment \"t%d\"\n", sides[f.Src].host, match, i)
			}
		}
		b.WriteString(" }\n}\n")
		if out, err := runIn(h, b.String(), "nft", "-f", "-"); err != nil {
			t.Fatalf("probe counters in %s: %v\n%s", h, err, out)
		}
	}
	bySrc := map[int][]kflow{}
	for _, f := range round {
		bySrc[f.Src] = append(bySrc[f.Src], f)
	}
	for src, fs := range bySrc {
		if err := sendFrom(l.hosts[src], fs); err != nil {
			t.Fatalf("sending from %s: %v", l.hosts[src], err)
		}
	}
	time.Sleep(30 * time.Millisecond)
	got, translated = make([]bool, len(round)), make([]bool, len(round))
	for _, h := range l.hosts {
		out, err := runIn(h, "", "nft", "-j", "list", "table", "inet", "hckprobe")
		if err != nil {
			t.Fatalf("reading counters in %s: %v\n%s", h, err, out)
		}
		var doc struct {
			Nftables []map[string]json.RawMessage `json:"nftables"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		for _, item := range doc.Nftables {
			raw, ok := item["rule"]
			if !ok {
				continue
			}
			var r struct {
				Comment string            `json:"comment"`
				Expr    []json.RawMessage `json:"expr"`
			}
			_ = json.Unmarshal(raw, &r)
			var idx int
			seen := got
			if _, err := fmt.Sscanf(r.Comment, "f%d", &idx); err != nil {
				if _, err := fmt.Sscanf(r.Comment, "t%d", &idx); err != nil {
					continue
				}
				seen = translated
			}
			for _, e := range r.Expr {
				var c struct {
					Counter *struct {
						Packets int `json:"packets"`
					} `json:"counter"`
				}
				if json.Unmarshal(e, &c) == nil && c.Counter != nil && c.Counter.Packets > 0 {
					seen[idx] = true
				}
			}
		}
	}
	return got, translated
}

// sendFrom sends each flow's first packet from inside the host namespace ns, on a thread of
// its own that enters the namespace (setns) and is discarded afterwards; sockets belong to the
// namespace they were created in. Answers are not awaited.
func sendFrom(ns string, fs []kflow) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		f, err := os.Open("/var/run/netns/" + ns)
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		nr, ok := map[string]uintptr{"amd64": 308, "arm64": 268, "386": 346}[runtime.GOARCH] // setns(2)
		if !ok {
			errc <- fmt.Errorf("setns: no syscall number for %s", runtime.GOARCH)
			return
		}
		if _, _, e := syscall.RawSyscall(nr, f.Fd(), syscall.CLONE_NEWNET, 0); e != 0 {
			errc <- fmt.Errorf("setns: %v", e)
			return
		}
		errc <- sendAll(fs)
	}()
	return <-errc
}

func sendAll(fs []kflow) error {
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for _, f := range fs {
		dst := sides[f.Dst].host
		switch f.Proto {
		case "tcp":
			// A non-blocking connect: the SYN leaves at once.
			fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK, 0)
			if err != nil {
				return err
			}
			if err := syscall.Bind(fd, &syscall.SockaddrInet4{Port: nextSourcePort()}); err != nil {
				syscall.Close(fd)
				return err
			}
			sa := &syscall.SockaddrInet4{Port: f.Port}
			copy(sa.Addr[:], net.ParseIP(dst).To4())
			_ = syscall.Connect(fd, sa) // EINPROGRESS
			defer syscall.Close(fd)
		case "udp":
			c, err := net.DialUDP("udp", &net.UDPAddr{Port: nextSourcePort()}, &net.UDPAddr{IP: net.ParseIP(dst), Port: f.Port})
			if err != nil {
				return err
			}
			conns = append(conns, c)
			_, _ = c.Write([]byte("hybridcheck"))
		case "icmp":
			c, err := net.ListenPacket("ip4:icmp", "0.0.0.0")
			if err != nil {
				return err
			}
			_, _ = c.WriteTo(echoRequest(f.ID), &net.IPAddr{IP: net.ParseIP(dst)})
			c.Close()
		}
	}
	// Let the SYNs leave before their sockets close (a close would send nothing, but the
	// kernel may not have transmitted a non-blocking SYN yet).
	time.Sleep(5 * time.Millisecond)
	return nil
}

func echoRequest(id int) []byte {
	b := []byte{8, 0, 0, 0, 0, 0, 0, 1, 'h', 'c'}
	binary.BigEndian.PutUint16(b[4:], uint16(id))
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(b[i])<<8 | uint32(b[i+1])
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(b[2:], ^uint16(sum))
	return b
}

// compare loads nothing itself: the ruleset is in the firewall; it imports it back from the
// kernel, sends the flows and reports every disagreement with the ruleset, flow and verdicts.
func (l *lab) compare(t *testing.T, label, ruleset, format string, rng *rand.Rand) (checked, doubtful int) {
	var export, ext string
	switch format {
	case "nftables":
		out, err := runIn(l.fw, "", "nft", "-j", "list", "ruleset")
		if err != nil {
			t.Fatalf("%s: nft -j list ruleset: %v\n%s", label, err, out)
		}
		export, ext = out, ".json"
	case "iptables":
		out, err := runIn(l.fw, "", "iptables-save")
		if err != nil {
			t.Fatalf("%s: iptables-save: %v\n%s", label, err, out)
		}
		export, ext = out, ".rules"
	}
	path := filepath.Join(t.TempDir(), "export"+ext)
	if err := os.WriteFile(path, []byte(export), 0o600); err != nil {
		t.Fatal(err)
	}
	dev, _, err := device.Import(format, path, strings.Repeat("0", 64))
	if err != nil {
		t.Fatalf("%s: importing the kernel's own export: %v", label, err)
	}
	topology(dev)
	ev, err := NewEvaluator(dev)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	nat := len(dev.NAT.Rules) > 0
	for _, round := range rounds(allFlows(rng), nat) {
		kernel, kernelNAT := l.arrived(t, round, nat)
		for i, f := range round {
			fl := Flow{Protocol: f.Proto, Port: f.Port, Sources: []string{sides[f.Src].host + "/32"}, Destinations: []string{sides[f.Dst].host + "/32"}}
			if f.Proto == "icmp" {
				req := 8
				fl.ICMPType = &req
			}
			res, err := ev.Evaluate(fl)
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			if len(res.Unknown) > 0 || doubtfulNotes(res) {
				doubtful++
				continue
			}
			checked++
			if res.Allowed != kernel[i] {
				t.Errorf("%s: evaluator and kernel disagree\nflow: %s %s -> %s port %d\nevaluator: allowed=%v blocked=%+v allowed_by=%+v notes=%q\nkernel: arrived=%v\nruleset:\n%s",
					label, f.Proto, sides[f.Src].name, sides[f.Dst].name, f.Port, res.Allowed, res.Blocked, res.AllowedBy, res.Notes, kernel[i], ruleset)
				continue
			}
			if nat && kernel[i] {
				c, d := compareNAT(t, label, ruleset, ev, fl, f, kernelNAT[i])
				checked, doubtful = checked+c, doubtful+d
			}
		}
	}
	return checked, doubtful
}

// natCompared counts the NAT verdicts held against the kernel.
var natCompared int

// compareNAT holds the NAT model's verdict on a flow that arrived against what the kernel did
// to its source address.
func compareNAT(t *testing.T, label, ruleset string, ev *Evaluator, fl Flow, f kflow, kernelTranslated bool) (checked, doubtful int) {
	res, err := ev.NAT(NATFlow{Protocol: fl.Protocol, Port: fl.Port, Sources: fl.Sources, Destinations: fl.Destinations})
	if err != nil {
		t.Fatalf("%s: NAT: %v", label, err)
	}
	if res.Verdict != NATTranslated && res.Verdict != NATNotTranslated {
		return 0, 1
	}
	natCompared++
	if (res.Verdict == NATTranslated) != kernelTranslated {
		var why []string
		for _, p := range res.Pieces {
			why = append(why, fmt.Sprintf("%s -> %s (%s): %s, %s", strings.Join(p.Sources, ","), strings.Join(p.Destinations, ","), p.Protocol, p.Verdict, p.Reason))
		}
		t.Errorf("%s: NAT model and kernel disagree\nflow: %s %s -> %s port %d\nNAT model: %s: %s\nkernel: translated=%v\nruleset:\n%s",
			label, f.Proto, sides[f.Src].name, sides[f.Dst].name, f.Port, res.Verdict, strings.Join(why, "; "), kernelTranslated, ruleset)
	}
	return 1, 0
}

// doubtfulNotes: the evaluator guessed (a match it could not decide was taken to block or not
// to pass); such verdicts are conservative by design, not claims to compare.
func doubtfulNotes(res *Result) bool {
	for _, n := range res.Notes {
		if strings.Contains(n, "may match") || strings.Contains(n, "may not match") || strings.Contains(n, "does not exist") {
			return true
		}
	}
	return false
}

func (l *lab) load(t *testing.T, format, text string) error {
	_, _ = runIn(l.fw, "", "nft", "flush", "ruleset")
	var out string
	var err error
	switch format {
	case "nftables":
		out, err = runIn(l.fw, text, "nft", "-f", "-")
	case "iptables":
		out, err = runIn(l.fw, text, "iptables-restore")
	}
	if err != nil {
		return fmt.Errorf("%v: %s", err, strings.TrimSpace(out))
	}
	return nil
}

func TestKernelOracle(t *testing.T) {
	l := newLab(t)
	deadline := time.Now().Add(10 * time.Minute)
	rng := rand.New(rand.NewSource(20261205))
	total, doubtful := 0, 0

	// Real exports (testdata/kernel; origin and licence in testdata/README.md).
	files, _ := filepath.Glob(filepath.Join("testdata", "kernel", "*"))
	sort.Strings(files)
	loaded := 0
	for _, path := range files {
		format := "iptables"
		if strings.HasSuffix(path, ".nft") {
			format = "nftables"
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.load(t, format, string(data)); err != nil {
			t.Logf("%s does not load into this kernel (%v); skipped", filepath.Base(path), err)
			continue
		}
		loaded++
		c, d := l.compare(t, filepath.Base(path), string(data), format, rng)
		total, doubtful = total+c, doubtful+d
	}
	if loaded == 0 {
		t.Fatal("no real export loaded")
	}

	// Seeded random rulesets, 500 of each format: nft -f and iptables-restore.
	counts := map[string]int{}
	for _, format := range []string{"nftables", "iptables"} {
		generate := map[string]func(*rand.Rand) string{"nftables": randomRuleset, "iptables": randomIptables}[format]
		for n := 0; n < randomRulesets && !t.Failed(); n++ {
			if time.Now().After(deadline) {
				t.Fatalf("out of time after %d random %s rulesets", n, format)
			}
			text := generate(rng)
			if err := l.load(t, format, text); err != nil {
				t.Fatalf("random %s ruleset %d does not load: %v\n%s", format, n, err, text)
			}
			c, d := l.compare(t, fmt.Sprintf("random %s ruleset %d", format, n), text, format, rng)
			total, doubtful = total+c, doubtful+d
			counts[format]++
		}
	}
	t.Logf("%d real exports, %d random nftables and %d random iptables rulesets: %d verdicts (%d of them NAT) compared with the kernel, %d left out as evaluator doubts",
		loaded, counts["nftables"], counts["iptables"], total, natCompared, doubtful)
}

// randomRulesets is how many seeded random rulesets of each format the oracle loads.
const randomRulesets = 500

var cidrPool = []string{"10.100.0.0/16", "10.200.0.0/24", "192.168.0.0/16", "203.0.113.0/24", "10.0.0.0/8", "10.100.0.10", "0.0.0.0/0"}

func randomRuleset(rng *rand.Rand) string {
	verdicts := []string{"accept", "drop", "reject", "counter", "jump sub", "goto sub"}
	var b bytes.Buffer
	b.WriteString("table inet filter {\n")
	fmt.Fprintf(&b, " chain forward {\n  type filter hook forward priority 0; policy %s;\n", []string{"accept", "drop"}[rng.Intn(2)])
	for range 2 + rng.Intn(8) {
		fmt.Fprintf(&b, "  %s %s\n", randomMatch(rng, nftWords), verdicts[rng.Intn(len(verdicts))])
	}
	b.WriteString(" }\n chain sub {\n")
	for range rng.Intn(4) {
		fmt.Fprintf(&b, "  %s %s\n", randomMatch(rng, nftWords), []string{"accept", "drop", "return", "counter"}[rng.Intn(4)])
	}
	b.WriteString(" }\n")
	if rng.Intn(3) == 0 {
		fmt.Fprintf(&b, " chain late {\n  type filter hook forward priority 10; policy %s;\n", []string{"accept", "drop"}[rng.Intn(2)])
		for range 1 + rng.Intn(3) {
			fmt.Fprintf(&b, "  %s %s\n", randomMatch(rng, nftWords), []string{"accept", "drop"}[rng.Intn(2)])
		}
		b.WriteString(" }\n")
	}
	b.WriteString("}\n")
	randomNATChain(&b, rng, nftWords)
	return b.String()
}

// matchWords are one format's spelling of the matches a random rule uses (each %s is an
// interface or a CIDR, each %d a port), and of the NAT postrouting chain: header, then each
// rule by natRule (its match, then one of natActions), then footer.
type matchWords struct {
	iif, oif, src, notSrc, dst, tcpPort, udpPort, icmp, tcp string
	// udpPorts matches either of two ports.
	udpPorts func(a, b int) string
	states   [2]string
	// negatable is how many entries of cidrPool a negated source of a filter rule may name.
	negatable                     int
	natHeader, natRule, natFooter string
	natActions                    []string
}

var nftWords = matchWords{
	iif: `iifname "%s"`, oif: `oifname "%s"`, src: "ip saddr %s", notSrc: "ip saddr != %s", dst: "ip daddr %s",
	tcpPort: "tcp dport %d", udpPort: "udp dport %d", icmp: "icmp type echo-request", tcp: "meta l4proto tcp",
	udpPorts:  func(a, b int) string { return fmt.Sprintf("udp dport { %d, %d }", a, b) },
	states:    [2]string{"ct state new", "ct state established,related"},
	negatable: len(cidrPool),
	natHeader: "table ip nat {\n chain postrouting {\n  type nat hook postrouting priority 100; policy accept;\n",
	natRule:   "  %s %s\n", natFooter: " }\n}\n",
	natActions: []string{"masquerade", "snat to 198.51.100.1", "accept", "return"},
}

var iptWords = matchWords{
	iif: "-i %s", oif: "-o %s", src: "-s %s", notSrc: "! -s %s", dst: "-d %s",
	tcpPort: "-p tcp -m tcp --dport %d", udpPort: "-p udp -m udp --dport %d", icmp: "-p icmp -m icmp --icmp-type 8", tcp: "-p tcp",
	udpPorts: func(a, b int) string {
		if a == b {
			return fmt.Sprintf("-p udp -m udp --dport %d", a)
		}
		return fmt.Sprintf("-p udp -m multiport --dports %d,%d", a, b)
	},
	states: [2]string{"-m conntrack --ctstate NEW", "-m conntrack --ctstate RELATED,ESTABLISHED"},
	// iptables-nft refuses "! -s 0.0.0.0/0", the pool's last entry.
	negatable: len(cidrPool) - 1,
	natHeader: "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n",
	natRule:   "-A POSTROUTING %s -j %s\n", natFooter: "COMMIT\n",
	natActions: []string{"MASQUERADE", "SNAT --to-source 198.51.100.1", "ACCEPT", "RETURN"},
}

// randomMatch is a random filter rule's match in w's format.
func randomMatch(rng *rand.Rand, w matchWords) string {
	var parts []string
	if rng.Intn(3) == 0 {
		parts = append(parts, fmt.Sprintf(w.iif, sides[rng.Intn(len(sides))].ifname))
	}
	if rng.Intn(3) == 0 {
		parts = append(parts, fmt.Sprintf(w.oif, sides[rng.Intn(len(sides))].ifname))
	}
	if rng.Intn(3) == 0 {
		if rng.Intn(4) == 0 {
			parts = append(parts, fmt.Sprintf(w.notSrc, cidrPool[rng.Intn(w.negatable)]))
		} else {
			parts = append(parts, fmt.Sprintf(w.src, cidrPool[rng.Intn(len(cidrPool))]))
		}
	}
	if rng.Intn(3) == 0 {
		parts = append(parts, fmt.Sprintf(w.dst, cidrPool[rng.Intn(len(cidrPool))]))
	}
	switch rng.Intn(5) {
	case 0:
		parts = append(parts, fmt.Sprintf(w.tcpPort, ports[rng.Intn(len(ports))]))
	case 1:
		a, b := ports[rng.Intn(len(ports))], ports[rng.Intn(len(ports))]
		parts = append(parts, w.udpPorts(a, b))
	case 2:
		parts = append(parts, w.icmp)
	case 3:
		parts = append(parts, w.tcp)
	}
	if rng.Intn(6) == 0 {
		parts = append(parts, w.states[rng.Intn(2)])
	}
	return strings.Join(parts, " ")
}

// randomNATChain writes, for half of the rulesets, a postrouting chain of one to four random
// NAT rules in w's format.
func randomNATChain(b io.Writer, rng *rand.Rand, w matchWords) {
	if rng.Intn(2) != 0 {
		return
	}
	io.WriteString(b, w.natHeader)
	for range 1 + rng.Intn(4) {
		fmt.Fprintf(b, w.natRule, randomNATMatch(rng, w), w.natActions[rng.Intn(len(w.natActions))])
	}
	io.WriteString(b, w.natFooter)
}

// randomNATMatch is a random NAT rule's match in w's format: no input interface (a NAT rule of
// the snapshot has none) and no connection state (a NAT chain sees only the first packet of a
// connection).
func randomNATMatch(rng *rand.Rand, w matchWords) string {
	var parts []string
	if rng.Intn(2) == 0 {
		parts = append(parts, fmt.Sprintf(w.oif, sides[rng.Intn(len(sides))].ifname))
	}
	switch rng.Intn(4) {
	case 0:
		parts = append(parts, fmt.Sprintf(w.src, cidrPool[rng.Intn(len(cidrPool))]))
	case 1:
		parts = append(parts, fmt.Sprintf(w.notSrc, cidrPool[rng.Intn(len(cidrPool)-1)]))
	}
	if rng.Intn(3) == 0 {
		parts = append(parts, fmt.Sprintf(w.dst, cidrPool[rng.Intn(len(cidrPool))]))
	}
	switch rng.Intn(6) {
	case 0:
		parts = append(parts, fmt.Sprintf(w.tcpPort, ports[rng.Intn(len(ports))]))
	case 1:
		parts = append(parts, fmt.Sprintf(w.udpPort, ports[rng.Intn(len(ports))]))
	case 2:
		parts = append(parts, w.icmp)
	case 3:
		parts = append(parts, w.tcp)
	}
	return strings.Join(parts, " ")
}

// randomIptables is an iptables-save file: the filter table's FORWARD chain (with a user chain
// it jumps or goes to) and, for half of them, the nat table's POSTROUTING.
func randomIptables(rng *rand.Rand) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD %s [0:0]\n:OUTPUT ACCEPT [0:0]\n:SUB - [0:0]\n", []string{"ACCEPT", "DROP"}[rng.Intn(2)])
	targets := []string{"ACCEPT", "DROP", "REJECT", "SUB", "RETURN"}
	for range 2 + rng.Intn(8) {
		target := targets[rng.Intn(len(targets))]
		jump := "-j"
		if target == "SUB" && rng.Intn(2) == 0 {
			jump = "-g"
		}
		fmt.Fprintf(&b, "-A FORWARD %s %s %s\n", randomMatch(rng, iptWords), jump, target)
	}
	for range rng.Intn(4) {
		fmt.Fprintf(&b, "-A SUB %s -j %s\n", randomMatch(rng, iptWords), []string{"ACCEPT", "DROP", "RETURN", "REJECT"}[rng.Intn(4)])
	}
	b.WriteString("COMMIT\n")
	randomNATChain(&b, rng, iptWords)
	return b.String()
}
