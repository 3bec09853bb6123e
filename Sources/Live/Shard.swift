import Foundation

/// One of `count` disjoint slices of a scan's sorted project list, so an organization can
/// be scanned by N machines at once (a Cloud Run Job with N tasks, a CI matrix) and the
/// results merged. Indexes are 0-based, as Cloud Run's `CLOUD_RUN_TASK_INDEX` is.
///
/// Assignment is round-robin over the sorted, de-duplicated project list (project *k* goes
/// to shard *k mod N*): deterministic for a given list, and shard sizes differ by at most one.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw LiveError.configuration("shard count must be at least 1 (got \(count))") }
        guard index >= 0, index < count else {
            throw LiveError.configuration("shard index must be in 0...\(count - 1) (got \(index)); indexes are 0-based")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else { throw LiveError.configuration("--shard expects I/N with 0 <= I < N (got \"\(text)\")") }
        try self.init(index: i, count: n)
    }

    /// `--shard` when given, else Cloud Run Jobs' `CLOUD_RUN_TASK_INDEX` and
    /// `CLOUD_RUN_TASK_COUNT`, else no sharding. A count of 1 means no sharding.
    public static func resolve(flag: String?, environment: [String: String]) throws -> Shard? {
        if let flag { return try Shard(parsing: flag) }
        guard let i = environment["CLOUD_RUN_TASK_INDEX"], let n = environment["CLOUD_RUN_TASK_COUNT"] else { return nil }
        guard let index = Int(i), let count = Int(n) else {
            throw LiveError.configuration("CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT are not integers (\"\(i)\", \"\(n)\")")
        }
        let s = try Shard(index: index, count: count)
        return count == 1 ? nil : s
    }

    /// This shard's part of `projects` (sorted and de-duplicated first).
    public func select(_ projects: [String]) -> [String] {
        let sorted = Array(Set(projects)).sorted()
        return sorted.enumerated().compactMap { $0.offset % count == index ? $0.element : nil }
    }

    public var description: String { "\(index)/\(count)" }
}
