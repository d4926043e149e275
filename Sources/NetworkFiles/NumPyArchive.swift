import Foundation
import ZIPFoundation

/// NumPy `.npz` archives: a zip file of `.npy` members (as `np.savez` / `np.savez_compressed` write).
///
/// Members are keyed by their name without the `.npy` suffix. Stored and deflated members are read;
/// archives are written uncompressed, like `np.savez`.
public enum NumPyArchive {
    /// Reads every `.npy` member of an archive given as bytes. `name` appears in error messages.
    public static func decode(_ bytes: [UInt8], name: String = "archive") throws -> [String: NumPyArray] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw NetworkFileError.invalidNumPy(file: name, message: "not a readable zip (.npz) archive")
        }
        var arrays: [String: NumPyArray] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            do {
                _ = try archive.extract(entry) { data.append($0) }
            } catch {
                throw NetworkFileError.invalidNumPy(file: "\(name):\(entry.path)", message: "cannot extract the member (\(error))")
            }
            guard entry.path.hasSuffix(".npy") else {
                throw NetworkFileError.invalidNumPy(file: "\(name):\(entry.path)", message: "member is not a .npy file")
            }
            let key = String(entry.path.dropLast(4))
            arrays[key] = try NumPyFormat.decode(Array(data), name: "\(name):\(entry.path)")
        }
        return arrays
    }

    /// Encodes arrays as an `.npz` archive (members `<key>.npy`, in sorted key order).
    public static func encode(_ arrays: [String: NumPyArray]) throws -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw NetworkFileError.io(path: "archive", message: "cannot create a zip archive in memory (\(error))")
        }
        for key in arrays.keys.sorted() {
            let member = Data(try NumPyFormat.encode(arrays[key]!))
            do {
                try archive.addEntry(with: key + ".npy", type: .file, uncompressedSize: Int64(member.count),
                                     modificationDate: Date(timeIntervalSince1970: 315_532_800),
                                     compressionMethod: .none) { position, size in
                    member.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw NetworkFileError.io(path: key + ".npy", message: "cannot add the member to the archive (\(error))")
            }
        }
        guard let data = archive.data else {
            throw NetworkFileError.io(path: "archive", message: "the zip archive has no data")
        }
        return Array(data)
    }

    /// Reads an `.npz` file.
    public static func read(_ path: String) throws -> [String: NumPyArray] {
        try decode(try AtomicFile.read(path), name: path)
    }

    /// Writes an `.npz` file atomically.
    public static func write(_ arrays: [String: NumPyArray], to path: String) throws {
        try AtomicFile.write(try encode(arrays), to: path)
    }
}
