module example.com/kb/greentea

go 1.25
