import Testing
import Training

/// The worked example of the DocC article "Training and balancing" (Training.docc), run as written.
@Suite struct DocumentationExampleTests {
    @Test func trainingAndBalancing() throws {
        var configuration = Fig4Pipeline.Configuration()
        configuration.neurons = 16
        configuration.iterations = 60
        configuration.networkCount = 2
        configuration.permutations = 1000
        configuration.gainSets = 4
        configuration.evaluationSets = 4
        configuration.learningRate = 0.01
        let result = try Fig4Pipeline(configuration).run()
        #expect(result.runs.count == 3 && result.networks.count == 2)
        for network in result.networks {
            #expect(network.noiselessOutputDifference <= 1e-10)
            #expect(network.costAfter <= network.costBefore)
            #expect(network.ratio.count == network.relativeNoise.count)
        }
    }
}
