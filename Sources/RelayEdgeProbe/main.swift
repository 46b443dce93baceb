// relay-edge-probe: drives RelayDNS, RelayDNSChecks and RelaySMTP for the pytest edge tests
// (Tests/edge): one command per run, options as `--name value`, one JSON document on stdout.
//
//   relay-edge-probe lookup --server 127.0.0.1:5353 [--timeout-ms 500] [--tries 1] NAME TYPE
//   relay-edge-probe check --server … --domain D --selector S --algorithm rsa|ed25519 --public-key K
//       --spf-include I --return-path-target T [--return-path-host rp] [--dmarc-policy quarantine] [--rua ADDR]
//   relay-edge-probe send --url smtp://127.0.0.1:2525 [--starttls required|opportunistic|none]
//       [--user U --password P [--mechanism plain|login]] [--ca-file F | --insecure] [--pool 2]
//       --from F --to A,B [--count 1] [--timeout-ms 5000] [--pause-ms N: one message at a time, N ms apart]
import Foundation
import RelayDNS
import RelayDNSChecks
import RelayDomain
import RelaySMTP

struct ProbeFailure: Error { let message: String }

let arguments = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
var positional: [String] = []
var index = 1
while index < arguments.count {
    let argument = arguments[index]
    if argument.hasPrefix("--") {
        let name = String(argument.dropFirst(2))
        if name == "insecure" {
            options[name] = "1"
        } else if index + 1 < arguments.count {
            options[name] = arguments[index + 1]
            index += 1
        }
    } else {
        positional.append(argument)
    }
    index += 1
}

@MainActor func option(_ name: String) throws -> String {
    guard let value = options[name] else { throw ProbeFailure(message: "missing --\(name)") }
    return value
}

