internal import CNGHTTP2

/// The nghttp2 callbacks and helpers behind ``HTTP2Connection``. Each callback finds its
/// connection through `user_data`; no Swift error ever crosses into C: failures become nghttp2
/// error codes.
enum NGHTTP2Session {
    struct SetupError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: \(String(cString: nghttp2_strerror(code)))" }
    }

    static func connection(_ userData: UnsafeMutableRawPointer?) -> HTTP2Connection {
        Unmanaged<HTTP2Connection>.fromOpaque(userData!).takeUnretainedValue()
    }

    static func make(for connection: HTTP2Connection) throws -> OpaquePointer {
        var callbacks: OpaquePointer?
        guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else {
            throw SetupError(call: "nghttp2_session_callbacks_new", code: NGHTTP2_ERR_NOMEM.rawValue)
        }
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeaders)
        nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader)
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameRecv)
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunk)
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamClose)
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, onFrameSend)

        var option: OpaquePointer?
        guard nghttp2_option_new(&option) == 0, let option else {
            throw SetupError(call: "nghttp2_option_new", code: NGHTTP2_ERR_NOMEM.rawValue)
        }
        defer { nghttp2_option_del(option) }
        nghttp2_option_set_no_auto_window_update(option, 1)
        nghttp2_option_set_max_send_header_block_length(option, 64 * 1024)

        var session: OpaquePointer?
        let userData = Unmanaged.passUnretained(connection).toOpaque()
        let rc = connection.role == .server
            ? nghttp2_session_server_new2(&session, callbacks, userData, option)
            : nghttp2_session_client_new2(&session, callbacks, userData, option)
        guard rc == 0, let session else { throw SetupError(call: "nghttp2_session_new", code: rc) }
        return session
    }

    static func submitSettings(_ connection: HTTP2Connection) throws {
        let s = connection.settings
        var entries = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: s.maxConcurrentStreams),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: s.initialWindowSize),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: s.maxHeaderListSize),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_FRAME_SIZE.rawValue), value: s.maxFrameSize),
        ]
        let rc = nghttp2_submit_settings(connection.session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
        guard rc == 0 else { throw SetupError(call: "nghttp2_submit_settings", code: rc) }
        let window = Int32(clamping: s.connectionWindowSize)
        let rc2 = nghttp2_session_set_local_window_size(connection.session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, window)
        guard rc2 == 0 else { throw SetupError(call: "nghttp2_session_set_local_window_size", code: rc2) }
    }

    static func dataProvider() -> nghttp2_data_provider {
        nghttp2_data_provider(source: nghttp2_data_source(fd: 0), read_callback: readData)
    }

    /// Calls `body` with the fields as an `nghttp2_nv` array (valid only during the call; nghttp2 copies).
    static func withNameValues<R>(_ fields: [HeaderField], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
        var storage: [UInt8] = []
        var ranges: [(Int, Int, Int, Int)] = []
        for field in fields {
            let nameStart = storage.count
            storage.append(contentsOf: field.name.utf8)
            let valueStart = storage.count
            storage.append(contentsOf: field.value.utf8)
            ranges.append((nameStart, valueStart - nameStart, valueStart, storage.count - valueStart))
        }
        if storage.isEmpty { storage.append(0) }
        return storage.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let nva = ranges.map { r in
                nghttp2_nv(
                    name: base + r.0, value: base + r.2, namelen: r.1, valuelen: r.3,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nva.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }
}

// MARK: Callbacks (C function pointers: no captures)

private let onBeginHeaders: nghttp2_on_begin_headers_callback = { _, frame, userData in
    guard let frame else { return 0 }
    let c = NGHTTP2Session.connection(userData)
    c.headerBlocks[frame.pointee.hd.stream_id] = HeaderBlock()
    return 0
}

private let onHeader: nghttp2_on_header_callback = { _, frame, name, nameLength, value, valueLength, _, userData in
    guard let frame, let name, let value else { return 0 }
    let c = NGHTTP2Session.connection(userData)
    let id = frame.pointee.hd.stream_id
    guard var block = c.headerBlocks[id] else { return 0 }
    block.size += nameLength + valueLength + 32
    if block.size > Int(c.settings.maxHeaderListSize) {
        block.tooLarge = true
        block.fields.removeAll()
    } else if !block.tooLarge {
        let n = String(decoding: UnsafeBufferPointer(start: name, count: nameLength), as: UTF8.self)
        let v = String(decoding: UnsafeBufferPointer(start: value, count: valueLength), as: UTF8.self)
        block.fields.append(HeaderField(n, v))
    }
    c.headerBlocks[id] = block
    return 0
}

private let onFrameRecv: nghttp2_on_frame_recv_callback = { session, frame, userData in
    guard let frame else { return 0 }
    let c = NGHTTP2Session.connection(userData)
    let id = frame.pointee.hd.stream_id
    let type = UInt32(frame.pointee.hd.type)
    let endStream = frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    if type == NGHTTP2_HEADERS.rawValue {
        guard let block = c.headerBlocks.removeValue(forKey: id) else { return 0 }
        if block.tooLarge {
            nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, HTTP2ErrorCode.enhanceYourCalm.rawValue)
            return 0
        }
        if c.streams[id] == nil { c.streams[id] = OutboundStream() }
        c.delegate?.http2(c, headers: block.fields, stream: id, endStream: endStream)
    } else if type == NGHTTP2_DATA.rawValue, endStream {
        c.delegate?.http2(c, endOfData: id)
    }
    return 0
}

