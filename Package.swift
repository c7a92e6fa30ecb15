// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "hookspec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hookspec", targets: ["hookspec"]),
        .library(name: "HookSpecCore", targets: ["HookSpecCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure verification and signing: bytes, keys, policy and `now` in; a verdict out (SPEC §7, §11.1).
        .target(
            name: "HookSpecCore",
            dependencies: [
                "CLibCrypto",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The core's HMAC-SHA256 and SHA-256 on system libcrypto (libssl3): keyed once, no allocation per message.
        .target(name: "CLibCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        // Vector file formats and the runner that feeds them to the core (SPEC §8, §11.2).
        .target(name: "HookSpecVectors", dependencies: ["HookSpecCore", "HookSpecReport"]),
        // Results to JUnit, JSON, Markdown, SARIF, HTML and terminal text (SPEC §9.7, §11.3).
        .target(name: "HookSpecReport", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The probe: case catalog, runner, grader, transport, JWKS host, session (SPEC §9, §11.5).
        .target(
            name: "HookSpecProbe",
            dependencies: [
                "HookSpecCore", "HookSpecReport", "HookSpecServer",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The HTTP server every hookspec server runs on (Hummingbird): limits, deadlines, a document host (SPEC §11.4).
        .target(
            name: "HookSpecServer",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The reference receiver and its mutants (SPEC §6, §9.5, §11.5).
        .target(
            name: "HookSpecReceiver",
            dependencies: [
                "HookSpecCore", "HookSpecServer", "HookSpecProbe",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The sending side: `hookspec listen` grades a sender, `hookspec emulate` is one (SPEC §10, §11.7).
        .target(
            name: "HookSpecSender",
            dependencies: [
                "HookSpecCore", "HookSpecReport", "HookSpecServer", "HookSpecVectors", "HookSpecProbe", "HookSpecReceiver",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // System OpenSSL: the independent oracle and the speed baseline, never used by the product path.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // Swift wrappers over COpenSSL: the oracle for tests and the baseline for benchmarks.
        .target(name: "HookSpecOracle", dependencies: ["COpenSSL"]),
        .executableTarget(
            name: "hookspec",
            dependencies: [
                "HookSpecCore", "HookSpecVectors", "HookSpecReport", "HookSpecProbe", "HookSpecReceiver", "HookSpecSender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A seeded generator shared by randomized tests and benchmarks, so their inputs repeat.
        .target(name: "SeededRandom", path: "Tests/SeededRandom"),
        .executableTarget(
            name: "hookspec-bench",
            dependencies: [
                "HookSpecCore", "HookSpecOracle", "COpenSSL", "HookSpecProbe", "HookSpecReceiver", "HookSpecServer", "SeededRandom",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/hookspec-bench"
        ),
        .testTarget(
            name: "HookSpecCoreTests",
            dependencies: [
                "HookSpecCore", "HookSpecOracle", "HookSpecVectors", "COpenSSL", "SeededRandom", "TestTools",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Test support: xmllint against the Surefire schema, shared by every test target that writes JUnit.
        .target(name: "SurefireSchemaValidation", dependencies: ["TestTools"], path: "Tests/SurefireSchemaValidation"),
        // Test support: runs python3, chromium, curl with a hang guard; finds ../shared.
        .target(name: "TestTools", path: "Tests/TestTools"),
        .testTarget(
            name: "HookSpecReportTests",
            dependencies: ["HookSpecReport", "SurefireSchemaValidation", "TestTools"]
        ),
        .testTarget(
            name: "HookSpecHarnessTests",
            dependencies: ["HookSpecCore", "HookSpecVectors", "HookSpecReport", "HookSpecOracle", "SurefireSchemaValidation", "TestTools"]
        ),
        .testTarget(
            name: "HookSpecProbeTests",
            dependencies: [
                "HookSpecProbe", "HookSpecCore", "HookSpecReport", "HookSpecReceiver", "SurefireSchemaValidation", "TestTools",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            // The guide's Flask receiver (run by a test with python3), not Swift sources.
            exclude: ["ThirdParty"]
        ),
        .testTarget(
            name: "HookSpecSenderTests",
            dependencies: [
                "HookSpecSender", "HookSpecCore", "HookSpecReport", "HookSpecVectors", "HookSpecProbe", "HookSpecReceiver", "TestTools",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Runs the built `hookspec` as a user does (so `swift test` has built it first).
        .testTarget(
            name: "HookSpecCommandTests",
            dependencies: ["HookSpecCore", "TestTools"]
        ),
        .testTarget(
            name: "HookSpecReceiverTests",
            dependencies: [
                "HookSpecReceiver", "HookSpecServer", "HookSpecProbe", "HookSpecCore", "SeededRandom",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer targets (Fuzz/README.md) exist only in the fuzz build: `Fuzz/run build` sets
// HOOKSPEC_FUZZ=1 and `-sanitize=fuzzer,address`, which link the libFuzzer runtime they need.
if Context.environment["HOOKSPEC_FUZZ"] == "1" {
    package.targets += [
        .target(name: "CFuzzerDriver", path: "Fuzz/Sources/CFuzzerDriver"),
        .executableTarget(
            name: "hookspec-fuzz",
            dependencies: ["CFuzzerDriver", "HookSpecCore", "HookSpecVectors", "HookSpecOracle"],
            path: "Fuzz/Sources/hookspec-fuzz"
        ),
    ]
}
