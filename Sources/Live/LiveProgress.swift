import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a live fetch tells its observer while it runs.
public enum LiveEvent: Sendable {
    /// The projects this run (shard) will scan are known.
    case scopeResolved(projects: Int)
    case projectStarted(parent: String)
    case pageFetched(parent: String, assets: Int)
    case retrying(parent: String, RetryRecord)
    case projectFinished(ProjectOutcome)
    /// Sent on a timer while anything is in flight, so long scans show they are alive.
    case heartbeat
    case finished
}

/// Observes a fetch (progress display, tests).
public protocol LiveProgress: Sendable {
    func handle(_ event: LiveEvent)
    /// Seconds between `.heartbeat` events; nil for none.
    var heartbeatInterval: Double? { get }
}

/// Progress on stderr. On a terminal: one line redrawn in place (projects done/total,
/// assets, rate, in flight). Otherwise (CI logs, Cloud Run logs): a line per finished
/// project, per retry, and a heartbeat line when nothing else was written for a while.
/// `quiet` writes nothing.
public final class StderrProgress: LiveProgress, @unchecked Sendable {
    public enum Mode: Sendable { case terminal, lines, quiet }

    public let mode: Mode
    public let heartbeatInterval: Double?
    private let write: @Sendable (String) -> Void
    private let clock: any LiveClock
    private let lock = NSLock()
    // Guarded by `lock`.
    private var total = 0
    private var done = 0
    private var failed = 0
    private var assets = 0
    private var inFlight = 0
    private var started: Double?
    private var lastDraw = -Double.infinity
    private var lastLine: Double = 0

    /// `mode` nil: a terminal when stderr is one (and `TERM` is not `dumb`), else lines.
    public init(mode: Mode? = nil, clock: any LiveClock = SystemClock(), heartbeat: Double = 30,
                write: (@Sendable (String) -> Void)? = nil) {
        let m = mode ?? (StderrProgress.stderrIsTerminal ? .terminal : .lines)
        self.mode = m
        self.clock = clock
        self.heartbeatInterval = m == .lines ? heartbeat : (m == .terminal ? 1 : nil)
        self.write = write ?? { s in FileHandle.standardError.write(Data(s.utf8)) }
    }

    public static var stderrIsTerminal: Bool {
        isatty(2) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    public func handle(_ event: LiveEvent) {
        guard mode != .quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = clock.monotonicSeconds()
        if started == nil { started = now }
        switch event {
        case .scopeResolved(let n):
            total = n
            if mode == .lines { line("tollgate live: scanning \(n) project\(n == 1 ? "" : "s")", now) }
        case .projectStarted:
            inFlight += 1
        case .pageFetched(_, let n):
            assets += n
        case .retrying(let parent, let r):
            if mode == .lines { line("tollgate live: \(parent): \(r)", now) }
        case .projectFinished(let o):
            inFlight = max(0, inFlight - 1)
            if o.parent.hasPrefix("projects/") { done += 1 }
            if o.isFailure { failed += 1 }
            if mode == .lines {
                let counter = o.parent.hasPrefix("projects/") ? "[\(done)/\(total)] " : ""
                line("tollgate live: \(counter)\(o.summary) (\(Self.seconds(o.seconds)))", now)
            }
        case .heartbeat:
            if mode == .lines, now - lastLine >= (heartbeatInterval ?? 30) * 0.9 {
                line("tollgate live: still scanning: \(statusText(now))", now)
            }
        case .finished:
            if mode == .terminal {
                write("\r\u{1B}[2K" + "tollgate live: " + statusText(now) + "\n")
            } else {
                line("tollgate live: done: \(statusText(now))", now)
            }
            return
        }
        if mode == .terminal, now - lastDraw >= 0.1 || isFinish(event) {
            lastDraw = now
            write("\r\u{1B}[2K" + "tollgate live: " + statusText(now))
        }
    }

    private func isFinish(_ e: LiveEvent) -> Bool { if case .projectFinished = e { true } else { false } }

    private func line(_ s: String, _ now: Double) {
        lastLine = now
        write(s + "\n")
    }

    private func statusText(_ now: Double) -> String {
        let elapsed = max(0.001, now - (started ?? now))
        var s = "\(done)/\(total) projects"
        if failed > 0 { s += " (\(failed) failed)" }
        s += ", \(Self.grouped(assets)) assets, \(Self.grouped(Int((Double(assets) / elapsed).rounded()))) assets/s"
        if inFlight > 0 { s += ", \(inFlight) in flight" }
        return s
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    static func seconds(_ s: Double) -> String { String(format: "%.1f s", s) }
}
