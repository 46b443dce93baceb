import RelayDomain

/// A DNSResolver over a dictionary, for the fast checks of the logic (the real DNS server is in
/// Tests/edge). Names in `failing` throw `unavailable`.
struct InMemoryResolver: DNSResolver {
    var records: [String: [DNSRecordType: [String]]] = [:]
    var failing: Set<String> = []

    mutating func add(_ name: String, _ type: DNSRecordType, _ values: String...) {
        records[name, default: [:]][type, default: []] += values
    }

    func lookUp(_ name: String, _ type: DNSRecordType) async throws(DomainError) -> DNSAnswer {
        if failing.contains(name) { throw .unavailable("DNS lookup of \(name) failed: the server answered SERVFAIL") }
        guard let byType = records[name] else { return .noSuchName }
        guard let values = byType[type], !values.isEmpty else { return .noData }
        return .records(values)
    }
}
