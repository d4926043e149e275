/// Recognises errors thrown by ArgumentParser itself (usage errors: exit code 2).
enum ArgumentParserErrorCheck {
    static func isParserError(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).contains("ArgumentParser")
    }
}
