/// Exit codes of `sbal`.
public enum SbalExitCode {
    /// Verified / ok.
    public static let ok: Int32 = 0
    /// A check failed (not verified, did not converge, invariant drifted ...).
    public static let checkFailed: Int32 = 1
    /// Bad input: unreadable or malformed file, invalid option.
    public static let badInput: Int32 = 2
}
