import Foundation
import NetworkFiles
import Testing
import TestSupport

/// The worked example of the DocC article "Reading and writing networks" (NetworkFiles.docc).
@Suite struct DocumentationExampleTests {
    @Test func readingAndWritingNetworks() throws {
        let document = try NetworkFile.read(example("two-neuron.json"))
        let network = try document.recurrentNetwork()
        let exact = try document.exactNetwork()
        #expect(network.neuronCount == exact.neuronCount)
        let path = try temporaryDirectory() + "/two-neuron.npz"
        try NetworkFile.write(document, to: path)
        let back = try NetworkFile.read(path)
        // J = [[0, 1/8], [2, 0]] is dyadic, so float64 holds it exactly; dt = 1/10 is not and is rounded
        let reread = try back.exactNetwork()
        #expect(reread.recurrentWeights == exact.recurrentWeights)
        #expect(reread.timeStepOverTimeConstant != exact.timeStepOverTimeConstant)
        #expect(reread.timeStepOverTimeConstant.doubleValue == 0.1)
    }
}
