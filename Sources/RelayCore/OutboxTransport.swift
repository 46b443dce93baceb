public import Foundation
public import RelayDomain

/// The default transport: each message written as an `.eml` file to a directory (the README's
/// run command delivers somewhere you can look). Written to a temporary name and renamed, so a
/// reader never sees half a file; a `Return-Path` and an `X-Relay-Recipients` line carry the
/// envelope above the signed headers.
public struct OutboxTransport: MailTransport {
    /// The directory the files go to.
    public let directory: URL

    /// An outbox in `directory` (created if missing).
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
    }

    public func deliver(_ email: OutgoingEmail) async -> [DeliveryOutcome] {
        let name = email.messageID.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == "@" }
        let file = directory.appendingPathComponent("\(name).eml")
        let temporary = directory.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        var data = Data("Return-Path: <\(email.envelopeFrom)>\r\nX-Relay-Recipients: \(email.recipients.joined(separator: ", "))\r\n".utf8)
        data.append(contentsOf: email.data)
        do {
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: temporary, to: file)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return email.recipients.map { _ in .deferred(detail: "the outbox could not be written: \(error.localizedDescription)") }
        }
        return email.recipients.map { _ in .accepted(detail: "written to \(file.lastPathComponent)") }
    }
}
