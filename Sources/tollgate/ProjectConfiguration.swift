import Foundation
import HCL
import Yams

/// `.tollgate.yaml`: the project's scan settings, found in the scanned root or given with
/// `--config`. Command-line options override it. Unknown keys and wrong types are errors
/// with file:line:column (a typo in a governance file must never be silently ignored).
///
/// ```yaml
/// env: prod
/// profile: interviewlm
/// fail-on: high                  # critical | high | medium | low | none
/// undetermined: report           # report | fail
/// formats: [console, sarif, markdown]
/// output: reports/
/// inline-suppressions: true      # false: only this file may waive findings
/// policies:
///   include: ["TG-SQL-*"]         # globs over policy ids; default: all
///   exclude: ["TG-KMS-003"]
/// params:                        # profile parameter overrides
///   all: {minLogRetentionDays: 45}
///   prod: {minLogRetentionDays: 365}
/// suppressions:
///   - policy: TG-SQL-001            # or policies: [...]; "*" for all
///     resource: "module.db.google_sql_database_instance.*"  # or asset: "//cloudsql.googleapis.com/*"
///     reason: "Migration window, tracked in SEC-123"
///     expires: 2027-03-31
///     owner: team-data
/// ```
struct ProjectConfiguration: Sendable, Equatable {
    var env: String?
    var profile: String?
    var failOn: String?
    var undetermined: String?
    var formats: [String]?
    var output: String?
    var inlineSuppressions: Bool?
    var include: [String] = []
    var exclude: [String] = []
    /// Environment name (or `all`) → parameter name → value.
    var params: [String: [String: Value]] = [:]
    /// Whether a `suppressions:` list is present; its entries are parsed and validated by
    /// `SuppressionRule.parseConfig` (Policy), the one reader of suppression rules.
    var hasSuppressions = false
    var path: String = ""

    static let fileName = ".tollgate.yaml"

