/// Exit codes of `sbal`.
package enum SbalExitCode {
    /// Verified / ok.
    package static let ok: Int32 = 0
    /// A check failed (not verified, did not converge, invariant drifted ...).
    package static let checkFailed: Int32 = 1
    /// Bad input: unreadable or malformed file, invalid option.
    package static let badInput: Int32 = 2
}
