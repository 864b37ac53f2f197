package main

import (
	"html/template"
	"os"
	texttemplate "text/template"
)

func main() {
	t := template.Must(template.New("m").Parse(`<meta http-equiv="refresh" content="0; url={{.}}">`))
	_ = t.Execute(os.Stdout, "https://example.com/") // want htmlmetacontenturlescape
	_ = t.ExecuteTemplate(os.Stdout, "m", "x")       // want htmlmetacontenturlescape
	tt := texttemplate.Must(texttemplate.New("m").Parse(`{{.}}`))
	_ = tt.Execute(os.Stdout, "plain") // ok htmlmetacontenturlescape
}
