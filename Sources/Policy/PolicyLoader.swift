import Foundation
import HCL
import Yams

/// Reads policy files (docs/policy-language.md, docs/policy.schema.json). Never throws on
/// bad content: a bad file yields diagnostics with file:line:column and no policy, and the
/// other files still load — one bad custom policy never stops the pack.
package enum PolicyLoader {
    static let knownKeys: Set<String> = [
        "id", "title", "family", "severity", "resourceTypes", "condition", "applies", "environments", "profiles",
        "params", "controls", "message", "expected", "violations", "liveDecidable", "rationale", "remediation", "examples",
    ]
    static let exampleKeys: Set<String> = ["name", "compliant", "terraform", "address", "asset", "context", "environment", "profile"]
    /// Policy files larger than this are rejected (a policy is a few kilobytes).
    static let maxFileBytes = 1 << 20

    /// Parses one policy file.
    package static func parse(_ text: String, path: String, origin: PolicyDefinition.Origin = .builtIn) -> (PolicyDefinition?, [Diagnostic]) {
        if text.utf8.count > maxFileBytes {
            return (nil, [.error("policy file is larger than \(maxFileBytes) bytes", at: SourceRange(filename: path, start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0)))])
        }
        let (docOpt, parseDiags) = YAMLDocument.parse(text, path: path)
        guard let doc = docOpt else { return (nil, parseDiags) }
        var r = FieldReader(doc: doc)
        guard let entries = YAMLDocument.entries(doc.root) else {
            return (nil, [.error("a policy file must be a YAML mapping", at: doc.range(of: doc.root))])
        }
        for e in entries where !knownKeys.contains(e.key) {
            r.error("unknown field '\(e.key)' (see docs/policy-language.md)", e.keyNode)
        }
        let root = doc.root
        let id = r.string(root, "id", required: true)
        if let id, !isValidID(id) {
            r.error("policy id '\(id)' must match [A-Za-z][A-Za-z0-9_.-]*", YAMLDocument.value(root, for: "id"))
        }
        let title = r.string(root, "title", required: true)
        let family = r.enumValue(root, "family", Family.self)
        let severity = r.enumValue(root, "severity", Severity.self)
        let types = r.stringList(root, "resourceTypes", required: true) ?? []
        if types.isEmpty, YAMLDocument.value(root, for: "resourceTypes") != nil {
            r.error("resourceTypes must list at least one asset type", YAMLDocument.value(root, for: "resourceTypes"))
        }
        for (i, t) in types.enumerated() where !KnownAssetTypes.isKnown(t) {
            let node = YAMLDocument.value(root, for: "resourceTypes").flatMap { n -> Node? in
                if case .sequence(let s) = n, i < s.count { return s[i] }
                return n
            }
            r.error("unknown resource type '\(t)' (not a Cloud Asset Inventory asset type Tollgate knows; see KnownAssetTypes)", node)
        }
        let condition = r.string(root, "condition", required: true)
        let applies = r.string(root, "applies")
        let environments = r.stringList(root, "environments")
        let profiles = r.stringList(root, "profiles")
        let params = r.stringList(root, "params") ?? []
        let controls = r.controls(root)
        let message = r.string(root, "message")
        let expected = r.string(root, "expected")
        let violations = r.string(root, "violations")
        let liveDecidable = r.bool(root, "liveDecidable") ?? true
        let rationale = r.string(root, "rationale", required: true)
        let remediation = r.string(root, "remediation", required: true)
        let examples = r.examples(root)

        guard let id, let title, let family, let severity, let condition, let rationale, let remediation,
              !r.diagnostics.hasErrors else {
            return (nil, r.diagnostics)
        }
        let policy = PolicyDefinition(
            id: id, title: title, family: family, severity: severity, resourceTypes: types, condition: condition.trimmed,
            applies: applies?.trimmed, environments: environments, profiles: profiles, params: params, controls: controls,
            message: message?.trimmed, expected: expected?.trimmed, violations: violations?.trimmed, liveDecidable: liveDecidable,
            rationale: rationale.trimmed, remediation: remediation, examples: examples, origin: origin, path: path,
            conditionRange: doc.range(of: YAMLDocument.value(root, for: "condition")),
            appliesRange: YAMLDocument.value(root, for: "applies").map { doc.range(of: $0) },
            violationsRange: YAMLDocument.value(root, for: "violations").map { doc.range(of: $0) },
            range: doc.range(of: YAMLDocument.value(root, for: "id")))
        var located = policy
        located.conditionLocator = doc.locator(of: YAMLDocument.value(root, for: "condition"))
        located.appliesLocator = doc.locator(of: YAMLDocument.value(root, for: "applies"))
        located.violationsLocator = doc.locator(of: YAMLDocument.value(root, for: "violations"))
        return (located, r.diagnostics)
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, (first >= 65 && first <= 90) || (first >= 97 && first <= 122) else { return false }
        return id.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 45
        }
    }
}

