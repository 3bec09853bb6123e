extension PolicyPack {
    /// Version of the built-in pack, reported in every scan's scope. Bumped whenever a
    /// built-in policy's condition, severity or applicability changes, so an auditor can tell
    /// which rules a report was made with.
    package static let version = "2026.11.1"
}
