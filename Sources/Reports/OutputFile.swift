import Foundation

/// Writes report files whole or not at all.
///
/// A regular file (or a new one) is written to a temporary file in the same directory, which is
/// then renamed over the target (an atomic step on POSIX file systems). If anything fails, the
/// temporary file is removed and the target is left as it was; while the temporary file exists,
/// SIGINT, SIGTERM and SIGHUP remove it before the process ends, and SIGXFSZ (a file size limit)
/// is turned into a write error. A target that exists and is not a regular file (a terminal,
/// `/dev/null`, a pipe) is written directly, never replaced by a file.
public enum OutputFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): error: cannot write the output file: \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws {
        var target = path
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw WriteError(path: path, reason: "it is a directory")
            case S_IFREG:
                // Through a symbolic link, the file it names is replaced, not the link.
                if let resolved = realpath(path, nil) {
                    target = String(cString: resolved)
                    free(resolved)
                }
            default: return try writeDirectly(text, to: path)
            }
        }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        var directoryInfo = stat()
        guard stat(directory, &directoryInfo) == 0, directoryInfo.st_mode & S_IFMT == S_IFDIR else {
            throw WriteError(path: path, reason: "directory \(directory) does not exist")
        }
        do {
            try writeReplacing(text, path: target, directory: directory, name: url.lastPathComponent)
        } catch let error as WriteError {
            throw WriteError(path: path, reason: error.reason)   // named as the user wrote it
        }
    }

    /// The reason for the last failed system call, as the system words it.
    static func lastError() -> String { String(cString: strerror(errno)) }

    /// Writes all of `bytes` to `fd`; the errno reason on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return lastError()
            }
            offset += n
        }
        return nil
    }

    static func writeDirectly(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { throw WriteError(path: path, reason: lastError()) }
        let failure = writeAll(fd, Array(text.utf8))
        let closed = close(fd) == 0 ? nil : lastError()
        if let reason = failure ?? closed { throw WriteError(path: path, reason: reason) }
    }

    static func writeReplacing(_ text: String, path: String, directory: String, name: String) throws {
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let guardian = TemporaryFileGuard()
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw WriteError(path: path, reason: "cannot create a file in \(directory): \(lastError())")
        }
        let temporary = String(cString: template)
        guardian.watch(temporary)
        defer { guardian.release() }
        // The new file gets the usual permissions (mkstemp makes it owner-only), or the old file's.
        var old = stat()
        let mode: mode_t
        if stat(path, &old) == 0 { mode = old.st_mode & 0o7777 } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        fchmod(fd, mode)
        var failure = writeAll(fd, Array(text.utf8))
        if close(fd) != 0, failure == nil { failure = lastError() }
        if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }
}

/// The temporary file being written, removed by the signal handlers if the process is stopped
/// while it exists. One report is written at a time.
nonisolated(unsafe) private var signalTemporaryPath: UnsafeMutablePointer<CChar>?

/// Installs the handlers while a temporary file exists, and puts the previous ones back.
private final class TemporaryFileGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    var previous: [(Int32, sighandler_t?)] = []
    var previousXFSZ: sighandler_t?
    var watching = false

    func watch(_ path: String) {
        signalTemporaryPath = strdup(path)
        for s in Self.signals {
            previous.append((s, signal(s, { sig in
                if let p = signalTemporaryPath { unlink(p) }
                signal(sig, SIG_DFL)
                raise(sig)
            })))
        }
        // Beyond a file size limit, write() fails with EFBIG instead of killing the process.
        previousXFSZ = signal(SIGXFSZ, SIG_IGN)
        watching = true
    }

    func release() {
        // Every handler goes back as it was, the default (a nil handler) included.
        for (s, handler) in previous { signal(s, handler) }
        if watching { signal(SIGXFSZ, previousXFSZ) }
        let p = signalTemporaryPath
        signalTemporaryPath = nil
        free(p)
    }
}
