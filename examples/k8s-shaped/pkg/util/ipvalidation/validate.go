// Package ipvalidation validates IPs in API objects; stored objects may carry leading zeros.
package ipvalidation

import utilnet "k8s.example/utils/net"

// IsValidIP reports whether s parses, leading zeros allowed (kubernetes #100895).
func IsValidIP(s string) bool {
	return utilnet.ParseIPSloppy(s) != nil
}
