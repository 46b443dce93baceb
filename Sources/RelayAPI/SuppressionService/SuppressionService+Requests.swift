// Codecs for the add, remove, get and list messages of Protos/relay/v1/suppression_service.proto.

/// `relay.v1.AddSuppressionsRequest`: the request of `SuppressionService.AddSuppressions`.
public struct AddSuppressionsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.AddSuppressionsRequest"

    /// `relay.v1.AddSuppressionsRequest.Entry`: one address to suppress.
    public struct Entry: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.AddSuppressionsRequest.Entry"
        /// `string address = 1;`
        public var address: String = ""
        /// `SuppressionReason reason = 2;`
        public var reason: SuppressionReason = .unspecified
        /// `string detail = 3;`
        public var detail: String = ""
        /// `google.protobuf.Timestamp expire_time = 4;`
        public var expireTime: Timestamp?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an entry.
        public init(address: String, reason: SuppressionReason = .unspecified, detail: String = "", expireTime: Timestamp? = nil) {
            self.address = address
            self.reason = reason
            self.detail = detail
            self.expireTime = expireTime
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, address)
            sink.enumField(2, reason)
            sink.string(3, detail)
            sink.message(4, expireTime)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &address)
            case 2: try reader.enumField(tag, into: &reason)
            case 3: try reader.string(tag, into: &detail)
            case 4: try reader.message(tag, into: &expireTime)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `repeated Entry entries = 1;`
    public var entries: [Entry] = []
    /// `bool update_existing = 2;`
    public var updateExisting: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, entries)
        sink.bool(2, updateExisting)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &entries)
        case 2: try reader.bool(tag, into: &updateExisting)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.AddSuppressionsResponse`: the response of `SuppressionService.AddSuppressions`.
public struct AddSuppressionsResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.AddSuppressionsResponse"

    /// `relay.v1.AddSuppressionsResponse.EntryResult`: what happened to one entry of the request.
    public struct EntryResult: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.AddSuppressionsResponse.EntryResult"

        /// `relay.v1.AddSuppressionsResponse.EntryResult.Outcome`: the outcome for one entry.
        public enum Outcome: ProtoEnum {
            case unspecified  // 0
            case added  // 1
            case alreadyPresent  // 2
            case updated  // 3
            case invalid  // 4
            /// A number this version of the code does not know.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unspecified
                case 1: self = .added
                case 2: self = .alreadyPresent
                case 3: self = .updated
                case 4: self = .invalid
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unspecified: 0
                case .added: 1
                case .alreadyPresent: 2
                case .updated: 3
                case .invalid: 4
                case .unrecognized(let value): value
                }
            }
        }

        /// `int32 index = 1;`
        public var index: Int32 = 0
        /// `string address = 2;`
        public var address: String = ""
        /// `Outcome outcome = 3;`
        public var outcome: Outcome = .unspecified
        /// `Suppression suppression = 4;`
        public var suppression: Suppression?
        /// `google.rpc.Status error = 5;`
        public var error: Google.Rpc.Status?
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int32(1, index)
            sink.string(2, address)
            sink.enumField(3, outcome)
            sink.message(4, suppression)
            sink.message(5, error)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int32(tag, into: &index)
            case 2: try reader.string(tag, into: &address)
            case 3: try reader.enumField(tag, into: &outcome)
            case 4: try reader.message(tag, into: &suppression)
            case 5: try reader.message(tag, into: &error)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `repeated EntryResult results = 1;`
    public var results: [EntryResult] = []
    /// `int32 added_count = 2;`
    public var addedCount: Int32 = 0
    /// `int32 already_present_count = 3;`
    public var alreadyPresentCount: Int32 = 0
    /// `int32 updated_count = 4;`
    public var updatedCount: Int32 = 0
    /// `int32 invalid_count = 5;`
    public var invalidCount: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, results)
        sink.int32(2, addedCount)
        sink.int32(3, alreadyPresentCount)
        sink.int32(4, updatedCount)
        sink.int32(5, invalidCount)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &results)
        case 2: try reader.int32(tag, into: &addedCount)
        case 3: try reader.int32(tag, into: &alreadyPresentCount)
        case 4: try reader.int32(tag, into: &updatedCount)
        case 5: try reader.int32(tag, into: &invalidCount)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RemoveSuppressionRequest`: the request of `SuppressionService.RemoveSuppression`.
public struct RemoveSuppressionRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RemoveSuppressionRequest"
    /// `string address = 1;`
    public var address: String = ""
    /// `bool allow_missing = 2;`
    public var allowMissing: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, address)
        sink.bool(2, allowMissing)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &address)
        case 2: try reader.bool(tag, into: &allowMissing)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RemoveSuppressionResponse`: the response of `SuppressionService.RemoveSuppression`.
public struct RemoveSuppressionResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RemoveSuppressionResponse"
    /// `Suppression suppression = 1;`
    public var suppression: Suppression?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, suppression)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &suppression)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetSuppressionRequest`: the request of `SuppressionService.GetSuppression`.
public struct GetSuppressionRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetSuppressionRequest"
    /// `string address = 1;`
    public var address: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a lookup of `address`.
    public init(address: String) { self.address = address }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, address)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &address)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetSuppressionResponse`: the response of `SuppressionService.GetSuppression`.
public struct GetSuppressionResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetSuppressionResponse"
    /// `Suppression suppression = 1;`
    public var suppression: Suppression?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, suppression)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &suppression)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListSuppressionsRequest`: the request of `SuppressionService.ListSuppressions`.
public struct ListSuppressionsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListSuppressionsRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `SuppressionFilter filter = 3;`
    public var filter: SuppressionFilter?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.message(3, filter)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.message(tag, into: &filter)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListSuppressionsResponse`: the response of `SuppressionService.ListSuppressions`.
public struct ListSuppressionsResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListSuppressionsResponse"
    /// `repeated Suppression suppressions = 1;`
    public var suppressions: [Suppression] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, suppressions)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &suppressions)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
