import RelayDNSChecks
import Testing

@Suite struct TagListTests {
    @Test func tagsAreSplitWithWhitespaceAroundNamesAndValuesIgnored() throws {
        let tags = try TagList(parsing: " v = DKIM1 ;k=rsa;\r\n\tp= MIIB AQAB ; ")
        #expect(tags.tags.map(\.name) == ["v", "k", "p"])
        #expect(tags["v"] == "DKIM1" && tags["k"] == "rsa" && tags["p"] == "MIIB AQAB")
        #expect(tags["P"] == nil)  // names are case-sensitive
    }

    @Test func malformedListsAreRejectedWithTheReason() {
        #expect(throws: TagList.ParseError.duplicate("p")) { try TagList(parsing: "p=a; p=b") }
        #expect(throws: TagList.ParseError.missingEquals("k")) { try TagList(parsing: "v=DKIM1; k; p=x") }
        #expect(throws: TagList.ParseError.badName("1x")) { try TagList(parsing: "1x=y") }
        #expect(throws: TagList.ParseError.badValue(name: "p")) { try TagList(parsing: "p=ab\u{1}c") }
        #expect(throws: TagList.ParseError.badValue(name: "n")) { try TagList(parsing: "n=café") }
        #expect(throws: TagList.ParseError.missingEquals("")) { try TagList(parsing: "p=a;;") }
    }
}

@Suite struct SPFRecordTests {
    @Test func onlyVersionSPF1RecordsAreSPF() {
        #expect(SPFRecord.isSPF("v=spf1 -all") && SPFRecord.isSPF("V=SPF1") && SPFRecord.isSPF("v=spf1"))
        #expect(!SPFRecord.isSPF("v=spf10 -all") && !SPFRecord.isSPF("spf2.0/pra -all") && !SPFRecord.isSPF("v=DMARC1"))
    }

    @Test func lookupTermsIncludesAndRedirectAreFound() throws {
        let record = try #require(SPFRecord(parsing: "v=spf1 a mx/24 ip4:192.0.2.1 ?include:A.example. ptr exists:%{i}.x -include:b.test redirect=r.test"))
        #expect(record.lookupTermCount == 7)
        #expect(record.includes.map(\.domain) == ["a.example", "b.test"])
        #expect(record.includes.map(\.qualifier) == ["?", "-"])
        #expect(record.redirect == "r.test")
        #expect(try #require(SPFRecord(parsing: "v=spf1 redirect=r.test -all")).redirect == nil)  // all wins
    }

    @Test func theIncludeGoesBeforeAllOrRedirectOrAtTheEnd() throws {
        #expect(try #require(SPFRecord(parsing: "v=spf1 mx ~all")).adding("include:s.test") == "v=spf1 mx include:s.test ~all")
        #expect(try #require(SPFRecord(parsing: "v=spf1  mx   -all  exp=e.test")).adding("include:s.test") == "v=spf1 mx include:s.test -all exp=e.test")
        #expect(try #require(SPFRecord(parsing: "v=spf1 mx redirect=r.test")).adding("include:s.test") == "v=spf1 mx include:s.test redirect=r.test")
        #expect(try #require(SPFRecord(parsing: "v=spf1 mx")).adding("include:s.test") == "v=spf1 mx include:s.test")
    }
}
