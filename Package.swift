// swift-tools-version: 6.1
// Tollgate: one target per pipeline stage; dependencies point one way,
// from the command line and reports back to the parsers (see docs/architecture.md).
import PackageDescription

let package = Package(
    name: "Tollgate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tollgate", targets: ["tollgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Stage 1: HCL2 native + JSON syntax, value model, expression evaluation.
        .target(name: "HCL"),
        // Stage 1': the Common Expression Language (policy conditions). Independent of HCL.
        .target(name: "CEL"),
        // Stage 2: Terraform semantics over HCL (modules, variables, expansion, functions, plans).
        .target(name: "Terraform", dependencies: [
            "HCL",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Stage 3: Cloud Asset Inventory assets: TF->CAI converters, export/gcloud/IAM loaders, graph.
        .target(name: "Assets", dependencies: [
            "HCL", "Terraform",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Stage 4: policies, profiles, engine, suppressions, baseline, findings.
        .target(name: "Policy", dependencies: [
            "CEL", "Assets",
            .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Resources/policies")]),
        // Stage 5: reporters (SARIF, Markdown, JSON, JUnit, console). Sees only the scan result.
        .target(name: "Report", dependencies: ["Policy"]),
        // Live scans: Cloud Asset Inventory over HTTPS, credentials, retries.
        .target(name: "Live", dependencies: [
            "Assets",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .executableTarget(name: "tollgate", dependencies: [
            "HCL", "CEL", "Terraform", "Assets", "Policy", "Report", "Live",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        .testTarget(name: "HCLTests", dependencies: ["HCL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CELTests", dependencies: ["CEL"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TerraformTests", dependencies: ["Terraform"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AssetsTests", dependencies: ["Assets"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportTests", dependencies: ["Report"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LiveTests", dependencies: [
            "Live",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "TollgateCLITests", dependencies: [
            "tollgate", "Policy", "Report", "HCL",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
