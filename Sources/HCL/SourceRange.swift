/// A position in a source file. Nodes store byte offsets only; a `SourcePosition`
/// (with line and column) is made from a `LineTable` when a diagnostic or finding is rendered.
public struct SourcePosition: Hashable, Sendable, Codable, Comparable {
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as SARIF's `unicodeCodePoints` column kind).
    public var column: Int
    /// 0-based byte offset into the file's UTF-8 bytes.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
}

/// A half-open range `[start, end)` in one file, with line and column resolved.
public struct SourceRange: Hashable, Sendable, Codable {
    /// The path of the file as the user gave it (relative to the scan root where possible).
    public var filename: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(filename: String, start: SourcePosition, end: SourcePosition) {
        self.filename = filename
        self.start = start
        self.end = end
    }

    /// `file:line:column`, the form every error message uses.
    public var description: String { "\(filename):\(start.line):\(start.column)" }
}

/// Maps byte offsets of one file to line and column. Built once per file (one pass over
/// the bytes); lookups are a binary search.
public struct LineTable: Sendable {
    public let filename: String
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    private let bytes: [UInt8]

    public init(filename: String, bytes: [UInt8]) {
        self.filename = filename
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        for i in bytes.indices where bytes[i] == 0x0A {
            starts.append(i + 1)
        }
        lineStarts = starts
    }

    public init(filename: String, text: String) {
        self.init(filename: filename, bytes: Array(text.utf8))
    }

    /// Line and column of a byte offset (clamped to the file).
    public func position(of offset: Int) -> SourcePosition {
        let off = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        // Column counts Unicode scalars: every byte that is not a UTF-8 continuation byte.
        var column = 1
        var i = lineStarts[lo]
        while i < off {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(line: lo + 1, column: column, offset: off)
    }

    /// The file's bytes, for callers that resolve many positions in one pass.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    public func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(filename: filename, start: position(of: start), end: position(of: end))
    }
}
