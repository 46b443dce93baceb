// Codecs for the streaming import and export messages of
// Protos/relay/v1/suppression_service.proto.

/// `relay.v1.ImportSuppressionsRequest`: one chunk of the client stream of
/// `SuppressionService.ImportSuppressions`.
public struct ImportSuppressionsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ImportSuppressionsRequest"

    /// `relay.v1.ImportSuppressionsRequest.Options`: how to import, read from the first chunk.
    public struct Options: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.ImportSuppressionsRequest.Options"
        /// `SuppressionReason default_reason = 1;`
        public var defaultReason: SuppressionReason = .unspecified
        /// `bool update_existing = 2;`
        public var updateExisting: Bool = false
        /// `bool validate_only = 3;`
        public var validateOnly: Bool = false
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.enumField(1, defaultReason)
            sink.bool(2, updateExisting)
            sink.bool(3, validateOnly)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.enumField(tag, into: &defaultReason)
            case 2: try reader.bool(tag, into: &updateExisting)
            case 3: try reader.bool(tag, into: &validateOnly)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `Options options = 1;`
    public var options: Options?
    /// `repeated AddSuppressionsRequest.Entry entries = 2;`
    public var entries: [AddSuppressionsRequest.Entry] = []
    /// `bytes csv_data = 3;`
    public var csvData: [UInt8] = []
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, options)
        sink.message(2, entries)
        sink.bytes(3, csvData)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &options)
        case 2: try reader.message(tag, into: &entries)
        case 3: try reader.bytes(tag, into: &csvData)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ImportSuppressionsResponse`: the single response of
/// `SuppressionService.ImportSuppressions`.
public struct ImportSuppressionsResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.ImportSuppressionsResponse"

    /// `relay.v1.ImportSuppressionsResponse.Rejection`: an entry or CSV row that was not imported.
    public struct Rejection: ProtoMessage {
        public static let protoMessageName = "relay.v1.ImportSuppressionsResponse.Rejection"

        /// `oneof location { int64 csv_line = 1; int64 entry_index = 2; }`
        public enum Location: Sendable, Equatable {
            case csvLine(Int64)
            case entryIndex(Int64)
        }

        /// Where the rejected entry is in the input; nil when neither member is set.
        public var location: Location?
        /// `string address = 3;`
        public var address: String = ""
        /// `google.rpc.Status error = 4;`
        public var error: Google.Rpc.Status?
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            switch location {
            case .csvLine(let v)?: sink.int64(1, Optional(v))
            case .entryIndex(let v)?: sink.int64(2, Optional(v))
            case nil: break
            }
            sink.string(3, address)
            sink.message(4, error)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: location = .csvLine(try reader.int64(tag))
            case 2: location = .entryIndex(try reader.int64(tag))
            case 3: try reader.string(tag, into: &address)
            case 4: try reader.message(tag, into: &error)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `int64 imported_count = 1;`
    public var importedCount: Int64 = 0
    /// `int64 updated_count = 2;`
    public var updatedCount: Int64 = 0
    /// `int64 duplicate_count = 3;`
    public var duplicateCount: Int64 = 0
    /// `int64 rejected_count = 4;`
    public var rejectedCount: Int64 = 0
    /// `repeated Rejection rejections = 5;`
    public var rejections: [Rejection] = []
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int64(1, importedCount)
        sink.int64(2, updatedCount)
        sink.int64(3, duplicateCount)
        sink.int64(4, rejectedCount)
        sink.message(5, rejections)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int64(tag, into: &importedCount)
        case 2: try reader.int64(tag, into: &updatedCount)
        case 3: try reader.int64(tag, into: &duplicateCount)
        case 4: try reader.int64(tag, into: &rejectedCount)
        case 5: try reader.message(tag, into: &rejections)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ExportSuppressionsRequest`: the request of `SuppressionService.ExportSuppressions`.
public struct ExportSuppressionsRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ExportSuppressionsRequest"
    /// `SuppressionFilter filter = 1;`
    public var filter: SuppressionFilter?
    /// `SuppressionExportFormat format = 2;`
    public var format: SuppressionExportFormat = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, filter)
        sink.enumField(2, format)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &filter)
        case 2: try reader.enumField(tag, into: &format)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ExportSuppressionsResponse`: one chunk of the server stream of
/// `SuppressionService.ExportSuppressions`.
public struct ExportSuppressionsResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ExportSuppressionsResponse"
    /// `repeated Suppression suppressions = 1;`
    public var suppressions: [Suppression] = []
    /// `bytes csv_data = 2;`
    public var csvData: [UInt8] = []
    /// `int64 total_count = 3;`
    public var totalCount: Int64 = 0
    /// `google.protobuf.Timestamp snapshot_time = 4;`
    public var snapshotTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, suppressions)
        sink.bytes(2, csvData)
        sink.int64(3, totalCount)
        sink.message(4, snapshotTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &suppressions)
        case 2: try reader.bytes(tag, into: &csvData)
        case 3: try reader.int64(tag, into: &totalCount)
        case 4: try reader.message(tag, into: &snapshotTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
