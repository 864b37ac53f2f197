// Package jsonerrs exercises encoding/json, whose error texts may change on the v2 implementation (Go 1.27).
package jsonerrs

import (
	"encoding/json"
	"io"
)

type obj struct {
	Name string `json:"name"`
}

func decode(data []byte) (obj, error) {
	var o obj
	err := json.Unmarshal(data, &o) // want json-v1-on-v2-go127
	return o, err
}

func stream(r io.Reader) (obj, error) {
	var o obj
	err := json.NewDecoder(r).Decode(&o) // want json-v1-on-v2-go127
	return o, err
}

func encode(o obj) ([]byte, error) {
	return json.Marshal(o) // want json-v1-on-v2-go127
}

// Validity is a yes/no answer: no error text involved.
func valid(data []byte) bool {
	return json.Valid(data) // ok json-v1-on-v2-go127
}

// Raw messages are kept as bytes.
func raw(data []byte) json.RawMessage {
	return json.RawMessage(data) // ok json-v1-on-v2-go127
}
