internal import RelayIO

/// The state of one call on a server connection (owned by its ``ServerConnection``).
final class ServerCall {
    let stream: Int32
    let method: RPCMethod
    let started = ContinuousClock.now
    var context: ServerContext?
    var deframer: MessageDeframer
    var compressed: Bool
    /// Complete request messages not yet read by the handler.
    var queue: [(message: [UInt8], wireSize: Int)] = []
    var queueHead = 0
    var queuedBytes = 0
    /// Body bytes received, and those whose window has been reopened.
    var receivedBytes = 0
    var consumedBytes = 0
    var requestEnded = false
    var handlerStarted = false
    var headersSent = false
    var finished = false
    var initialMetadata = Metadata()
    var trailingMetadata = Metadata()
    var readWaiter: CheckedContinuation<[UInt8]?, any Error>?
    var writeWaiter: CheckedContinuation<Void, any Error>?
    var task: Task<Void, Never>?
    var deadlineTimer: TimerHandle?
    var responseEncoding: String?

    init(stream: Int32, method: RPCMethod, maxMessageSize: Int, compressed: Bool) {
        self.stream = stream
        self.method = method
        self.deframer = MessageDeframer(maxMessageSize: maxMessageSize)
        self.compressed = compressed
    }

    var hasQueuedMessage: Bool { queueHead < queue.count }

    func dequeue() -> [UInt8] {
        let (message, wireSize) = queue[queueHead]
        queueHead += 1
        queuedBytes -= wireSize
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return message
    }
}
