module godebug-audit/tools/gen_stdlib

go 1.27
