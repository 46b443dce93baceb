/// Identifies a scheduled timer so that it can be cancelled.
public struct TimerHandle: Hashable, Sendable {
    let id: UInt64
}

/// The timers of one event loop: a binary min-heap on deadline (loop thread only).
struct TimerHeap {
    private struct Entry {
        let deadline: UInt64
        let id: UInt64
        let action: () -> Void
    }

    private var heap: [Entry] = []
    private var cancelled: Set<UInt64> = []
    private var nextID: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func insert(deadline: UInt64, action: @escaping () -> Void) -> TimerHandle {
        nextID += 1
        heap.append(Entry(deadline: deadline, id: nextID, action: action))
        siftUp(heap.count - 1)
        return TimerHandle(id: nextID)
    }

    mutating func cancel(_ handle: TimerHandle) {
        if heap.contains(where: { $0.id == handle.id }) { cancelled.insert(handle.id) }
    }

    /// How long epoll may sleep: -1 (no timer), or milliseconds rounded up so a timer never fires early.
    func millisecondsUntilNext(now: UInt64) -> Int32 {
        guard let first = heap.first else { return -1 }
        if first.deadline <= now { return 0 }
        return Int32(min((first.deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    /// Removes and returns the action of the earliest timer whose deadline has passed; the
    /// caller runs it outside the heap, so an action may schedule or cancel timers.
    mutating func popExpired(now: UInt64) -> (() -> Void)? {
        while let first = heap.first, first.deadline <= now {
            let entry = popFirst()
            if cancelled.remove(entry.id) == nil { return entry.action }
        }
        return nil
    }

    private mutating func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
