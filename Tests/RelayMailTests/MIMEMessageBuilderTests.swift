import Foundation
@testable import RelayMail
import RelayDomain
import Testing

@Suite struct MIMEMessageBuilderTests {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func message(text: String? = "Hello", html: String? = nil, attachments: [MailAttachment] = []) throws -> MailMessage {
        MailMessage(
            from: try EmailAddress(parsing: "Relay <noreply@example.com>"), to: [try EmailAddress(parsing: "ada@example.org")],
            subject: "Test", textBody: text, htmlBody: html, attachments: attachments, messageID: "id-1@example.com", date: date)
    }

    func text(_ built: BuiltMessage) -> String { String(decoding: built.data, as: UTF8.self) }

    /// Every line ends in CRLF, no bare CR or LF, no line over 998 octets.
    func checkLines(_ data: [UInt8]) {
        var lineLength = 0
        for (index, byte) in data.enumerated() {
            if byte == 0x0A {
                #expect(index > 0 && data[index - 1] == 0x0D, "bare LF at \(index)")
                lineLength = 0
            } else if byte == 0x0D {
                #expect(index + 1 < data.count && data[index + 1] == 0x0A, "bare CR at \(index)")
            } else {
                lineLength += 1
                #expect(lineLength <= 998)
            }
        }
        #expect(data.suffix(2) == [0x0D, 0x0A])
    }

