// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer target of ProtoWire. A separate package so that the root package never builds
// with the fuzzer sanitizer; build and run it with `fuzz/run.sh [seconds]`.
let package = Package(
    name: "ProtoWireFuzz",
    dependencies: [
        .package(name: "Relay", path: ".."),
    ],
    targets: [
        // Supplies the entry point SwiftPM's linker flags expect, and calls libFuzzer's driver.
        .target(name: "CFuzzerEntry"),
        // Its entry point is LLVMFuzzerTestOneInput; libFuzzer (-sanitize=fuzzer) provides main.
        .executableTarget(
            name: "ProtoWireFuzz",
            dependencies: [
                "CFuzzerEntry",
                .product(name: "ProtoWire", package: "Relay"),
                .product(name: "RelayAPI", package: "Relay"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("InternalImportsByDefault"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]),
    ]
)
