module example.com/kb/xneth2

go 1.27

require golang.org/x/net v0.0.0

replace golang.org/x/net => ./third_party/net
