public import RelayDomain

// The records themselves, their purposes, check states and DKIM algorithms are RelayDomain's
// (`DomainDNSRecord`, `DNSRecordPurpose`, `DNSRecordCheckState`, `DKIMAlgorithm`: the contract's
// vocabulary).

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
