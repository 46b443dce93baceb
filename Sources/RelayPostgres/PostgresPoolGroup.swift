public import RelayIO

/// One ``PostgresPool`` per event loop, for a server whose handlers run on several loops: a
/// handler takes ``current``, the pool on its own loop, so its statements and their replies are
/// handled on the thread it already runs on (no hop to another thread and back per statement).
///
/// The connection limit is split between the loops; a loop's callers wait for that loop's
/// connections only.
public struct PostgresPoolGroup: Sendable {
    /// The pools, one per loop, in the order of the loops.
    public let pools: [PostgresPool]

    /// Pools on `loops` (started ones: a pool runs on its loop) sharing `options.maxConnections`
    /// between them (at least two each).
    public init(configuration: PostgresConfiguration, options: PostgresPool.Options = .init(), loops: [EventLoop]) {
        precondition(!loops.isEmpty, "a pool group needs at least one loop")
        var each = options
        each.maxConnections = max(2, (options.maxConnections + loops.count - 1) / loops.count)
        pools = loops.map { PostgresPool(configuration: configuration, options: each, loop: $0) }
    }

    /// The pool on the calling thread's loop; from any other thread, the first pool.
    public var current: PostgresPool {
        pools.first { $0.loop.inLoop } ?? pools[0]
    }

    /// Closes every pool.
    public func close() async {
        for pool in pools { await pool.close() }
    }
}

extension PostgresPoolGroup {
    /// A group of one pool (a command-line tool, a test): ``current`` is always that pool.
    public init(_ pool: PostgresPool) { pools = [pool] }
}
