// swift-tools-version: 6.1
// Benchmarks of swift-synaptic-balancing against its anchors (scipy, LAPACK gebal, FLINT, sympy,
// Python fractions, raw GMP). A separate package so that the main package and CI never build it.
// Run everything with `Benchmarks/run.sh`; see "Benchmarks against the anchors" in the root README.md.
import Foundation
import PackageDescription

// A dependency by path is identified by its folder's name: find the main package's, whatever the
// checkout is called.
let mainPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "SynapticBalancingBenchmarks",
    products: [
        .executable(name: "sbal-bench", targets: ["sbal-bench"]),
    ],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // The rational add/mul loops written directly against GMP's C API (the anchor for Rationals).
        .target(
            name: "CGMPLoop",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("gmp")]
        ),
        // Release-mode benchmark executable: prints one JSON record per measurement.
        .executableTarget(
            name: "sbal-bench",
            dependencies: [
                "CGMPLoop",
                .product(name: "Rationals", package: mainPackage),
                .product(name: "SynapticBalancing", package: mainPackage),
            ]
        ),
    ]
)
