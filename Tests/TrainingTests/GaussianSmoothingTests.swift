import Foundation
import Testing
@testable import Training

/// `GaussianSmoothing` against scipy.ndimage.gaussian_filter1d (defaults: mode 'reflect', truncate 4).
struct GaussianSmoothingTests {
    /// Made with python3, scipy:
    /// `gaussian_filter1d(np.array([0., 1, 0, 0, 3, 0, 0, 0, 2, 5]), 1.5).tolist()`.
    @Test func matchesScipyOnAnImpulseTrain() throws {
        let x: [Double] = [0, 1, 0, 0, 3, 0, 0, 0, 2, 5]
        let scipy = [0.348185499826592, 0.4102093126618124, 0.5487668977453132, 0.7517744556756861, 0.8547582332526222,
                     0.7617951199985266, 0.7677492158585981, 1.2758797419198604, 2.238252934571273, 3.042628588489716]
        let smoothed = try GaussianSmoothing(sigma: 1.5).smooth(x, length: x.count, count: 1)
        for (a, b) in zip(smoothed, scipy) { #expect(abs(a - b) < 1e-14) }
    }

    /// A kernel (radius 20) far wider than the signal: the reflections wrap several times.
    /// Made with python3, scipy: `gaussian_filter1d(np.array([1., 2, 3, 4]), 5).tolist()`.
    @Test func matchesScipyWhenTheKernelIsWiderThanTheSignal() throws {
        let scipy = [2.4993304636317704, 2.4997208490269003, 2.5002791509731006, 2.50066953636823]
        let smoothed = try GaussianSmoothing(sigma: 5).smooth([1, 2, 3, 4], length: 4, count: 1)
        for (a, b) in zip(smoothed, scipy) { #expect(abs(a - b) < 1e-14) }
    }

    /// By hand: sigma = 1, truncate 1 gives radius 1 and weights (e^-1/2, 1, e^-1/2) / (1 + 2 e^-1/2);
    /// with 'reflect' edges the first output of [a, b, c] is (w a + a + w b) / (1 + 2w). Two
    /// interleaved signals are smoothed independently.
    @Test func handComputedInterleavedSignals() throws {
        let w = (-0.5).exponentialFunction
        let smoothing = try GaussianSmoothing(sigma: 1, truncate: 1)
        #expect(smoothing.radius == 1)
        // signals (1, 2, 4) and (0, 0, 6), stored as values[t * 2 + c]
        let out = smoothing.smooth([1, 0, 2, 0, 4, 6], length: 3, count: 2)
        let z = 1 + 2 * w
        let expected = [(w * 1 + 1 + w * 2) / z, 0, (w * 1 + 2 + w * 4) / z, w * 6 / z, (w * 2 + 4 + w * 4) / z, (6 + 6 * w) / z]
        for (a, b) in zip(out, expected) { #expect(abs(a - b) < 1e-15) }
    }
}

private extension Double {
    var exponentialFunction: Double { Foundation.exp(self) }
}
