// Codecs for the resources of Protos/relay/v1/domain_service.proto: DkimKey, DnsRecord, Domain.

/// `relay.v1.DkimKey`: a DKIM key pair Relay holds for a domain (only the public half is shown).
public struct DkimKey: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DkimKey"
    /// `string selector = 1;`
    public var selector: String = ""
    /// `DkimKeyAlgorithm algorithm = 2;`
    public var algorithm: DkimKeyAlgorithm = .unspecified
    /// `string public_key = 3;`
    public var publicKey: String = ""
    /// `google.protobuf.Timestamp create_time = 4;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp activate_time = 5;`
    public var activateTime: Timestamp?
    /// `google.protobuf.Timestamp retire_time = 6;`
    public var retireTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, selector)
        sink.enumField(2, algorithm)
        sink.string(3, publicKey)
        sink.message(4, createTime)
        sink.message(5, activateTime)
        sink.message(6, retireTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &selector)
        case 2: try reader.enumField(tag, into: &algorithm)
        case 3: try reader.string(tag, into: &publicKey)
        case 4: try reader.message(tag, into: &createTime)
        case 5: try reader.message(tag, into: &activateTime)
        case 6: try reader.message(tag, into: &retireTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DnsRecord`: one DNS record to publish, with the result of its last check.
public struct DnsRecord: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DnsRecord"
    /// `DnsRecordPurpose purpose = 1;`
    public var purpose: DnsRecordPurpose = .unspecified
    /// `DnsRecordType type = 2;`
    public var type: DnsRecordType = .unspecified
    /// `string name = 3;`
    public var name: String = ""
    /// `string host = 4;`
    public var host: String = ""
    /// `string value = 5;`
    public var value: String = ""
    /// `int32 priority = 6;`
    public var priority: Int32 = 0
    /// `bool required = 7;`
    public var required: Bool = false
    /// `string dkim_selector = 8;`
    public var dkimSelector: String = ""
    /// `DnsRecordCheckState check_state = 9;`
    public var checkState: DnsRecordCheckState = .unspecified
    /// `repeated string found_values = 10;`
    public var foundValues: [String] = []
    /// `string explanation = 11;`
    public var explanation: String = ""
    /// `bool spf_add_include = 12;`
    public var spfAddInclude: Bool = false
    /// `string spf_include = 13;`
    public var spfInclude: String = ""
    /// `google.protobuf.Timestamp check_time = 14;`
    public var checkTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.enumField(1, purpose)
        sink.enumField(2, type)
        sink.string(3, name)
        sink.string(4, host)
        sink.string(5, value)
        sink.int32(6, priority)
        sink.bool(7, required)
        sink.string(8, dkimSelector)
        sink.enumField(9, checkState)
        sink.string(10, foundValues)
        sink.string(11, explanation)
        sink.bool(12, spfAddInclude)
        sink.string(13, spfInclude)
        sink.message(14, checkTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.enumField(tag, into: &purpose)
        case 2: try reader.enumField(tag, into: &type)
        case 3: try reader.string(tag, into: &name)
        case 4: try reader.string(tag, into: &host)
        case 5: try reader.string(tag, into: &value)
        case 6: try reader.int32(tag, into: &priority)
        case 7: try reader.bool(tag, into: &required)
        case 8: try reader.string(tag, into: &dkimSelector)
        case 9: try reader.enumField(tag, into: &checkState)
        case 10: try reader.string(tag, into: &foundValues)
        case 11: try reader.string(tag, into: &explanation)
        case 12: try reader.bool(tag, into: &spfAddInclude)
        case 13: try reader.string(tag, into: &spfInclude)
        case 14: try reader.message(tag, into: &checkTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.Domain`: a domain the organization sends from, with its DKIM keys and DNS records.
public struct Domain: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Domain"
    /// `string domain_id = 1;`
    public var domainID: String = ""
    /// `string name = 2;`
    public var name: String = ""
    /// `DomainStatus status = 3;`
    public var status: DomainStatus = .unspecified
    /// `string status_detail = 4;`
    public var statusDetail: String = ""
    /// `bool sending_allowed = 5;`
    public var sendingAllowed: Bool = false
    /// `DkimKey dkim_key = 6;`
    public var dkimKey: DkimKey?
    /// `DkimKey pending_dkim_key = 7;`
    public var pendingDkimKey: DkimKey?
    /// `DkimKey retiring_dkim_key = 8;`
    public var retiringDkimKey: DkimKey?
    /// `string return_path_domain = 9;`
    public var returnPathDomain: String = ""
    /// `repeated DnsRecord records = 10;`
    public var records: [DnsRecord] = []
    /// `google.protobuf.Timestamp create_time = 11;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp verify_time = 12;`
    public var verifyTime: Timestamp?
    /// `google.protobuf.Timestamp last_check_time = 13;`
    public var lastCheckTime: Timestamp?
    /// `google.protobuf.Timestamp next_check_time = 14;`
    public var nextCheckTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, domainID)
        sink.string(2, name)
        sink.enumField(3, status)
        sink.string(4, statusDetail)
        sink.bool(5, sendingAllowed)
        sink.message(6, dkimKey)
        sink.message(7, pendingDkimKey)
        sink.message(8, retiringDkimKey)
        sink.string(9, returnPathDomain)
        sink.message(10, records)
        sink.message(11, createTime)
        sink.message(12, verifyTime)
        sink.message(13, lastCheckTime)
        sink.message(14, nextCheckTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &domainID)
        case 2: try reader.string(tag, into: &name)
        case 3: try reader.enumField(tag, into: &status)
        case 4: try reader.string(tag, into: &statusDetail)
        case 5: try reader.bool(tag, into: &sendingAllowed)
        case 6: try reader.message(tag, into: &dkimKey)
        case 7: try reader.message(tag, into: &pendingDkimKey)
        case 8: try reader.message(tag, into: &retiringDkimKey)
        case 9: try reader.string(tag, into: &returnPathDomain)
        case 10: try reader.message(tag, into: &records)
        case 11: try reader.message(tag, into: &createTime)
        case 12: try reader.message(tag, into: &verifyTime)
        case 13: try reader.message(tag, into: &lastCheckTime)
        case 14: try reader.message(tag, into: &nextCheckTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
