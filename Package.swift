// swift-tools-version: 6.1
import PackageDescription

/// Every Swift target is built in Swift 6 language mode with strict concurrency and the
/// upcoming features that keep imports and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Relay",
    products: [
        .executable(name: "relay", targets: ["relay"]),
        .executable(name: "relay-bench-codec", targets: ["RelayBenchCodec"]),
        .executable(name: "relay-codec-probe", targets: ["RelayCodecProbe"]),
        .executable(name: "relay-edge-probe", targets: ["RelayEdgeProbe"]),
        .executable(name: "relay-mail-probe", targets: ["RelayMailProbe"]),
        .executable(name: "relay-test-server", targets: ["RelayTestServer"]),
        .executable(name: "relay-bench-echo", targets: ["RelayBenchEcho"]),
        .executable(name: "relay-bench-store", targets: ["RelayBenchStore"]),
        .executable(name: "relay-bench-auth", targets: ["RelayBenchAuth"]),
        .library(name: "ProtoWire", targets: ["ProtoWire"]),
        .library(name: "RelayAPI", targets: ["RelayAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // Thin wrappers of the C libraries; only the module that wraps one imports it.
        .systemLibrary(
            name: "CNGHTTP2", pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CCares", pkgConfig: "libcares",
            providers: [.apt(["libc-ares-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),

        // Event-loop threads (epoll), executors, timers and sockets: the thin module over Glibc's I/O.
        .systemLibrary(name: "CRelayIO"),
        .target(name: "RelayIO", dependencies: ["CRelayIO"], swiftSettings: strictSettings),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // gzip through zlib, for gRPC message compression.
        .target(name: "RelayGzip", dependencies: ["CZlib"], swiftSettings: strictSettings),
        // HTTP/2 connections on nghttp2: frames, HPACK, flow control; the only importer of CNGHTTP2.
        .target(name: "RelayHTTP2", dependencies: ["CNGHTTP2", "RelayIO"], swiftSettings: strictSettings),
        // TLS for HTTP/2 connections through OpenSSL 3 (ALPN h2); the only importer of COpenSSL.
        .target(name: "RelayTLS", dependencies: ["COpenSSL", "RelayIO", "RelayHTTP2"], swiftSettings: strictSettings),
        // Hashes, the CSPRNG, constant-time comparison, DKIM keys (RSA, Ed25519) and sealing
        // (AES-256-GCM) over OpenSSL.
        .target(name: "RelayCrypto", dependencies: ["COpenSSL"], swiftSettings: strictSettings),
        // The protobuf binary wire format, written by hand.
        .target(name: "ProtoWire", swiftSettings: strictSettings),
        // gRPC's standard messages (google.rpc, grpc.health.v1, grpc.reflection).
        .target(
            name: "RelayRPC",
            dependencies: [
                "ProtoWire", "RelayIO", "RelayHTTP2", "RelayTLS", "RelayGzip", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        // The messages of Protos/relay/v1 with hand-written codecs.
        .target(
            name: "RelayAPI", dependencies: ["ProtoWire", "RelayRPC"],
            resources: [.copy("Resources/relay.binpb")], swiftSettings: strictSettings),

        // PostgreSQL through libpq: connections, pool, binds, rows, LISTEN/NOTIFY, migrations and
        // the embedded cluster; the only importer of CLibPQ.
        .target(name: "RelayPostgres", dependencies: ["CLibPQ", "RelayIO"], swiftSettings: strictSettings),
        // The service's entities, value types, errors and storage ports: no gRPC, no SQL.
        .target(name: "RelayDomain", swiftSettings: strictSettings),
        // DNS lookups through c-ares on a thread of their own (the DNSResolver port); the only importer of CCares.
        .target(name: "RelayDNS", dependencies: ["CCares", "RelayDomain"], swiftSettings: strictSettings),
        // The checks of a domain's DKIM, SPF, DMARC and return-path records, and the records to publish: pure Swift.
        .target(name: "RelayDNSChecks", dependencies: ["RelayDomain"], swiftSettings: strictSettings),
        // SMTP relaying through libcurl on worker threads (the MailTransport port); the only importer of CCurl.
        .target(name: "RelaySMTP", dependencies: ["CCurl", "RelayDomain"], swiftSettings: strictSettings),
        // Building outgoing mail: addresses (IDNA), RFC 2047 headers, MIME, DKIM signing. Safe Swift.
        .target(name: "RelayMail", dependencies: ["RelayDomain", "RelayCrypto"], swiftSettings: strictSettings),
        // The use cases: key management, authentication, rate limiting.
        .target(name: "RelayCore", dependencies: ["RelayDomain", "RelayCrypto", "RelayDNSChecks", "RelayMail"], swiftSettings: strictSettings),
        // Relay's schema (versioned SQL migrations as resources) and its repositories.
        .target(
            name: "RelayStore", dependencies: ["RelayDomain", "RelayPostgres"], resources: [.copy("Migrations")],
            swiftSettings: strictSettings),

        // The RPC handlers and interceptors: contract messages ⇄ use cases, and the one place
        // where service errors become gRPC statuses.
        .target(
            name: "RelayServer",
            dependencies: ["ProtoWire", "RelayAPI", "RelayRPC", "RelayCore", "RelayDomain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "relay",
            dependencies: [
                "RelayAPI", "RelayRPC", "RelayTLS", "RelayIO", "RelayPostgres", "RelayStore", "RelayDomain", "RelayCore", "RelayServer",
                "RelayCrypto", "RelayDNS", "RelaySMTP", "ProtoWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        // Test support: the test-only service of Tests/interop/protos and a server for it.
        .target(name: "RelayTestSupport", dependencies: ["ProtoWire", "RelayRPC"], swiftSettings: strictSettings),
        .executableTarget(
            name: "RelayTestServer", dependencies: ["RelayTestSupport", "RelayAPI", "RelayRPC", "RelayHTTP2", "RelayTLS"],
            swiftSettings: strictSettings),
        // Test support: decodes, re-encodes and dumps any message, for the interop tests in Tests/interop.
        .executableTarget(
            name: "RelayCodecProbe", dependencies: ["RelayAPI", "RelayRPC", "RelayTestSupport"],
            swiftSettings: strictSettings),
        // Test support: drives RelayDNS, RelayDNSChecks and RelaySMTP from the pytest edge tests (Tests/edge).
        .executableTarget(
            name: "RelayEdgeProbe", dependencies: ["RelayDNS", "RelayDNSChecks", "RelaySMTP", "RelayDomain"],
            swiftSettings: strictSettings),
        // Test support: builds and DKIM-signs a message described in JSON, for Tests/interop/test_mail.py.
        .executableTarget(name: "RelayMailProbe", dependencies: ["RelayMail", "RelayCrypto", "RelayDomain"], swiftSettings: strictSettings),
        .target(
            name: "RelayBenchEchoService", dependencies: ["ProtoWire", "RelayRPC"], path: "bench/echo/Service",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "RelayBenchEcho",
            dependencies: ["RelayBenchEchoService", "RelayRPC", .product(name: "Logging", package: "swift-log")],
            path: "bench/echo/Sources", swiftSettings: strictSettings),
        .executableTarget(
            name: "RelayBenchAuth",
            dependencies: [
                "RelayBenchEchoService", "RelayRPC", "RelayCore", "RelayDomain", "RelayPostgres", "RelayServer", "RelayStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/auth/Sources", swiftSettings: strictSettings),
        .executableTarget(
            name: "RelayBenchCodec", dependencies: ["RelayAPI"], path: "bench/codec/Sources",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "RelayBenchStore", dependencies: ["RelayIO", "RelayPostgres"], path: "bench/store/Sources",
            swiftSettings: strictSettings),

        .testTarget(name: "RelayIOTests", dependencies: ["RelayIO"], swiftSettings: strictSettings),
        .testTarget(
            name: "ProtoWireTests", dependencies: ["ProtoWire"], exclude: ["FuzzRegressions"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RelayRPCTests", dependencies: ["RelayRPC", "ProtoWire", "RelayTestSupport", "RelayTLS", "RelayIO", "RelayHTTP2"],
            swiftSettings: strictSettings),
        // Test support: the PostgreSQL server of the tests and a database per test.
        .target(name: "PostgresTestSupport", dependencies: ["RelayPostgres"], path: "Tests/PostgresTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "RelayCryptoTests", dependencies: ["RelayCrypto"], swiftSettings: strictSettings),
        .testTarget(name: "RelayDNSChecksTests", dependencies: ["RelayDNSChecks", "RelayDomain"], swiftSettings: strictSettings),
        .testTarget(name: "RelaySMTPTests", dependencies: ["RelaySMTP", "RelayDomain"], swiftSettings: strictSettings),
        .testTarget(name: "RelayMailTests", dependencies: ["RelayMail", "RelayCrypto", "RelayDomain"], swiftSettings: strictSettings),
        .testTarget(name: "RelayCoreTests", dependencies: ["RelayCore", "RelayCrypto", "RelayDomain"], swiftSettings: strictSettings),
        .testTarget(
            name: "RelayStoreTests", dependencies: ["PostgresTestSupport", "RelayDomain", "RelayPostgres", "RelayStore"],
            swiftSettings: strictSettings),
        .testTarget(name: "RelayPostgresTests", dependencies: ["PostgresTestSupport", "RelayIO", "RelayPostgres", "RelayStore"], swiftSettings: strictSettings),
        .testTarget(
            name: "RelayAPITests", dependencies: ["RelayAPI", "RelayRPC", "ProtoWire"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    ]
)
