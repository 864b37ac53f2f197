module example.com/kb/eintr

go 1.27

require golang.org/x/sys v0.0.0

replace golang.org/x/sys => ./third_party/sys
