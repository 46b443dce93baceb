public import Foundation
public import RelayDomain
internal import RelayDNSChecks
internal import enum RelayMail.Punycode
internal import enum RelayMail.RFC5322Date

/// What every domain's records point at: this Relay installation's names.
public struct MailHostSettings: Sendable {
    /// The installation's own mail host name.
    public var host: String
    /// The host SPF records include (`include:spf.<host>`).
    public var spfInclude: String
    /// Where return-path CNAMEs point.
    public var returnPathTarget: String
    /// The label in front of a domain for its return path (`rp` → `rp.example.com`).
    public var returnPathLabel = "rp"
    /// Where DMARC aggregate reports go; nil for none.
    public var dmarcReportAddress: String?
    /// How often a domain that is not verified yet is checked on its own (for 72 hours).
    public var recheckInterval: TimeInterval = 600

    /// Settings for an installation known as `host` (such as `relay.example.net`).
    public init(host: String) {
        self.host = host
        spfInclude = "spf." + host
        returnPathTarget = "bounces." + host
    }
}

/// The domain use cases: register a domain (a DKIM key pair made and sealed, the records to
/// publish), verify its records against DNS with explanations, rotate its DKIM key, list and
/// delete. Every call is confined to the caller's organization.
public struct DomainManagement: Sendable {
    private let domains: any DomainRepository
    private let resolver: any DNSResolver
    private let vault: DKIMKeyVault
    private let settings: MailHostSettings
    private let clock: @Sendable () -> Date

    /// Domain management over the repository, a resolver for checks and the key vault.
    public init(
        domains: any DomainRepository, resolver: any DNSResolver, vault: DKIMKeyVault, settings: MailHostSettings,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.domains = domains
        self.resolver = resolver
        self.vault = vault
        self.settings = settings
        self.clock = clock
    }

    /// Registers `name` with a new key of `algorithm` (under `selector`, or a new one), its
    /// return path at `returnPathLabel.name` (default `rp`): PENDING until its records verify.
    public func create(
        name: String, algorithm: DKIMAlgorithm, selector: String? = nil, returnPathLabel: String? = nil, by principal: Principal
    ) async throws(DomainError) -> SendingDomain {
        let name = try Self.domainName(name)
        if let selector { try Self.label(selector, field: "dkim_selector") }
        if let returnPathLabel { try Self.label(returnPathLabel, field: "return_path_subdomain") }
        if try await domains.find(named: name, in: principal.organizationID) != nil {
            throw .alreadyExists("the organization already has the domain \(name)")
        }
        let now = clock()
        let id = DomainID(UUID.timeOrdered(at: now))
        var key = try vault.generate(algorithm, selector: selector ?? Self.selector(now), for: id, now: now)
        // The first key signs from the start: the domain cannot send before it verifies anyway.
        key.status = .active
        key.activatedAt = now
        let domain = SendingDomain(
            id: id, organizationID: principal.organizationID, name: name, status: .pending,
            statusDetail: "the DNS records have not been checked yet: publish them and call VerifyDomain",
            returnPathDomain: (returnPathLabel ?? settings.returnPathLabel) + "." + name, keys: [key], records: [], createdAt: now,
            nextCheckAt: now.addingTimeInterval(settings.recheckInterval))
        return try await domains.create(withRecords(domain))
    }

    /// Registers the installation's own mail host as a sending domain of `organization`, verified
    /// from the start (Relay answers for that name itself), so that a new installation can send
    /// at once (`hello@<host>`, to the outbox); nil if the organization has it already.
    public func registerOwnDomain(for organization: OrganizationID) async throws(DomainError) -> SendingDomain? {
        let name = try Self.domainName(settings.host)
        guard try await domains.find(named: name, in: organization) == nil else { return nil }
        let now = clock()
        let id = DomainID(UUID.timeOrdered(at: now))
        var key = try vault.generate(.rsa2048, selector: Self.selector(now), for: id, now: now)
        key.status = .active
        key.activatedAt = now
        let domain = SendingDomain(
            id: id, organizationID: organization, name: name, status: .verified, statusDetail: "", returnPathDomain: settings.returnPathLabel + "." + name,
            keys: [key], records: [], createdAt: now, verifiedAt: now)
        return try await domains.create(withRecords(domain))
    }

    /// The domain `id`.
    public func get(_ id: DomainID, by principal: Principal) async throws(DomainError) -> SendingDomain {
        try await domains.get(id, in: principal.organizationID)
    }

    /// The live domain named `name`.
    public func get(named name: String, by principal: Principal) async throws(DomainError) -> SendingDomain {
        let name = try Self.domainName(name)
        guard let domain = try await domains.find(named: name, in: principal.organizationID) else {
            throw .notFound(resource: "domain", id: name)
        }
        return domain
    }

