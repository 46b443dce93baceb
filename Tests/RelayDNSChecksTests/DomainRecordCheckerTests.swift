import Foundation
import RelayDNSChecks
import RelayDomain
import Testing

@Suite struct DomainRecordCheckerTests {
    let key = String(repeating: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", count: 9)

    var plan: DomainRecordPlan {
        DomainRecordPlan(
            domain: "Example.COM.", dkimKeys: [DKIMKeyRecord(selector: "rly1", algorithm: .rsa2048, publicKey: key)],
            spfInclude: "include:spf.relay.test", returnPathHost: "bounces", returnPathTarget: "rp.relay.test",
            dmarcPolicy: .quarantine, dmarcReportAddress: "dmarc@example.com")
    }

    @Test func thePlanNamesEveryRecordWithItsHostAndValue() {
        let records = plan.records
        #expect(records.map(\.purpose) == [.dkim, .returnPath, .spf, .dmarc])
        #expect(records.map(\.name) == ["rly1._domainkey.example.com", "bounces.example.com", "example.com", "_dmarc.example.com"])
        #expect(records.map(\.host) == ["rly1._domainkey", "bounces", "@", "_dmarc"])
        #expect(records.map(\.required) == [true, true, false, false])
        #expect(records[0].value == "v=DKIM1; k=rsa; p=\(key)" && records[0].dkimSelector == "rly1")
        #expect(records[0].explanation.contains("DNS providers split it into 2 strings"))
        #expect(records[1].type == .cname && records[1].value == "rp.relay.test")
        #expect(records[2].value == "v=spf1 include:spf.relay.test ~all" && records[2].spfInclude == "include:spf.relay.test")
        #expect(records[3].value == "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com" && records[3].explanation.isEmpty)
    }

    func resolver(_ build: (inout InMemoryResolver) -> Void) -> DomainRecordChecker {
        var resolver = InMemoryResolver()
        resolver.add("spf.relay.test", .txt, "v=spf1 ip4:192.0.2.0/24 -all")
        build(&resolver)
        return DomainRecordChecker(resolver: resolver)
    }

    @Test func aKeyWithFoldedWhitespaceAndTheRightTagsVerifies() async {
        let spaced = key.enumerated().map { $0.offset % 60 == 59 ? "\($0.element) " : "\($0.element)" }.joined()
        let checker = resolver { $0.add("rly1._domainkey.example.com", .txt, "v=DKIM1; h=sha256; k=rsa; p=\(spaced)") }
        let check = await checker.checkDKIM(name: "rly1._domainkey.example.com", algorithm: .rsa2048, publicKey: key)
        #expect(check.state == .verified && check.explanation.isEmpty)
    }

    @Test(arguments: [
        ("k=rsa; v=DKIM1; p=KEY", "v=DKIM1 must be the first tag"),
        ("v=DKIM1; p=", "the key is revoked (empty p=)"),
        ("v=DKIM1; k=rsa; h=sha1; p=KEY", "h=sha1 does not allow sha256"),
        ("v=DKIM1; p=OTHER", "the published key differs from Relay's key"),
        ("v=DKIM1; p=KEY; p=KEY", "not a valid DKIM record: the tag p= appears twice"),
    ])
    func aWrongKeyRecordIsMismatchedWithTheReason(record: String, explanation: String) async {
        let text = record.replacingOccurrences(of: "KEY", with: key)
        let checker = resolver { $0.add("s._domainkey.example.com", .txt, text) }
        let check = await checker.checkDKIM(name: "s._domainkey.example.com", algorithm: .rsa2048, publicKey: key)
        #expect(check.state == .mismatched)
        #expect(check.explanation == explanation)
        #expect(check.foundValues == [text])
    }

    @Test func anEd25519KeyWithoutKTagIsExplained() async {
        let checker = resolver { $0.add("s._domainkey.example.com", .txt, "v=DKIM1; p=abc") }
        let check = await checker.checkDKIM(name: "s._domainkey.example.com", algorithm: .ed25519, publicKey: "abc")
        #expect(check.state == .mismatched && check.explanation == "no k= tag, so receivers take the key as rsa, but it is ed25519")
    }

    @Test func theWholeDomainChecksThroughThePlan() async {
        let checker = resolver { zone in
            zone.add("rly1._domainkey.example.com", .txt, "v=DKIM1; k=rsa; p=\(key)")
            zone.add("bounces.example.com", .cname, "rp.relay.test.")
            zone.add("example.com", .txt, "v=spf1 mx -all", "other=1")
            zone.add("_dmarc.example.com", .txt, "v=DMARC1; p=reject; rua=mailto:x@example.com")
        }
        let checked = await checker.check(plan.records)
        #expect(checked.map(\.state) == [.verified, .verified, .mismatched, .verified])
        #expect(checked[2].value == "v=spf1 mx include:spf.relay.test -all" && checked[2].spfAddInclude)
        #expect(checked[2].foundValues == ["v=spf1 mx -all"])
        #expect(checked[3].explanation.isEmpty)
    }

    @Test func anSPFIncludeLoopIsCountedOnceAndReported() async {
        let checker = resolver { zone in
            zone.add("example.com", .txt, "v=spf1 include:a.test include:spf.relay.test -all")
            zone.add("a.test", .txt, "v=spf1 include:example.com -all")
        }
        let spf = await checker.checkSPF(domain: "example.com", include: "spf.relay.test")
        #expect(spf.check.state == .verified)
        #expect(spf.lookupCount == 3)
        #expect(spf.check.explanation == "example.com is included more than once (or in a loop)")
    }

    @Test func aFailingNestedLookupMakesTheSPFCheckFail() async {
        var zone = InMemoryResolver()
        zone.add("example.com", .txt, "v=spf1 include:down.test include:spf.relay.test -all")
        zone.failing = ["down.test"]
        let spf = await DomainRecordChecker(resolver: zone).checkSPF(domain: "example.com", include: "spf.relay.test")
        #expect(spf.check.state == .lookupFailed)
        #expect(spf.check.explanation.hasPrefix("looking up the SPF record of down.test failed: DNS lookup of down.test failed"))
    }

    @Test func aReturnPathWithMXInsteadOfCNAMEVerifiesWhenAllowed() async {
        let checker = resolver { $0.add("bounces.example.com", .mx, "10 feedback.relay.test") }
        let withMX = await checker.checkReturnPath(name: "bounces.example.com", target: "rp.relay.test", mxHost: "feedback.relay.test")
        #expect(withMX.state == .verified && withMX.explanation == "MX records instead of a CNAME")
        let withoutMX = await checker.checkReturnPath(name: "bounces.example.com", target: "rp.relay.test")
        #expect(withoutMX.state == .missing && withoutMX.explanation == "bounces.example.com exists but has no CNAME record")
    }

    @Test func aDMARCLookalikeIsNotADMARCRecord() async {
        let checker = resolver { $0.add("_dmarc.example.com", .txt, "v=spf1 -all") }
        let check = await checker.checkDMARC(name: "_dmarc.example.com")
        #expect(check.state == .missing)
        #expect(check.explanation == "no DMARC record at _dmarc.example.com (TXT records found, none starting v=DMARC1)")
    }
}
