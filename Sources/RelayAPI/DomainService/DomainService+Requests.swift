// Codecs for the requests and responses of Protos/relay/v1/domain_service.proto.

/// `relay.v1.CreateDomainRequest`: registers a domain to send from.
public struct CreateDomainRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateDomainRequest"
    /// `string name = 1;`
    public var name: String = ""
    /// `DkimKeyAlgorithm dkim_algorithm = 2;`
    public var dkimAlgorithm: DkimKeyAlgorithm = .unspecified
    /// `string return_path_subdomain = 3;`
    public var returnPathSubdomain: String = ""
    /// `string dkim_selector = 4;`
    public var dkimSelector: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for `name`; the other settings default as documented in the proto.
    public init(name: String, dkimAlgorithm: DkimKeyAlgorithm = .unspecified) {
        self.name = name
        self.dkimAlgorithm = dkimAlgorithm
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, name)
        sink.enumField(2, dkimAlgorithm)
        sink.string(3, returnPathSubdomain)
        sink.string(4, dkimSelector)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &name)
        case 2: try reader.enumField(tag, into: &dkimAlgorithm)
        case 3: try reader.string(tag, into: &returnPathSubdomain)
        case 4: try reader.string(tag, into: &dkimSelector)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.CreateDomainResponse`: the new domain with the records to publish.
public struct CreateDomainResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateDomainResponse"
    /// `Domain domain = 1;`
    public var domain: Domain?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, domain)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &domain)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetDomainRequest`: names one domain, by id or by name.
public struct GetDomainRequest: ProtoMessage {
    public static let protoMessageName = "relay.v1.GetDomainRequest"

    /// `oneof lookup { string domain_id = 1; string name = 2; }`
    public enum Lookup: Sendable, Equatable {
        /// `string domain_id = 1;`
        case domainID(String)
        /// `string name = 2;`
        case name(String)
    }

    /// `oneof lookup`: which domain to return.
    public var lookup: Lookup?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the domain `lookup` names.
    public init(_ lookup: Lookup) { self.lookup = lookup }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        switch lookup {
        case .domainID(let v)?: sink.string(1, Optional(v))
        case .name(let v)?: sink.string(2, Optional(v))
        case nil: break
        }
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: lookup = .domainID(try reader.string(tag))
        case 2: lookup = .name(try reader.string(tag))
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetDomainResponse`: one domain.
public struct GetDomainResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetDomainResponse"
    /// `Domain domain = 1;`
    public var domain: Domain?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, domain)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &domain)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListDomainsRequest`: one page of the organization's domains.
public struct ListDomainsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListDomainsRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `DomainStatus status = 3;`
    public var status: DomainStatus = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.enumField(3, status)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.enumField(tag, into: &status)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListDomainsResponse`: a page of domains.
public struct ListDomainsResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListDomainsResponse"
    /// `repeated Domain domains = 1;`
    public var domains: [Domain] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, domains)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &domains)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.VerifyDomainRequest`: checks a domain's DNS records now.
public struct VerifyDomainRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.VerifyDomainRequest"
    /// `string domain_id = 1;`
    public var domainID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the domain `domainID`.
    public init(domainID: String) { self.domainID = domainID }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, domainID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &domainID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.VerifyDomainResponse`: the domain after a check, and whether it verified.
public struct VerifyDomainResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.VerifyDomainResponse"
    /// `Domain domain = 1;`
    public var domain: Domain?
    /// `bool verified = 2;`
    public var verified: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, domain)
        sink.bool(2, verified)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &domain)
        case 2: try reader.bool(tag, into: &verified)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteDomainRequest`: deletes a domain.
public struct DeleteDomainRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteDomainRequest"
    /// `string domain_id = 1;`
    public var domainID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the domain `domainID`.
    public init(domainID: String) { self.domainID = domainID }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, domainID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &domainID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteDomainResponse`: empty.
public struct DeleteDomainResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteDomainResponse"
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        try reader.skip(tag, into: &unknownFields)
    }
}

/// `relay.v1.RotateDkimKeyRequest`: starts a DKIM key rotation.
public struct RotateDkimKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RotateDkimKeyRequest"
    /// `string domain_id = 1;`
    public var domainID: String = ""
    /// `DkimKeyAlgorithm algorithm = 2;`
    public var algorithm: DkimKeyAlgorithm = .unspecified
    /// `string selector = 3;`
    public var selector: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, domainID)
        sink.enumField(2, algorithm)
        sink.string(3, selector)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &domainID)
        case 2: try reader.enumField(tag, into: &algorithm)
        case 3: try reader.string(tag, into: &selector)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RotateDkimKeyResponse`: the new key's record and the selector that retires.
public struct RotateDkimKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RotateDkimKeyResponse"
    /// `Domain domain = 1;`
    public var domain: Domain?
    /// `DnsRecord new_record = 2;`
    public var newRecord: DnsRecord?
    /// `string retiring_selector = 3;`
    public var retiringSelector: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, domain)
        sink.message(2, newRecord)
        sink.string(3, retiringSelector)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &domain)
        case 2: try reader.message(tag, into: &newRecord)
        case 3: try reader.string(tag, into: &retiringSelector)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
