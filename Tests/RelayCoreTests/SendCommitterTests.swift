import Foundation
@testable import RelayCore
import RelayDomain
import Synchronization
import Testing

/// A message store that takes a little while, and counts what it stored.
private final class SlowMessages: MessageRepository {
    let stored = Mutex(0)
    let inFlight = Mutex((now: 0, most: 0))

    func accept(_ messages: [NewMessage]) async throws(DomainError) -> [AcceptOutcome] {
        inFlight.withLock { $0 = (now: $0.now + 1, most: max($0.most, $0.now + 1)) }
        try? await Task.sleep(for: .microseconds(Int.random(in: 0...300)))
        inFlight.withLock { $0.now -= 1 }
        stored.withLock { $0 += messages.count }
        return Array(repeating: .accepted, count: messages.count)
    }

    func accept(_ messages: [NewMessage], ifNoneSuppressed addresses: [String]) async throws(DomainError) -> [AcceptOutcome]? {
        try await accept(messages)
    }

    func suppressions(of addresses: [String], in organization: OrganizationID) async throws(DomainError) -> [String: (id: UUID, reason: String)] {
        await Task.yield()
        return [:]
    }

    func get(_ id: MessageID, in organization: OrganizationID) async throws(DomainError) -> StoredMessage {
        throw .notFound(resource: "message", id: id.description)
    }
}

@Suite struct SendCommitterTests {
    private static func item(_ organization: OrganizationID) -> SendCommitter.Item {
        let message = NewMessage(
            id: MessageID(UUID.timeOrdered()), organizationID: organization, domainID: DomainID(UUID()), domainName: "example.com",
            from: MailAddress(address: "a@example.com"), subject: "s", htmlBody: "", textBody: "t",
            recipients: [NewRecipient(address: MailAddress(address: "b@example.org"), normalizedAddress: "b@example.org", kind: .to)],
            apiKeyID: nil, rfc822MessageID: "<m@example.com>", createdAt: Date())
        return SendCommitter.Item(message: message, validateOnly: false, idempotencyKey: "", canonicalBytes: [], response: { _ in [] })
    }

    /// Many concurrent calls, in waves: every message is stored once, every call answers, and the
    /// committer's role is never lost (a lost role would leave fewer committers, then none: a hang).
    @Test func everyCallIsStoredAndTheCommitterRoleIsNeverLost() async throws {
        let store = SlowMessages()
        let committer = SendCommitter(messages: store)
        let organizations = [OrganizationID(UUID()), OrganizationID(UUID())]
        var expected = 0
        for wave in 0..<20 {
            let calls = 64 + wave * 8
            expected += calls * 2
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<calls {
                    group.addTask {
                        let items = [Self.item(organizations[i % 2]), Self.item(organizations[i % 2])]
                        return try await committer.commit(items, organization: organizations[i % 2]).count
                    }
                }
                for try await answered in group { #expect(answered == 2) }
            }
            #expect(committer.activeCommitters == 0, "wave \(wave)")
        }
        #expect(store.stored.withLock { $0 } == expected)
        #expect(store.inFlight.withLock { $0.most } > 1, "commits overlapped")
    }
}
