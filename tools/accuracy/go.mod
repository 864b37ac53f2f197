module godebug-audit/tools/accuracy

go 1.27
