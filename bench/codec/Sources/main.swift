// relay-bench-codec: the Swift half of bench/codec/run.sh (see bench/codec/README.md).
//
//   relay-bench-codec write DIR   writes DIR/batch.bin and DIR/small.bin, the encodings of the
//                                 fixtures, which the protobuf-c bench reads too;
//   relay-bench-codec bench DIR   checks that those files (and protobuf-c's re-encodings
//                                 DIR/*.pbc.bin, when present) decode to the fixtures, then
//                                 times encode and decode: one `RESULT swift <case> <op>
//                                 ns_per_op=… bytes=…` line each;
//   relay-bench-codec allocs DIR  the same checks, then counts allocations per encode and decode
//                                 (run under LD_PRELOAD=alloc_count.so): `ALLOCS swift <case> <op> <n>`;
//   relay-bench-codec loop DIR CASE OP N
//                                 runs one op (encode|decode) of one case (batch|small) N times,
//                                 for a profiler (perf record, valgrind --tool=callgrind).
import Glibc
import RelayAPI

/// One benchmark case: a fixture and the name of its files.
struct BenchCase<M: ProtoMessage> {
    let name: String
    let value: M
}

func fail(_ message: String) -> Never {
    let line = Array("relay-bench-codec: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

func readFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { fail("cannot write \(path)") }
    defer { fclose(f) }
    guard fwrite(bytes, 1, bytes.count, f) == bytes.count else { fail("short write to \(path)") }
}

/// Checks and measures one case; returns a checksum that keeps the measured work alive.
func run<M: ProtoMessage>(_ c: BenchCase<M>, dir: String, countAllocations: Bool, loop: (op: String, n: Int)? = nil) -> Int {
    let path = "\(dir)/\(c.name).bin"
    guard let bytes = readFile(path) else { fail("missing \(path): run `write` first") }
    guard bytes == c.value.serializedBytes() else { fail("\(path) is not the encoding of the fixture") }
    do {
        guard try M(serializedBytes: bytes) == c.value else { fail("\(path) does not decode to the fixture") }
        let pbcPath = "\(dir)/\(c.name).pbc.bin"
        if let pbc = readFile(pbcPath) {
            guard try M(serializedBytes: pbc) == c.value else { fail("\(pbcPath) (protobuf-c's encoding) decodes to another value") }
            print("CHECK \(c.name): protobuf-c's re-encoding decodes to the fixture (\(pbc == bytes ? "byte-identical" : "different bytes"))")
        }
    } catch {
        fail("decoding \(path): \(error)")
    }

    var sink = 0
    let decode = {
        do {
            let m = try M(serializedBytes: bytes)
            withExtendedLifetime(m) { sink &+= 1 }
        } catch { fail("decode: \(error)") }
    }
    let value = c.value
    let encode = { sink &+= value.serializedBytes().count }

    for (op, body) in [("encode", encode), ("decode", decode)] {
        if let loop {
            if loop.op == op { for _ in 0..<loop.n { body() } }
        } else if countAllocations {
            guard let allocs = Measure.allocationsPerOp(body) else { fail("allocs: alloc_count.so is not preloaded") }
            print("ALLOCS swift \(c.name) \(op) \(allocs)")
        } else {
            print("RESULT swift \(c.name) \(op) ns_per_op=\(Measure.nanosecondsPerOp(body)) bytes=\(bytes.count)")
        }
    }
    return sink
}

let args = CommandLine.arguments
let usage = "usage: relay-bench-codec write|bench|allocs DIR, or loop DIR batch|small encode|decode N"
guard args.count == 3 || (args.count == 6 && args[1] == "loop") else { fail(usage) }
let dir = args[2]
let batch = BenchCase(name: "batch", value: Fixtures.batch())
let small = BenchCase(name: "small", value: Fixtures.small())
switch args[1] {
case "write":
    writeFile("\(dir)/batch.bin", batch.value.serializedBytes())
    writeFile("\(dir)/small.bin", small.value.serializedBytes())
    print("wrote \(dir)/batch.bin (\(batch.value.serializedSize) bytes, \(batch.value.messages.count) messages) and \(dir)/small.bin (\(small.value.serializedSize) bytes)")
case "bench", "allocs":
    let countAllocations = args[1] == "allocs"
    let checksum = run(batch, dir: dir, countAllocations: countAllocations) &+ run(small, dir: dir, countAllocations: countAllocations)
    print("checksum \(checksum)")
case "loop":
    guard let n = Int(args[5]), ["encode", "decode"].contains(args[4]) else { fail(usage) }
    let checksum = switch args[3] {
    case "batch": run(batch, dir: dir, countAllocations: false, loop: (args[4], n))
    case "small": run(small, dir: dir, countAllocations: false, loop: (args[4], n))
    default: fail(usage)
    }
    print("checksum \(checksum)")
default:
    fail(usage)
}
