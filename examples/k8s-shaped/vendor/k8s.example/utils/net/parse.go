// Package net holds IP helpers that keep pre-Go 1.17 parsing for stored data.
package net

import forkednet "k8s.example/utils/internal/third_party/forked/golang/net"

// ParseIPSloppy is identical to Go's standard net.ParseIP, except that it allows
// leading '0' characters on numbers. Go used to allow this and then changed the
// behavior in 1.17. We're choosing to keep it for compat with potential stored values.
var ParseIPSloppy = forkednet.ParseIP

// ParseCIDRSloppy is the CIDR counterpart of ParseIPSloppy.
var ParseCIDRSloppy = forkednet.ParseCIDR
