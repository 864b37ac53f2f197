module example.com/g

go 1.24.0
