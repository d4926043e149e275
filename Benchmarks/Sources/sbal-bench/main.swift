import Foundation

// sbal-bench: release-mode benchmarks of swift-synaptic-balancing, one JSON record per line.
//   sbal-bench balance  [--solvers newton,osborne] [--tolerance 1e-10] FILE.npy...
//   sbal-bench solve    [--solvers newton,osborne,dopri-h] [--round R] FILE.npy | csr:PREFIX
//   sbal-bench sparse   [--neurons 100000] [--synapses 10000000] [--tolerance 1e-8] [--solver newton]
//   sbal-bench charpoly FILE.json...
//   sbal-bench euler    FILE.json
//   sbal-bench rational-loop [--count 1024] [--rounds 1000]
// Driven by Benchmarks/run.sh, which also runs the Python anchors and prints the table.

let usage = "usage: sbal-bench balance|solve|sparse|charpoly|euler|rational-loop [options] [files]"
let commandLine = CommandLine.arguments
guard commandLine.count >= 2 else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
let arguments = Arguments(commandLine.dropFirst(2))
do {
    switch commandLine[1] {
    case "balance": try BalanceBenchmark.run(arguments)
    case "solve": try SolveBenchmark.run(arguments)
    case "sparse": try SparseBenchmark.run(arguments)
    case "charpoly": try ExactBenchmarks.characteristicPolynomial(arguments)
    case "euler": try ExactBenchmarks.euler(arguments)
    case "rational-loop": RationalLoopBenchmark.run(arguments)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("sbal-bench: \(error)\n".utf8))
    exit(1)
}
