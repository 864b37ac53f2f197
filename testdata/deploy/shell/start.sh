#!/bin/sh
# export GODEBUG=x509sha1=1
echo "$GODEBUG" "GODEBUG=x509sha1=1"
if [ -z "$GODEBUG" ]; then
  export GODEBUG="panicnil=1"  # expect: overrides-default panicnil=1
fi
GODEBUG="${GODEBUG:+$GODEBUG,}asynctimerchan=2"  # expect: startup-fatal asynctimerchan=2
export GODEBUG
GODEBUG=httpmuxgo121=1 exec /usr/local/bin/apiserver --secure-port=6443  # expect: overrides-default httpmuxgo121=1 -> apiserver
env GOMAXPROCS=4 /usr/bin/worker &  # expect: runtime-tuning GOMAXPROCS=4 -> worker
docker run --rm -e GOGC=abc example.com/tool  # expect: silently-ignored GOGC=abc
grep -q 'GODEBUG=' /etc/environment
cat > /etc/default/agent <<END
# expect-next: startup-fatal tlsrsakex=1
GODEBUG=tlsrsakex=1
END
cat > /etc/systemd/system/proxy.service <<'UNIT'
[Service]
# expect-next: overrides-default netdns=go, overrides-default http2xconnect=1, runtime-tuning GOGC=100
Environment="GODEBUG=netdns=go,http2xconnect=1" GOGC=100
# expect-next: not-static *
EnvironmentFile=-/etc/default/proxy
ExecStart=/usr/local/bin/proxy
UNIT
