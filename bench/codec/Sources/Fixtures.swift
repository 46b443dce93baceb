// The messages the codec benchmark encodes and decodes: a realistic batch of 50 transactional
// emails (~2 KiB each) and one small message. Built deterministically, so every run (and the
// protobuf-c side, which reads the bytes written from these values) measures the same input.
import RelayAPI

/// Builds the benchmark inputs.
enum Fixtures {
    /// A small SendEmailRequest: sender, one recipient, subject, a short text body, one tag.
    static func small() -> SendEmailRequest {
        var m = SendEmailRequest()
        m.from = EmailAddress(address: "no-reply@shop.example.com", name: "Example Shop")
        m.to = [EmailAddress(address: "ada@example.org")]
        m.subject = "Your code is 482913"
        m.body = .content(EmailContent(textBody: "Your sign-in code is 482913. It expires in 10 minutes."))
        m.tags = ["otp"]
        return m
    }

    /// A SendEmailBatchRequest of 50 order confirmations of about 2 KiB each.
    static func batch() -> SendEmailBatchRequest {
        SendEmailBatchRequest(messages: (0..<50).map(orderConfirmation))
    }

    static let firstNames = ["Ada", "Grace", "Linus", "Zoë", "Ken", "Barbara", "Dennis", "Frances", "José", "Margaret"]
    static let lastNames = ["Lovelace", "Hopper", "Torvalds", "Müller", "Thompson", "Liskov", "Ritchie", "Allen", "Núñez", "Hamilton"]
    static let products = ["Espresso beans 1 kg", "Ceramic pour-over", "Burr grinder", "Kettle — gooseneck", "Paper filters ×100", "Milk frother"]

    /// One order confirmation: HTML and text bodies, four recipients, reply-to, tags, metadata,
    /// headers, tracking and List-Unsubscribe.
    static func orderConfirmation(_ i: Int) -> SendEmailRequest {
        let first = firstNames[i % firstNames.count]
        let last = lastNames[(i * 7 + 3) % lastNames.count]
        let order = 100_000 + i * 37
        let local = "\(first.lowercased()).\(last.lowercased())"
        var lines: [(String, Int, Int)] = []
        for k in 0..<(3 + i % 3) {
            lines.append((products[(i + k * 5) % products.count], 1 + (i + k) % 3, 499 + ((i * 131 + k * 977) % 4_000)))
        }
        let total = lines.reduce(0) { $0 + $1.1 * $1.2 }

        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order #\(order) confirmed</title>\
            <style>body{font-family:Helvetica,Arial,sans-serif;color:#222}td{padding:4px 8px}</style></head>\
            <body><table width="100%" cellpadding="0" cellspacing="0"><tr><td>\
            <h1 style="font-size:20px">Thanks for your order, \(first)!</h1>\
            <p>We have received order <strong>#\(order)</strong> and will let you know when it ships.</p>\
            <table class="items">
            """
        var text = "Thanks for your order, \(first)!\n\nOrder #\(order)\n\n"
        for (name, qty, cents) in lines {
            html += "<tr><td>\(name)</td><td>× \(qty)</td><td align=\"right\">€\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)</td></tr>\n"
            text += "  \(qty) × \(name)  €\(cents / 100).\(cents % 100)\n"
        }
        html += """
            </table><p>Total: <strong>€\(total / 100).\(total % 100)</strong></p>\
            <p><a href="https://shop.example.com/orders/\(order)?utm_source=relay&amp;utm_medium=email">View your order</a></p>\
            <p style="font-size:12px;color:#888">Example Shop GmbH · Hauptstraße 5 · 10115 Berlin · \
            <a href="https://shop.example.com/unsubscribe?u={{recipient}}">Unsubscribe</a></p>\
            </td></tr></table></body></html>
            """
        text += "\nTotal: €\(total / 100).\(total % 100)\nView your order: https://shop.example.com/orders/\(order)\n\n"
        text += "Example Shop GmbH, Hauptstraße 5, 10115 Berlin. Unsubscribe: https://shop.example.com/unsubscribe\n"

        var m = SendEmailRequest()
        m.from = EmailAddress(address: "orders@shop.example.com", name: "Example Shop")
        m.to = [
            EmailAddress(address: "\(local)@example.org", name: "\(first) \(last)"),
            EmailAddress(address: "accounts+\(i)@example.net", name: "Accounts payable"),
        ]
        m.cc = [EmailAddress(address: "sales-team@shop.example.com", name: "Sales")]
        m.bcc = [EmailAddress(address: "archive@shop.example.com")]
        m.replyTo = [EmailAddress(address: "support@shop.example.com", name: "Example Shop support")]
        m.subject = "Order #\(order) confirmed — thanks, \(first)!"
        m.body = .content(EmailContent(htmlBody: html, textBody: text))
        m.headers = [
            Header(name: "X-Order-Id", value: "\(order)"),
            Header(name: "X-Campaign", value: "order-confirmation-v3"),
        ]
        m.tags = ["transactional", "order-confirmation", "eu-west"]
        m.metadata = [
            "customer_id": "cus_\(String(order * 7919, radix: 36))",
            "order_id": "\(order)",
            "locale": i % 2 == 0 ? "en-GB" : "de-DE",
            "ab_bucket": "b\(i % 4)",
        ]
        m.idempotencyKey = "order-\(order)-confirmation"
        m.trackOpens = true
        m.trackClicks = i % 3 != 0
        m.listUnsubscribe = SendEmailRequest.ListUnsubscribe(
            httpsURL: "https://shop.example.com/unsubscribe?u={{recipient}}", mailto: "mailto:unsubscribe@shop.example.com",
            oneClick: true)
        return m
    }
}
