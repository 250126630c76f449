import CZlib
import Foundation

/// Reads input files whole, inflating gzip (by its magic bytes, whatever the file is called).
public enum InputFile {
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path):1:1: error: \(reason)" }
    }

    /// The file's bytes, inflated if they are gzip.
    public static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ReadError(path: path, reason: "file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: "cannot read the file")
        }
        if data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b {
            do {
                return try Gzip.inflate(data)
            } catch let error as Gzip.InflateError {
                throw ReadError(path: path, reason: "corrupt gzip data (\(error.message))")
            }
        }
        return data
    }

    /// The file as UTF-8 text.
    public static func text(_ path: String) throws -> String {
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

    /// Inflates every gzip member of `data`.
    public static func inflate(_ data: Data) throws -> Data {
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
