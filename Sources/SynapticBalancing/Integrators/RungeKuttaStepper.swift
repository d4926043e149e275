/// Stage buffers of the explicit Runge-Kutta steps, reused across steps.
struct RungeKuttaStepper {
    var k2: [Double], k3: [Double], k4: [Double], k5: [Double], k6: [Double], k7: [Double], tmp: [Double], y5: [Double]

    init(size: Int) {
        k2 = [Double](repeating: 0, count: size)
        k3 = k2; k4 = k2; k5 = k2; k6 = k2; k7 = k2; tmp = k2; y5 = k2
    }

    /// Classical RK4: y += h/6 (k1 + 2 k2 + 2 k3 + k4).
    mutating func rungeKutta4(y: inout [Double], k1: [Double], h: Double,
                              f: ([Double], inout [Double]) -> (cost: Double, gNorm: Double)) {
        let s = y.count
        for i in 0..<s { tmp[i] = y[i] + 0.5 * h * k1[i] }
        _ = f(tmp, &k2)
        for i in 0..<s { tmp[i] = y[i] + 0.5 * h * k2[i] }
        _ = f(tmp, &k3)
        for i in 0..<s { tmp[i] = y[i] + h * k3[i] }
        _ = f(tmp, &k4)
        for i in 0..<s { y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
    }

    /// One Dormand-Prince 5(4) trial step from y; the 5th-order result goes to `y5`. Returns the RMS of
    /// err_k / sc_k with sc_k = rtol (1 + max(|y_k|, |y5_k|)) for h entries and
    /// sc_k = rtol (|J|_mean + max(|y_k|, |y5_k|)) for the weights of the (J, h) form.
    mutating func dormandPrinceTrial(y: [Double], k1: [Double], h: Double, rtol: Double, jointEdges: Int, yScale: Double,
                                     f: ([Double], inout [Double]) -> (cost: Double, gNorm: Double)) -> Double {
        let s = y.count
        for i in 0..<s { tmp[i] = y[i] + h * (1.0 / 5) * k1[i] }
        _ = f(tmp, &k2)
        for i in 0..<s { tmp[i] = y[i] + h * (3.0 / 40 * k1[i] + 9.0 / 40 * k2[i]) }
        _ = f(tmp, &k3)
        for i in 0..<s { tmp[i] = y[i] + h * (44.0 / 45 * k1[i] - 56.0 / 15 * k2[i] + 32.0 / 9 * k3[i]) }
        _ = f(tmp, &k4)
        for i in 0..<s {
            tmp[i] = y[i] + h * (19372.0 / 6561 * k1[i] - 25360.0 / 2187 * k2[i] + 64448.0 / 6561 * k3[i] - 212.0 / 729 * k4[i])
        }
        _ = f(tmp, &k5)
        for i in 0..<s {
            tmp[i] = y[i] + h * (9017.0 / 3168 * k1[i] - 355.0 / 33 * k2[i] + 46732.0 / 5247 * k3[i]
                + 49.0 / 176 * k4[i] - 5103.0 / 18656 * k5[i])
        }
        _ = f(tmp, &k6)
        for i in 0..<s {
            y5[i] = y[i] + h * (35.0 / 384 * k1[i] + 500.0 / 1113 * k3[i] + 125.0 / 192 * k4[i]
                - 2187.0 / 6784 * k5[i] + 11.0 / 84 * k6[i])
        }
        _ = f(y5, &k7)
        var sum = 0.0
        for i in 0..<s {
            let e = h * (71.0 / 57600 * k1[i] - 71.0 / 16695 * k3[i] + 71.0 / 1920 * k4[i]
                - 17253.0 / 339200 * k5[i] + 22.0 / 525 * k6[i] - 1.0 / 40 * k7[i])
            let magnitude = max(Swift.abs(y[i]), Swift.abs(y5[i]))
            let sc = rtol * ((i < jointEdges ? yScale : 1) + magnitude)
            let r = e / sc
            sum += r * r
        }
        let err = (sum / Double(max(s, 1))).squareRoot()
        return err.isFinite ? err : .infinity
    }
}
