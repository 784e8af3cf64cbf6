package aws

import (
	"context"
	"slices"
	"sync"
)

// slotQueue bounds the requests in flight (Options.Concurrency). A page that continues a
// chain of pages gets the next free slot before a request that starts something new: each
// chain's pages can only run one after another, so they are the run's critical path, while
// the requests they reveal (a group's rules, a VPC's attributes) can wait a moment without
// making the run longer.
type slotQueue struct {
	mu   sync.Mutex
	free int
	// next and later are the requests waiting, continuation pages first, each in arrival order.
	next, later []chan struct{}
}

func newSlotQueue(n int) *slotQueue { return &slotQueue{free: n} }

// acquire waits for a slot; continuation says the request is a chain's next page. It fails
// only when ctx ends first, holding no slot then.
func (q *slotQueue) acquire(ctx context.Context, continuation bool) error {
	q.mu.Lock()
	if q.free > 0 && (continuation || len(q.next) == 0) {
		q.free--
		q.mu.Unlock()
		return nil
	}
	granted := make(chan struct{})
	if continuation {
		q.next = append(q.next, granted)
	} else {
		q.later = append(q.later, granted)
	}
	q.mu.Unlock()
	select {
	case <-granted:
		return nil
	case <-ctx.Done():
		q.mu.Lock()
		waiting := slices.Contains(q.next, granted) || slices.Contains(q.later, granted)
		q.next = slices.DeleteFunc(q.next, func(c chan struct{}) bool { return c == granted })
		q.later = slices.DeleteFunc(q.later, func(c chan struct{}) bool { return c == granted })
		q.mu.Unlock()
		if !waiting {
			q.release() // granted as ctx ended: hand the slot on
		}
		return ctx.Err()
	}
}

// release gives a slot back: to the first continuation page waiting, else to the first other
// request waiting, else to the pool.
func (q *slotQueue) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, queue := range []*[]chan struct{}{&q.next, &q.later} {
		if len(*queue) > 0 {
			granted := (*queue)[0]
			*queue = (*queue)[1:]
			close(granted)
			return
		}
	}
	q.free++
}