    /// A page of the organization's domains by name (of `status` only, when given); the token
    /// is the page's last name.
    public func list(pageSize: Int, pageToken: String, status: DomainStatus? = nil, by principal: Principal) async throws(DomainError)
        -> (domains: [SendingDomain], nextPageToken: String, totalCount: Int)
    {
        guard pageSize >= 0 else { throw .invalidArgument(field: "page_size", reason: "must not be negative") }
        let size = pageSize == 0 ? 50 : min(pageSize, 1000)
        var after: String?
        if !pageToken.isEmpty {
            guard let data = Data(base64Encoded: pageToken), let name = String(data: data, encoding: .utf8), !name.isEmpty else {
                throw .invalidArgument(field: "page_token", reason: "is not a token this server issued")
            }
            after = name
        }
        let page = try await domains.list(in: principal.organizationID, after: after, status: status, limit: size + 1)
        let shown = Array(page.domains.prefix(size))
        let next = page.domains.count > size ? Data((shown.last?.name ?? "").utf8).base64EncodedString() : ""
        return (shown, next, page.totalCount)
    }

    /// Soft-deletes the domain.
    public func delete(_ id: DomainID, by principal: Principal) async throws(DomainError) {
        try await domains.delete(id, in: principal.organizationID)
    }

    /// Checks every record against DNS now and records the outcome: VERIFIED when every required
    /// record verified; TEMPORARY_FAILURE when a required lookup failed; otherwise FAILED (or
    /// DEGRADED for a domain that was verified). A pending key whose record verified becomes the
    /// active key, and the active one retires.
    public func verify(_ id: DomainID, by principal: Principal) async throws(DomainError) -> SendingDomain {
        try await check(id, in: principal.organizationID, automatic: false)
    }

    /// Checks the domains whose next automatic check is due (claimed, so that instances share
    /// them); returns how many were checked. A domain that is not verified yet stays PENDING
    /// between automatic checks for 72 hours after its creation, then FAILED.
    public func recheckDue(limit: Int = 20) async -> Int {
        guard let due = try? await domains.claimDueChecks(limit: limit, lease: settings.recheckInterval) else { return 0 }
        for (id, organization) in due { _ = try? await check(id, in: organization, automatic: true) }
        return due.count
    }

    private func check(_ id: DomainID, in organization: OrganizationID, automatic: Bool) async throws(DomainError) -> SendingDomain {
        var domain = try await domains.get(id, in: organization)
        let now = clock()
        let checked = await DomainRecordChecker(resolver: resolver).check(domain.records)
        for index in domain.records.indices {
            var record = checked[index]
            record.checkedAt = now
            // The publishing note (a long TXT value) stays with what the check found.
            let note = DomainRecordPlan.note(forValue: record.value)
            record.explanation = [record.explanation, note].filter { !$0.isEmpty }.joined(separator: "; ")
            domain.records[index] = record
        }
        // A pending key whose record verified takes over signing.
        if let pending = domain.keys.firstIndex(where: { $0.status == .pending }),
            domain.records.contains(where: { $0.dkimKeyID == domain.keys[pending].id && $0.state == .verified })
        {
            for index in domain.keys.indices where domain.keys[index].status == .active {
                domain.keys[index].status = .retired
                domain.keys[index].retiredAt = now
            }
            domain.keys[pending].status = .active
            domain.keys[pending].activatedAt = now
        }
        // Only the active key's record decides; a pending or retiring key's record is reported.
        let activeKey = domain.activeKey?.id
        let deciding = domain.records.filter { $0.required && ($0.purpose != .dkim || $0.dkimKeyID == activeKey) }
        let failing = deciding.filter { $0.state != .verified }
        domain.lastCheckedAt = now
        if failing.isEmpty {
            domain.status = .verified
            domain.statusDetail = ""
            if domain.verifiedAt == nil || domain.degradedSince != nil { domain.verifiedAt = now }
            domain.degradedSince = nil
            domain.nextCheckAt = now.addingTimeInterval(24 * 3600)
        } else {
            let detail = failing.map { "\(Self.label($0.purpose)) record \(Self.word($0.state)) at \($0.name)" }.joined(separator: "; ")
            domain.statusDetail = detail
            if failing.allSatisfy({ $0.state == .lookupFailed }) {
                domain.status = .temporaryFailure
                domain.nextCheckAt = now.addingTimeInterval(300)
            } else if domain.verifiedAt != nil {
                domain.status = .degraded
                domain.degradedSince = domain.degradedSince ?? now
                domain.nextCheckAt = now.addingTimeInterval(3600)
            } else if automatic && now.timeIntervalSince(domain.createdAt) < 72 * 3600 {
                domain.status = .pending
                domain.nextCheckAt = now.addingTimeInterval(settings.recheckInterval)
            } else {
                domain.status = .failed
                domain.nextCheckAt = nil
            }
        }
        return try await domains.recordCheck(domain)
    }

