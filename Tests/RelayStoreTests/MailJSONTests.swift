import Foundation
import RelayDomain
import RelayPostgres
@testable import RelayStore
import Testing

/// The hand-written JSON of the mail columns reads back through Foundation's parser unchanged.
@Suite struct MailJSONTests {
    @Test func stringsWithQuotesBackslashesControlsAndUnicodeRoundTrip() throws {
        let awkward = ["", "plain", "quote \" and \\ backslash", "tab\tnew\nline\u{1}\u{1F}", "Ünïcödé ✉️ 𝄞", "</script>"]
        let addresses = awkward.map { MailAddress(address: "a@b.example", name: $0) }
        #expect(MailJSON.addresses(MailJSON.addresses(addresses)) == addresses)
        let headers = awkward.map { MailHeader(name: "X-Test", value: $0) }
        #expect(MailJSON.headers(MailJSON.headers(headers)) == headers)
        let metadata = Dictionary(uniqueKeysWithValues: awkward.enumerated().map { ("k\($0.offset)\($0.element)", $0.element) })
        #expect(MailJSON.metadata(MailJSON.metadata(metadata)) == metadata)
        #expect(MailJSON.headers([]).text == "[]" && MailJSON.metadata([:]).text == "{}")
        #expect(MailJSON.headers([MailHeader(name: "X-A", value: "\u{1}\"\\")]).text == #"[{"name":"X-A","value":"\u0001\"\\"}]"#)
    }

    @Test func listUnsubscribeRoundTrips() {
        for oneClick in [true, false] {
            let value = ListUnsubscribe(httpsURL: "https://x.example/u?a=\"1\"", mailto: "u@x.example", oneClick: oneClick)
            #expect(MailJSON.listUnsubscribe(MailJSON.listUnsubscribe(value)) == value)
        }
        #expect(MailJSON.listUnsubscribe(nil as ListUnsubscribe?) == nil)
    }
}
