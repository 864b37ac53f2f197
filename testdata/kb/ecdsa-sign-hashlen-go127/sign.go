// Package ecsign exercises ECDSA signing, which checks the digest length against the options since Go 1.27.
package ecsign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
)

func sign(priv *ecdsa.PrivateKey, msg []byte) ([]byte, error) {
	d := sha256.Sum256(msg)
	return priv.Sign(rand.Reader, d[:], crypto.SHA256) // want ecdsa-sign-hashlen-go127
}

// SignASN1 takes no options: unchanged.
func signASN1(priv *ecdsa.PrivateKey, digest []byte) ([]byte, error) {
	return ecdsa.SignASN1(rand.Reader, priv, digest) // ok ecdsa-sign-hashlen-go127
}

// Verification is unchanged.
func verify(pub *ecdsa.PublicKey, digest, sig []byte) bool {
	return ecdsa.VerifyASN1(pub, digest, sig) // ok ecdsa-sign-hashlen-go127
}
