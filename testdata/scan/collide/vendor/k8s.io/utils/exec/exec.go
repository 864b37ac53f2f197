package exec

func LookPath(file string) (string, error) { return file, nil }
