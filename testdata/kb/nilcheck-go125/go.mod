module example.com/kb/nilcheck

go 1.24
