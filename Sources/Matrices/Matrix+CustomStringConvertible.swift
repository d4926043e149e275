extension Matrix: CustomStringConvertible {
    /// Rows in brackets, e.g. "[[1, 2], [3, 4]]".
    public var description: String {
        "[" + (0..<rows).map { i in "[" + row(i).map { "\($0)" }.joined(separator: ", ") + "]" }
            .joined(separator: ", ") + "]"
    }
}
