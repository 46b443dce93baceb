// Codecs for Protos/google/rpc/error_details.proto, part 1: ErrorInfo, RetryInfo, DebugInfo,
// QuotaFailure and PreconditionFailure. The rest is in ErrorDetails+Request.swift.
public import ProtoWire

extension Google.Rpc {
    /// `google.rpc.ErrorInfo`: a stable, machine-readable reason for an error, within a domain.
    public struct ErrorInfo: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.ErrorInfo"
        /// `string reason = 1;`
        public var reason: String = ""
        /// `string domain = 2;`
        public var domain: String = ""
        /// `map<string, string> metadata = 3;`
        public var metadata: [String: String] = [:]
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an error info.
        public init(reason: String, domain: String, metadata: [String: String] = [:]) {
            self.reason = reason
            self.domain = domain
            self.metadata = metadata
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, reason)
            sink.string(2, domain)
            sink.map(3, metadata)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &reason)
            case 2: try reader.string(tag, into: &domain)
            case 3: try reader.map(tag, into: &metadata)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.RetryInfo`: how long a client should wait before retrying.
    public struct RetryInfo: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.RetryInfo"
        /// `google.protobuf.Duration retry_delay = 1;`
        public var retryDelay: Google.Protobuf.Duration?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a retry info with a delay.
        public init(retryDelay: Google.Protobuf.Duration) {
            self.retryDelay = retryDelay
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, retryDelay)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &retryDelay)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.DebugInfo`: diagnostics for the service's developers.
    public struct DebugInfo: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.DebugInfo"
        /// `repeated string stack_entries = 1;`
        public var stackEntries: [String] = []
        /// `string detail = 2;`
        public var detail: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a debug info.
        public init(stackEntries: [String] = [], detail: String) {
            self.stackEntries = stackEntries
            self.detail = detail
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, stackEntries)
            sink.string(2, detail)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &stackEntries)
            case 2: try reader.string(tag, into: &detail)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.QuotaFailure`: the quota checks a call failed.
    public struct QuotaFailure: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.QuotaFailure"
        /// `repeated Violation violations = 1;`
        public var violations: [Violation] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a quota failure.
        public init(violations: [Violation]) {
            self.violations = violations
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, violations)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &violations)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.PreconditionFailure`: the preconditions a call failed.
    public struct PreconditionFailure: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.PreconditionFailure"
        /// `repeated Violation violations = 1;`
        public var violations: [Violation] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a precondition failure.
        public init(violations: [Violation]) {
            self.violations = violations
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, violations)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &violations)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

extension Google.Rpc.QuotaFailure {
    /// `google.rpc.QuotaFailure.Violation`: one exceeded quota.
    public struct Violation: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.QuotaFailure.Violation"
        /// `string subject = 1;`
        public var subject: String = ""
        /// `string description = 2;`
        public var description: String = ""
        /// `string api_service = 3;`
        public var apiService: String = ""
        /// `string quota_metric = 4;`
        public var quotaMetric: String = ""
        /// `string quota_id = 5;`
        public var quotaID: String = ""
        /// `map<string, string> quota_dimensions = 6;`
        public var quotaDimensions: [String: String] = [:]
        /// `int64 quota_value = 7;`
        public var quotaValue: Int64 = 0
        /// `optional int64 future_quota_value = 8;`
        public var futureQuotaValue: Int64?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a violation with its subject and description.
        public init(subject: String, description: String) {
            self.subject = subject
            self.description = description
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, subject)
            sink.string(2, description)
            sink.string(3, apiService)
            sink.string(4, quotaMetric)
            sink.string(5, quotaID)
            sink.map(6, quotaDimensions)
            sink.int64(7, quotaValue)
            sink.int64(8, futureQuotaValue)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &subject)
            case 2: try reader.string(tag, into: &description)
            case 3: try reader.string(tag, into: &apiService)
            case 4: try reader.string(tag, into: &quotaMetric)
            case 5: try reader.string(tag, into: &quotaID)
            case 6: try reader.map(tag, into: &quotaDimensions)
            case 7: try reader.int64(tag, into: &quotaValue)
            case 8: try reader.int64(tag, into: &futureQuotaValue)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

extension Google.Rpc.PreconditionFailure {
    /// `google.rpc.PreconditionFailure.Violation`: one failed precondition.
    public struct Violation: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.PreconditionFailure.Violation"
        /// `string type = 1;`
        public var type: String = ""
        /// `string subject = 2;`
        public var subject: String = ""
        /// `string description = 3;`
        public var description: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a violation.
        public init(type: String, subject: String, description: String) {
            self.type = type
            self.subject = subject
            self.description = description
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, type)
            sink.string(2, subject)
            sink.string(3, description)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &type)
            case 2: try reader.string(tag, into: &subject)
            case 3: try reader.string(tag, into: &description)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
