import Foundation

/// When the next progress line is due: once a second, the first after one second.
final class ProgressClock: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 1.0

    func due(at elapsed: Double) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard elapsed >= next else { return false }
        next = elapsed + 1
        return true
    }
}
