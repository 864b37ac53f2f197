module example.com/keep122

go 1.22.0
