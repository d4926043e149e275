import Foundation

/// The repository root (this file is Tests/TestSupport/Fixtures.swift).
public let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Path of a shipped example network, Examples/`name`.
public func example(_ name: String) -> String { repositoryRoot + "/Examples/" + name }

/// Path of a checked-in test fixture, Tests/Fixtures/`name` (each made by a script beside it).
public func fixture(_ name: String) -> String { repositoryRoot + "/Tests/Fixtures/" + name }

/// A fresh, empty temporary directory.
public func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "sbal-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Parses JSON text into a dictionary; nil when it is not a JSON object.
public func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
