// Codecs for the create, get, list, update and delete messages of
// Protos/relay/v1/template_service.proto.

/// `relay.v1.CreateTemplateRequest`: the request of `TemplateService.CreateTemplate`.
public struct CreateTemplateRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateTemplateRequest"
    /// `Template template = 1;`
    public var template: Template?
    /// `string request_id = 2;`
    public var requestID: String = ""
    /// `bool validate_only = 3;`
    public var validateOnly: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, template)
        sink.string(2, requestID)
        sink.bool(3, validateOnly)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &template)
        case 2: try reader.string(tag, into: &requestID)
        case 3: try reader.bool(tag, into: &validateOnly)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.CreateTemplateResponse`: the response of `TemplateService.CreateTemplate`.
public struct CreateTemplateResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateTemplateResponse"
    /// `Template template = 1;`
    public var template: Template?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, template)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &template)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetTemplateRequest`: the request of `TemplateService.GetTemplate`.
public struct GetTemplateRequest: ProtoMessage {
    public static let protoMessageName = "relay.v1.GetTemplateRequest"

    /// `oneof lookup { string template_id = 1; string name = 2; }`
    public enum Lookup: Sendable, Equatable {
        case templateID(String)
        case name(String)
    }

    /// Which template to return; nil when neither member is set.
    public var lookup: Lookup?
    /// `TemplateView view = 3;`
    public var view: TemplateView = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        switch lookup {
        case .templateID(let v)?: sink.string(1, Optional(v))
        case .name(let v)?: sink.string(2, Optional(v))
        case nil: break
        }
        sink.enumField(3, view)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: lookup = .templateID(try reader.string(tag))
        case 2: lookup = .name(try reader.string(tag))
        case 3: try reader.enumField(tag, into: &view)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetTemplateResponse`: the response of `TemplateService.GetTemplate`.
public struct GetTemplateResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetTemplateResponse"
    /// `Template template = 1;`
    public var template: Template?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, template)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &template)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListTemplatesRequest`: the request of `TemplateService.ListTemplates`.
public struct ListTemplatesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListTemplatesRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `string name_prefix = 3;`
    public var namePrefix: String = ""
    /// `map<string, string> labels = 4;`
    public var labels: [String: String] = [:]
    /// `TemplateView view = 5;`
    public var view: TemplateView = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.string(3, namePrefix)
        sink.map(4, labels)
        sink.enumField(5, view)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.string(tag, into: &namePrefix)
        case 4: try reader.map(tag, into: &labels)
        case 5: try reader.enumField(tag, into: &view)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListTemplatesResponse`: the response of `TemplateService.ListTemplates`.
public struct ListTemplatesResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListTemplatesResponse"
    /// `repeated Template templates = 1;`
    public var templates: [Template] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, templates)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &templates)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateTemplateRequest`: the request of `TemplateService.UpdateTemplate`.
public struct UpdateTemplateRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateTemplateRequest"
    /// `Template template = 1;`
    public var template: Template?
    /// `google.protobuf.FieldMask update_mask = 2;`
    public var updateMask: FieldMask?
    /// `optional int64 expected_version = 3;`
    public var expectedVersion: Int64?
    /// `bool validate_only = 4;`
    public var validateOnly: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, template)
        sink.message(2, updateMask)
        sink.int64(3, expectedVersion)
        sink.bool(4, validateOnly)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &template)
        case 2: try reader.message(tag, into: &updateMask)
        case 3: try reader.int64(tag, into: &expectedVersion)
        case 4: try reader.bool(tag, into: &validateOnly)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateTemplateResponse`: the response of `TemplateService.UpdateTemplate`.
public struct UpdateTemplateResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateTemplateResponse"
    /// `Template template = 1;`
    public var template: Template?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, template)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &template)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteTemplateRequest`: the request of `TemplateService.DeleteTemplate`.
public struct DeleteTemplateRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteTemplateRequest"
    /// `string template_id = 1;`
    public var templateID: String = ""
    /// `optional int64 expected_version = 2;`
    public var expectedVersion: Int64?
    /// `bool allow_missing = 3;`
    public var allowMissing: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, templateID)
        sink.int64(2, expectedVersion)
        sink.bool(3, allowMissing)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &templateID)
        case 2: try reader.int64(tag, into: &expectedVersion)
        case 3: try reader.bool(tag, into: &allowMissing)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.DeleteTemplateResponse`: the (empty) response of `TemplateService.DeleteTemplate`.
public struct DeleteTemplateResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.DeleteTemplateResponse"
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
