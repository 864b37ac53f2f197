// Package jsonfield exercises UnmarshalTypeError.Field, which names embedded structs since Go 1.24.
package jsonfield

import (
	"encoding/json"
	"errors"
)

func badField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field // want json-unmarshaltypeerror-field-go124
	}
	return ""
}

// The JSON type that was found is unchanged.
func badValue(te *json.UnmarshalTypeError) string {
	return te.Value // ok json-unmarshaltypeerror-field-go124
}
