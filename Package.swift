// swift-tools-version: 6.1
// Synaptic balancing (Stock, Harvey, Ocko, Ganguli, PLoS Comput Biol 2022): exact and floating-point.
import Foundation
import PackageDescription

let package = Package(
    name: "swift-synaptic-balancing",
    products: [
        .library(name: "Matrices", targets: ["Matrices"]),
        .library(name: "Rationals", targets: ["Rationals"]),
        .library(name: "SynapticBalancing", targets: ["SynapticBalancing"]),
        .library(name: "BalancingVerification", targets: ["BalancingVerification"]),
        .library(name: "NetworkFiles", targets: ["NetworkFiles"]),
        .library(name: "BalancingTesting", targets: ["BalancingTesting"]),
        .library(name: "Training", targets: ["Training"]),
        .executable(name: "sbal", targets: ["sbal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `swift package generate-documentation`: the DocC catalogs under Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // GMP, the GNU multiple precision library (Debian: libgmp-dev).
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        // Real functions for GMP's macro-only API (mpq_numref, mpz_sgn, ...).
        .target(name: "CGMPShim", dependencies: ["CGMP"]),
        // The one dense row-major Matrix over any AlgebraicField (Rational and Double), with its arithmetic.
        .target(name: "Matrices", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),
        // Exact integers and rationals; determinants and characteristic polynomials of Matrix.
        .target(
            name: "Rationals",
            dependencies: [
                "Matrices", "CGMPShim", "CGMP",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        // Dense sweep kernels in C: AVX2/FMA versions picked at run time on x86-64, portable ones elsewhere.
        .target(name: "CBalancingKernels"),
        // Floating-point networks, costs, the balancing rule, solvers and integrators.
        .target(
            name: "SynapticBalancing",
            dependencies: ["Matrices", "CBalancingKernels", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // Exact checks of the conservation laws and audits of float results.
        .target(
            name: "BalancingVerification",
            dependencies: ["Rationals", "SynapticBalancing"]
        ),
        // Network files: JSON (exact "p/q" strings allowed), NumPy .npy and .npz.
        .systemLibrary(
            name: "CZlibCRC",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "NetworkFiles",
            dependencies: [
                "Rationals", "SynapticBalancing", "BalancingVerification", "CZlibCRC",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // CBLAS of OpenBLAS (Debian: libopenblas-dev), for the matrix products of training.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        // Tasks, the batched state-readout rate model with BPTT through BLAS, SGD, Fig 4 evaluation.
        .target(
            name: "Training",
            dependencies: ["CBLAS", "SynapticBalancing"]
        ),
        // The subcommands of `sbal` (a library so that tests can drive them).
        .target(
            name: "SbalCommands",
            dependencies: [
                "Rationals", "SynapticBalancing", "BalancingVerification", "NetworkFiles", "Training",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Generators and reusable checkers for property-based tests of balancing code.
        .target(
            name: "BalancingTesting",
            dependencies: [
                "Rationals", "SynapticBalancing", "BalancingVerification", "NetworkFiles",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // The command-line tool.
        .executableTarget(name: "sbal", dependencies: ["SbalCommands"]),
        // Shared by the test targets, not a product: one SplitMix64, fixture paths, the in-process sbal runner.
        .target(name: "TestSupport", dependencies: ["Rationals", "SbalCommands"], path: "Tests/TestSupport"),
        .testTarget(name: "RationalsTests", dependencies: ["Rationals", "TestSupport"]),
        .testTarget(name: "SynapticBalancingTests", dependencies: ["SynapticBalancing", "CBalancingKernels"]),
        .testTarget(
            name: "BalancingVerificationTests",
            dependencies: ["BalancingVerification", "Rationals", "SynapticBalancing", "TestSupport"]
        ),
        .testTarget(
            name: "NetworkFilesTests",
            dependencies: ["NetworkFiles", "Rationals", "SynapticBalancing", "TestSupport"]
        ),
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "BalancingTesting", "BalancingVerification", "Rationals", "SynapticBalancing",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Rationals", "SynapticBalancing"]),
        .testTarget(
            name: "SbalTests",
            dependencies: [
                "SbalCommands", "NetworkFiles", "BalancingVerification", "SynapticBalancing", "Rationals", "sbal",
                "TestSupport",
            ]
        ),
    ]
)

// The libFuzzer target of the file layer, only when SBAL_FUZZ is set (Fuzz/build.sh sets it): it
// links only with `-sanitize=fuzzer`, so it is not part of a normal build.
if ProcessInfo.processInfo.environment["SBAL_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "NetworkFilesFuzzer",
            dependencies: ["NetworkFiles", "BalancingVerification"],
            path: "Fuzz/NetworkFilesFuzzer"
        )
    )
}
