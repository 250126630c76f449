import ArgumentParser
import Foundation
import Synchronization

/// --quiet, shared by the commands that report progress.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress lines on standard error (they appear only on a terminal, for runs over two seconds).")
    var quiet = false

    /// A progress line for `total` steps of `label`, shown only on a terminal and unless --quiet.
    func line(_ label: String, unit: String, total: Int) -> ProgressLine {
        ProgressLine(label: label, unit: unit, total: total, enabled: !quiet && isatty(2) == 1)
    }
}

/// Progress of a long run on standard error: "simulate: 12/30 replications, 5 s", once the run
/// has taken two seconds (`CLOUDPLAN_PROGRESS_AFTER` seconds when that is set), at most once a
/// second and at the end; nothing when not enabled (standard error is not a terminal, or
/// --quiet). Safe to call from any thread.
final class ProgressLine: Sendable {
    let label: String
    let unit: String
    let total: Int
    let enabled: Bool
    let start = ContinuousClock.now
    let last = Mutex(ContinuousClock.now)
    /// How long a run goes before its progress shows.
    let delay: Duration = ProgressLine.delayBeforeShowing()

    init(label: String, unit: String, total: Int, enabled: Bool) {
        self.label = label
        self.unit = unit
        self.total = total
        self.enabled = enabled
    }

    /// `CLOUDPLAN_PROGRESS_AFTER` seconds (0 to a day), else two seconds.
    static func delayBeforeShowing() -> Duration {
        let text = ProcessInfo.processInfo.environment["CLOUDPLAN_PROGRESS_AFTER"] ?? ""
        guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else { return .seconds(2) }
        return .milliseconds(Int(seconds * 1_000))
    }

    /// `done` of `total` steps are finished.
    func update(_ done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let show = last.withLock { last -> Bool in
            guard now - start >= delay, now - last > .seconds(1) || done == total else { return false }
            last = now
            return true
        }
        if show { printError("\(label): \(done)/\(total) \(unit), \(Int((now - start).components.seconds)) s") }
    }
}
