import Foundation
import ProtoWire
import Testing

/// Replays every input that `fuzz/run.sh` saved in FuzzRegressions/: none may trap.
@Suite struct FuzzRegressionWireTests {
    /// Tests/ProtoWireTests/FuzzRegressions, found next to this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")

    /// The saved inputs (every file but the README), sorted by name.
    static func inputs() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent != "README.md" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The types an input is decoded as: the test messages and the well-known types. (The fuzzer
    /// also decodes RelayAPI messages; an input that broke one of those needs a RelayAPI test too.)
    static let types: [any ProtoMessage.Type] = ProtoWirePropertyTests.types + [
        Optionals.self, Google.Protobuf.Value.self, Google.Protobuf.ListValue.self,
        Google.Protobuf.Duration.self, Google.Protobuf.Empty.self,
    ]

    @Test func folderIsFound() throws {
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: Self.folder.path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test func savedInputsDecodeOrFailCleanly() throws {
        for file in try Self.inputs() {
            let input = [UInt8](try Data(contentsOf: file))
            // The fuzzer's first byte picks the type; try the input with and without it.
            for bytes in [input, Array(input.dropFirst())] {
                for type in Self.types {
                    _ = decodeWithDefaultLimits(type, bytes)
                    if let violation = roundTripViolation(type, bytes, options: ProtoWirePropertyTests.options) {
                        Issue.record("\(file.lastPathComponent): \(violation)")
                    }
                }
            }
        }
    }

    /// Decodes at the default limits (depth 100): the decoder alone must not trap.
    private func decodeWithDefaultLimits<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) -> Bool {
        if case .success = M.decodeResult(bytes) { return true }
        return false
    }
}
