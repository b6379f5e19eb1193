// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "TicketTriage",
    products: [
        .library(name: "TicketTriage", targets: ["TicketTriage"]),
        .executable(name: "triage", targets: ["triage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The system ICU (libicu-dev), found through pkg-config. Only ICUBridge uses it.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev", "pkg-config"])]
        ),
        // A small C++ target that includes ICU's headers the normal way and exposes plain C
        // functions, so no Swift file sees ICU's versioned symbols or clashes with Foundation's ICU.
        .target(name: "ICUBridge", dependencies: ["CICU"]),
        // Build-time tools: Unicode tables derived from the system ICU, and the bundled pack.
        .executableTarget(name: "UnicodeTableGenerator", dependencies: ["ICUBridge"]),
        .executableTarget(name: "BundledFileEmbedder"),
        .plugin(
            name: "GenerateUnicodeTables",
            capability: .buildTool(),
            dependencies: ["UnicodeTableGenerator"]
        ),
        .plugin(
            name: "EmbedBundledDefaults",
            capability: .buildTool(),
            dependencies: ["BundledFileEmbedder"]
        ),
        .target(
            name: "Text",
            dependencies: ["ICUBridge", "Automaton"],
            plugins: ["GenerateUnicodeTables"]
        ),
        // Aho–Corasick and trie edges over code points: knows nothing of tickets or rules.
        .target(name: "Automaton"),
        .target(
            name: "Rules",
            dependencies: ["Text", "Automaton", "ICUBridge", .product(name: "Yams", package: "Yams")]
        ),
        // The reply-script catalog: selection, ICU MessageFormat rendering, holidays.
        .target(
            name: "Replies",
            dependencies: ["Text", "Rules", "ICUBridge", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "TicketTriage",
            dependencies: ["Text", "Rules", "Replies", "ICUBridge"],
            plugins: ["EmbedBundledDefaults"]
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TicketTriage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TextTests", dependencies: ["Text", "ICUBridge", "TicketTriage"]),
        .testTarget(name: "AutomatonTests", dependencies: ["Automaton"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "TicketTriage"]),
        .testTarget(name: "RepliesTests", dependencies: ["Replies", "TicketTriage"]),
        .testTarget(name: "TicketTriageTests", dependencies: ["TicketTriage"]),
        .testTarget(name: "triageTests", dependencies: ["TicketTriage"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
