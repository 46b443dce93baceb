public import RelayDomain

/// The DMARC policy Relay suggests to start with.
public enum DMARCPolicy: String, Sendable, Hashable {
    /// Monitor only.
    case none
    /// Failing mail goes to spam.
    case quarantine
    /// Failing mail is refused.
    case reject
}

/// One DKIM key whose record is to be published.
public struct DKIMKeyRecord: Sendable, Equatable {
    /// The selector (`s=`).
    public var selector: String
    /// The key's algorithm.
    public var algorithm: DKIMAlgorithm
    /// The public key, base64, as in `p=`.
    public var publicKey: String

    /// A key to publish.
    public init(selector: String, algorithm: DKIMAlgorithm, publicKey: String) {
        self.selector = selector
        self.algorithm = algorithm
        self.publicKey = publicKey
    }
}

/// What a domain must publish for Relay, from which ``records`` derives the DNS records.
public struct DomainRecordPlan: Sendable, Equatable {
    /// The domain, such as `example.com` (lower case, A-labels).
    public var domain: String
    /// The DKIM keys (one record each).
    public var dkimKeys: [DKIMKeyRecord]
    /// The host that authorizes Relay in SPF, such as `spf.theonerelay.com`.
    public var spfInclude: String
    /// The return-path label(s) in front of the domain, such as `rp`.
    public var returnPathHost: String
    /// Where the return-path CNAME points, such as `rp.theonerelay.com`.
    public var returnPathTarget: String
    /// The suggested DMARC policy.
    public var dmarcPolicy: DMARCPolicy
    /// Where aggregate reports go (`rua=mailto:…`); nil for none.
    public var dmarcReportAddress: String?

    /// A plan.
    public init(
        domain: String, dkimKeys: [DKIMKeyRecord], spfInclude: String, returnPathHost: String = "rp", returnPathTarget: String,
        dmarcPolicy: DMARCPolicy = .quarantine, dmarcReportAddress: String? = nil
    ) {
        self.domain = DomainText.normalized(domain)
        self.dkimKeys = dkimKeys
        self.spfInclude = DomainText.normalized(spfInclude)
        self.returnPathHost = returnPathHost
        self.returnPathTarget = DomainText.normalized(returnPathTarget)
        self.dmarcPolicy = dmarcPolicy
        self.dmarcReportAddress = dmarcReportAddress
    }

    /// TXT strings are at most 255 bytes on the wire.
    public static let txtStringLimit = 255

    /// The records to publish: one DKIM record per key and the return path (required), SPF at
    /// the domain and DMARC (recommended).
    public var records: [DomainDNSRecord] {
        var records: [DomainDNSRecord] = dkimKeys.map { key in
            let value = "v=DKIM1; k=\(key.algorithm.keyType); p=\(key.publicKey)"
            let name = "\(key.selector)._domainkey.\(domain)"
            var record = DomainDNSRecord(
                purpose: .dkim, type: .txt, name: name, host: host(of: name), value: value, required: true, dkimSelector: key.selector)
            record.explanation = Self.note(forValue: value)
            return record
        }
        let returnPath = "\(returnPathHost).\(domain)"
        records.append(
            DomainDNSRecord(purpose: .returnPath, type: .cname, name: returnPath, host: host(of: returnPath), value: returnPathTarget, required: true))
        var spf = DomainDNSRecord(purpose: .spf, type: .txt, name: domain, host: "@", value: "v=spf1 include:\(spfInclude) ~all", required: false)
        spf.spfInclude = "include:\(spfInclude)"
        records.append(spf)
        var dmarc = "v=DMARC1; p=\(dmarcPolicy.rawValue)"
        if let address = dmarcReportAddress { dmarc += "; rua=mailto:\(address)" }
        let dmarcName = "_dmarc.\(domain)"
        records.append(DomainDNSRecord(purpose: .dmarc, type: .txt, name: dmarcName, host: host(of: dmarcName), value: dmarc, required: false))
        return records
    }

    /// `name` relative to the domain: `@` for the domain itself.
    public func host(of name: String) -> String {
        let name = DomainText.normalized(name)
        if name == domain { return "@" }
        if name.hasSuffix("." + domain) { return String(name.dropLast(domain.count + 1)) }
        return name
    }

    /// A remark for whoever publishes `value`: a TXT value longer than one string is split by
    /// DNS providers (empty for a short value).
    public static func note(forValue value: String) -> String {
        let length = value.utf8.count
        guard length > txtStringLimit else { return "" }
        let strings = (length + txtStringLimit - 1) / txtStringLimit
        return "the value is \(length) bytes, longer than one TXT string (255): publish it whole; DNS providers split it into \(strings) strings, which receivers join"
    }
}