func emit(_ value: Any) {
    let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

@MainActor func resolver() throws -> DNSClient {
    let timeout = Int(options["timeout-ms"] ?? "1000") ?? 1000
    let tries = Int(options["tries"] ?? "1") ?? 1
    return try DNSClient(DNSClientConfiguration(servers: [try option("server")], timeout: .milliseconds(timeout), tries: tries))
}

func state(_ state: DNSRecordCheckState) -> String {
    switch state {
    case .notChecked: "not_checked"
    case .verified: "verified"
    case .missing: "missing"
    case .mismatched: "mismatched"
    case .lookupFailed: "lookup_failed"
    }
}

func purpose(_ purpose: DNSRecordPurpose) -> String {
    switch purpose {
    case .dkim: "dkim"
    case .spf: "spf"
    case .dmarc: "dmarc"
    case .returnPath: "return_path"
    }
}

@MainActor func lookUp() async throws -> [String: Any] {
    guard positional.count == 2 else { throw ProbeFailure(message: "lookup takes NAME TYPE") }
    let types: [String: DNSRecordType] = ["TXT": .txt, "CNAME": .cname, "MX": .mx, "A": .a]
    guard let type = types[positional[1].uppercased()] else { throw ProbeFailure(message: "unknown type \(positional[1])") }
    let client = try resolver()
    do {
        switch try await client.lookUp(positional[0], type) {
        case .records(let values): return ["answer": "records", "records": values]
        case .noSuchName: return ["answer": "no_such_name"]
        case .noData: return ["answer": "no_data"]
        }
    } catch {
        return ["answer": "error", "error": "\(error)"]
    }
}

@MainActor func check() async throws -> [[String: Any]] {
    guard let algorithm = DKIMAlgorithm(keyType: options["algorithm"] ?? "rsa") else { throw ProbeFailure(message: "bad --algorithm") }
    guard let policy = DMARCPolicy(rawValue: options["dmarc-policy"] ?? "quarantine") else { throw ProbeFailure(message: "bad --dmarc-policy") }
    let plan = DomainRecordPlan(
        domain: try option("domain"),
        dkimKeys: [DKIMKeyRecord(selector: try option("selector"), algorithm: algorithm, publicKey: try option("public-key"))],
        spfInclude: try option("spf-include"), returnPathHost: options["return-path-host"] ?? "rp",
        returnPathTarget: try option("return-path-target"), dmarcPolicy: policy, dmarcReportAddress: options["rua"])
    let checker = DomainRecordChecker(resolver: try resolver())
    return await checker.check(plan.records).map { checked in
        [
            "purpose": purpose(checked.purpose), "name": checked.name, "host": checked.host,
            "value": checked.value, "required": checked.required, "note": DomainRecordPlan.note(forValue: checked.value),
            "spf_add_include": checked.spfAddInclude, "state": state(checked.state),
            "found": checked.foundValues, "explanation": checked.explanation,
        ]
    }
}

@MainActor func send() async throws -> [[[String: Any]]] {
    let policies: [String: StartTLSPolicy] = ["required": .required, "opportunistic": .opportunistic, "none": .none]
    guard let startTLS = policies[options["starttls"] ?? "none"] else { throw ProbeFailure(message: "bad --starttls") }
    var configuration = SMTPTransportConfiguration(url: try option("url"), startTLS: startTLS)
    if let user = options["user"] {
        let mechanism: SMTPAuthMechanism =
            switch options["mechanism"] {
            case "plain": .plain
            case "login": .login
            default: .automatic
            }
        configuration.credentials = SMTPCredentials(username: user, password: try option("password"), mechanism: mechanism)
    }
    if options["insecure"] != nil { configuration.tlsVerification = .insecureNoVerification }
    if let file = options["ca-file"] { configuration.tlsVerification = .caFile(file) }
    configuration.poolSize = Int(options["pool"] ?? "2") ?? 2
    let timeout = Int(options["timeout-ms"] ?? "5000") ?? 5000
    configuration.connectTimeout = .milliseconds(timeout)
    configuration.messageTimeout = .milliseconds(timeout)
    let transport = SMTPTransport(configuration)
    let from = try option("from")
    let recipients = try option("to").split(separator: ",").map(String.init)
    let count = Int(options["count"] ?? "1") ?? 1
    let pause = options["pause-ms"].flatMap { Int($0) }
    let results = await withTaskGroup(of: (Int, [DeliveryOutcome]).self) { group in
        var results = Array(repeating: [DeliveryOutcome](), count: count)
        for number in 0..<count {
            if let pause, number > 0 {
                while let (done, outcomes) = await group.next() { results[done] = outcomes }
                try? await Task.sleep(for: .milliseconds(pause))
            }
            group.addTask {
                let id = "probe-\(number)@relay.test"
                let text = "From: <\(from)>\r\nTo: \(recipients.joined(separator: ", "))\r\nSubject: probe \(number)\r\n"
                    + "Message-ID: <\(id)>\r\n\r\nMessage \(number).\r\n.a line that starts with a dot\r\n"
                let email = OutgoingEmail(envelopeFrom: from, recipients: recipients, data: Array(text.utf8), messageID: id)
                return (number, await transport.deliver(email))
            }
        }
        for await (number, outcomes) in group { results[number] = outcomes }
        return results
    }
    transport.shutdown()
    return results.map { outcomes in
        outcomes.map { outcome -> [String: Any] in
            switch outcome {
            case .accepted(let detail): ["outcome": "accepted", "detail": detail]
            case .deferred(let detail): ["outcome": "deferred", "detail": detail]
            case .rejected(let code, let detail): ["outcome": "rejected", "code": code, "detail": detail]
            }
        }
    }
}

do {
    switch arguments.first {
    case "lookup": emit(try await lookUp())
    case "check": emit(try await check())
    case "send": emit(try await send())
    default: throw ProbeFailure(message: "usage: relay-edge-probe lookup|check|send …")
    }
} catch let failure as ProbeFailure {
    FileHandle.standardError.write(Data((failure.message + "\n").utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
