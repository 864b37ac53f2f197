package main

func childEnv(env map[string]string) map[string]string {
	env["GODEBUG"] = "http2debug=2" // expect: overrides-default http2debug=2
	return map[string]string{
		"GOGC": "off", // expect: runtime-tuning GOGC=off
	}
}

var pod = []EnvVar{{Name: "GODEBUG", Value: "gotypesalias=0"}} // expect: startup-fatal gotypesalias=0
