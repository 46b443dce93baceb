import RelayDomain
import RelaySMTP
import Testing

@Suite struct SMTPDialogueTests {
    func dialogue(_ lines: [(Bool, String)]) -> SMTPDialogue {
        var dialogue = SMTPDialogue()
        for (outgoing, line) in lines { dialogue.feed(line + "\r\n", outgoing: outgoing) }
        return dialogue
    }

    @Test func eachRecipientTakesItsOwnReplyAndAcceptedOnesTheFinalOne() {
        let d = dialogue([
            (false, "220 mx ready"), (true, "EHLO me"), (false, "250-mx\r\n250 SIZE 100"),
            (true, "MAIL FROM:<a@b.test> SIZE=10"), (false, "250 OK"),
            (true, "RCPT TO:<x@y.test>"), (false, "250 OK"),
            (true, "RCPT TO:<busy@y.test>"), (false, "452-4.2.2 mailbox full\r\n452 4.2.2 try later"),
            (true, "RCPT TO:<gone@y.test>"), (false, "550 5.1.1 unknown"),
            (true, "DATA"), (false, "354 go ahead"), (false, "250 2.0.0 queued as 42"),
        ])
        #expect(d.outcomes(recipientCount: 3, failure: nil) == [
            .accepted(detail: "250 2.0.0 queued as 42"),
            .deferred(detail: "RCPT TO: 452 4.2.2 mailbox full 4.2.2 try later"),
            .rejected(code: 550, detail: "550 5.1.1 unknown"),
        ])
    }

    @Test func aRefusedSenderDecidesForEveryone() {
        let d = dialogue([(true, "MAIL FROM:<a@b.test>"), (false, "553 5.7.1 sender not allowed")])
        #expect(d.outcomes(recipientCount: 2, failure: "Failed sending data") == Array(repeating: .rejected(code: 553, detail: "553 5.7.1 sender not allowed"), count: 2))
    }

    @Test func aBrokenTransferDefersWhatHasNoReply() {
        let d = dialogue([(true, "MAIL FROM:<a@b.test>"), (false, "250 OK"), (true, "RCPT TO:<x@y.test>"), (false, "250 OK"), (true, "DATA"), (false, "354 go")])
        #expect(d.outcomes(recipientCount: 2, failure: "Timeout was reached") == [
            .deferred(detail: "the transfer broke off after RCPT TO: Timeout was reached"), .deferred(detail: "Timeout was reached"),
        ])
        let rejectedData = dialogue([(true, "MAIL FROM:<a@b.test>"), (false, "250 OK"), (true, "RCPT TO:<x@y.test>"), (false, "250 OK"), (true, "DATA"), (false, "354 go"), (false, "554 5.7.1 spam")])
        #expect(rejectedData.outcomes(recipientCount: 1, failure: "x") == [.rejected(code: 554, detail: "554 5.7.1 spam")])
    }
}
