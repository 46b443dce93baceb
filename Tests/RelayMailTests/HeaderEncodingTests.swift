import Foundation
@testable import RelayMail
import Testing

/// An RFC 2047 decoder for the tests: unfolds, decodes `=?UTF-8?Q|B?…?=` words, drops the
/// whitespace between adjacent encoded words.
enum EncodedWordDecoder {
    static func unfold(_ field: String) -> String {
        field.replacingOccurrences(of: "\r\n", with: "")
    }

    static func decode(_ value: String) -> String? {
        let tokens = value.split(separator: " ", omittingEmptySubsequences: false)
        var out = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            if token.hasPrefix("=?") && token.hasSuffix("?=") {
                let inner = token.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
                guard inner.count == 3, inner[0].uppercased() == "UTF-8" else { return nil }
                var bytes: [UInt8] = []
                if inner[1].uppercased() == "B" {
                    guard let decoded = Base64.decode(String(inner[2])) else { return nil }
                    bytes = decoded
                } else {
                    let text = Array(inner[2].utf8)
                    var i = 0
                    while i < text.count {
                        if text[i] == UInt8(ascii: "_") {
                            bytes.append(0x20)
                        } else if text[i] == UInt8(ascii: "=") {
                            guard i + 2 < text.count, let byte = UInt8(String(decoding: text[i + 1...i + 2], as: UTF8.self), radix: 16) else { return nil }
                            bytes.append(byte)
                            i += 2
                        } else {
                            bytes.append(text[i])
                        }
                        i += 1
                    }
                }
                guard let piece = String(validating: bytes, as: UTF8.self) else { return nil }
                out += piece
                previousWasEncoded = true
            } else {
                if index > 0 && !(previousWasEncoded && token.isEmpty) { out += " " }
                out += token
                previousWasEncoded = false
            }
        }
        return out
    }
}

@Suite struct HeaderEncodingTests {
    static let subjects = [
        "Hello",
        "Your order #1042 has shipped",
        "Grüße aus München — Ihre Bestellung",
        "日本語の件名です。長い件名がどのように折り返されるかを確認するためのテキストです。さらに続きます。",
        "🎉 Party time 🎉 with emoji and ASCII mixed in a rather long subject line that needs folding",
        "  leading and trailing spaces  ",
        "double  spaces and\ttabs",
        "looks like =?UTF-8?Q?an_encoded_word?= but is not",
        String(repeating: "x", count: 120),
        String(repeating: "word ", count: 60) + "end",
        "Ωmega " + String(repeating: "é", count: 200),
    ]

