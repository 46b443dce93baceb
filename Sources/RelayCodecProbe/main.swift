// relay-codec-probe: decodes, re-encodes and dumps any message with its hand-written codec, for
// the cross-implementation tests in Tests/interop (one request per stdin line, one answer per
// stdout line).
import Glibc

let probe = Probe(types: Probe.allTypes())
while let line = readLine(strippingNewline: true) {
    StandardOutput.writeLine(probe.respond(to: line))
}