    @Test func aShortASCIITextMessageIsOne7bitPartWithTheStandardHeaders() throws {
        let built = try MIMEMessageBuilder().build(try message())
        #expect(
            text(built) == """
                Date: Tue, 14 Nov 2023 22:13:20 +0000\r
                From: Relay <noreply@example.com>\r
                Subject: Test\r
                To: ada@example.org\r
                Message-ID: <id-1@example.com>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: 7bit\r
                \r
                Hello\r

                """)
        #expect(built.messageID == "id-1@example.com")
        #expect(built.recipients == ["ada@example.org"])
        #expect(built.size == built.data.count)
        #expect(!built.requiresSMTPUTF8)
    }

    @Test func textAndHTMLAreAlternativesAndNonASCIIIsQuotedPrintable() throws {
        let built = try MIMEMessageBuilder().build(try message(text: "Grüße\nline two", html: "<p>Grüße</p>"))
        let output = text(built)
        checkLines(built.data)
        #expect(output.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_rly_"))
        #expect(output.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\nline two\r\n--=_rly_"))
        #expect(output.contains("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Gr=C3=BC=C3=9Fe</p>\r\n--=_rly_"))
        #expect(output.hasSuffix("--\r\n"))
        #expect(output.range(of: "text/plain")!.lowerBound < output.range(of: "text/html")!.lowerBound)
    }

    @Test func attachmentsAreMixedInBase64With76CharacterLinesAndInlineImagesAreRelated() throws {
        let pdf = (0..<1000).map { UInt8($0 % 256) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let built = try MIMEMessageBuilder().build(
            try message(
                text: "See attached", html: "<img src=\"cid:logo\">",
                attachments: [
                    MailAttachment(filename: "report.pdf", contentType: "Application/PDF", content: pdf),
                    MailAttachment(filename: "logo.png", contentType: "image/png", content: png, contentID: "<logo>"),
                ]))
        let output = text(built)
        checkLines(built.data)
        let mixed = try #require(output.range(of: "multipart/mixed"))
        let alternative = try #require(output.range(of: "multipart/alternative"))
        let related = try #require(output.range(of: "multipart/related;\r\n type=\"text/html\";"))
        #expect(mixed.lowerBound < alternative.lowerBound && alternative.lowerBound < related.lowerBound)
        #expect(output.contains("Content-Type: application/pdf; name=\"report.pdf\"\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"))
        #expect(output.contains("Content-Disposition: inline; filename=\"logo.png\"\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <logo>\r\n\r\niVBORw==\r\n"))
        let encoded = Base64.encodedBytes(pdf, lineLength: 76)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(output.contains(lines.joined(separator: "\r\n") + "\r\n--=_rly_"))
    }

    @Test func bccRecipientsAreEnvelopeOnlyAndDuplicatesAreDropped() throws {
        var mail = try message()
        mail.cc = [try EmailAddress(parsing: "Carol <carol@example.org>"), try EmailAddress(parsing: "ADA@example.org")]
        mail.bcc = [try EmailAddress(parsing: "secret@example.net"), try EmailAddress(parsing: "carol@example.org")]
        let built = try MIMEMessageBuilder().build(mail)
        #expect(built.recipients == ["ada@example.org", "carol@example.org", "secret@example.net"])
        #expect(!text(built).contains("secret"))
        #expect(!text(built).lowercased().contains("bcc"))

        var bccOnly = try message()
        bccOnly.to = []
        bccOnly.bcc = [try EmailAddress(parsing: "secret@example.net")]
        let hidden = try MIMEMessageBuilder().build(bccOnly)
        #expect(text(hidden).contains("To: undisclosed-recipients:;\r\n"))
        #expect(!text(hidden).contains("secret"))
    }

    @Test func listUnsubscribeHeadersAndOneClick() throws {
        var mail = try message()
        mail.listUnsubscribe = ListUnsubscribe(httpsURL: "https://example.com/u/abc?x=1", mailto: "unsubscribe@example.com", oneClick: true)
        let output = text(try MIMEMessageBuilder().build(mail))
        #expect(output.contains("List-Unsubscribe: <https://example.com/u/abc?x=1>,\r\n <mailto:unsubscribe@example.com>\r\n") || output.contains("List-Unsubscribe: <https://example.com/u/abc?x=1>, <mailto:unsubscribe@example.com>\r\n"))
        #expect(output.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))

        mail.listUnsubscribe = ListUnsubscribe(mailto: "mailto:u@example.com?subject=unsubscribe")
        let mailtoOnly = text(try MIMEMessageBuilder().build(mail))
        #expect(mailtoOnly.contains("List-Unsubscribe: <mailto:u@example.com?subject=unsubscribe>\r\n"))
        #expect(!mailtoOnly.contains("List-Unsubscribe-Post"))

        mail.listUnsubscribe = ListUnsubscribe(mailto: "u@example.com", oneClick: true)
        #expect(throws: MailError.invalidField(field: "list_unsubscribe.one_click", reason: "one-click unsubscription needs an https_url")) {
            try MIMEMessageBuilder().build(mail)
        }
        mail.listUnsubscribe = ListUnsubscribe(httpsURL: "http://example.com/u")
        #expect(throws: MailError.invalidField(field: "list_unsubscribe.https_url", reason: "an https:// URL without spaces or angle brackets is needed")) {
            try MIMEMessageBuilder().build(mail)
        }
    }

    @Test func aGeneratedMessageIDIsRandomAtTheSendersDomain() throws {
        var mail = try message()
        mail.messageID = nil
        let first = try MIMEMessageBuilder().build(mail)
        let second = try MIMEMessageBuilder().build(mail)
        #expect(first.messageID.hasSuffix("@example.com"))
        #expect(first.messageID.count == 24 + "@example.com".count)
        #expect(first.messageID != second.messageID)
        #expect(text(first).contains("Message-ID: <\(first.messageID)>\r\n"))
        mail.messageID = "<given@host>"
        #expect(try MIMEMessageBuilder().build(mail).messageID == "given@host")
        mail.messageID = "no-at-sign"
        #expect(throws: MailError.self) { try MIMEMessageBuilder().build(mail) }
    }

    @Test func customHeadersAreWrittenAndReservedOrBrokenOnesRefused() throws {
        var mail = try message()
        mail.headers = [MailHeader(name: "X-Ticket-Id", value: "T-1042"), MailHeader(name: "X-Note", value: "für dich")]
        let output = text(try MIMEMessageBuilder().build(mail))
        #expect(output.contains("X-Ticket-Id: T-1042\r\n"))
        #expect(output.contains("X-Note: =?UTF-8?B?ZsO8ciBkaWNo?=\r\n"))

        for name in ["From", "bcc", "Content-Type", "content-disposition", "DKIM-Signature", "List-Unsubscribe", "Message-ID"] {
            mail.headers = [MailHeader(name: name, value: "x")]
            #expect(throws: MailError.invalidHeader(name: name, reason: "Relay writes this header itself; it cannot be set")) {
                try MIMEMessageBuilder().build(mail)
            }
        }
        mail.headers = [MailHeader(name: "X-Bad", value: "a\r\nBcc: victim@example.org")]
        #expect(throws: MailError.invalidHeader(name: "X-Bad", reason: "the value contains a line break (CR or LF)")) {
            try MIMEMessageBuilder().build(mail)
        }
        mail.headers = [MailHeader(name: "X Bad", value: "a")]
        #expect(throws: MailError.self) { try MIMEMessageBuilder().build(mail) }
        mail.headers = []
        mail.subject = "Hi\nthere"
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "the value contains a line break (CR or LF)")) {
            try MIMEMessageBuilder().build(mail)
        }
    }

    @Test func invalidMessagesAreRefused() throws {
        #expect(throws: MailError.invalidField(field: "content", reason: "a message needs a text body, an HTML body or both")) {
            try MIMEMessageBuilder().build(try message(text: "", html: nil))
        }
        var noRecipient = try message()
        noRecipient.to = []
        #expect(throws: MailError.invalidField(field: "to", reason: "a message needs at least one recipient (to, cc or bcc)")) {
            try MIMEMessageBuilder().build(noRecipient)
        }
        for (filename, type) in [("a/b.txt", "text/plain"), ("", "text/plain"), ("ok.txt", "text"), ("ok.txt", "text/plain; charset=x"), ("ok.eml", "message/rfc822")] {
            #expect(throws: MailError.self) {
                try MIMEMessageBuilder().build(try message(attachments: [MailAttachment(filename: filename, contentType: type, content: [1])]))
            }
        }
    }

    @Test func theSizeLimitCountsTheEncodedMessage() throws {
        let attachment = MailAttachment(filename: "big.bin", content: [UInt8](repeating: 7, count: 30_000))
        let built = try MIMEMessageBuilder().build(try message(attachments: [attachment]))
        #expect(built.size > 40_000)
        #expect(throws: MailError.tooLarge(size: built.size, limit: built.size - 1)) {
            try MIMEMessageBuilder(maximumSize: built.size - 1).build(try message(attachments: [attachment]))
        }
        #expect { try MIMEMessageBuilder(maximumSize: 10_000).build(try message(attachments: [attachment])) } throws: { error in
            guard case .tooLarge(_, 10_000) = error as? MailError else { return false }
            return true
        }
        #expect(try MIMEMessageBuilder(maximumSize: built.size).build(try message(attachments: [attachment])).size == built.size)
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesTrailingWhitespace() {
        let input = TextBody.crlfLines(String(repeating: "é", count: 60) + " \nend\t\n" + String(repeating: "a", count: 200) + "\n")
        let encoded = String(decoding: TextBody.quotedPrintable(input), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(encoded.contains("=20\r\nend=09\r\n"))
        #expect(!TextBody.fitsSevenBit(TextBody.crlfLines(String(repeating: "a", count: 77))))
        #expect(TextBody.fitsSevenBit(TextBody.crlfLines(String(repeating: "a", count: 76) + "\n" + String(repeating: "b", count: 76))))
        #expect(TextBody.crlfLines("a\nb\r\nc\rd") == Array("a\r\nb\r\nc\r\nd".utf8))
    }

    @Test func datesAreRFC5322InUTC() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_057_982_437.9)) == "Sat, 12 Jul 2003 04:00:37 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func mailErrorsBecomeInvalidArgumentsOfTheDomain() {
        let error = MailError.invalidAddress(field: "to[0]", EmailAddressError("x", .missingAt))
        #expect(error.domainError == .invalidArgument(field: "to[0]", reason: "\"x\" is not a valid email address: it has no @ between the name and the domain"))
        #expect(MailError.signing("boom").domainError == .internalError("DKIM signing failed: boom"))
    }
}
