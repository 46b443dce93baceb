internal import Foundation
internal import RelayDomain
internal import RelayPostgres

/// The `jsonb` columns of the mail tables: address lists, headers, metadata, List-Unsubscribe.
enum MailJSON {
    static func object(_ json: PostgresJSON) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(json.text.utf8))
    }

    static func addresses(_ list: [MailAddress]) -> PostgresJSON {
        guard !list.isEmpty else { return PostgresJSON("[]") }
        var writer = Writer()
        writer.array(list) { writer, address in writer.object([("address", address.address), ("name", address.name)]) }
        return writer.json
    }

    static func addresses(_ json: PostgresJSON) -> [MailAddress] {
        (object(json) as? [[String: String]] ?? []).map { MailAddress(address: $0["address"] ?? "", name: $0["name"] ?? "") }
    }

    static func headers(_ list: [MailHeader]) -> PostgresJSON {
        guard !list.isEmpty else { return PostgresJSON("[]") }
        var writer = Writer()
        writer.array(list) { writer, header in writer.object([("name", header.name), ("value", header.value)]) }
        return writer.json
    }

    /// The `messages.recipients` array of a new message (migration 0003 names the members; the
    /// ones a new recipient does not have yet are left out and read as their defaults).
    static func recipients(_ list: [NewRecipient]) -> PostgresJSON {
        var writer = Writer()
        writer.array(list) { writer, recipient in
            writer.object(
                [("normalized", recipient.normalizedAddress), ("address", recipient.address.address), ("name", recipient.address.name)],
                closing: false)
            let status = recipient.isAccepted ? MessageStatus.queued : .suppressed
            writer.bytes.append(contentsOf: #","kind":\#(recipient.kind.rawValue),"status":\#(status.rawValue)"#.utf8)
            if let reason = recipient.suppressionReason {
                writer.bytes.append(contentsOf: #","detail":"#.utf8)
                writer.string(reason)
            }
            if let id = recipient.suppressionID {
                writer.bytes.append(contentsOf: #","suppression_id":"#.utf8)
                writer.string(id.uuidString.lowercased())
            }
            writer.bytes.append(UInt8(ascii: "}"))
        }
        return writer.json
    }

    static func headers(_ json: PostgresJSON) -> [MailHeader] {
        (object(json) as? [[String: String]] ?? []).map { MailHeader(name: $0["name"] ?? "", value: $0["value"] ?? "") }
    }

    static func metadata(_ map: [String: String]) -> PostgresJSON {
        guard !map.isEmpty else { return PostgresJSON("{}") }
        var writer = Writer()
        writer.object(map.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        return writer.json
    }

    static func metadata(_ json: PostgresJSON) -> [String: String] { object(json) as? [String: String] ?? [:] }

    static func listUnsubscribe(_ value: ListUnsubscribe?) -> PostgresJSON? {
        value.map { value in
            var writer = Writer()
            writer.object([("https_url", value.httpsURL), ("mailto", value.mailto)], closing: false)
            writer.bytes.append(contentsOf: #","one_click":\#(value.oneClick)}"#.utf8)
            return writer.json
        }
    }

    static func listUnsubscribe(_ json: PostgresJSON?) -> ListUnsubscribe? {
        guard let json, let object = object(json) as? [String: Any] else { return nil }
        return ListUnsubscribe(
            httpsURL: object["https_url"] as? String ?? "", mailto: object["mailto"] as? String ?? "",
            oneClick: object["one_click"] as? Bool ?? false)
    }

    /// Writes JSON text (strings escaped per RFC 8259) without Foundation's boxing.
    struct Writer {
        var bytes: [UInt8] = []
        var json: PostgresJSON { PostgresJSON(String(decoding: bytes, as: UTF8.self)) }

        mutating func array<Element>(_ elements: [Element], _ write: (inout Writer, Element) -> Void) {
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(&self, element)
            }
            bytes.append(UInt8(ascii: "]"))
        }

        /// An object of string members in the order given; `closing: false` leaves it open.
        mutating func object(_ members: [(String, String)], closing: Bool = true) {
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                string(value)
            }
            if closing { bytes.append(UInt8(ascii: "}")) }
        }

        private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

        mutating func string(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0..<0x20:
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                default:
                    bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
