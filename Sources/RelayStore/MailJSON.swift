internal import Foundation
internal import RelayDomain
internal import RelayPostgres

/// The `jsonb` columns of the mail tables: address lists, headers, metadata, List-Unsubscribe.
enum MailJSON {
    static func encode(_ value: Any) -> PostgresJSON {
        // Only strings, booleans, arrays and dictionaries of them are passed: serialization cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("null".utf8)
        return PostgresJSON(String(decoding: data, as: UTF8.self))
    }

    static func object(_ json: PostgresJSON) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(json.text.utf8))
    }

    static func addresses(_ list: [MailAddress]) -> PostgresJSON {
        encode(list.map { ["address": $0.address, "name": $0.name] })
    }

    static func addresses(_ json: PostgresJSON) -> [MailAddress] {
        (object(json) as? [[String: String]] ?? []).map { MailAddress(address: $0["address"] ?? "", name: $0["name"] ?? "") }
    }

    static func headers(_ list: [MailHeader]) -> PostgresJSON {
        encode(list.map { ["name": $0.name, "value": $0.value] })
    }

    static func headers(_ json: PostgresJSON) -> [MailHeader] {
        (object(json) as? [[String: String]] ?? []).map { MailHeader(name: $0["name"] ?? "", value: $0["value"] ?? "") }
    }

    static func metadata(_ map: [String: String]) -> PostgresJSON { encode(map) }

    static func metadata(_ json: PostgresJSON) -> [String: String] { object(json) as? [String: String] ?? [:] }

    static func listUnsubscribe(_ value: ListUnsubscribe?) -> PostgresJSON? {
        value.map { encode(["https_url": $0.httpsURL, "mailto": $0.mailto, "one_click": $0.oneClick] as [String: Any]) }
    }

    static func listUnsubscribe(_ json: PostgresJSON?) -> ListUnsubscribe? {
        guard let json, let object = object(json) as? [String: Any] else { return nil }
        return ListUnsubscribe(
            httpsURL: object["https_url"] as? String ?? "", mailto: object["mailto"] as? String ?? "",
            oneClick: object["one_click"] as? Bool ?? false)
    }
}
