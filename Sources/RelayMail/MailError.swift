public import RelayDomain

/// Why an email address was refused: the input and a reason a user can act on.
public struct EmailAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the address.
    public enum Reason: Sendable, Equatable {
        /// Nothing was given.
        case empty
        /// A character that can never appear: CR, LF, NUL or another control character.
        case forbiddenCharacter(Unicode.Scalar)
        /// There is no `@` between the local part and the domain.
        case missingAt
        /// Nothing before the `@`.
        case emptyLocalPart
        /// The local part is longer than 64 octets (UTF-8).
        case localPartTooLong(octets: Int)
        /// The local part is neither a dot-atom nor a quoted string; the detail says where.
        case invalidLocalPart(String)
        /// Nothing after the `@`.
        case emptyDomain
        /// An IP address literal such as `[192.0.2.1]`, which Relay does not send to.
        case addressLiteral
        /// The domain has an empty label (`..`, or a leading or trailing dot).
        case emptyLabel
        /// The domain has one label only; a domain needs a dot, such as `example.com`.
        case singleLabelDomain
        /// A label is longer than 63 octets (in its ASCII form).
        case labelTooLong(label: String, octets: Int)
        /// A label has a character, or a hyphen placement, a host name cannot have.
        case invalidLabel(label: String, detail: String)
        /// The top-level label is all digits.
        case numericTopLevelDomain
        /// The domain is longer than 253 octets (in its ASCII form).
        case domainTooLong(octets: Int)
        /// The `Name <address>` form is malformed; the detail says how.
        case malformedMailbox(String)
    }

    /// The text that was refused.
    public let input: String
    /// Why.
    public let reason: Reason

    /// An error for `input`.
    public init(_ input: String, _ reason: Reason) {
        self.input = input
        self.reason = reason
    }

    public var description: String { "\"\(input)\" is not a valid email address: \(explanation)" }

    /// The reason alone, as a sentence fragment.
    public var explanation: String {
        switch reason {
        case .empty: "it is empty"
        case .forbiddenCharacter(let scalar): "it contains the control character U+\(hex(scalar.value)), which an address or name cannot have"
        case .missingAt: "it has no @ between the name and the domain"
        case .emptyLocalPart: "nothing comes before the @"
        case .localPartTooLong(let octets): "the part before the @ is \(octets) bytes long; the limit is 64"
        case .invalidLocalPart(let detail): "the part before the @ is invalid: \(detail)"
        case .emptyDomain: "nothing comes after the @"
        case .addressLiteral: "IP address literals are not accepted; use a domain name"
        case .emptyLabel: "the domain has an empty label (two dots in a row, or a dot at the start or end)"
        case .singleLabelDomain: "the domain needs at least one dot, such as example.com"
        case .labelTooLong(let label, let octets): "the domain label \"\(label)\" is \(octets) bytes long; the limit is 63"
        case .invalidLabel(let label, let detail): "the domain label \"\(label)\" is invalid: \(detail)"
        case .numericTopLevelDomain: "the top-level domain cannot be all digits"
        case .domainTooLong(let octets): "the domain is \(octets) bytes long; the limit is 253"
        case .malformedMailbox(let detail): detail
        }
    }
}

/// Why a message could not be built or signed. Every case but ``signing(_:)`` is the caller's
/// doing; ``domainError`` gives the service's view.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An address of `field` (`from`, `to[2]`, `reply_to[0]`…) is invalid.
    case invalidAddress(field: String, EmailAddressError)
    /// A header (custom, or the subject) cannot be written: a line break, a forbidden name, a
    /// word too long for a line.
    case invalidHeader(name: String, reason: String)
    /// Another field of the message is invalid (`attachments[1].filename`, `message_id`…).
    case invalidField(field: String, reason: String)
    /// The encoded message is larger than the limit.
    case tooLarge(size: Int, limit: Int)
    /// Signing failed (a key or OpenSSL problem): not the caller's fault.
    case signing(String)

    public var description: String {
        switch self {
        case .invalidAddress(let field, let error): "\(field): \(error)"
        case .invalidHeader(let name, let reason): "header \(name): \(reason)"
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .tooLarge(let size, let limit): "the encoded message is \(size) bytes; the limit is \(limit)"
        case .signing(let detail): "DKIM signing failed: \(detail)"
        }
    }

    /// The error in the service's terms: `invalidArgument` for the caller's mistakes,
    /// `internalError` for a signing failure.
    public var domainError: DomainError {
        switch self {
        case .invalidAddress(let field, let error): .invalidArgument(field: field, reason: error.description)
        case .invalidHeader(let name, let reason): .invalidArgument(field: "headers", reason: "\(name): \(reason)")
        case .invalidField(let field, let reason): .invalidArgument(field: field, reason: reason)
        case .tooLarge(let size, let limit):
            .invalidArgument(field: "attachments", reason: "the encoded message is \(size) bytes; the limit is \(limit)")
        case .signing(let detail): .internalError("DKIM signing failed: \(detail)")
        }
    }
}

/// Upper-case hexadecimal, at least four digits.
func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
