import CGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BigInteger: LosslessStringConvertible, CustomStringConvertible {
    /// Decimal text of the value.
    public var description: String {
        withMPZ { z in
            let capacity = Int(__gmpz_sizeinbase(z, 10)) + 2  // digits, sign, NUL
            return String(unsafeUninitializedCapacity: capacity) { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    _ = __gmpz_get_str(chars.baseAddress, 10, z)
                    return strlen(chars.baseAddress!)
                }
            }
        }
    }

    /// Parses a decimal integer with optional sign ("+12", "-7"); nil for anything else.
    public init?(_ description: String) {
        guard let value = BigInteger.parseDecimal(Substring(description), allowSign: true) else { return nil }
        self = value
    }

    /// Parses `[+-]digits` (sign only when allowed) exactly; nil for anything else.
    static func parseDecimal(_ text: Substring, allowSign: Bool) -> BigInteger? {
        var digits = text
        var negative = false
        if allowSign, let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let result = IntegerStorage.make()
        let status = result.withUnsafeMutablePointerToElements { z in
            String(digits).withCString { __gmpz_set_str(z, $0, 10) }
        }
        guard status == 0 else { return nil }
        var value = BigInteger(storage: result)
        if negative { value.negate() }
        return value
    }
}
