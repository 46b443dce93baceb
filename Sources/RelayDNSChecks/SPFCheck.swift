internal import RelayDomain

/// The result of an SPF check: the verdict, the record to publish, and the DNS-lookup count.
public struct SPFCheck: Sendable, Equatable {
    /// The verdict on the domain's SPF.
    public var check: DNSRecordCheck
    /// What to publish: the existing record with the include added (or as is when it has it),
    /// or a new record `v=spf1 include:… ~all`.
    public var valueToPublish: String
    /// Whether the domain has an SPF record already, so the include goes into it.
    public var addsInclude: Bool
    /// The DNS-querying terms counted through the includes (RFC 7208 §4.6.4), up to the limit + 1.
    public var lookupCount: Int
}

extension DomainRecordChecker {
    /// Checks the SPF record at `domain` for `include` (`spf.example.net` or
    /// `include:spf.example.net`), also when reached through nested includes or a redirect.
    public func checkSPF(domain: String, include: String) async -> SPFCheck {
        let expected = DomainText.normalized(include)
        let mechanism = "include:" + expected
        let fresh = "v=spf1 \(mechanism) ~all"
        let answer: DNSAnswer
        do { answer = try await resolver.lookUp(domain, .txt) } catch {
            return SPFCheck(check: Self.failed(error), valueToPublish: fresh, addsInclude: false, lookupCount: 0)
        }
        let records = answer.values.filter(SPFRecord.isSPF)
        guard let first = records.first, let record = SPFRecord(parsing: first) else {
            return SPFCheck(check: DNSRecordCheck(.missing, explanation: "no SPF record at \(domain)"), valueToPublish: fresh, addsInclude: false, lookupCount: 0)
        }
        var walk = SPFWalk(expected: expected, limit: spfLookupLimit, visited: [DomainText.normalized(domain)])
        await walk.follow(record, via: [], resolver: resolver)
        let reached = walk.reachedThrough != nil
        let value = reached ? first : record.adding(mechanism)
        func result(_ state: DNSRecordCheckState, _ explanation: [String]) -> SPFCheck {
            SPFCheck(
                check: DNSRecordCheck(state, found: records, explanation: explanation.joined(separator: "; ")),
                valueToPublish: value, addsInclude: true, lookupCount: walk.lookups)
        }
        if records.count > 1 {
            return result(.mismatched, ["several SPF records: SPF fails with a permanent error; merge them into one"])
        }
        if let failure = walk.failure { return result(.lookupFailed, [failure]) }
        if walk.lookups > spfLookupLimit {
            return result(.mismatched, ["more than \(spfLookupLimit) SPF DNS lookups: SPF fails with a permanent error (RFC 7208 §4.6.4)"] + walk.problems)
        }
        guard let path = walk.reachedThrough else {
            return result(.mismatched, ["the SPF record does not include \(mechanism)"] + walk.problems)
        }
        let via = path.isEmpty ? [] : ["\(mechanism) is reached through \(path.map { "include:" + $0 }.joined(separator: " → "))"]
        return result(.verified, via + walk.problems)
    }
}

/// A walk through an SPF record and the records its includes and redirect lead to, counting the
/// terms that cost a DNS lookup.
struct SPFWalk {
    let expected: String
    let limit: Int
    var visited: Set<String>
    var lookups = 0
    /// The includes walked through to reach the expected include (empty: the record itself).
    var reachedThrough: [String]?
    var problems: [String] = []
    var failure: String?

    init(expected: String, limit: Int, visited: Set<String>) {
        self.expected = expected
        self.limit = limit
        self.visited = visited
    }

    mutating func follow(_ record: SPFRecord, via path: [String], resolver: any DNSResolver) async {
        lookups += record.lookupTermCount
        var targets: [String] = []
        for include in record.includes {
            if include.domain == expected && "+".contains(include.qualifier) && reachedThrough == nil { reachedThrough = path }
            targets.append(include.domain)
        }
        if let redirect = record.redirect { targets.append(redirect) }
        for target in targets {
            guard lookups <= limit, failure == nil else { return }
            guard !target.contains("%") else { continue }  // a macro: known only at evaluation time
            guard visited.insert(target).inserted else {
                problems.append("\(target) is included more than once (or in a loop)")
                continue
            }
            let answer: DNSAnswer
            do { answer = try await resolver.lookUp(target, .txt) } catch {
                failure = "looking up the SPF record of \(target) failed: " + DomainRecordChecker.failed(error).explanation
                return
            }
            let nested = answer.values.filter(SPFRecord.isSPF)
            guard nested.count == 1, let child = SPFRecord(parsing: nested[0]) else {
                problems.append(nested.isEmpty ? "\(target) has no SPF record (a permanent error when reached)" : "\(target) has several SPF records")
                continue
            }
            await follow(child, via: path + [target], resolver: resolver)
        }
    }
}
