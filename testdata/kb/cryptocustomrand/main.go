package main

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"fmt"
)

func main() {
	r := rand.Reader
	k, _ := ecdsa.GenerateKey(elliptic.P256(), r) // want cryptocustomrand
	h := sha256.Sum256([]byte("x"))
	_, _ = ecdsa.SignASN1(r, k, h[:]) // want cryptocustomrand
	_, _ = k.Sign(r, h[:], nil)       // want cryptocustomrand
	_, _, _ = ed25519.GenerateKey(nil) // want cryptocustomrand
	_, _ = ecdh.X25519().GenerateKey(r) // want cryptocustomrand
	_, _ = rand.Prime(r, 64)            // want cryptocustomrand
	rk, _ := rsa.GenerateKey(r, 2048)   // want cryptocustomrand
	_, _ = rsa.EncryptPKCS1v15(r, &rk.PublicKey, []byte("m")) // want cryptocustomrand
	_ = ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // ok cryptocustomrand
	fmt.Println(sha256.Size)
}
