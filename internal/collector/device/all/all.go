// Package all registers every device export format with package device; the CLI imports it
// for its side effects so that --device FORMAT:PATH knows them all.
package all

import (
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/ciscoios"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/generic"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/iptables"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/linux"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/nftables"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/pfsense"
)
