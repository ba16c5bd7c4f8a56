// swift-tools-version: 6.2
import PackageDescription

/// Settings every target of ours shares: Swift 6 strict concurrency, the stricter
/// upcoming features, and warnings that fail the build (dependencies are exempt).
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "followupd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "followupd", targets: ["followupd"]),
        .executable(name: "followupctl", targets: ["followupctl"]),
        .library(name: "FollowUpCore", targets: ["FollowUpCore"]),
        .library(name: "FollowUpFormats", targets: ["FollowUpFormats"]),
        .library(name: "FollowUpReports", targets: ["FollowUpReports"]),
        .library(name: "FollowUpWire", targets: ["FollowUpWire"]),
        .library(name: "FollowUpRules", targets: ["FollowUpRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // Hummingbird's status codes and header names; already in the graph through it.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // HTTP parts between Hummingbird and NIO's parser (MalformedRequestAnswer); already in the graph through Hummingbird.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // HMAC-SHA256 webhook signatures.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // Admin-editable message templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // STARTTLS for the SMTP receiver; already in the graph through AsyncHTTPClient.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // The PostgreSQL store (issue 14): several nodes on one database.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // The pure domain: no clock reads, no I/O.
        .target(
            name: "FollowUpCore",
            swiftSettings: strict
        ),
        // What the domain is read from and written as: event JSON, CSV imports, iCalendar feeds,
        // event scripts. On top of the core, so a format changes without touching the domain.
        .target(name: "FollowUpFormats", dependencies: ["FollowUpCore"], swiftSettings: strict),
        // Report figures from per-lead facts (first-touch SLA, follow-through, ROI by source, call hours),
        // answered as FollowUpWire's bodies.
        .target(name: "FollowUpReports", dependencies: ["FollowUpCore", "FollowUpFormats", "FollowUpWire"], swiftSettings: strict),
        // The HTTP API's bodies, written by the daemon and read by followupctl and the tests
        // through the same types, so a member's name is spelled once.
        .target(name: "FollowUpWire", dependencies: ["FollowUpCore", "FollowUpFormats"], exclude: ["README.md"], swiftSettings: strict),
        // Rule and config files: parse, validate with FILE:LINE:COL, compile to FollowUpCore.Rules.
        .target(
            name: "FollowUpRules",
            dependencies: ["FollowUpCore", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // SQLite through GRDB (WAL): event log, lead state, timers, outbox; one transaction per event or timer.
        .target(
            name: "FollowUpStore",
            dependencies: [
                "FollowUpCore", "FollowUpFormats", "FollowUpReports", .product(name: "GRDB", package: "GRDB.swift"),
                // The ingest path binds straight to SQLite (BoundStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // PostgreSQL (issue 14): the same port as FollowUpStore, one PG transaction per write, written set-based.
        .target(
            name: "FollowUpPostgres",
            dependencies: [
                // FollowUpRules: the `database:` URL is read by one parser, the config's.
                "FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpRules",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // TLS to the database (sslmode=require).
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // libsystemd (sd_notify, sd_journal_sendv) for Swift; pkg-config finds it.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // glibc's posix_spawn extensions (closefrom) for the programs the daemon and the tests start.
        // Warnings are errors here as in every Swift target (`strict`).
        .target(name: "CSpawn", cSettings: [.unsafeFlags(["-Wall", "-Wextra", "-Werror"])]),
        // systemd from Swift: readiness, reload, watchdog and status notifications; the journal as a swift-log handler.
        .target(
            name: "FollowUpSystemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // Where notifications go: the Notifier protocol and its receivers.
        .target(
            name: "FollowUpNotify",
            dependencies: [
                "CSpawn", "FollowUpCore", "FollowUpFormats", "FollowUpRules",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        // Composition: timeline (ingest + scheduler), delivery, HTTP API, config.
        .target(
            name: "FollowUpDaemon",
            dependencies: [
                "FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpWire", "FollowUpRules", "FollowUpStore",
                "FollowUpPostgres",
                "FollowUpNotify", "FollowUpSystemd",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "followupd",
            dependencies: [
                "FollowUpDaemon", "FollowUpSystemd", "FollowUpNotify", "FollowUpCore", "FollowUpFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "followupctl",
            dependencies: [
                "FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpWire", "FollowUpRules",
                // migrate-store reads the SQLite store and loads the PostgreSQL one.
                "FollowUpStore", "FollowUpPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Fixtures every test target shares: the default policy in code, a seeded generator.
        .target(name: "FollowUpTestSupport", dependencies: ["CSpawn", "FollowUpCore", "FollowUpFormats", "FollowUpWire"], path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpTestSupport"], swiftSettings: strict),
        // Each API body written, parsed and read back.
        .testTarget(name: "FollowUpWireTests", dependencies: ["FollowUpWire", "FollowUpCore", "FollowUpFormats"], swiftSettings: strict),
        .testTarget(
            name: "FollowUpRulesTests",
            dependencies: ["FollowUpRules", "FollowUpCore", "FollowUpFormats", "FollowUpTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpStoreTests",
            dependencies: ["FollowUpStore", "FollowUpPostgres", "FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpTestSupport",
                           .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpNotifyTests",
            dependencies: ["FollowUpNotify", "FollowUpRules", "FollowUpCore", "FollowUpFormats", "FollowUpTestSupport",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpDaemonTests",
            dependencies: ["FollowUpCore", "FollowUpFormats", "FollowUpWire", "FollowUpTestSupport"],
            swiftSettings: strict
        ),
        // The HTTP API over a live socket, against an in-memory daemon built on the engine.
        .testTarget(
            name: "FollowUpAPITests",
            dependencies: [
                "FollowUpDaemon", "FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpWire", "FollowUpRules",
                "FollowUpStore", "FollowUpPostgres", "FollowUpTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpSystemdTests",
            dependencies: ["FollowUpSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpCtlTests",
            dependencies: ["FollowUpCore", "FollowUpFormats", "FollowUpReports", "FollowUpWire", "FollowUpTestSupport"],
            swiftSettings: strict
        ),
    ]
)
