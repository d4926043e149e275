import Foundation
import BalancingVerification
import NetworkFiles
import Rationals
import Testing
@testable import SbalCommands
import TestSupport

/// Issue 15: hostile values never give NaN / inf with exit 0; messages name the field and value.
@Suite("hostile input: non-finite values and messages")
struct HostileInputTests {
    func write(_ text: String, _ name: String = "net.json") throws -> (String, String) {
        let dir = try temporaryDirectory()
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (dir, path)
    }

    @Test("dt = 1e308: the simulation of the file's trial overflows, exit 2 naming the simulation, no nan")
    func hugeTimeStep() throws {
        let (dir, path) = try write(#"{"J":[[0,1],[2,0]],"W_in":[[1],[1]],"W_out":[[1,1]],"dt":1e308,"inputs":[[1],[1],[1],[1],[1]]}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for arguments in [["balance", path, "--quiet"], ["simulate", path, "--cost", "frobenius"]] {
            let command = arguments[0]
            let run = sbal(arguments)
            #expect(run.code == 2, "\(command): \(run.output) \(run.error)")
            #expect(run.error.contains("simulation of the file's network"), "\(run.error)")
            #expect(run.error.contains(path), "\(run.error)")
            #expect(!run.error.contains("noise level"), "\(run.error)")
            #expect(!run.output.contains("nan") && !run.output.contains("converged"), "\(run.output)")
        }
        let json = sbal("balance", path, "--quiet", "--json")
        #expect(json.code == 2 && !json.output.contains("nan"))
    }

    @Test("an input of 1.797e308 overflows the simulation: exit 2, never inf in the report")
    func hugeInput() throws {
        let (dir, path) = try write(#"{"J":[[0,1],[2,0]],"W_in":[[1],[1]],"W_out":[[1,1]],"inputs":[[1.797e308],[1.797e308],[1]]}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", path, "--quiet", "--json")
        #expect(run.code == 2, "\(run.output) \(run.error)")
        #expect(!run.output.contains("inf") && !run.output.contains("nan"), "\(run.output)")
        #expect(run.error.contains("overflows"), "\(run.error)")
    }

    @Test("tau = 1e-320: dt / tau overflows, exit 2 naming dt / tau and both values")
    func tinyTimeConstant() throws {
        let (dir, path) = try write(#"{"J":[[0,1],[2,0]],"tau":1e-320,"inputs":[[],[]]}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 2, "\(run.output) \(run.error)")
        #expect(run.error.contains("dt / tau = 0.1 / 1e-320"), "\(run.error)")
        #expect(run.error.contains("overflows"), "\(run.error)")
    }

    @Test("a positive dt that underflows is named as such, not 'got 0.0'")
    func underflowingTimeStep() throws {
        let (dir, path) = try write(#"{"J":[[0,1],[2,0]],"dt":1e-400}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 2, "\(run.output) \(run.error)")
        #expect(!run.error.contains("got 0.0"), "\(run.error)")
        #expect(run.error.contains("dt: ") && run.error.contains("rounds to 0"), "\(run.error)")
    }

    @Test("a cost exponent that rounds to 0 as a double is refused naming the file and cost.p")
    func underflowingExponent() throws {
        let (dir, path) = try write(#"{"J":[[0,1],[2,0]],"cost":{"p":1e-400}}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 2, "\(run.output) \(run.error)")
        #expect(run.error.hasPrefix("error: \(path): cost.p: ") && run.error.contains("is positive but rounds to 0"), "\(run.error)")
    }

    @Test("exact values beyond the range of a double are approximated as mantissa and exponent, never inf or 0")
    func approximationBeyondDouble() throws {
        let big = Rational(BigInteger(10)).power(400)
        #expect(ReportValue.approximation(big) == "1.0e+400")
        #expect(ReportValue.approximation(-Rational(4) * big * big) == "-4.0e+800")
        #expect(ReportValue.approximation(big.reciprocal!) == "1.0e-400")
        #expect(ReportValue.approximation(Rational(1, 2)) == "0.5")
        #expect(ReportValue.approximation(Rational(0)) == "0.0")
        let run = sbal("verify", fixture("fuzz-corpus/repro/cost-p-1000-overflows.json"), "--json")
        #expect(run.code == 0, "\(run.error)")
        #expect(!run.output.contains("\"inf\"") && !run.output.contains("= inf"), "\(run.output)")
    }

    @Test("a cost that overflows names the file, the synapse and p")
    func costOverflow() throws {
        let (dir, path) = try write(#"{"J":[[0,10],[1,0]],"cost":{"p":1000}}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 2, "\(run.output) \(run.error)")
        #expect(run.error.contains(path) && run.error.contains("p = 1000"), "\(run.error)")
        #expect(!run.error.contains("nonFinite"), "\(run.error)")
    }

    @Test("the JSON report writes a non-finite value as null, never as a string")
    func jsonNull() throws {
        struct Value: Encodable { var a: Double; var b: [Double]; var c: String }
        let text = try CommandSupport.json(Value(a: .nan, b: [1, .infinity, -.infinity], c: "x"))
        #expect(!text.contains("nan") && !text.contains("inf"), "\(text)")
        let object = try #require(jsonObject(text))
        #expect(object["a"] is NSNull)
        #expect((object["b"] as? [Any])?.count == 3)
        #expect(object["c"] as? String == "x")
    }

    @Test("an error inside an .npz member names the file once: F:J.npy, not F: F:J.npy")
    func pathOnce() throws {
        var bytes = try NumPyArchive.encode(["J": try NumPyArray(shape: [2, 2], values: [0, 1, 2, 0])])
        let needle = Array("False".utf8)
        let at = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at + 4] = UInt8(ascii: "f")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/n.npz"
        try AtomicFile.write(bytes, to: path)
        let run = sbal("balance", path, "--quiet")
        #expect(run.code == 2)
        #expect(run.error.contains("\(path):J.npy: bad CRC-32"), "\(run.error)")
        #expect(run.error.components(separatedBy: path).count == 2, "\(run.error)")
    }
}
