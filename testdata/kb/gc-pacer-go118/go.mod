module example.com/kb/gcpacer

go 1.17
