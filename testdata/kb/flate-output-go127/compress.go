// Package compressed exercises DEFLATE writers, whose exact output bytes change in Go 1.27.
package compressed

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"image"
	"image/png"
	"io"
)

func deflate(w io.Writer) (*flate.Writer, error) {
	return flate.NewWriter(w, flate.BestCompression) // want flate-output-go127
}

func gz(w io.Writer) *gzip.Writer {
	return gzip.NewWriter(w) // want flate-output-go127
}

func zl(w io.Writer) (*zlib.Writer, error) {
	return zlib.NewWriterLevel(w, zlib.BestSpeed) // want flate-output-go127
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, img) // want flate-output-go127
	return b.Bytes(), err
}

// Decompression reads any valid stream: unchanged.
func inflate(r io.Reader) (*gzip.Reader, error) {
	return gzip.NewReader(r) // ok flate-output-go127
}
