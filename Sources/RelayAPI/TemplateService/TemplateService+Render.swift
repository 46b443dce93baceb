// Codecs for the render and test-send messages of Protos/relay/v1/template_service.proto.

/// `relay.v1.RenderTemplateRequest`: the request of `TemplateService.RenderTemplate`.
public struct RenderTemplateRequest: ProtoMessage {
    public static let protoMessageName = "relay.v1.RenderTemplateRequest"

    /// `oneof source { string template_id = 1; Template template = 2; }`
    public enum Source: Sendable, Equatable {
        case templateID(String)
        case template(Template)
    }

    /// The template to render; nil when neither member is set.
    public var source: Source?
    /// `google.protobuf.Struct variables = 3;`
    public var variables: Google.Protobuf.Struct?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        switch source {
        case .templateID(let v)?: sink.string(1, Optional(v))
        case .template(let v)?: sink.message(2, v)
        case nil: break
        }
        sink.message(3, variables)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: source = .templateID(try reader.string(tag))
        case 2:
            var v = Template()
            if case .template(let old)? = source { v = old }
            try reader.message(tag, into: &v)
            source = .template(v)
        case 3: try reader.message(tag, into: &variables)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RenderTemplateResponse`: the response of `TemplateService.RenderTemplate`.
public struct RenderTemplateResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RenderTemplateResponse"

    /// `relay.v1.RenderTemplateResponse.Warning`: a problem found while rendering.
    public struct Warning: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.RenderTemplateResponse.Warning"

        /// `relay.v1.RenderTemplateResponse.Warning.Code`: the kind of a problem.
        public enum Code: ProtoEnum {
            case unspecified  // 0
            case missingVariable  // 1
            case undeclaredVariable  // 2
            case unusedVariable  // 3
            case syntaxError  // 4
            case typeMismatch  // 5
            case htmlProblem  // 6
            /// A number this version of the code does not know.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unspecified
                case 1: self = .missingVariable
                case 2: self = .undeclaredVariable
                case 3: self = .unusedVariable
                case 4: self = .syntaxError
                case 5: self = .typeMismatch
                case 6: self = .htmlProblem
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unspecified: 0
                case .missingVariable: 1
                case .undeclaredVariable: 2
                case .unusedVariable: 3
                case .syntaxError: 4
                case .typeMismatch: 5
                case .htmlProblem: 6
                case .unrecognized(let value): value
                }
            }
        }

        /// `Code code = 1;`
        public var code: Code = .unspecified
        /// `string field = 2;`
        public var field: String = ""
        /// `int32 line = 3;`
        public var line: Int32 = 0
        /// `int32 column = 4;`
        public var column: Int32 = 0
        /// `string variable = 5;`
        public var variable: String = ""
        /// `string message = 6;`
        public var message: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.enumField(1, code)
            sink.string(2, field)
            sink.int32(3, line)
            sink.int32(4, column)
            sink.string(5, variable)
            sink.string(6, message)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.enumField(tag, into: &code)
            case 2: try reader.string(tag, into: &field)
            case 3: try reader.int32(tag, into: &line)
            case 4: try reader.int32(tag, into: &column)
            case 5: try reader.string(tag, into: &variable)
            case 6: try reader.string(tag, into: &message)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `string subject = 1;`
    public var subject: String = ""
    /// `string html_body = 2;`
    public var htmlBody: String = ""
    /// `string text_body = 3;`
    public var textBody: String = ""
    /// `repeated string missing_variables = 4;`
    public var missingVariables: [String] = []
    /// `repeated Warning warnings = 5;`
    public var warnings: [Warning] = []
    /// `int64 template_version = 6;`
    public var templateVersion: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, subject)
        sink.string(2, htmlBody)
        sink.string(3, textBody)
        sink.string(4, missingVariables)
        sink.message(5, warnings)
        sink.int64(6, templateVersion)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &subject)
        case 2: try reader.string(tag, into: &htmlBody)
        case 3: try reader.string(tag, into: &textBody)
        case 4: try reader.string(tag, into: &missingVariables)
        case 5: try reader.message(tag, into: &warnings)
        case 6: try reader.int64(tag, into: &templateVersion)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SendTestEmailRequest`: the request of `TemplateService.SendTestEmail`.
public struct SendTestEmailRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendTestEmailRequest"
    /// `string template_id = 1;`
    public var templateID: String = ""
    /// `repeated EmailAddress to = 2;`
    public var to: [EmailAddress] = []
    /// `EmailAddress from = 3;`
    public var from: EmailAddress?
    /// `google.protobuf.Struct variables = 4;`
    public var variables: Google.Protobuf.Struct?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, templateID)
        sink.message(2, to)
        sink.message(3, from)
        sink.message(4, variables)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &templateID)
        case 2: try reader.message(tag, into: &to)
        case 3: try reader.message(tag, into: &from)
        case 4: try reader.message(tag, into: &variables)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SendTestEmailResponse`: the response of `TemplateService.SendTestEmail`.
public struct SendTestEmailResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendTestEmailResponse"
    /// `string message_id = 1;`
    public var messageID: String = ""
    /// `repeated string missing_variables = 2;`
    public var missingVariables: [String] = []
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, messageID)
        sink.string(2, missingVariables)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &messageID)
        case 2: try reader.string(tag, into: &missingVariables)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
