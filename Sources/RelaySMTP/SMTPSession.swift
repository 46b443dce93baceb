internal import CCurl
import RelayDomain

/// One libcurl easy handle, used by one worker thread for message after message: the handle
/// keeps its connection open between transfers, and libcurl reopens one that broke.
final class SMTPSession {
    private let handle: UnsafeMutableRawPointer
    private let configuration: SMTPTransportConfiguration
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Strings handed to curl_easy_setopt stay alive as long as the handle (curl copies most,
    /// but not all, of them).
    private var keptStrings: [String] = []

    static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    init?(_ configuration: SMTPTransportConfiguration) {
        guard Self.globalInit, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(RELAY_CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(RELAY_CURL_ERROR_SIZE))
        configure()
    }

    deinit {
        curl_easy_cleanup(handle)  // sends QUIT on an open connection
        errorBuffer.deallocate()
    }

    private func set(_ option: CURLoption, _ value: Int) { _ = relay_curl_set_long(handle, option, value) }
    private func set(_ option: CURLoption, _ value: String) { _ = relay_curl_set_string(handle, option, value) }

    private func configure() {
        set(CURLOPT_URL, configuration.url)
        set(CURLOPT_UPLOAD, 1)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
        set(CURLOPT_TIMEOUT_MS, configuration.messageTimeout.milliseconds)
        set(CURLOPT_MAXAGE_CONN, max(1, configuration.maxIdle.milliseconds / 1000))
        set(RELAY_CURLOPT_MAIL_RCPT_ALLOWFAILS, 1)
        let useSSL: curl_usessl =
            switch configuration.startTLS {
            case .required: CURLUSESSL_ALL
            case .opportunistic: CURLUSESSL_TRY
            case .none: CURLUSESSL_NONE
            }
        set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
        switch configuration.tlsVerification {
        case .system: break
        case .caFile(let path): set(CURLOPT_CAINFO, path)
        case .insecureNoVerification:
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let credentials = configuration.credentials {
            set(CURLOPT_USERNAME, credentials.username)
            set(CURLOPT_PASSWORD, credentials.password)
            switch credentials.mechanism {
            case .automatic: break
            case .plain: set(CURLOPT_LOGIN_OPTIONS, "AUTH=PLAIN")
            case .login: set(CURLOPT_LOGIN_OPTIONS, "AUTH=LOGIN")
            }
        }
        _ = relay_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        _ = relay_curl_set_read_function(handle) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.read(into: buffer!, capacity: size * count)
        }
        set(CURLOPT_VERBOSE, 1)  // the debug callback sees the dialogue only when verbose
        _ = relay_curl_set_debug_function(handle) { _, kind, data, size, context in
            guard kind == CURLINFO_HEADER_IN || kind == CURLINFO_HEADER_OUT, let data, let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
            transfer.dialogue.feed(text, outgoing: kind == CURLINFO_HEADER_OUT)
            return 0
        }
    }

    /// Sends `email`; one outcome per recipient. A transfer that failed on a reused
    /// connection before the transaction began (the server had closed it) is tried once more
    /// on a fresh one.
    func deliver(_ email: OutgoingEmail) -> [DeliveryOutcome] {
        let first = transfer(email, freshConnection: false)
        if first.failure != nil && !first.dialogue.transactionStarted && first.reusedConnection {
            return transfer(email, freshConnection: true).outcomes(email.recipients.count)
        }
        return first.outcomes(email.recipients.count)
    }

    private func transfer(_ email: OutgoingEmail, freshConnection: Bool) -> Transfer {
        let transfer = Transfer(body: email.data)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = relay_curl_set_pointer(handle, CURLOPT_READDATA, context)
        _ = relay_curl_set_pointer(handle, CURLOPT_DEBUGDATA, context)
        set(CURLOPT_FRESH_CONNECT, freshConnection ? 1 : 0)
        set(CURLOPT_MAIL_FROM, "<\(email.envelopeFrom)>")
        var list: UnsafeMutablePointer<curl_slist>?
        for recipient in email.recipients {
            list = curl_slist_append(list, "<\(recipient)>")
        }
        _ = relay_curl_set_list(handle, CURLOPT_MAIL_RCPT, list)
        errorBuffer[0] = 0
        let code = withExtendedLifetime(transfer) { curl_easy_perform(handle) }
        _ = relay_curl_set_list(handle, CURLOPT_MAIL_RCPT, nil)
        curl_slist_free_all(list)
        _ = relay_curl_set_pointer(handle, CURLOPT_READDATA, nil)
        _ = relay_curl_set_pointer(handle, CURLOPT_DEBUGDATA, nil)
        var connects = 0
        _ = relay_curl_info_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        transfer.reusedConnection = connects == 0
        if code != CURLE_OK {
            let detail = String(cString: errorBuffer)
            let reason = String(cString: curl_easy_strerror(code))
            transfer.failure = detail.isEmpty ? reason : "\(reason): \(detail)"
        }
        return transfer
    }
}

/// The state of one transfer, reached from libcurl's callbacks.
private final class Transfer {
    let body: [UInt8]
    var offset = 0
    var dialogue = SMTPDialogue()
    var failure: String?
    var reusedConnection = false

    init(body: [UInt8]) { self.body = body }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, body.count - offset)
        guard count > 0 else { return 0 }
        body.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    func outcomes(_ recipientCount: Int) -> [DeliveryOutcome] {
        dialogue.outcomes(recipientCount: recipientCount, failure: failure)
    }
}
