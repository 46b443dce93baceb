// Codecs for the resource messages of Protos/relay/v1/template_service.proto.

/// `relay.v1.Template`: a stored email template of an organization.
public struct Template: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Template"

    /// `relay.v1.Template.Variable`: a variable the template declares.
    public struct Variable: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.Template.Variable"
        /// `string name = 1;`
        public var name: String = ""
        /// `bool required = 2;`
        public var required: Bool = false
        /// `google.protobuf.Value default_value = 3;`
        public var defaultValue: Google.Protobuf.Value?
        /// `string description = 4;`
        public var description: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a declared variable.
        public init(name: String, required: Bool = false, defaultValue: Google.Protobuf.Value? = nil, description: String = "") {
            self.name = name
            self.required = required
            self.defaultValue = defaultValue
            self.description = description
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.bool(2, required)
            sink.message(3, defaultValue)
            sink.string(4, description)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            case 2: try reader.bool(tag, into: &required)
            case 3: try reader.message(tag, into: &defaultValue)
            case 4: try reader.string(tag, into: &description)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `string template_id = 1;`
    public var templateID: String = ""
    /// `string name = 2;`
    public var name: String = ""
    /// `string description = 3;`
    public var description: String = ""
    /// `string subject = 4;`
    public var subject: String = ""
    /// `string html_body = 5;`
    public var htmlBody: String = ""
    /// `string text_body = 6;`
    public var textBody: String = ""
    /// `repeated Variable variables = 7;`
    public var variables: [Variable] = []
    /// `google.protobuf.Struct sample_variables = 8;`
    public var sampleVariables: Google.Protobuf.Struct?
    /// `map<string, string> labels = 9;`
    public var labels: [String: String] = [:]
    /// `int64 version = 10;`
    public var version: Int64 = 0
    /// `google.protobuf.Timestamp create_time = 11;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp update_time = 12;`
    public var updateTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, templateID)
        sink.string(2, name)
        sink.string(3, description)
        sink.string(4, subject)
        sink.string(5, htmlBody)
        sink.string(6, textBody)
        sink.message(7, variables)
        sink.message(8, sampleVariables)
        sink.map(9, labels)
        sink.int64(10, version)
        sink.message(11, createTime)
        sink.message(12, updateTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &templateID)
        case 2: try reader.string(tag, into: &name)
        case 3: try reader.string(tag, into: &description)
        case 4: try reader.string(tag, into: &subject)
        case 5: try reader.string(tag, into: &htmlBody)
        case 6: try reader.string(tag, into: &textBody)
        case 7: try reader.message(tag, into: &variables)
        case 8: try reader.message(tag, into: &sampleVariables)
        case 9: try reader.map(tag, into: &labels)
        case 10: try reader.int64(tag, into: &version)
        case 11: try reader.message(tag, into: &createTime)
        case 12: try reader.message(tag, into: &updateTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.TemplateView`: how much of a template a response includes.
public enum TemplateView: ProtoEnum {
    case unspecified  // 0
    case basic  // 1
    case full  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .basic
        case 2: self = .full
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .basic: 1
        case .full: 2
        case .unrecognized(let value): value
        }
    }
}