    /// Reads and validates a configuration file. I/O failures throw; content problems are
    /// returned as diagnostics (and the valid parts are kept).
    static func load(path: String) throws -> (ProjectConfiguration, [Diagnostic]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) -> (ProjectConfiguration, [Diagnostic]) {
        var config = ProjectConfiguration()
        config.path = path
        var diags: [Diagnostic] = []
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diags.append(.error("Invalid YAML", detail: "\(error)", at: Self.range(path, Self.mark(of: error))))
            return (config, diags)
        } catch {
            diags.append(.error("Invalid YAML", detail: "\(error)", at: Self.range(path, nil)))
            return (config, diags)
        }
        guard let root else { return (config, diags) }  // empty file: all defaults
        guard case .mapping(let top) = root else {
            diags.append(.error("Expected a mapping at the top of \(fileName)", at: Self.range(path, root.mark)))
            return (config, diags)
        }
        var reader = Reader(path: path)
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "env": config.env = reader.string(value, key)
            case "profile": config.profile = reader.string(value, key)
            case "fail-on":
                config.failOn = reader.string(value, key, allowed: ["critical", "high", "medium", "low", "info", "none"])
            case "undetermined": config.undetermined = reader.string(value, key, allowed: ["report", "fail"])
            case "formats":
                config.formats = reader.strings(value, key, allowed: ["console", "sarif", "markdown", "json", "junit"])
            case "output": config.output = reader.string(value, key)
            case "inline-suppressions": config.inlineSuppressions = reader.bool(value, key)
            case "policies":
                for (k, v) in reader.mapping(value, key) {
                    switch k.string ?? "" {
                    case "include": config.include = reader.strings(v, "policies.include") ?? []
                    case "exclude": config.exclude = reader.strings(v, "policies.exclude") ?? []
                    default: reader.unknownKey(k, in: "policies", known: ["include", "exclude"])
                    }
                }
            case "params":
                for (envNode, v) in reader.mapping(value, key) {
                    let envName = envNode.string ?? ""
                    var values: [String: Value] = [:]
                    for (pk, pv) in reader.mapping(v, "params.\(envName)") {
                        values[pk.string ?? ""] = Self.value(of: pv)
                    }
                    config.params[envName] = values
                }
            case "suppressions":
                // Parsed (with file:line errors) by the policy stage; only the shape is checked here.
                config.hasSuppressions = true
                if case .sequence = value {} else { reader.typeError(value, key, expected: "a list of suppressions") }
            default:
                reader.unknownKey(keyNode, in: "the top level", known: [
                    "env", "profile", "fail-on", "undetermined", "formats", "output", "inline-suppressions",
                    "policies", "params", "suppressions",
                ])
            }
        }
        diags += reader.diagnostics
        return (config, diags)
    }

    /// A YAML scalar or collection as a `Value` (YAML 1.1 core types as libyaml resolves them).
    static func value(of node: Node) -> Value {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .number(Number(i)) }
                if let d = node.float { return .number(Number(d)) }
                if node.null != nil { return .null }
            }
            return .string(s.string)
        case .sequence(let seq): return .tuple(seq.map(value(of:)))
        case .mapping(let m):
            var out: [String: Value] = [:]
            for (k, v) in m { out[k.string ?? ""] = value(of: v) }
            return .object(out)
        case .alias: return .null
        }
    }

    fileprivate static func range(_ path: String, _ mark: Mark?) -> SourceRange {
        let p = SourcePosition(line: mark?.line ?? 1, column: mark?.column ?? 1, offset: 0)
        return SourceRange(filename: path, start: p, end: p)
    }

    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark
        default: return nil
        }
    }

    /// Reads typed values from YAML nodes, collecting a diagnostic (with the node's line and
    /// column) for every wrong type instead of stopping at the first.
    fileprivate struct Reader {
        let path: String
        var diagnostics: [Diagnostic] = []

        mutating func typeError(_ node: Node, _ key: String, expected: String) {
            diagnostics.append(.error("Wrong type for \"\(key)\"", detail: "Expected \(expected).",
                                      at: ProjectConfiguration.range(path, node.mark)))
        }

        mutating func unknownKey(_ node: Node, in place: String, known: [String]) {
            diagnostics.append(.error("Unknown key \"\(node.string ?? "?")\" in \(place)",
                                      detail: "Known keys: \(known.joined(separator: ", ")).",
                                      at: ProjectConfiguration.range(path, node.mark)))
        }

        mutating func string(_ node: Node, _ key: String, allowed: [String]? = nil) -> String? {
            guard case .scalar(let s) = node else {
                typeError(node, key, expected: "a string")
                return nil
            }
            if let allowed, !allowed.contains(s.string) {
                diagnostics.append(.error("Invalid value \"\(s.string)\" for \"\(key)\"",
                                          detail: "Expected one of: \(allowed.joined(separator: ", ")).",
                                          at: ProjectConfiguration.range(path, node.mark)))
                return nil
            }
            return s.string
        }

        mutating func bool(_ node: Node, _ key: String) -> Bool? {
            guard case .scalar = node, let b = node.bool else {
                typeError(node, key, expected: "true or false")
                return nil
            }
            return b
        }

        mutating func strings(_ node: Node, _ key: String, allowed: [String]? = nil) -> [String]? {
            // A single string is accepted where a list is expected ("formats: sarif").
            if case .scalar = node { return string(node, key, allowed: allowed).map { [$0] } }
            guard case .sequence(let seq) = node else {
                typeError(node, key, expected: "a list of strings")
                return nil
            }
            return seq.compactMap { string($0, key, allowed: allowed) }
        }

        mutating func mapping(_ node: Node, _ key: String) -> [(Node, Node)] {
            guard case .mapping(let m) = node else {
                typeError(node, key, expected: "a mapping")
                return []
            }
            return m.map { ($0.key, $0.value) }
        }

    }

}
