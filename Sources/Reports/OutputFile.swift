import Foundation
import InputData

/// Writes report files whole or not at all.
///
/// A regular file (or a new one) is written to an unnamed file in the same directory (Linux's
/// `O_TMPFILE`), synced to disk, then linked in: under the target's name when there is no file
/// yet, else under a temporary name renamed over the target at once (an atomic step on POSIX
/// file systems). A process killed while writing (even by SIGKILL) leaves nothing behind; only
/// the instant between linking and renaming holds a named temporary file, and SIGINT, SIGTERM
/// and SIGHUP remove it then. Where `O_TMPFILE` is not supported, a named temporary file is
/// written instead (removed by those signals too). SIGXFSZ (a file size limit) is turned into a
/// write error. A target that exists and is not a regular file (a terminal, `/dev/null`, a pipe)
/// is written directly, never replaced by a file. A target that is one of the run's input files
/// (`InputFiles`) is refused.
public enum OutputFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            path == OutputFile.standardOutputName ? "\(path): error: cannot write: \(reason)" : "\(path): error: cannot write the output file: \(reason)"
        }
    }

    static let standardOutputName = "standard output"

    /// Writes `text` to standard output whole (through `write(2)`, not a buffer whose failure
    /// would go unseen); a failure (a full disk, `/dev/full`, a closed pipe) is an error.
    public static func writeStandardOutput(_ text: String) throws(WriteError) {
        try writeStandardOutput(bytes: Array(text.utf8))
    }

    /// Writes `bytes` to standard output whole (an XLSX workbook).
    public static func writeStandardOutput(bytes: [UInt8]) throws(WriteError) {
        if let reason = writeAll(STDOUT_FILENO, bytes) { throw WriteError(path: standardOutputName, reason: reason) }
    }

    public static func write(_ text: String, to path: String) throws { try write(bytes: Array(text.utf8), to: path) }

    /// Writes `bytes` to `path`, whole or not at all (the rules of `write(_:to:)`).
    public static func write(bytes text: [UInt8], to path: String) throws {
        if InputFiles.wasRead(path) {
            throw WriteError(path: path, reason: "it is one of this run's input files (it would be destroyed); give another output")
        }
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

    static func writeDirectly(_ text: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC)
        guard fd >= 0 else { throw WriteError(path: path, reason: lastError()) }
        let failure = writeAll(fd, text)
        let closed = close(fd) == 0 ? nil : lastError()
        if let reason = failure ?? closed { throw WriteError(path: path, reason: reason) }
    }

    /// The new file's permissions: the old file's, or the usual ones under the umask.
    static func mode(replacing path: String) -> mode_t {
        var old = stat()
        if stat(path, &old) == 0 { return old.st_mode & 0o7777 }
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; Glibc's module does not export it).
    static let openTemporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY

    static func writeReplacing(_ text: [UInt8], path: String, directory: String, name: String) throws {
        let fd = open(directory, openTemporaryFile | O_WRONLY, mode(replacing: path))
        guard fd >= 0 else { return try writeThroughNamedFile(text, path: path, directory: directory, name: name) }
        var failure = writeAll(fd, text)
        if failure == nil { fchmod(fd, mode(replacing: path)) }
        if failure == nil, fsync(fd) != 0 { failure = lastError() }
        if let failure {
            close(fd)
            throw WriteError(path: path, reason: failure)
        }
        let linked = link(fd, as: path, directory: directory, name: name)
        close(fd)
        switch linked {
        case .done: return
        case .failed(let reason): throw WriteError(path: path, reason: reason)
        case .unsupported: try writeThroughNamedFile(text, path: path, directory: directory, name: name)
        }
    }

    enum LinkOutcome { case done, failed(String), unsupported }

    /// Gives the unnamed file `fd` the name `path`: directly if nothing has it, else through a
    /// temporary name renamed over it. `.unsupported` where the file cannot be linked by its
    /// `/proc/self/fd` name (no /proc).
    static func link(_ fd: Int32, as path: String, directory: String, name: String) -> LinkOutcome {
        let source = "/proc/self/fd/\(fd)"
        if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return .done }
        guard errno == EEXIST else { return errno == ENOENT || errno == EXDEV || errno == EPERM ? .unsupported : .failed(lastError()) }
        for attempt in 0..<100 {
            let temporary = "\(directory)/.\(name).tmp-\(getpid())-\(attempt)"
            guard linkat(AT_FDCWD, source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                if errno == EEXIST { continue }
                return .failed(lastError())
            }
            let guardian = TemporaryFileGuard()
            guardian.watch(temporary)
            defer { guardian.release() }
            guard rename(temporary, path) == 0 else {
                let reason = lastError()
                unlink(temporary)
                return .failed(reason)
            }
            return .done
        }
        return .failed("no free temporary name in \(directory)")
    }

    /// The fallback without `O_TMPFILE`: a named temporary file, renamed over the target.
    static func writeThroughNamedFile(_ text: [UInt8], path: String, directory: String, name: String) throws {
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
        fchmod(fd, mode(replacing: path))
        var failure = writeAll(fd, text)
        if failure == nil, fsync(fd) != 0 { failure = lastError() }
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
