// swift-tools-version: 6.2
import PackageDescription

/// libFuzzer targets for what reads untrusted bytes: the event decoder and
/// the engine behind it, rule files, CSV imports and the daemon's config.
/// A package of its own, built only by `scripts/fuzz` with
/// `swift build --sanitize fuzzer`: a fuzz target has no `main` (libFuzzer
/// brings it), so it cannot sit in the main package's ordinary build.
let package = Package(
    name: "followupd-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "followupd", path: "..")],
    targets: [
        .executableTarget(name: "FuzzEvents", dependencies: [.product(name: "FollowUpCore", package: "followupd"),
                                                             .product(name: "FollowUpFormats", package: "followupd"),
                                                             .product(name: "FollowUpRules", package: "followupd")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzRules", dependencies: [.product(name: "FollowUpRules", package: "followupd"),
                                                            .product(name: "FollowUpFormats", package: "followupd"),
                                                            .product(name: "FollowUpCore", package: "followupd")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "FollowUpFormats", package: "followupd")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "FuzzConfig", dependencies: [.product(name: "FollowUpRules", package: "followupd")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