private let onFrameSend: nghttp2_on_frame_send_callback = { session, frame, userData in
    guard let frame else { return 0 }
    let c = NGHTTP2Session.connection(userData)
    let id = frame.pointee.hd.stream_id
    let endStream = frame.pointee.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    let type = UInt32(frame.pointee.hd.type)
    if endStream, type == NGHTTP2_HEADERS.rawValue || type == NGHTTP2_DATA.rawValue, c.streams[id]?.resetAfterEnd == true {
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, HTTP2ErrorCode.noError.rawValue)
    }
    return 0
}

private let onDataChunk: nghttp2_on_data_chunk_recv_callback = { _, _, id, data, length, userData in
    guard let data else { return 0 }
    let c = NGHTTP2Session.connection(userData)
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: length))
    c.delegate?.http2(c, data: bytes, stream: id)
    return 0
}

private let onStreamClose: nghttp2_on_stream_close_callback = { _, id, errorCode, userData in
    let c = NGHTTP2Session.connection(userData)
    c.headerBlocks.removeValue(forKey: id)
    if c.streams.removeValue(forKey: id) != nil || c.role == .server {
        c.delegate?.http2(c, closed: id, errorCode: errorCode)
    }
    return 0
}

private let readData: nghttp2_data_source_read_callback = { session, id, buffer, length, flags, _, userData in
    let c = NGHTTP2Session.connection(userData)
    guard var out = c.streams[id], let buffer, let flags else {
        return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
    }
    let available = out.pending.count - out.offset
    var written = 0
    if available > 0 {
        written = min(length, available)
        out.pending.withUnsafeBufferPointer { src in
            buffer.update(from: src.baseAddress! + out.offset, count: written)
        }
        out.offset += written
        if out.offset == out.pending.count {
            out.pending.removeAll(keepingCapacity: true)
            out.offset = 0
            c.streams[id] = out
            c.delegate?.http2(c, drained: id)
            out = c.streams[id] ?? out
        }
    }
    if out.offset == out.pending.count || out.pending.isEmpty {
        if let trailers = out.trailers {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue | NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
            out.trailers = nil
            c.streams[id] = out
            NGHTTP2Session.withNameValues(trailers) { nva, count in
                _ = nghttp2_submit_trailer(session, id, nva, count)
            }
            return written
        }
        if out.endRequested {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            c.streams[id] = out
            return written
        }
        if written == 0 {
            out.deferred = true
            c.streams[id] = out
            return Int(NGHTTP2_ERR_DEFERRED.rawValue)
        }
    }
    c.streams[id] = out
    return written
}
