module example.com/pinned123

go 1.21.0

godebug x509sha1=1
