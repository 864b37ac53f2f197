module example.com/release123

go 1.17
