public import RelayDomain

/// One SMTP reply: its code and text (the lines of a multi-line reply joined by spaces).
public struct SMTPReply: Sendable, Equatable {
    /// The three-digit code.
    public var code: Int
    /// The text after the code.
    public var text: String

    /// A reply.
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    var detail: String { text.isEmpty ? "\(code)" : "\(code) \(text)" }
}

/// What the server answered to one mail transaction, read from the lines libcurl sends and
/// receives: the reply to `MAIL FROM`, to each `RCPT TO` in order, to `DATA` and to the end of
/// the data. A pure state machine, fed line by line.
public struct SMTPDialogue: Sendable, Equatable {
    private enum Command: Sendable, Equatable {
        case none, mailFrom, recipient, data, endOfData, other
    }

    private var current = Command.none
    private var pendingText: [String] = []
    /// The reply to `MAIL FROM`.
    public private(set) var mailFromReply: SMTPReply?
    /// The replies to the `RCPT TO` commands, in order.
    public private(set) var recipientReplies: [SMTPReply] = []
    /// The reply to `DATA` (354 when the server takes the data).
    public private(set) var dataReply: SMTPReply?
    /// The reply after the data (`250 … queued`).
    public private(set) var finalReply: SMTPReply?

    /// An empty dialogue.
    public init() {}

    /// A command line libcurl sent.
    public mutating func sent(_ line: Substring) {
        let upper = line.uppercased()
        current =
            if upper.hasPrefix("MAIL FROM:") { .mailFrom }
            else if upper.hasPrefix("RCPT TO:") { .recipient }
            else if upper == "DATA" { .data }
            else { .other }
        pendingText = []
    }

    /// A reply line libcurl received (`250-…` continues, `250 …` ends a reply).
    public mutating func received(_ line: Substring) {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }), let code = Int(String(line.prefix(3))) else { return }
        let text = line.dropFirst(4).trimmingCharacters()
        pendingText.append(text)
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") { return }
        let reply = SMTPReply(code: code, text: pendingText.filter { !$0.isEmpty }.joined(separator: " "))
        pendingText = []
        switch current {
        case .mailFrom: mailFromReply = reply
        case .recipient: recipientReplies.append(reply)
        case .data:
            dataReply = reply
            if code == 354 { current = .endOfData; return }
        case .endOfData: finalReply = reply
        case .none, .other: break
        }
        current = .other
    }

    /// Feeds a chunk of lines (CRLF or LF separated) in one direction.
    public mutating func feed(_ chunk: String, outgoing: Bool) {
        for line in chunk.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            if outgoing { sent(line) } else { received(line) }
        }
    }

    /// Whether the transaction began (the server answered `MAIL FROM`).
    public var transactionStarted: Bool { mailFromReply != nil }

    /// One outcome per recipient: the replies decide; where a reply is missing the transfer
    /// broke off, and `failure` (libcurl's reason) makes the recipient deferred.
    public func outcomes(recipientCount: Int, failure: String?) -> [DeliveryOutcome] {
        let broken = failure ?? "no reply from the server"
        if let mailFrom = mailFromReply, mailFrom.code >= 400 {
            return Array(repeating: Self.failed(mailFrom, "MAIL FROM"), count: recipientCount)
        }
        return (0..<recipientCount).map { index in
            guard index < recipientReplies.count else { return .deferred(detail: broken) }
            let recipient = recipientReplies[index]
            guard (200..<300).contains(recipient.code) else { return Self.failed(recipient, "RCPT TO") }
            if let final = finalReply {
                return (200..<300).contains(final.code) ? .accepted(detail: final.detail) : Self.failed(final, "end of data")
            }
            if let data = dataReply, data.code != 354 { return Self.failed(data, "DATA") }
            return .deferred(detail: "the transfer broke off after RCPT TO: \(broken)")
        }
    }

    private static func failed(_ reply: SMTPReply, _ step: String) -> DeliveryOutcome {
        if reply.code >= 500 { return .rejected(code: reply.code, detail: reply.detail) }
        return .deferred(detail: "\(step): \(reply.detail)")
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
