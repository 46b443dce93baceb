internal import CCares
internal import Glibc
import RelayDomain

/// Turns a DNS answer (wire format) into ``DNSAnswer`` values with c-ares's parsers: TXT strings
/// of one record joined, MX as `"PRIORITY HOST"`, A as dotted quads, CNAME targets; host names
/// without the trailing dot.
enum AnswerParser {
    static func parse(_ answer: UnsafeMutablePointer<UInt8>, length: Int32, type: DNSRecordType, name: String) -> Result<DNSAnswer, ParseFailure> {
        let values: Result<[String], ParseFailure> =
            switch type {
            case .txt: texts(answer, length)
            case .mx: mailExchangers(answer, length)
            case .a: addresses(answer, length)
            case .cname: aliases(answer, length, of: name)
            }
        return values.map { $0.isEmpty ? .noData : .records($0) }
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
        init(_ status: Int32) { description = ResolverThread.describe(status) }
        init(_ text: String) { description = text }
    }

    private static func texts(_ answer: UnsafeMutablePointer<UInt8>, _ length: Int32) -> Result<[String], ParseFailure> {
        var head: UnsafeMutablePointer<ares_txt_ext>?
        let rc = ares_parse_txt_reply_ext(answer, length, &head)
        if rc == ARES_ENODATA { return .success([]) }
        guard rc == ARES_SUCCESS else { return .failure(ParseFailure(rc)) }
        defer { if let head { ares_free_data(head) } }
        var records: [[UInt8]] = []
        var node = head
        while let current = node {
            let string = current.pointee.txt.map { Array(UnsafeBufferPointer(start: $0, count: current.pointee.length)) } ?? []
            if current.pointee.record_start != 0 || records.isEmpty {
                records.append(string)
            } else {
                records[records.count - 1] += string
            }
            node = current.pointee.next
        }
        return .success(records.map { String(decoding: $0, as: UTF8.self) })
    }

    private static func mailExchangers(_ answer: UnsafeMutablePointer<UInt8>, _ length: Int32) -> Result<[String], ParseFailure> {
        var head: UnsafeMutablePointer<ares_mx_reply>?
        let rc = ares_parse_mx_reply(answer, length, &head)
        if rc == ARES_ENODATA { return .success([]) }
        guard rc == ARES_SUCCESS else { return .failure(ParseFailure(rc)) }
        defer { if let head { ares_free_data(head) } }
        var values: [String] = []
        var node = head
        while let current = node {
            let host = current.pointee.host.map { String(cString: $0) } ?? ""
            values.append("\(current.pointee.priority) \(DNSName.withoutTrailingDot(host))")
            node = current.pointee.next
        }
        return .success(values)
    }

    private static func addresses(_ answer: UnsafeMutablePointer<UInt8>, _ length: Int32) -> Result<[String], ParseFailure> {
        var entries = [ares_addrttl](repeating: ares_addrttl(), count: 64)
        var count = Int32(entries.count)
        var host: UnsafeMutablePointer<hostent>?
        let rc = ares_parse_a_reply(answer, length, &host, &entries, &count)
        if let host { ares_free_hostent(host) }
        if rc == ARES_ENODATA { return .success([]) }
        guard rc == ARES_SUCCESS else { return .failure(ParseFailure(rc)) }
        return .success(entries.prefix(Int(max(0, count))).map { entry in
            var address = entry.ipaddr
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        })
    }

    /// CNAME targets whose owner is `name` (c-ares has no CNAME parser: the records are walked
    /// here, names expanded by `ares_expand_name`).
    private static func aliases(_ answer: UnsafeMutablePointer<UInt8>, _ length: Int32, of name: String) -> Result<[String], ParseFailure> {
        let total = Int(length)
        guard total >= 12 else { return .failure(ParseFailure("shorter than a DNS header")) }
        func u16(_ at: Int) -> Int { Int(answer[at]) << 8 | Int(answer[at + 1]) }
        func expandName(at offset: Int) -> (String, Int)? {
            guard offset < total else { return nil }
            var expanded: UnsafeMutablePointer<CChar>?
            var used = 0
            guard ares_expand_name(answer + offset, answer, length, &expanded, &used) == ARES_SUCCESS, let expanded else { return nil }
            defer { ares_free_string(expanded) }
            return (DNSName.withoutTrailingDot(String(cString: expanded)), used)
        }
        let questions = u16(4)
        let answers = u16(6)
        var offset = 12
        for _ in 0..<questions {
            guard let (_, used) = expandName(at: offset) else { return .failure(ParseFailure("bad question name")) }
            offset += used + 4
        }
        var targets: [String] = []
        let owner = name.lowercased()
        for _ in 0..<answers {
            guard let (recordOwner, used) = expandName(at: offset) else { return .failure(ParseFailure("bad record name")) }
            offset += used
            guard offset + 10 <= total else { return .failure(ParseFailure("truncated record")) }
            let type = u16(offset)
            let dataLength = u16(offset + 8)
            offset += 10
            guard offset + dataLength <= total else { return .failure(ParseFailure("truncated record data")) }
            if type == 5, recordOwner.lowercased() == owner {
                guard let (target, _) = expandName(at: offset) else { return .failure(ParseFailure("bad CNAME target")) }
                targets.append(target)
            }
            offset += dataLength
        }
        return .success(targets)
    }
}