/// Reads typed fields from a YAML mapping, collecting one diagnostic per problem.
struct FieldReader {
    let doc: YAMLDocument
    var diagnostics: [Diagnostic] = []

    mutating func error(_ message: String, _ node: Node?) {
        diagnostics.append(.error(message, at: doc.range(of: node)))
    }

    mutating func string(_ map: Node?, _ key: String, required: Bool = false) -> String? {
        guard let n = YAMLDocument.value(map, for: key) else {
            if required { error("missing required field '\(key)'", map) }
            return nil
        }
        guard case .scalar(let s) = n, Node.scalar(s).tag.rawValue != Tag.Name.null.rawValue else {
            error("'\(key)' must be a string", n)
            return nil
        }
        if required, s.string.trimmed.isEmpty {
            error("'\(key)' must not be empty", n)
            return nil
        }
        return s.string
    }

    mutating func bool(_ map: Node?, _ key: String) -> Bool? {
        guard let n = YAMLDocument.value(map, for: key) else { return nil }
        guard case .scalar(let s) = n, Node.scalar(s).tag.rawValue == Tag.Name.bool.rawValue, let b = Bool.construct(from: s) else {
            error("'\(key)' must be true or false", n)
            return nil
        }
        return b
    }

    mutating func stringList(_ map: Node?, _ key: String, required: Bool = false) -> [String]? {
        guard let n = YAMLDocument.value(map, for: key) else {
            if required { error("missing required field '\(key)'", map) }
            return nil
        }
        guard case .sequence(let seq) = n else {
            error("'\(key)' must be a list of strings", n)
            return nil
        }
        var out: [String] = []
        for item in seq {
            guard case .scalar(let s) = item else {
                error("'\(key)' entries must be strings", item)
                continue
            }
            out.append(s.string)
        }
        return out
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ map: Node?, _ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = string(map, key, required: true) else { return nil }
        guard let v = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            error("'\(key)' is '\(raw)'; expected one of: \(allowed)", YAMLDocument.value(map, for: key))
            return nil
        }
        return v
    }

    mutating func controls(_ map: Node?) -> [String: [String]] {
        guard let n = YAMLDocument.value(map, for: "controls") else { return [:] }
        guard let entries = YAMLDocument.entries(n) else {
            error("'controls' must map a framework to a list of control ids", n)
            return [:]
        }
        var out: [String: [String]] = [:]
        for e in entries {
            guard case .sequence(let seq) = e.value else {
                error("controls of '\(e.key)' must be a list", e.value)
                continue
            }
            out[e.key] = seq.compactMap { $0.scalar?.string }
        }
        return out
    }

    mutating func examples(_ map: Node?) -> [PolicyExample] {
        guard let n = YAMLDocument.value(map, for: "examples") else {
            error("missing required field 'examples'", map)
            return []
        }
        guard case .sequence(let seq) = n else {
            error("'examples' must be a list", n)
            return []
        }
        var out: [PolicyExample] = []
        for item in seq {
            guard let entries = YAMLDocument.entries(item) else {
                error("an example must be a mapping", item)
                continue
            }
            for e in entries where !PolicyLoader.exampleKeys.contains(e.key) {
                error("unknown example field '\(e.key)'", e.keyNode)
            }
            guard let compliant = bool(item, "compliant") else {
                if YAMLDocument.value(item, for: "compliant") == nil { error("an example needs 'compliant: true|false'", item) }
                continue
            }
            let terraform = string(item, "terraform")
            var asset: Value?
            if let a = YAMLDocument.value(item, for: "asset") {
                asset = assetValue(a)
            }
            var context: [Value] = []
            if let c = YAMLDocument.value(item, for: "context") {
                if case .sequence(let cs) = c {
                    context = cs.compactMap { assetValue($0) }
                } else {
                    error("'context' must be a list of assets", c)
                }
            }
            if terraform == nil && asset == nil {
                error("an example needs 'terraform' or 'asset'", item)
                continue
            }
            out.append(PolicyExample(
                name: string(item, "name"), compliant: compliant, terraform: terraform, address: string(item, "address"),
                asset: asset, context: context, environment: string(item, "environment"), profile: string(item, "profile"),
                range: doc.range(of: item)))
        }
        if !out.isEmpty {
            if !out.contains(where: \.compliant) { error("'examples' needs at least one compliant example", n) }
            if !out.contains(where: { !$0.compliant }) { error("'examples' needs at least one non-compliant example", n) }
        }
        return out
    }

    mutating func assetValue(_ node: Node) -> Value? {
        guard let v = YAMLDocument.toValue(node), let attrs = v.attributes else {
            error("an asset must be a mapping (name, assetType, resource.data, iamPolicy…)", node)
            return nil
        }
        guard attrs["name"]?.stringValue != nil, attrs["assetType"]?.stringValue != nil else {
            error("an asset needs 'name' and 'assetType'", node)
            return nil
        }
        return v
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