    /// Makes a new key (of `algorithm`, or the current one's) with a new selector; it signs once
    /// its record verifies (``verify(_:by:)``), and the current key then retires.
    public func rotateKey(_ id: DomainID, algorithm: DKIMAlgorithm?, selector: String? = nil, by principal: Principal) async throws(DomainError)
        -> SendingDomain
    {
        if let selector { try Self.label(selector, field: "selector") }
        let domain = try await domains.get(id, in: principal.organizationID)
        if let selector, domain.keys.contains(where: { $0.selector == selector }) {
            throw .alreadyExists("the domain already has a DKIM key with the selector \(selector)")
        }
        guard !domain.keys.contains(where: { $0.status == .pending }) else {
            throw .failedPrecondition("a rotation is already waiting for its DKIM record to verify; publish it and call VerifyDomain")
        }
        let now = clock()
        let key = try vault.generate(algorithm ?? domain.activeKey?.algorithm ?? .rsa2048, selector: selector ?? Self.selector(now), for: id, now: now)
        return try await domains.addKey(key, to: withRecords(domain, adding: key))
    }

    /// `domain` with the records its keys and this installation call for (existing records kept).
    private func withRecords(_ domain: SendingDomain, adding key: DKIMKey? = nil) -> SendingDomain {
        var domain = domain
        let keys = domain.keys + (key.map { [$0] } ?? [])
        let plan = DomainRecordPlan(
            domain: domain.name,
            dkimKeys: keys.filter { $0.status != .retired || $0.retiredAt.map { clock().timeIntervalSince($0) < 7 * 86400 } == true }
                .map { DKIMKeyRecord(selector: $0.selector, algorithm: $0.algorithm, publicKey: $0.publicKey) },
            spfInclude: settings.spfInclude, returnPathHost: settings.returnPathLabel, returnPathTarget: settings.returnPathTarget,
            dmarcPolicy: .none, dmarcReportAddress: settings.dmarcReportAddress)
        var records: [DomainDNSRecord] = []
        for var planned in plan.records {
            if let existing = domain.records.first(where: { $0.purpose == planned.purpose && $0.name == planned.name }) {
                records.append(existing)
                continue
            }
            if planned.purpose == .dkim { planned.dkimKeyID = keys.first { $0.selector == planned.dkimSelector }?.id }
            records.append(planned)
        }
        domain.records = records
        return domain
    }

    private static func label(_ purpose: DNSRecordPurpose) -> String {
        switch purpose {
        case .dkim: "DKIM"
        case .spf: "SPF"
        case .dmarc: "DMARC"
        case .returnPath: "return-path"
        }
    }

    private static func word(_ state: DNSRecordCheckState) -> String {
        switch state {
        case .notChecked: "not checked"
        case .verified: "verified"
        case .missing: "missing"
        case .mismatched: "mismatched"
        case .lookupFailed: "not looked up (DNS did not answer)"
        }
    }

    /// A new selector: `rly`, the date, and 4 random hex digits (rotations on one day differ).
    static func selector(_ now: Date) -> String {
        let (year, month, day) = RFC5322Date.calendarDate(of: now)
        return String(format: "rly%04d%02d%02d%04x", year, month, day, UInt16.random(in: 0...UInt16.max))
    }

    /// Checks that `text` is one DNS label (letters, digits, inner hyphens, at most 63).
    static func label(_ text: String, field: String) throws(DomainError) {
        let valid = (1...63).contains(text.utf8.count)
            && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && text.first != "-" && text.last != "-"
        guard valid else { throw .invalidArgument(field: field, reason: "must be one DNS label: letters, digits and inner hyphens, 1 to 63 characters") }
    }

    /// A domain name as stored: trimmed of a final dot, lower case, A-labels, at least two labels
    /// of letters, digits and inner hyphens, at most 253 characters.
    static func domainName(_ text: String) throws(DomainError) -> String {
        var name = text.hasSuffix(".") ? String(text.dropLast()) : text
        name = name.lowercased()
        guard !name.isEmpty else { throw .invalidArgument(field: "name", reason: "is required") }
        var labels: [String] = []
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            if label.utf8.contains(where: { $0 >= 0x80 }) {
                guard let encoded = Punycode.encode(String(label)) else {
                    throw .invalidArgument(field: "name", reason: "\"\(label)\" is not a valid internationalized label")
                }
                labels.append("xn--" + encoded)
            } else {
                labels.append(String(label))
            }
        }
        guard labels.count >= 2 else { throw .invalidArgument(field: "name", reason: "needs at least two labels, such as example.com") }
        for label in labels {
            let valid = (1...63).contains(label.utf8.count) && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
                && label.first != "-" && label.last != "-"
            guard valid else {
                throw .invalidArgument(field: "name", reason: "\"\(label)\" is not a DNS label (letters, digits and inner hyphens, 1 to 63 characters)")
            }
        }
        name = labels.joined(separator: ".")
        guard name.utf8.count <= 253 else { throw .invalidArgument(field: "name", reason: "is longer than 253 characters") }
        return name
    }
}
