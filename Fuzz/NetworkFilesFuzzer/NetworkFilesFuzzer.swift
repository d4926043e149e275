// libFuzzer target for the file layer (module NetworkFiles). Built only by Fuzz/fuzz.sh
// (SBAL_FUZZ=1 adds this target to Package.swift; it is not part of a normal build).
//
// Every input is offered to each reader: the JSON network reader, the .npz reader (ZipDirectory,
// ZIPFoundation, NumPyFormat), the .npy reader, the recorded-path reader and the certificate
// reader. Errors are the expected outcome and are discarded; a crash, a hang, a leak or an
// allocation above -rss_limit_mb / -malloc_limit_mb is a finding.
import Foundation
import BalancingVerification
import NetworkFiles

/// Small limits so that one input stays fast.
let limits = InputLimits(maxNeurons: 64, maxUncompressedBytes: 4 << 20, maxTrialSteps: 1_000, maxClaims: 8,
                         maxDigits: 2_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if let document = try? NetworkFile.decode(bytes, format: .json, name: "fuzz.json", limits: limits) {
        _ = document.jsonText()
        _ = try? document.numPyArrays()
    }
    if let document = try? NetworkFile.decode(bytes, format: .npz, name: "fuzz.npz", limits: limits) {
        _ = document.jsonText()
    }
    if let arrays = try? NumPyArchive.decode(bytes, name: "fuzz.npz", maxUncompressedBytes: limits.maxUncompressedBytes) {
        _ = try? RecordedPath(numPyArrays: arrays, name: "fuzz.npz")
    }
    if bytes.count <= limits.maxUncompressedBytes {
        _ = try? NumPyFormat.decode(bytes, name: "fuzz.npy")
    }
    _ = try? NetworkFile.readCertificate(bytes, name: "fuzz.json", limits: limits)
    return 0
}

/// libFuzzer's driver (in libclang_rt.fuzzer), called from our own `main`: SwiftPM links an
/// executable target's entry point as `main`, so libFuzzer's `main` is not used.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum NetworkFilesFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}
