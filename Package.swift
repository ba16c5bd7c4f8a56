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
        .executable(name: "followupctl", targets: ["followupctl"]),
        .library(name: "FollowUpCore", targets: ["FollowUpCore"]),
        .library(name: "FollowUpRules", targets: ["FollowUpRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // The pure domain: no clock reads, no I/O.
        .target(
            name: "FollowUpCore",
            dependencies: [.product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        // Rule and config files: parse, validate with FILE:LINE:COL, compile to FollowUpCore.Rules.
        .target(
            name: "FollowUpRules",
            dependencies: ["FollowUpCore", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "followupctl",
            dependencies: [
                "FollowUpCore", "FollowUpRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Fixtures every test target shares: the default policy in code, a seeded generator.
        .target(name: "FollowUpTestSupport", dependencies: ["FollowUpCore"], path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore", "FollowUpTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FollowUpRulesTests",
            dependencies: ["FollowUpRules", "FollowUpCore", "FollowUpTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FollowUpCtlTests",
            dependencies: ["FollowUpCore"],
            swiftSettings: strict
        ),
    ]
)
