internal import CZlib

/// gzip compression (RFC 1952) through zlib, for gRPC's `grpc-encoding: gzip`.
public enum Gzip {
    /// Why bytes could not be compressed or decompressed.
    public enum Failure: Error, Equatable, Sendable {
        /// The input is not valid gzip data.
        case corrupt
        /// The decompressed size would exceed the limit.
        case tooLarge(limit: Int)
        /// zlib failed for another reason (its return code).
        case zlib(Int32)
    }

    /// Compresses `bytes` into a gzip member.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard relay_deflate_init_gzip(&stream, level) == Z_OK else { throw .zlib(Z_STREAM_ERROR) }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let rc: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END else { throw .zlib(rc) }
        out.removeLast(Int(stream.avail_out))
        return out
    }

    /// Decompresses a gzip (or zlib) stream, refusing output larger than `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard relay_inflate_init_gzip(&stream) == Z_OK else { throw .zlib(Z_STREAM_ERROR) }
        defer { inflateEnd(&stream) }
        var input = bytes
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let result: Result<Void, Failure> = input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let (rc, produced) = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    return (rc, outBuf.count - Int(stream.avail_out))
                }
                if out.count + produced > limit { return .failure(.tooLarge(limit: limit)) }
                out.append(contentsOf: chunk[0..<produced])
                switch rc {
                case Z_STREAM_END: return .success(())
                case Z_OK: continue
                case Z_BUF_ERROR where stream.avail_in == 0: return .failure(.corrupt)
                case Z_BUF_ERROR: continue
                default: return .failure(.corrupt)
                }
            }
        }
        try result.get()
        return out
    }
}
