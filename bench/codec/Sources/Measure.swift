// Timing and allocation counting, done the same way as bench/codec/bench_pbc.c so both sides are
// measured alike: double the iteration count until a run takes 50 ms, size runs to ~200 ms, keep
// the fastest of five runs. Allocations are counted by the LD_PRELOAD shim bench/codec/alloc_count.c
// (when loaded) over a fixed number of iterations.
import Glibc

/// Monotonic time and the optional malloc counter of the LD_PRELOAD shim.
enum Measure {
    /// Nanoseconds of CLOCK_MONOTONIC.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    typealias Counter = @convention(c) () -> UInt64

    /// The shim's `relay_bench_alloc_count` (calls to malloc, calloc, realloc, memalign and
    /// friends so far), or nil when the shim is not preloaded.
    static let allocCounter: Counter? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "relay_bench_alloc_count") else { return nil }
        return unsafeBitCast(symbol, to: Counter.self)
    }()

    /// The fastest time per call of `body`, in nanoseconds.
    static func nanosecondsPerOp(_ body: () -> Void) -> Double {
        var iterations = 1
        while true {
            let t0 = now()
            for _ in 0..<iterations { body() }
            let elapsed = now() - t0
            if elapsed >= 50_000_000 {
                iterations = max(1, Int(Double(iterations) * 200_000_000 / Double(elapsed)))
                break
            }
            iterations *= 2
        }
        var best = Double.infinity
        for _ in 0..<5 {
            let t0 = now()
            for _ in 0..<iterations { body() }
            best = min(best, Double(now() - t0) / Double(iterations))
        }
        return best
    }

    /// Allocations per call of `body` over `iterations` calls, or nil without the shim.
    static func allocationsPerOp(iterations: Int = 200, _ body: () -> Void) -> Double? {
        guard let counter = allocCounter else { return nil }
        body()  // warm up lazily initialised state
        let before = counter()
        for _ in 0..<iterations { body() }
        return Double(counter() - before) / Double(iterations)
    }
}
