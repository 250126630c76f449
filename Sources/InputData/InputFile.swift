import CZlib
import Foundation
import Synchronization

/// Reads input files whole, inflating gzip (by its magic bytes, whatever the file is called).
/// Only regular files are read (not devices, pipes or directories), at most `maximumBytes` of
/// them, and gzip inflates to at most `maximumBytes`: no input takes unbounded memory or time.
public enum InputFile {
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path):1:1: error: \(reason)" }
    }

    /// The largest file read, and the most a gzip file may inflate to (256 MiB: the bundled
    /// data inflates to 15 MB at most; reading and parsing stay well under 1 GB of memory).
    public static let maximumBytes = 256 << 20

    /// The file's bytes as stored (no inflation), if it is a regular file of at most
    /// `maximumBytes`; the reason otherwise, in the system's words where it has them.
    public static func readRegular(_ path: String) throws(ReadError) -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw ReadError(path: path, reason: errno == ENOENT ? "file not found" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: InputFiles.record(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        case S_IFDIR: throw ReadError(path: path, reason: "is a directory, not a file")
        default: throw ReadError(path: path, reason: "is not a regular file (a device, pipe or socket)")
        }
        guard Int(info.st_size) <= maximumBytes else {
            throw ReadError(path: path, reason: "is larger than 256 MiB, more than cloudplan reads")
        }
        var data = Data(count: Int(info.st_size))
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            offset += n
        }
        if offset < data.count { data.removeSubrange(offset...) }
        return data
    }

    /// The file's bytes, inflated if they are gzip.
    public static func read(_ path: String) throws(ReadError) -> Data {
        let data = try readRegular(path)
        if data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b {
            do {
                return try Gzip.inflate(data, limit: maximumBytes)
            } catch {
                let message = (error as? Gzip.InflateError)?.message ?? "\(error)"
                throw ReadError(path: path, reason: message.hasPrefix("inflates") ? message : "corrupt gzip data (\(message))")
            }
        }
        return data
    }

    /// The file as UTF-8 text.
    public static func text(_ path: String) throws(ReadError) -> String {
        let data = try read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "the file is not valid UTF-8 text")
        }
        return text
    }
}

/// gzip (and zlib) inflation through zlib.
public enum Gzip {
    public struct InflateError: Error { public var message: String }

    /// Inflates every gzip member of `data`, refusing to produce more than `limit` bytes (a
    /// small file of zeros can inflate a thousandfold).
    public static func inflate(_ data: Data, limit: Int = Int.max) throws -> Data {
        var output = Data()
        var input = [UInt8](data)
        var offset = 0
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        while offset < input.count {
            var stream = z_stream()
            guard cloudplan_inflate_init_auto(&stream) == Z_OK else { throw InflateError(message: "cannot start zlib") }
            defer { inflateEnd(&stream) }
            var status: Int32 = Z_OK
            try input.withUnsafeMutableBufferPointer { inp in
                stream.next_in = inp.baseAddress! + offset
                stream.avail_in = uInt(inp.count - offset)
                repeat {
                    try buffer.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(chunk)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        guard status == Z_OK || status == Z_STREAM_END else {
                            throw InflateError(message: stream.msg.map { String(cString: $0) } ?? "status \(status)")
                        }
                        output.append(out.baseAddress!, count: chunk - Int(stream.avail_out))
                        if output.count > limit {
                            throw InflateError(message: "inflates to more than \(limit >> 20) MiB, more than cloudplan reads")
                        }
                    }
                } while status != Z_STREAM_END && stream.avail_in > 0
                if status != Z_STREAM_END { throw InflateError(message: "unexpected end of data") }
                offset = inp.count - Int(stream.avail_in)
            }
            // Skip padding after the last member.
            while offset < input.count && input[offset] == 0 { offset += 1 }
        }
        input.removeAll()
        return output
    }
}

/// Every regular file this process has read as input (by device and inode, so that another name
/// for the same file is the same file): an output may never replace one of them
/// (`OutputFile` refuses `plan S.yaml --output S.yaml`, or a merge's output over a part).
public enum InputFiles {
    private static let read = Mutex<Set<[UInt64]>>([])

    static func record(device: UInt64, inode: UInt64) {
        read.withLock { _ = $0.insert([device, inode]) }
    }

    /// Whether the file at `path` (if it exists) was read as an input.
    public static func wasRead(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return read.withLock { $0.contains([UInt64(info.st_dev), UInt64(info.st_ino)]) }
    }
}
