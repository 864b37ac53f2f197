module example.com/kb/parseip

go 1.27

require k8s.io/utils v0.0.0

replace k8s.io/utils => ./third_party/utils
