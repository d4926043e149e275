import CGMP

/// Chinese remaindering by a product tree: level 0 holds the primes, level l + 1 the products of
/// adjacent pairs of level l (an odd one out moves up unchanged). Residues x_a mod M_a and
/// x_b mod M_b of a pair combine to x = x_a + M_a ((x_b - x_a) (M_a^-1 mod M_b) mod M_b), the
/// residue mod M_a M_b (x = x_a mod M_a, and x = x_a + (x_b - x_a) = x_b mod M_b); by induction the
/// root gives x mod M in [0, M). The products and inverses are computed once for all coefficients;
/// each combination is a few GMP multiplications, so one coefficient costs O(M(size) log m)
/// instead of Garner's m^2 / 2 word operations.
struct CRTTree {
    /// moduli[l][i]: the product of the primes under node i of level l.
    let moduli: [[BigInteger]]
    /// inverses[l][i] = moduli[l][2i]^-1 mod moduli[l][2i+1].
    let inverses: [[BigInteger]]

    init(_ primes: [WordModulus]) {
        var level = primes.map { BigInteger(Int($0.p)) }
        var moduli = [level], inverses = [[BigInteger]]()
        while level.count > 1 {
            var next = [BigInteger](), inverse = [BigInteger]()
            var i = 0
            while i + 1 < level.count {
                next.append(level[i] * level[i + 1])
                let (a, b) = (level[i], level[i + 1])
                inverse.append(BigInteger.make { r in
                    a.withMPZ { pa in b.withMPZ { pb in
                        // Distinct primes: the products are coprime, so the inverse exists.
                        precondition(__gmpz_invert(r, pa, pb) != 0, "CRTTree: moduli not coprime")
                    } }
                })
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            moduli.append(next)
            inverses.append(inverse)
            level = next
        }
        self.moduli = moduli
        self.inverses = inverses
    }

    /// M, the product of all the primes.
    var modulus: BigInteger { moduli[moduli.count - 1][0] }

    /// The x in [0, M) with x = residues[s] mod p_s for every s (residues[s] in [0, p_s)).
    func combine(_ residues: [BigInteger]) -> BigInteger {
        var x = residues
        for l in 0..<inverses.count {
            var next = [BigInteger]()
            next.reserveCapacity((x.count + 1) / 2)
            var i = 0
            while i + 1 < x.count {
                let product = (x[i + 1] - x[i]) * inverses[l][i / 2]
                let t = BigInteger.binary(product, moduli[l][i + 1]) { __gmpz_fdiv_r($0, $1, $2) }  // in [0, M_b)
                next.append(x[i] + moduli[l][i] * t)
                i += 2
            }
            if i < x.count { next.append(x[i]) }
            x = next
        }
        return x[0]
    }
}
