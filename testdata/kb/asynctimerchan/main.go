package main

import (
	"fmt"
	tm "time"
)

type clock struct{}

func (clock) NewTimer(d int) int { return d }

func main() {
	t := tm.NewTimer(tm.Second) // want asynctimerchan
	if !t.Stop() {              // want asynctimerchan
		<-t.C
	}
	t.Reset(tm.Millisecond)       // want asynctimerchan
	tk := tm.NewTicker(tm.Second) // want asynctimerchan
	tk.Stop()
	select {
	case <-tm.After(tm.Millisecond): // want asynctimerchan
	case <-tm.Tick(tm.Second): // want asynctimerchan
	}
	time := clock{}
	fmt.Println(time.NewTimer(1)) // ok asynctimerchan
	_ = tm.Duration(3)            // ok asynctimerchan
}
