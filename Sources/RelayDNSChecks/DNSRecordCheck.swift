public import RelayDomain

// The purposes, check states and DKIM algorithms are RelayDomain's (`DNSRecordPurpose`,
// `DNSRecordCheckState`, `DKIMAlgorithm`: the contract's vocabulary).

/// What one check found: its state, the values served and, when there is something to say, a
/// plain explanation.
public struct DNSRecordCheck: Sendable, Equatable {
    /// The verdict.
    public var state: DNSRecordCheckState
    /// The values found at the name (TXT strings joined); for SPF every `v=spf1` record, for
    /// DMARC every `v=DMARC1` record.
    public var foundValues: [String]
    /// Plain words on what was found, empty when there is nothing to say.
    public var explanation: String

    /// A check result.
    public init(_ state: DNSRecordCheckState, found: [String] = [], explanation: String = "") {
        self.state = state
        self.foundValues = found
        self.explanation = explanation
    }
}

/// One record a domain's owner publishes, as Relay asks for it.
public struct DNSRecordToPublish: Sendable, Equatable {
    /// What the record is for.
    public var purpose: DNSRecordPurpose
    /// The record's type.
    public var type: DNSRecordType
    /// The fully qualified name, without the trailing dot.
    public var name: String
    /// The name relative to the domain (`@` for the domain itself).
    public var host: String
    /// The value to publish: full TXT text (unsplit) or the CNAME target. For SPF with
    /// ``spfAddInclude``: the existing record with Relay's include added.
    public var value: String
    /// For MX records the preference; 0 otherwise.
    public var priority: Int
    /// Whether the record must verify for the domain to be verified (DKIM, return path).
    public var required: Bool
    /// For DKIM, the selector; empty otherwise.
    public var dkimSelector: String
    /// For SPF, the mechanism that authorizes Relay (`include:spf.example.net`); empty otherwise.
    public var spfInclude: String
    /// For SPF, whether the include must be added to an existing record (rather than a new record).
    public var spfAddInclude: Bool
    /// A remark for the person publishing it, such as the TXT value being split by DNS providers.
    public var note: String

    /// A record to publish.
    public init(
        purpose: DNSRecordPurpose, type: DNSRecordType, name: String, host: String, value: String, priority: Int = 0,
        required: Bool, dkimSelector: String = "", spfInclude: String = "", spfAddInclude: Bool = false, note: String = ""
    ) {
        self.purpose = purpose
        self.type = type
        self.name = name
        self.host = host
        self.value = value
        self.priority = priority
        self.required = required
        self.dkimSelector = dkimSelector
        self.spfInclude = spfInclude
        self.spfAddInclude = spfAddInclude
        self.note = note
    }
}

/// A record to publish together with the result of checking it (for SPF, `record.value` and
/// `record.spfAddInclude` follow what was found).
public struct CheckedDNSRecord: Sendable, Equatable {
    /// The record, as it should be published.
    public var record: DNSRecordToPublish
    /// What the check found.
    public var check: DNSRecordCheck

    /// A checked record.
    public init(record: DNSRecordToPublish, check: DNSRecordCheck) {
        self.record = record
        self.check = check
    }
}
