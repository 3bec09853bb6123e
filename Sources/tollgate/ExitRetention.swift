/// Values kept until the process exits instead of being freed: the scan result of a large
/// scan is hundreds of thousands of findings and freeing them one by one took half a second
/// after the reports were already written — work the operating system does at once when the
/// process ends (compilers skip freeing their trees at exit for the same reason). Only for
/// values that die just before the command returns.
enum ExitRetention {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: consuming some Any) {
        kept.append(value)
    }
}
