import Foundation

/// Whole-file reads and atomic writes.
///
/// A write goes to a temporary file in the destination's directory (same file system), is flushed
/// with `fsync`, and is then renamed over the destination, so a reader sees either the old file or
/// the complete new one, never a half-written file. On any failure the temporary file is removed.
public enum AtomicFile {
    /// Reads a whole file; errors name the path.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw NetworkFileError.io(path: path, message: isDirectory.boolValue ? "is a directory" : "cannot be opened for reading")
            }
            throw NetworkFileError.io(path: path, message: "no such file")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw NetworkFileError.io(path: path, message: "read failed: \(error)")
        }
    }

    /// Writes `bytes` to `path` atomically (temporary file + fsync + rename).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NetworkFileError.io(path: path, message: "directory \(directory) does not exist")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw NetworkFileError.io(path: path, message: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        var success = false
        defer {
            if !success { unlink(temporary) }
        }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        let writeError = ok ? nil : String(cString: strerror(errno))
        let synced = ok && fsync(fd) == 0
        close(fd)
        guard ok else { throw NetworkFileError.io(path: path, message: "write failed: \(writeError ?? "unknown error")") }
        guard synced else { throw NetworkFileError.io(path: path, message: "fsync failed: \(String(cString: strerror(errno)))") }
        guard rename(temporary, path) == 0 else {
            throw NetworkFileError.io(path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
        }
        success = true
    }

    /// Writes UTF-8 text atomically.
    public static func write(text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
