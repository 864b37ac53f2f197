module example.com/app

go 1.24.0

godebug x509sha256skid=0
