package aws

import (
	"context"
	"testing"
	"time"
)

// A freed slot goes to the first continuation page waiting, ahead of requests that came
// earlier; the others keep their order; no more than the bound run at once.
func TestSlotQueueServesContinuationPagesFirst(t *testing.T) {
	q := newSlotQueue(1)
	ctx := context.Background()
	if err := q.acquire(ctx, false); err != nil {
		t.Fatal(err)
	}
	order := make(chan string, 3)
	wait := func(name string, continuation bool) {
		go func() {
			if err := q.acquire(ctx, continuation); err != nil {
				t.Error(err)
			}
			order <- name
		}()
	}
	// Queue them one by one, so that their arrival order is known.
	for i, w := range []struct {
		name         string
		continuation bool
	}{{"first new", false}, {"second new", false}, {"next page", true}} {
		wait(w.name, w.continuation)
		waitQueued(t, q, i+1)
	}
	var got []string
	for range 3 {
		select {
		case name := <-order:
			t.Fatalf("%s ran while the only slot was taken", name)
		default:
		}
		q.release()
		got = append(got, <-order)
	}
	want := []string{"next page", "first new", "second new"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("slots went to %v, want %v", got, want)
		}
	}
}

// waitQueued waits until n requests wait in q.
func waitQueued(t *testing.T, q *slotQueue, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		q.mu.Lock()
		queued := len(q.next) + len(q.later)
		q.mu.Unlock()
		if queued == n {
			return
		}
	}
	t.Fatalf("%d requests never queued", n)
}

// A request whose context ends while it waits gives up without holding a slot.
func TestSlotQueueCancelledWaitHoldsNoSlot(t *testing.T) {
	q := newSlotQueue(1)
	if err := q.acquire(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := q.acquire(ctx, true); err == nil {
		t.Fatal("acquired a slot that was taken")
	}
	q.release()
	if q.free != 1 || len(q.next)+len(q.later) != 0 {
		t.Fatalf("after the cancelled wait: %d free, %d waiting; want 1 free, none waiting", q.free, len(q.next)+len(q.later))
	}
}
