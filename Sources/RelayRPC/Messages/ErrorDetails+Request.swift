// Codecs for Protos/google/rpc/error_details.proto, part 2: BadRequest, RequestInfo,
// ResourceInfo, Help and LocalizedMessage. The rest is in ErrorDetails.swift.
public import ProtoWire

extension Google.Rpc {
    /// `google.rpc.BadRequest`: the fields of a request that are malformed or invalid.
    public struct BadRequest: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.BadRequest"
        /// `repeated FieldViolation field_violations = 1;`
        public var fieldViolations: [FieldViolation] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a bad request detail.
        public init(fieldViolations: [FieldViolation]) {
            self.fieldViolations = fieldViolations
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, fieldViolations)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &fieldViolations)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.RequestInfo`: identifies the failed request for support and log searches.
    public struct RequestInfo: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.RequestInfo"
        /// `string request_id = 1;`
        public var requestID: String = ""
        /// `string serving_data = 2;`
        public var servingData: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a request info.
        public init(requestID: String, servingData: String = "") {
            self.requestID = requestID
            self.servingData = servingData
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, requestID)
            sink.string(2, servingData)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &requestID)
            case 2: try reader.string(tag, into: &servingData)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.ResourceInfo`: the resource a failed call was accessing.
    public struct ResourceInfo: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.ResourceInfo"
        /// `string resource_type = 1;`
        public var resourceType: String = ""
        /// `string resource_name = 2;`
        public var resourceName: String = ""
        /// `string owner = 3;`
        public var owner: String = ""
        /// `string description = 4;`
        public var description: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a resource info.
        public init(resourceType: String, resourceName: String, owner: String = "", description: String = "") {
            self.resourceType = resourceType
            self.resourceName = resourceName
            self.owner = owner
            self.description = description
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, resourceType)
            sink.string(2, resourceName)
            sink.string(3, owner)
            sink.string(4, description)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &resourceType)
            case 2: try reader.string(tag, into: &resourceName)
            case 3: try reader.string(tag, into: &owner)
            case 4: try reader.string(tag, into: &description)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.Help`: links to documentation or to where the user can act on the error.
    public struct Help: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.Help"
        /// `repeated Link links = 1;`
        public var links: [Link] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a help detail.
        public init(links: [Link]) {
            self.links = links
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, links)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &links)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.rpc.LocalizedMessage`: an error message translated for the end user.
    public struct LocalizedMessage: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.LocalizedMessage"
        /// `string locale = 1;`
        public var locale: String = ""
        /// `string message = 2;`
        public var message: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a localized message.
        public init(locale: String, message: String) {
            self.locale = locale
            self.message = message
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, locale)
            sink.string(2, message)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &locale)
            case 2: try reader.string(tag, into: &message)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

extension Google.Rpc.BadRequest {
    /// `google.rpc.BadRequest.FieldViolation`: one invalid field of a request.
    public struct FieldViolation: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.BadRequest.FieldViolation"
        /// `string field = 1;`
        public var field: String = ""
        /// `string description = 2;`
        public var description: String = ""
        /// `string reason = 3;`
        public var reason: String = ""
        /// `LocalizedMessage localized_message = 4;`
        public var localizedMessage: Google.Rpc.LocalizedMessage?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a field violation.
        public init(
            field: String, description: String, reason: String = "",
            localizedMessage: Google.Rpc.LocalizedMessage? = nil
        ) {
            self.field = field
            self.description = description
            self.reason = reason
            self.localizedMessage = localizedMessage
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, field)
            sink.string(2, description)
            sink.string(3, reason)
            sink.message(4, localizedMessage)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &field)
            case 2: try reader.string(tag, into: &description)
            case 3: try reader.string(tag, into: &reason)
            case 4: try reader.message(tag, into: &localizedMessage)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

extension Google.Rpc.Help {
    /// `google.rpc.Help.Link`: one link.
    public struct Link: ProtoMessage, Hashable {
        public static let protoMessageName = "google.rpc.Help.Link"
        /// `string description = 1;`
        public var description: String = ""
        /// `string url = 2;`
        public var URL: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a link.
        public init(description: String, URL: String) {
            self.description = description
            self.URL = URL
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, description)
            sink.string(2, URL)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &description)
            case 2: try reader.string(tag, into: &URL)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
