/// A problem with the input or with the tool — never a policy result (that is a `Finding`).
/// Parsers return diagnostics instead of throwing; they throw only for I/O and configuration errors.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 2
            case .warning: 1
            case .note: 0
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// One line, no trailing period (HCL style: "Missing newline after argument").
    public var summary: String
    /// Longer explanation; may be empty.
    public var detail: String
    /// Where; nil only for problems with no location (e.g. a missing file).
    public var range: SourceRange?
    /// A stable identifier for problems later stages act on by kind (e.g.
    /// `module-not-installed`, which the scan reports as a coverage gap even though Terraform
    /// evaluation itself goes on); nil for most.
    public var code: String?

    public init(severity: Severity = .error, summary: String, detail: String = "", range: SourceRange? = nil, code: String? = nil) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.range = range
        self.code = code
    }

    public static func error(_ summary: String, detail: String = "", at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(severity: .error, summary: summary, detail: detail, range: range)
    }

    public static func warning(_ summary: String, detail: String = "", at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(severity: .warning, summary: summary, detail: detail, range: range)
    }

    /// `file:line:col: severity: summary; detail` — the rendering used on the console.
    public var description: String {
        var s = ""
        if let r = range { s += "\(r.filename):\(r.start.line):\(r.start.column): " }
        s += "\(severity.rawValue): \(summary)"
        if !detail.isEmpty { s += "; \(detail)" }
        return s
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics with `code` on every error that has none (a stage labels what it
    /// produced: the parser's errors are `parse-error`, evaluation's `evaluation-error`).
    public func coded(_ code: String) -> [Diagnostic] {
        map { d in
            guard d.severity == .error, d.code == nil else { return d }
            var c = d
            c.code = code
            return c
        }
    }
}

extension Diagnostic {
    /// Codes the stages give, which the scan maps to coverage-gap kinds.
    public enum Code {
        public static let parseError = "parse-error"
        public static let evaluationError = "evaluation-error"
        public static let unreadable = "unreadable"
        public static let moduleNotInstalled = "module-not-installed"
    }
}
