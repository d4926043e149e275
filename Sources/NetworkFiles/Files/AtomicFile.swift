import Foundation

/// Whole-file reads and atomic writes.
///
/// A write goes to a temporary file in the destination's directory (same file system), is flushed
/// with `fsync`, and is then renamed over the destination, so a reader sees either the old file or
/// the complete new one, never a half-written file. On any failure the temporary file is removed.
public enum AtomicFile {
    /// Reads a whole file; errors name the path. With `maxBytes` (and the option that sets it, for
    /// the message) a larger file is refused before it is read.
    public static func read(_ path: String, maxBytes: Int, option: String) throws -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maxBytes {
            throw NetworkFileError.limitExceeded(file: path, message: "a file of \(info.st_size) bytes, above the limit \(option) \(maxBytes) (raise \(option) to read it)")
        }
        return try read(path)
    }

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
        var info = stat()
        if fstat(handle.fileDescriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            // A regular file is read straight into the array (no Data in between).
            let size = Int(info.st_size)
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                while initialized < size {
                    let n = Foundation.read(handle.fileDescriptor, buffer.baseAddress! + initialized, size - initialized)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { failed = n < 0; break }
                    initialized += n
                }
            }
            if failed { throw NetworkFileError.io(path: path, message: "read failed: \(String(cString: strerror(errno)))") }
            // A file that grew while being read: the rest as well.
            if let rest = try? handle.readToEnd(), !rest.isEmpty { return bytes + Array(rest) }
            return bytes
        }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw NetworkFileError.io(path: path, message: "read failed: \(error)")
        }
    }

    /// The file a path names after following symbolic links (relative links are resolved against
    /// the directory of the link); a dangling link gives its (absent) target. Throws for a loop.
    public static func resolvingSymlinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { return current }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + target
        }
        throw NetworkFileError.io(path: path, message: "too many levels of symbolic links")
    }

    /// Checks, before any work, that `write(_:to:)` could create or replace `path`: its directory
    /// (after following symbolic links) exists and is writable, and `path` is not a directory or a
    /// read-only file. Throws `NetworkFileError.io` naming the path and the reason.
    public static func checkWritable(_ path: String) throws {
        let target = try resolvingSymlinks(path)
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw NetworkFileError.io(path: path, message: "directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw NetworkFileError.io(path: path, message: "directory \(directory) is not writable")
        }
        if stat(target, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw NetworkFileError.io(path: path, message: "is a directory") }
            if info.st_nlink > 1, access(target, W_OK) != 0 {
                throw NetworkFileError.io(path: path, message: "is not writable (a hard-linked file is rewritten in place)")
            }
        }
    }

    /// Writes `bytes` to `path` atomically (temporary file + fsync + rename).
    ///
    /// A symbolic link is written through: its target is replaced and the link kept. A file with
    /// several hard links is rewritten in place after the complete copy is synced (so all links see
    /// the new content; only this case is not atomic). An existing file keeps its permission bits (a new one gets 0666 less the umask). The temporary file, in
    /// the target's directory, is removed on every failure, including a file-size limit
    /// (`ulimit -f`: SIGXFSZ is ignored so that the write fails with EFBIG instead of killing us).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { sink in try bytes.withUnsafeBytes { try sink.write($0) } }
    }

    /// Where a streamed atomic write goes: the temporary file, written through a 1 MiB buffer (large
    /// pieces go straight to the file, without a copy).
    public struct Sink {
        fileprivate let fd: Int32
        fileprivate var buffer: [UInt8] = []
        /// Bytes accepted so far.
        public private(set) var count = 0

        fileprivate init(fd: Int32) { self.fd = fd; buffer.reserveCapacity(1 << 20) }

        /// Appends bytes to the file.
        /// - Throws: `AtomicFile.WriteFailure` with errno's text (the caller names the path).
        public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            count += bytes.count
            if buffer.count + bytes.count <= 1 << 20 {
                buffer.append(contentsOf: bytes)
                return
            }
            try flush()
            if bytes.count >= 1 << 19 { try AtomicFile.writeAll(bytes, to: fd) } else { buffer.append(contentsOf: bytes) }
        }

        /// Appends bytes to the file.
        public mutating func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

        /// Appends a large piece and adds it to `crc`, written by two threads at once, each half
        /// checksummed piece by piece as it is written: the kernel's copy into the page cache, the
        /// slow part of writing a large file, then runs on two cores.
        /// - Throws: `AtomicFile.WriteFailure` with errno's text.
        mutating func write(_ bytes: UnsafeRawBufferPointer, checksum crc: inout ZipCRC32) throws {
            let piece = 4 << 20
            guard bytes.count >= 4 * piece else {
                var at = 0
                while at < bytes.count {
                    let part = UnsafeRawBufferPointer(rebasing: bytes[at..<min(at + piece, bytes.count)])
                    crc.update(part)
                    try write(part)
                    at += part.count
                }
                return
            }
            try flush()
            let start = count
            let half = bytes.count / 2 / piece * piece
            // the second half: pwrite at its own offsets on another thread
            final class Second: @unchecked Sendable {
                var crc = ZipCRC32()
                var failure: String?
            }
            let second = Second()
            nonisolated(unsafe) let tail = UnsafeRawBufferPointer(rebasing: bytes[half...])
            let fd = self.fd
            var first = ZipCRC32()
            var failure: Error?
            concurrently({
                var at = 0
                while at < half {
                    let part = UnsafeRawBufferPointer(rebasing: bytes[at..<min(at + piece, half)])
                    first.update(part)
                    do { try AtomicFile.writeAll(part, to: fd) } catch { failure = error; break }
                    at += part.count
                }
            }, background: {
                var at = 0
                while at < tail.count {
                    let part = UnsafeRawBufferPointer(rebasing: tail[at..<min(at + piece, tail.count)])
                    second.crc.update(part)
                    do { try AtomicFile.writeAll(part, to: fd, at: start + half + at) } catch {
                        second.failure = (error as? WriteFailure)?.message ?? "\(error)"
                        break
                    }
                    at += part.count
                }
            })
            if let failure { throw failure }
            if let message = second.failure { throw WriteFailure(message: message) }
            guard lseek(fd, off_t(start + bytes.count), SEEK_SET) >= 0 else { throw WriteFailure(message: String(cString: strerror(errno))) }
            crc.append(first, length: half)
            crc.append(second.crc, length: bytes.count - half)
            count += bytes.count
        }

        /// Overwrites bytes already accepted at `offset` (a header whose checksum is known only once
        /// the data after it has been streamed): in the buffer if still there, else in the file.
        /// - Throws: `AtomicFile.WriteFailure` with errno's text.
        public mutating func patch(at offset: Int, with bytes: [UInt8]) throws {
            precondition(offset >= 0 && offset + bytes.count <= count, "patch outside the bytes written")
            let flushed = count - buffer.count
            for (k, byte) in bytes.enumerated() where offset + k >= flushed { buffer[offset + k - flushed] = byte }
            let early = max(0, min(bytes.count, flushed - offset))
            if early > 0 { try bytes.withUnsafeBytes { try AtomicFile.writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<early]), to: fd, at: offset) } }
        }

        fileprivate mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            try buffer.withUnsafeBytes { try AtomicFile.writeAll($0, to: fd) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// A failed write(2): errno's text.
    struct WriteFailure: Error { let message: String }

    /// Writes a file atomically from a producer that streams its content into a `Sink` (temporary
    /// file + fsync + rename, as `write(_:to:)`): a large file is never held in memory whole. If the
    /// producer throws, the temporary file is removed and the destination is untouched.
    /// - Parameters:
    ///   - path: the destination.
    ///   - contents: writes the content.
    /// - Throws: `NetworkFileError.io` naming the path, or the producer's error.
    public static func write(to path: String, contents: (inout Sink) throws -> Void) throws {
        let target = try resolvingSymlinks(path)
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NetworkFileError.io(path: path, message: "directory \(directory) does not exist")
        }
        var existing = stat()
        let mode: mode_t? = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        if mode != nil, (existing.st_mode & S_IFMT) == S_IFDIR {
            throw NetworkFileError.io(path: path, message: "is a directory")
        }
        _ = ignoreFileSizeSignal
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        guard fd >= 0 else {
            throw NetworkFileError.io(path: path, message: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        var success = false
        var open_ = true
        defer {
            if open_ { close(fd) }
            if !success { unlink(temporary) }
        }
        var sink = Sink(fd: fd)
        do {
            try contents(&sink)
            try sink.flush()
        } catch let failure as WriteFailure {
            throw NetworkFileError.io(path: path, message: "write failed: \(failure.message)")
        }
        let moded = mode.map { fchmod(fd, $0) == 0 } ?? true
        let modeError = moded ? nil : String(cString: strerror(errno))
        let synced = moded && fsync(fd) == 0
        let syncError = synced ? nil : String(cString: strerror(errno))
        open_ = false
        let closed = close(fd) == 0
        guard moded else { throw NetworkFileError.io(path: path, message: "cannot keep the file's mode: \(modeError ?? "unknown error")") }
        guard synced else { throw NetworkFileError.io(path: path, message: "fsync failed: \(syncError ?? "unknown error")") }
        guard closed else { throw NetworkFileError.io(path: path, message: "close failed: \(String(cString: strerror(errno)))") }
        if mode != nil, existing.st_nlink > 1 {
            // A file with several hard links: renaming would detach this name from the others, so
            // the complete, synced copy is written into the file itself (every link sees it).
            try rewriteInPlace(target: target, path: path, completeCopy: temporary, size: sink.count)
            return  // the temporary file is removed by the deferred unlink
        }
        guard rename(temporary, target) == 0 else {
            throw NetworkFileError.io(path: path, message: "cannot replace the file: \(String(cString: strerror(errno)))")
        }
        success = true
    }

    /// Overwrites a hard-linked file in place (truncate, copy the complete temporary file, fsync). Not
    /// atomic: if it fails part way, the error says so and keeps the complete new content at `completeCopy`.
    private static func rewriteInPlace(target: String, path: String, completeCopy: String, size: Int) throws {
        let source = open(completeCopy, O_RDONLY)
        guard source >= 0 else {
            throw NetworkFileError.io(path: path, message: "cannot reopen the new content for rewriting the hard-linked file: \(String(cString: strerror(errno)))")
        }
        defer { close(source) }
        let fd = open(target, O_WRONLY | O_TRUNC)
        guard fd >= 0 else {
            throw NetworkFileError.io(path: path, message: "cannot open the hard-linked file for rewriting: \(String(cString: strerror(errno)))")
        }
        var written = 0
        var error: String?
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while written < size && error == nil {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(source, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { error = n < 0 ? String(cString: strerror(errno)) : "the new content is shorter than written"; break }
            do { try chunk.withUnsafeBytes { try writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n]), to: fd) }; written += n } catch let failure as WriteFailure {
                error = failure.message
            } catch { }
        }
        let synced = error == nil && fsync(fd) == 0
        close(fd)
        guard error == nil, synced else {
            // Keep the complete copy: rename it to a name the user can find.
            let kept = target + ".new"
            let message = rename(completeCopy, kept) == 0 ? "the complete new content is in \(kept)" : "the new content is lost"
            throw NetworkFileError.io(path: path, message: "rewriting the hard-linked file failed after \(written) of \(size) bytes (\(error ?? "fsync failed")); it is damaged, \(message)")
        }
    }

    /// Writes all of `bytes` to `fd` at the file offset, or with `pwrite` at `offset` without moving it
    /// (retrying short writes and EINTR).
    fileprivate static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32, at offset: Int? = nil) throws {
        var written = 0
        while written < raw.count {
            let n = offset.map { pwrite(fd, raw.baseAddress! + written, raw.count - written, off_t($0 + written)) }
                ?? Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
            if n < 0 { if errno == EINTR { continue }; throw WriteFailure(message: String(cString: strerror(errno))) }
            if n == 0 { throw WriteFailure(message: String(cString: strerror(ENOSPC))) }
            written += n
        }
    }

    /// Ignores SIGXFSZ once, so that exceeding a file-size limit fails a write (EFBIG) instead of
    /// terminating the process with the temporary file left behind.
    private static let ignoreFileSizeSignal: Void = {
        signal(SIGXFSZ, SIG_IGN)
    }()

    /// Writes UTF-8 text atomically.
    public static func write(text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
