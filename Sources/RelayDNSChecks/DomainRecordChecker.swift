public import RelayDomain

/// Checks a domain's records through a ``DNSResolver``: DKIM keys, SPF, DMARC and the return
/// path, each to a ``DNSRecordCheck`` with the values found and a plain explanation.
public struct DomainRecordChecker: Sendable {
    /// Where lookups go.
    public let resolver: any DNSResolver
    /// How many DNS-querying SPF terms the SPF walk follows before it stops (RFC 7208 allows 10).
    public var spfLookupLimit = 10

    /// A checker asking `resolver`.
    public init(resolver: any DNSResolver) {
        self.resolver = resolver
    }

    /// Checks each record as its purpose requires: DKIM against the key in the record's value,
    /// SPF for `spfInclude` at `name` (the value becomes what to publish), DMARC at `name`, the
    /// return path against the value as CNAME target. Returns the records with their state, the
    /// values found and the check's explanation.
    public func check(_ records: [DomainDNSRecord]) async -> [DomainDNSRecord] {
        var checked: [DomainDNSRecord] = []
        for record in records { checked.append(await check(record)) }
        return checked
    }

    /// Checks one record (see ``check(_:)-([DomainDNSRecord])``).
    public func check(_ record: DomainDNSRecord) async -> DomainDNSRecord {
        var record = record
        let result: DNSRecordCheck
        switch record.purpose {
        case .dkim:
            let tags = try? TagList(parsing: record.value)
            let algorithm = tags?["k"].flatMap { DKIMAlgorithm(keyType: $0.lowercased()) } ?? .rsa2048
            result = await checkDKIM(name: record.name, algorithm: algorithm, publicKey: tags?["p"] ?? "")
        case .spf:
            let spf = await checkSPF(domain: record.name, include: record.spfInclude)
            record.value = spf.valueToPublish
            record.spfAddInclude = spf.addsInclude
            result = spf.check
        case .dmarc:
            result = await checkDMARC(name: record.name)
        case .returnPath:
            result = await checkReturnPath(name: record.name, target: record.value)
        }
        record.state = result.state
        record.foundValues = result.foundValues
        record.explanation = result.explanation
        return record
    }

    // MARK: - DKIM

    /// Checks the DKIM key record at `name` (`<selector>._domainkey.<domain>`): verified when one
    /// record's `p=` is `publicKey` (whitespace ignored) with a matching `k=`.
    public func checkDKIM(name: String, algorithm: DKIMAlgorithm, publicKey: String) async -> DNSRecordCheck {
        let answer: DNSAnswer
        do { answer = try await resolver.lookUp(name, .txt) } catch { return Self.failed(error) }
        let found = answer.values
        let expectedKey = publicKey.removingWhitespace()
        var problems: [String] = []
        var matching = 0
        var keyRecords = 0
        for text in found {
            let verdict = Self.dkimProblem(in: text, algorithm: algorithm, key: expectedKey)
            if verdict.isKeyRecord { keyRecords += 1 }
            if let problem = verdict.problem {
                if !problems.contains(problem) { problems.append(problem) }
            } else {
                matching += 1
            }
        }
        if matching > 0 {
            if keyRecords > 1 {
                return DNSRecordCheck(.mismatched, found: found, explanation: "several DKIM records at this name: receivers may use another key")
            }
            return DNSRecordCheck(.verified, found: found)
        }
        if let alias = await otherProvider(at: name) {
            return DNSRecordCheck(.mismatched, found: found, explanation: "CNAME points to another provider (\(alias)): remove the CNAME and publish the TXT record")
        }
        if found.isEmpty {
            return DNSRecordCheck(.missing, explanation: answer == .noSuchName ? "no record at \(name)" : "no TXT record at \(name)")
        }
        return DNSRecordCheck(.mismatched, found: found, explanation: problems.joined(separator: "; "))
    }

    /// Whether a TXT text is a DKIM key record and, if it is not the expected one, why.
    static func dkimProblem(in text: String, algorithm: DKIMAlgorithm, key: String) -> (isKeyRecord: Bool, problem: String?) {
        let tags: TagList
        do { tags = try TagList(parsing: text) } catch {
            return (false, "not a valid DKIM record: \(error)")
        }
        let isKeyRecord = tags["p"] != nil || tags["v"] != nil
        if let version = tags["v"] {
            if tags.tags.first?.name != "v" { return (isKeyRecord, "v=DKIM1 must be the first tag") }
            if version != "DKIM1" { return (isKeyRecord, "v=\(version) is not v=DKIM1") }
        }
        guard let published = tags["p"]?.removingWhitespace() else { return (false, "not a DKIM key record (no p= tag)") }
        if published.isEmpty { return (true, "the key is revoked (empty p=)") }
        let declared = tags["k"]?.lowercased()
        if let declared, declared != algorithm.keyType {
            return (true, "k=\(declared) but the key is \(algorithm.keyType)")
        }
        if declared == nil && algorithm != .rsa2048 {
            return (true, "no k= tag, so receivers take the key as rsa, but it is \(algorithm.keyType)")
        }
        if let hashes = tags["h"], !hashes.lowercased().split(separator: ":").map({ $0.trimmingWhitespace() }).contains("sha256") {
            return (true, "h=\(hashes) does not allow sha256")
        }
        if published != key { return (true, "the published key differs from Relay's key") }
        return (true, nil)
    }

