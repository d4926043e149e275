import Foundation

/// Runs `background` on a second thread while `foreground` runs on this one, and returns once both
/// are done: for I/O whose cost is the kernel's copying (reading and writing large files), which
/// then runs on two cores. `background` reports its own failure through what it captures.
/// - Throws: what `foreground` throws (after `background` has finished).
package func concurrently(_ foreground: () throws -> Void, background: @escaping @Sendable () -> Void) rethrows {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        background()
        done.signal()
    }
    defer { done.wait() }
    try foreground()
}
