#!/bin/bash
# toolchain: 1.26
# expect-next: slated-for-removal asynctimerchan=1 -> server, overrides-default asynctimerchan=1 -> server, silently-ignored x509sha1=1 -> server, silently-ignored tracebacklabels=0 -> server
GODEBUG=asynctimerchan=1,x509sha1=1,tracebacklabels=0 ./server
