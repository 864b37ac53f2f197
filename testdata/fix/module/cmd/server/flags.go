package main

var verbose = false