    @Test(arguments: subjects)
    func subjectsRoundTripThroughEncodedWordsOnFoldedLines(subject: String) throws {
        var writer = HeaderFieldWriter(name: "Subject")
        HeaderText.appendUnstructured(subject, to: &writer)
        let field = try writer.finish()
        #expect(field.hasSuffix("\r\n"))
        let lines = field.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(line.utf8.count <= 78, "line too long: \(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
        }
        for (index, line) in lines.enumerated() where index > 0 {
            #expect(line.hasPrefix(" ") && !line.dropFirst().hasPrefix(" ") && line.count > 1)
        }
        for word in field.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?") {
            #expect(word.utf8.count <= 75)
        }
        // Unfolding also removes the final CRLF.
        let value = String(EncodedWordDecoder.unfold(field).dropFirst("Subject: ".count))
        #expect(EncodedWordDecoder.decode(value) == subject)
    }

    @Test func plainASCIIStaysReadableAndNonASCIIPicksTheShorterEncoding() throws {
        var plain = HeaderFieldWriter(name: "Subject")
        HeaderText.appendUnstructured("Your order has shipped", to: &plain)
        #expect(try plain.finish() == "Subject: Your order has shipped\r\n")

        var mostlyASCII = HeaderFieldWriter(name: "Subject")
        HeaderText.appendUnstructured("Café au lait", to: &mostlyASCII)
        #expect(try mostlyASCII.finish() == "Subject: =?UTF-8?Q?Caf=C3=A9_au_lait?=\r\n")

        var cyrillic = HeaderFieldWriter(name: "Subject")
        HeaderText.appendUnstructured("Привет", to: &cyrillic)
        #expect(try cyrillic.finish() == "Subject: =?UTF-8?B?0J/RgNC40LLQtdGC?=\r\n")
    }

    @Test func displayNamesAreAtomsQuotedStringsOrEncodedWords() throws {
        func render(_ name: String) throws -> String {
            var writer = HeaderFieldWriter(name: "From")
            HeaderText.appendMailboxes([try EmailAddress(address: "a@example.com", displayName: name)], to: &writer)
            return try writer.finish()
        }
        #expect(try render("Ada Lovelace") == "From: Ada Lovelace <a@example.com>\r\n")
        #expect(try render("Lovelace, Ada") == "From: \"Lovelace, Ada\" <a@example.com>\r\n")
        #expect(try render("Ada \"Countess\" L.") == "From: \"Ada \\\"Countess\\\" L.\" <a@example.com>\r\n")
        #expect(try render("Zoë") == "From: =?UTF-8?Q?Zo=C3=AB?= <a@example.com>\r\n")
    }

    @Test func nonASCIIDisplayNamesKeepAtomsReadableAndSplitEncodedRunsAfterSpaces() throws {
        func render(_ name: String, after other: String? = nil) throws -> String {
            var writer = HeaderFieldWriter(name: "To")
            var addresses = [try EmailAddress(address: "z@example.com", displayName: name)]
            if let other { addresses.insert(try EmailAddress(address: "o@example.com", displayName: other), at: 0) }
            HeaderText.appendMailboxes(addresses, to: &writer)
            return try writer.finish()
        }
        #expect(try render("Relay Ünïcode Sender") == "To: Relay =?UTF-8?B?w5xuw69jb2Rl?= Sender <z@example.com>\r\n")
        // A name that fits one encoded word stays one word, on the next line if need be.
        let second = try render("Zoë “Quotes” Ñúñez", after: "Ada Lovelace")
        #expect(second == "To: Ada Lovelace <o@example.com>,\r\n =?UTF-8?B?Wm/DqyDigJxRdW90ZXPigJ0gw5HDusOxZXo=?= <z@example.com>\r\n")
        // A longer run is split after a space, the space inside the first word.
        let long = String(repeating: "Ωμέγα ", count: 12) + "τέλος"
        let field = try render(long)
        let words = field.split(whereSeparator: { $0 == " " || $0 == "\r\n" }).filter { $0.hasPrefix("=?") }
        #expect(words.count > 1)
        for word in words.dropLast() { #expect(EncodedWordDecoder.decode(String(word))?.hasSuffix(" ") == true) }
        let unfolded = EncodedWordDecoder.unfold(field)
        let value = String(unfolded.dropFirst("To: ".count).dropLast(" <z@example.com>".count))
        #expect(EncodedWordDecoder.decode(value) == long)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func longAddressListsFoldBetweenMailboxes() throws {
        let addresses = try (0..<8).map { try EmailAddress(address: "recipient\($0)@example.com", displayName: "Recipient Number \($0)") }
        var writer = HeaderFieldWriter(name: "To")
        HeaderText.appendMailboxes(addresses, to: &writer)
        let field = try writer.finish()
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(EncodedWordDecoder.unfold(field).hasPrefix("To: Recipient Number 0 <recipient0@example.com>, Recipient Number 1"))
        #expect(field.components(separatedBy: "\r\n").count > 3)
    }

    @Test func lineBreaksAndNULInValuesAreRefused() {
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "the value contains a line break (CR or LF)")) {
            try HeaderText.checkSingleLine("Hi\r\nBcc: victim@example.org", header: "Subject")
        }
        #expect(throws: MailError.invalidHeader(name: "X-Test", reason: "the value contains a line break (CR or LF)")) {
            try HeaderText.checkSingleLine("a\nb", header: "X-Test")
        }
        #expect(throws: MailError.invalidHeader(name: "X-Test", reason: "the value contains a NUL character")) {
            try HeaderText.checkSingleLine("a\0b", header: "X-Test")
        }
    }

    @Test func aWordLongerThan998OctetsCannotBeWritten() {
        var writer = HeaderFieldWriter(name: "List-Unsubscribe")
        writer.append("<https://example.com/" + String(repeating: "u", count: 1000) + ">")
        #expect(throws: MailError.invalidHeader(name: "List-Unsubscribe", reason: "a word of the value is too long for one line (998 characters)")) {
            try writer.finish()
        }
    }

    @Test func mimeParametersUseRFC2231ForNonASCIIAndLongNames() throws {
        func render(_ filename: String) throws -> String {
            var writer = HeaderFieldWriter(name: "Content-Disposition")
            writer.append("attachment;")
            HeaderText.appendParameter("filename", filename, to: &writer)
            return try writer.finish()
        }
        #expect(try render("invoice-1042.pdf") == "Content-Disposition: attachment; filename=\"invoice-1042.pdf\"\r\n")
        #expect(try render("a \"b\".txt") == "Content-Disposition: attachment; filename=\"a \\\"b\\\".txt\"\r\n")
        #expect(try render("résumé.pdf") == "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n")
        let long = try render(String(repeating: "ü", count: 40) + ".txt")
        #expect(long.contains("filename*0*=utf-8''%C3%BC"))
        #expect(long.contains("filename*1*=%C3%BC"))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }
}
