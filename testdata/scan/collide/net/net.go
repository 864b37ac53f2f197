package net

type Config struct{ MinVersion int }

func ParseIP(s string) string { return s }
