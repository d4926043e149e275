import Foundation

/// A file read in place: mapped read-only (mmap) when it is a regular file, read whole otherwise
/// (a pipe, a device). Archives are parsed from the mapping, so only the pages of the directory
/// and of the members decoded are touched; large members are copied out by `copy(_:to:crc:)`,
/// which gives each copied page back at once, so reading a file costs the arrays it holds, not
/// the file plus the arrays.
final class MappedFile: @unchecked Sendable {  // immutable after init; copies touch disjoint ranges
    /// The file's bytes.
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    private let owned: UnsafeMutableRawBufferPointer?

    /// Maps `path`; a file larger than `maxBytes` is refused before it is read, naming `option`.
    /// - Throws: `NetworkFileError` naming the path (missing, a directory, unreadable, too large).
    init(path: String, maxBytes: Int, option: String) throws {
        let fd = open(path, O_RDONLY)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            if fd >= 0 { close(fd) }
            // not a regular file (or not openable): the whole-file reader says why, or reads it
            let whole = try AtomicFile.read(path, maxBytes: maxBytes, option: option)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(whole.count, 1), alignment: 16)
            whole.withUnsafeBytes { buffer.copyMemory(from: $0) }
            owned = buffer
            bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<whole.count])
            mapping = nil
            mappedLength = 0
            return
        }
        defer { close(fd) }
        let size = Int(info.st_size)
        guard size <= maxBytes else {
            throw NetworkFileError.limitExceeded(file: path, message: "a file of \(size) bytes, above the limit \(option) \(maxBytes) (raise \(option) to read it)")
        }
        owned = nil
        guard size > 0 else {
            mapping = nil; mappedLength = 0
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw NetworkFileError.io(path: path, message: "cannot be mapped for reading: \(String(cString: strerror(errno)))")
        }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        mapping = base
        mappedLength = size
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let mapping { munmap(mapping, mappedLength) }
        owned?.deallocate()
    }

    /// Copies `bytes[range]` to `destination` in 4 MiB pieces, each added to `crc` while it is in
    /// cache, and releases the mapping's pages that lie wholly inside the range once copied (they
    /// stay in the page cache, not in this process).
    func copy(_ range: Range<Int>, to destination: UnsafeMutableRawPointer, crc: inout ZipCRC32) {
        let piece = 4 << 20
        var at = range.lowerBound
        while at < range.upperBound {
            let end = Swift.min(at + piece, range.upperBound)
            let source = UnsafeRawBufferPointer(rebasing: bytes[at..<end])
            destination.advanced(by: at - range.lowerBound).copyMemory(from: source.baseAddress!, byteCount: source.count)
            crc.update(source)
            release(at..<end)
            at = end
        }
    }

    /// Gives back the mapped pages wholly inside `range` (MADV_DONTNEED on a private read-only
    /// mapping: a later read faults them in again from the file).
    func release(_ range: Range<Int>) {
        guard let mapping, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound == mappedLength ? mappedLength : range.upperBound / page * page
        guard end > start else { return }
        _ = madvise(mapping.advanced(by: start), end - start, MADV_DONTNEED)
    }
}