    /// The target when `name` is a CNAME (the record then belongs to whoever the alias points at).
    private func otherProvider(at name: String) async -> String? {
        guard case .records(let targets)? = try? await resolver.lookUp(name, .cname), let target = targets.first else { return nil }
        return target
    }

    // MARK: - DMARC

    /// Checks the DMARC record at `name` (`_dmarc.<domain>`): verified with a valid `p=`;
    /// `p=none` and a missing `rua=` are explained; several records are an error.
    public func checkDMARC(name: String) async -> DNSRecordCheck {
        let answer: DNSAnswer
        do { answer = try await resolver.lookUp(name, .txt) } catch { return Self.failed(error) }
        let records = answer.values.filter { $0.removingWhitespace().lowercased().hasPrefix("v=dmarc1") }
        if records.isEmpty {
            let others = answer.values.isEmpty ? "" : " (TXT records found, none starting v=DMARC1)"
            return DNSRecordCheck(.missing, explanation: "no DMARC record at \(name)\(others)")
        }
        if records.count > 1 {
            return DNSRecordCheck(.mismatched, found: records, explanation: "several DMARC records: receivers ignore them all; keep one")
        }
        let tags: TagList
        do { tags = try TagList(parsing: records[0]) } catch {
            return DNSRecordCheck(.mismatched, found: records, explanation: "not a valid DMARC record: \(error)")
        }
        guard tags.tags.first?.name == "v", tags["v"] == "DMARC1" else {
            return DNSRecordCheck(.mismatched, found: records, explanation: "v=DMARC1 must be the first tag")
        }
        guard let policy = tags["p"]?.lowercased() else {
            return DNSRecordCheck(.mismatched, found: records, explanation: "the DMARC record has no p= policy")
        }
        guard ["none", "quarantine", "reject"].contains(policy) else {
            return DNSRecordCheck(.mismatched, found: records, explanation: "invalid DMARC policy p=\(policy): use none, quarantine or reject")
        }
        var notes: [String] = []
        if policy == "none" { notes.append("DMARC p=none: receivers take no action on failing mail") }
        if tags["rua"] == nil { notes.append("no rua= address: nobody receives the aggregate reports") }
        return DNSRecordCheck(.verified, found: records, explanation: notes.joined(separator: "; "))
    }

    // MARK: - Return path

    /// Checks the return-path name: a CNAME to `target`, or (when `mxHost` is given and there is
    /// no CNAME) MX records pointing at `mxHost`.
    public func checkReturnPath(name: String, target: String, mxHost: String? = nil) async -> DNSRecordCheck {
        let answer: DNSAnswer
        do { answer = try await resolver.lookUp(name, .cname) } catch { return Self.failed(error) }
        let expected = DomainText.normalized(target)
        switch answer {
        case .records(let targets):
            if targets.contains(where: { DomainText.normalized($0) == expected }) { return DNSRecordCheck(.verified, found: targets) }
            return DNSRecordCheck(.mismatched, found: targets, explanation: "CNAME points to another provider (\(targets.joined(separator: ", "))), not \(expected)")
        case .noSuchName:
            return DNSRecordCheck(.missing, explanation: "no record at \(name)")
        case .noData:
            guard let mxHost else { return DNSRecordCheck(.missing, explanation: "\(name) exists but has no CNAME record") }
            let exchangers: DNSAnswer
            do { exchangers = try await resolver.lookUp(name, .mx) } catch { return Self.failed(error) }
            let hosts = exchangers.values.map { DomainText.normalized(String($0.split(separator: " ").last ?? "")) }
            if hosts.contains(DomainText.normalized(mxHost)) {
                return DNSRecordCheck(.verified, found: exchangers.values, explanation: "MX records instead of a CNAME")
            }
            if hosts.isEmpty { return DNSRecordCheck(.missing, explanation: "\(name) exists but has no CNAME or MX record") }
            return DNSRecordCheck(.mismatched, found: exchangers.values, explanation: "MX points to another provider, not \(mxHost)")
        }
    }

    // MARK: - Shared

    static func failed(_ error: DomainError) -> DNSRecordCheck {
        switch error {
        case .unavailable(let reason), .internalError(let reason): DNSRecordCheck(.lookupFailed, explanation: reason)
        case .invalidArgument(_, let reason): DNSRecordCheck(.lookupFailed, explanation: reason)
        default: DNSRecordCheck(.lookupFailed, explanation: "\(error)")
        }
    }
}

extension DNSAnswer {
    /// The records' values; none for NXDOMAIN and no data.
    var values: [String] {
        if case .records(let values) = self { return values }
        return []
    }
}
