// swift-tools-version: 6.1
import PackageDescription

/// sitrep: a self-hosted incident-response bot for IRC and Matrix.
///
/// Targets, bottom up; after "→" the sitrep targets each one declares, which are the only sitrep targets it may
/// import (`.ci/run` builds with `--explicit-target-dependency-import-check error` and runs `.ci/check-module-graph`,
/// which fail on any other import). The README's layout section draws the same graph.
/// - `SitrepCore`: pure, network-neutral rules: incident model, lifecycle machine, reducer, permissions, priority
///   matrix, backoff, pacing, and the coordinator's decisions as pure machines (`IncidentChange`, `AlertDesk`,
///   `TimerDesk`) with the `ChatContext` of a command's line. Standard library only.
/// - `IRC` → SitrepCore: pure IRC protocol: message codec, casemapping, CTCP, formatting, the `IRCSession` machine.
/// - `OnCall` → SitrepCore: pure on-call schedules: rotations in layers on an IANA zone's wall clock, overrides,
///   shifts, the iCalendar feed; the on-call commands' decisions and replies (`OnCallDesk`). Foundation's
///   `TimeZone` for the offsets; nothing else.
/// - `Commands` (folder `commands/`) → SitrepCore: one file per chat command; text → intent or usage error.
/// - `Paging` → SitrepCore: pure paging rules: which contact method of a paged person is due when, given the
///   attempts so far; the coordinator's chat-paging decisions (`PageDesk`, `ManualEscalation`).
/// - `Matrix` → SitrepCore: pure Matrix client-server API: models, event → `ChatEvent` mapping, sync cursor,
///   txnIds, retry rule.
/// - `Notify`: pure out-of-chat page transports: the `SMTPSession` state machine, page emails (RFC 5322), signed
///   webhook requests, and the signed acknowledge links of pages with what
///   their page shows (`AckLinkSummary`) and what acknowledging did (`AckLinkOutcome`).
/// - `NotifyClient` → Notify: the SwiftNIO + NIOSSL SMTP client that runs an `SMTPSession`, and the
///   AsyncHTTPClient webhook sender.
/// - `COlm`, `OlmCrypto` → COlm: Debian's libolm and sitrep's Swift face of it (Olm, Megolm, encrypted pickles).
/// - `MatrixE2EE` → Matrix, OlmCrypto: Matrix end-to-end encryption: device keys, to-device messages, room keys.
/// - `IRCFuzz` → IRC: the libFuzzer entry point for the IRC parser.
/// - `Exports` → SitrepCore: an incident as a file: the export document (`IncidentExport`) and its JSON, Markdown
///   and text renderers, streamed page by page from any store with the timeline-integrity protocol
///   (`IncidentExporter`). Foundation's `JSONEncoder` for the JSON header; no I/O of its own.
/// - `IRCClient` → IRC, SitrepCore: the SwiftNIO + NIOSSL edge that runs an `IRCSession` over TLS, paced,
///   reconnecting.
/// - `MatrixClient` → Matrix, SitrepCore: the AsyncHTTPClient edge that talks to a Matrix homeserver (login, sync,
///   sends with txnIds).
/// - `StoreKit` → SitrepCore: what both stores share: one `StoreError`, one SHA-256 chain hasher (swift-crypto).
/// - `SQLiteStore` → SitrepCore, StoreKit: the embedded GRDB implementation of `IncidentStore`.
/// - `PostgresStore` → SitrepCore, StoreKit: the PostgreSQL (postgres-nio) implementation of `IncidentStore`; passes the same
///   test suite.
/// - `SitrepWeb` → SitrepCore, Notify: the Hummingbird edge: status page, JSON API, alert hooks, metrics and health
///   endpoints. It sees the rest of sitrep only through the protocols it declares (`WebDataSource`, …), which
///   `SitrepApp` implements.
/// - `IncidentRuntime` → Commands, SitrepCore, Paging, Notify, OnCall, Matrix: the incident coordinator
///   (the executor of the pure desks) and its flows, the `ChatNetwork` it acts through, `CoordinatorSettings`, the
///   timeline writer, the timer service, `SitrepMetrics` and the active/standby failover pieces.
/// - `SitrepApp` → every target above except IRCFuzz: configuration, the IRC and Matrix bridges, the out-of-chat
///   pager, and the composition root that builds the runtime and the services.
/// - `sitrep` → SitrepApp, IncidentRuntime, Exports, OnCall, SitrepCore: the command-line executable.
/// - `BenchSupport`, `sitrep-*-bench`: the benchmarks, each on the stores and targets it measures.
/// - `SitrepTestSupport` (folder `Tests/SitrepTestSupport`), no sitrep target: what the test targets share: the
///   local servers of `deploy/local/` (PostgreSQL, the IRC servers, Synapse, the mail sink), a process runner, a
///   seeded random generator.
/// - `<Target>Tests` → the target they test, the targets their tests build on, and SitrepTestSupport when they use
///   a local server or seeded randomness; `IntegrationTests` → the whole bot, against the local servers.
/// - `CoordinatorTestSupport` (folder `Tests/CoordinatorTestSupport`) → IncidentRuntime, SQLiteStore, SitrepCore: what
///   the coordinator's tests share (`IncidentRuntimeTests`, and `SitrepAppTests` for the alert intake and the
///   Prometheus metrics): a coordinator over a real SQLite file, a recording chat network.
let package = Package(
    name: "sitrep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sitrep", targets: ["sitrep"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(name: "SitrepCore"),
        .target(name: "IRC", dependencies: ["SitrepCore"]),
        .target(name: "Commands", dependencies: ["SitrepCore"], path: "commands"),
        .target(name: "OnCall", dependencies: ["SitrepCore"]),
        // Pure paging rules: per person, contact methods tried in order with delays until acknowledged.
        .target(name: "Paging", dependencies: ["SitrepCore"]),
        // Pure Matrix client-server API: Codable models, event mapping to ChatEvent, sync cursor, txnIds, retries.
        .target(name: "Matrix", dependencies: ["SitrepCore"]),
        // An incident as a file: the export document and its JSON, Markdown and text renderers (no I/O).
        .target(name: "Exports", dependencies: ["SitrepCore"]),
        // Pure out-of-chat transports: SMTP state machine, email rendering, webhook requests, acknowledge links.
        .target(name: "Notify", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "NotifyClient",
            dependencies: [
                "Notify",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libolm (Debian's libolm-dev) for Matrix end-to-end encryption, and sitrep's Swift face of it: accounts,
        // Olm sessions, Megolm sessions, pickles encrypted with the operator's key.
        .systemLibrary(name: "COlm", pkgConfig: "olm", providers: [.apt(["libolm-dev"])]),
        .target(name: "OlmCrypto", dependencies: ["COlm"]),
        // Matrix end-to-end encryption on OlmCrypto: signed device and one-time keys, Olm to-device messages.
        .target(name: "MatrixE2EE", dependencies: ["Matrix", "OlmCrypto"]),
        // libFuzzer entry point for the IRC parser; built with `-sanitize=fuzzer` by deploy/fuzz/run-irc-fuzz.sh.
        .target(name: "IRCFuzz", dependencies: ["IRC"]),
        .target(
            name: "IRCClient",
            dependencies: [
                "IRC", "SitrepCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "MatrixClient",
            dependencies: [
                "Matrix", "SitrepCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What both stores share: one error type and one chain hasher.
        .target(name: "StoreKit", dependencies: ["SitrepCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "SQLiteStore",
            dependencies: ["SitrepCore", "StoreKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PostgresStore",
            dependencies: [
                "SitrepCore", "StoreKit", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SitrepWeb",
            dependencies: [
                "SitrepCore", "Notify",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "IncidentRuntime",
            dependencies: [
                "Commands", "SitrepCore", "Paging", "Notify", "OnCall", "Matrix",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SitrepApp",
            dependencies: [
                "IncidentRuntime", "IRCClient", "IRC", "Matrix", "MatrixClient", "Commands", "SitrepCore", "SQLiteStore",
                "PostgresStore", "Exports",
                "StoreKit", "SitrepWeb", "Paging", "Notify", "NotifyClient", "OnCall", "MatrixE2EE", "OlmCrypto",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "sitrep",
            dependencies: [
                "SitrepApp", "IncidentRuntime", "Exports", "OnCall", "SitrepCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the benchmarks share: a PostgreSQL database of their own on the local server, result lines.
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "sitrep-store-bench",
            dependencies: [
                "SQLiteStore", "PostgresStore", "SitrepCore", "BenchSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/sitrep-store-bench"),
        .executableTarget(
            name: "sitrep-ingest-bench",
            dependencies: [
                "SitrepApp", "SQLiteStore", "PostgresStore", "IRC", "SitrepCore", "BenchSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/sitrep-ingest-bench"),
        .executableTarget(
            name: "sitrep-matrix-bench",
            dependencies: [
                "SitrepApp", "Matrix", "MatrixClient", "MatrixE2EE", "SitrepCore", "BenchSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/sitrep-matrix-bench"),
        .executableTarget(
            name: "sitrep-search-bench", dependencies: ["SQLiteStore", "SitrepCore"],
            path: "Sources/sitrep-search-bench"),
        .executableTarget(
            name: "sitrep-timer-bench",
            dependencies: [
                "SitrepApp", "IncidentRuntime", "SQLiteStore", "SitrepCore", "BenchSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/sitrep-timer-bench"),
        .executableTarget(
            name: "sitrep-page-bench",
            dependencies: [
                "SitrepApp", "IncidentRuntime", "SQLiteStore", "SitrepCore", "Notify", "Paging", "BenchSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Sources/sitrep-page-bench"),
        .executableTarget(
            name: "sitrep-crypto-bench", dependencies: ["MatrixE2EE", "Matrix", "BenchSupport"],
            path: "Sources/sitrep-crypto-bench"),
        .executableTarget(
            name: "sitrep-export-bench", dependencies: ["SQLiteStore", "StoreKit", "SitrepApp", "SitrepCore", "Exports"],
            path: "Sources/sitrep-export-bench"),
        // What the test targets share: the local servers of deploy/local/ (PostgreSQL and its replicated pair, the IRC
        // servers, Synapse, the mail sink) found from the environment or .local/*/env, skipped without them and failed
        // without them in CI; a process runner; a seeded random generator.
        .target(
            name: "SitrepTestSupport",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SitrepTestSupport"),
        .testTarget(name: "SitrepCoreTests", dependencies: ["SitrepCore", "SitrepTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "IRCTests", dependencies: ["IRC", "SitrepCore", "SitrepTestSupport"]),
        .testTarget(name: "PagingTests", dependencies: ["Paging", "SitrepCore"]),
        .testTarget(name: "MatrixTests", dependencies: ["Matrix", "SitrepCore"], exclude: ["Fixtures"]),
        // Against the local Synapse of deploy/local/synapse.sh: skipped without it, failing without it in CI.
        .testTarget(
            name: "MatrixClientTests",
            dependencies: [
                "MatrixClient", "Matrix", "SitrepCore", "SitrepApp", "SQLiteStore", "MatrixE2EE", "OlmCrypto", "Paging",
                "SitrepTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "NotifyTests", dependencies: ["Notify"]),
        // SMTP against the local mail sink of deploy/local/mail-sink.sh (skipped without it, failing without it in CI);
        // webhooks against a receiver on loopback; a page email's acknowledge link through the real web server.
        .testTarget(
            name: "NotifyClientTests",
            dependencies: [
                "NotifyClient", "Notify", "SitrepWeb", "SitrepTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CommandsTests", dependencies: ["Commands", "SitrepCore"]),
        .testTarget(name: "OnCallTests", dependencies: ["OnCall", "SitrepCore"]),
        .testTarget(name: "OlmCryptoTests", dependencies: ["OlmCrypto"]),
        .testTarget(name: "MatrixE2EETests", dependencies: ["MatrixE2EE", "Matrix", "OlmCrypto"]),
        .testTarget(
            name: "SQLiteStoreTests",
            dependencies: [
                "SQLiteStore", "PostgresStore", "StoreKit", "SitrepCore", "SitrepTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the coordinator's tests share: a coordinator over a real SQLite file with a recording chat network.
        .target(
            name: "CoordinatorTestSupport",
            dependencies: [
                "IncidentRuntime", "SQLiteStore", "SitrepCore", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/CoordinatorTestSupport"),
        .testTarget(
            name: "IncidentRuntimeTests",
            dependencies: [
                "IncidentRuntime", "CoordinatorTestSupport", "OnCall", "SQLiteStore", "Matrix", "SitrepCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "SitrepAppTests",
            dependencies: [
                "SitrepApp", "IncidentRuntime", "CoordinatorTestSupport", "OnCall", "PostgresStore", "SQLiteStore", "Exports",
                "Notify", "NotifyClient", "Paging", "Matrix", "MatrixClient", "SitrepCore", "SitrepWeb", "StoreKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SitrepWebTests",
            dependencies: [
                "SitrepWeb", "SitrepApp", "IncidentRuntime", "OnCall", "SQLiteStore", "SitrepCore", "Notify",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "SitrepApp", "IncidentRuntime", "OnCall", "IRCClient", "IRC", "Matrix", "MatrixClient", "Notify",
                "Paging", "PostgresStore", "SitrepCore", "SitrepTestSupport",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
