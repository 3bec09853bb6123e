import HCL
import Yams

/// One waiver of one or more policies for matching assets: an inline comment in a resource
/// block (`# tollgate:ignore TG-SQL-001 reason="…" expires=2027-03-31`) or an entry of
/// `.tollgate.yaml`. A reason is required; after `expires` the waiver no longer applies.
package struct SuppressionRule: Hashable, Sendable {
    package var kind: Suppression.Kind
    /// Policy ids, or `["*"]` for every policy.
    package var policyIDs: [String]
    /// Terraform address glob (`module.db.google_sql_database_instance.*`); nil = any.
    package var addressGlob: String?
    /// CAI asset name glob (`//cloudsql.googleapis.com/projects/*/instances/dev-*`); nil = any.
    package var assetGlob: String?
    package var reason: String
    /// `YYYY-MM-DD`, nil = never expires.
    package var expires: String?
    package var owner: String?
    package var range: SourceRange?

    package init(kind: Suppression.Kind, policyIDs: [String], addressGlob: String? = nil, assetGlob: String? = nil,
                 reason: String, expires: String? = nil, owner: String? = nil, range: SourceRange? = nil) {
        self.kind = kind
        self.policyIDs = policyIDs
        self.addressGlob = addressGlob
        self.assetGlob = assetGlob
        self.reason = reason
        self.expires = expires
        self.owner = owner
        self.range = range
    }

    package func covers(policyID: String) -> Bool {
        policyIDs.contains("*") || policyIDs.contains(policyID)
    }

    /// Inline rules are already scoped to their resource block; config rules match by glob.
    package func matches(address: String?, assetName: String) -> Bool {
        if kind == .inline { return true }
        if let g = addressGlob {
            guard let address, Glob.matches(g, address) else { return false }
        }
        if let g = assetGlob, !Glob.matches(g, assetName) { return false }
        return true
    }

    /// True when `today` (YYYY-MM-DD) is after the expiry date.
    package func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return today > expires
    }

    package var suppression: Suppression {
        Suppression(kind: kind, reason: reason, expires: expires, owner: owner, location: range.map(Location.init(range:)))
    }

    // MARK: Parsing

    /// Parses the `tollgate:ignore` directives of one comment. Comments without the marker
    /// yield nothing; a directive without a reason, with a malformed date or without policy
    /// ids is an error and waives nothing.
    package static func parseInline(_ comment: String, range: SourceRange?) -> ([SuppressionRule], [Diagnostic]) {
        let bytes = Array(comment.utf8)
        let marker = Array("tollgate:ignore".utf8)
        guard let start = find(marker, in: bytes) else { return ([], []) }
        var i = start + marker.count
        var ids: [String] = []
        var fields: [String: String] = [:]
        var diags: [Diagnostic] = []
        func skipSpace() { while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 44 { i += 1 } }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] != 10, bytes[i] != 13 else { break }
            let tokenStart = i
            while i < bytes.count, bytes[i] != 32, bytes[i] != 9, bytes[i] != 61, bytes[i] != 44, bytes[i] != 10 { i += 1 }
            let token = String(decoding: bytes[tokenStart..<i], as: UTF8.self)
            if i < bytes.count, bytes[i] == 61 {  // key=value
                i += 1
                var value = ""
                if i < bytes.count, bytes[i] == 34 || bytes[i] == 39 {
                    let quote = bytes[i]
                    i += 1
                    let vs = i
                    while i < bytes.count, bytes[i] != quote, bytes[i] != 10 { i += 1 }
                    value = String(decoding: bytes[vs..<i], as: UTF8.self)
                    if i < bytes.count, bytes[i] == quote { i += 1 } else {
                        diags.append(.error("tollgate:ignore: unterminated quoted \(token)", at: range))
                    }
                } else {
                    let vs = i
                    while i < bytes.count, bytes[i] != 32, bytes[i] != 9, bytes[i] != 10 { i += 1 }
                    value = String(decoding: bytes[vs..<i], as: UTF8.self)
                }
                fields[token] = value
            } else if !token.isEmpty {
                ids.append(token)
            }
        }
        if ids.isEmpty {
            diags.append(.error("tollgate:ignore names no policy id", at: range))
        }
        for key in fields.keys.sorted() where !["reason", "expires", "owner"].contains(key) {
            diags.append(.error("tollgate:ignore: unknown field '\(key)' (expected reason, expires, owner)", at: range))
        }
        let reason = fields["reason"]?.trimmed ?? ""
        if reason.isEmpty {
            diags.append(.error("tollgate:ignore \(ids.joined(separator: " ")) has no reason: a suppression needs reason=\"…\"", at: range))
        }
        if let e = fields["expires"], !isDate(e) {
            diags.append(.error("tollgate:ignore: expires must be YYYY-MM-DD, not '\(e)'", at: range))
        }
        guard !diags.hasErrors else { return ([], diags) }
        return ([SuppressionRule(kind: .inline, policyIDs: ids, reason: reason, expires: fields["expires"],
                                 owner: fields["owner"], range: range)], diags)
    }

    /// Parses `.tollgate.yaml` (`suppressions:` list). Entries with errors are dropped.
    package static func parseConfig(_ text: String, path: String) -> ([SuppressionRule], [Diagnostic]) {
        let (docOpt, diags) = YAMLDocument.parse(text, path: path)
        guard let doc = docOpt else { return ([], diags) }
        var r = FieldReader(doc: doc)
        guard let root = doc.root, YAMLDocument.entries(root) != nil else {
            if doc.root == nil { return ([], []) }
            return ([], [.error(".tollgate.yaml must be a mapping", at: doc.range(of: doc.root))])
        }
        guard let list = YAMLDocument.value(root, for: "suppressions") else { return ([], []) }
        guard case .sequence(let seq) = list else {
            return ([], [.error("'suppressions' must be a list", at: doc.range(of: list))])
        }
        var rules: [SuppressionRule] = []
        let keys: Set<String> = ["policy", "policies", "resource", "asset", "reason", "expires", "owner"]
        for item in seq {
            let before = r.diagnostics.count
            guard let entries = YAMLDocument.entries(item) else {
                r.error("a suppression must be a mapping", item)
                continue
            }
            for e in entries where !keys.contains(e.key) { r.error("unknown suppression field '\(e.key)'", e.keyNode) }
            var ids: [String] = []
            if let p = r.string(item, "policy") { ids.append(p) }
            ids += r.stringList(item, "policies") ?? []
            if ids.isEmpty { r.error("a suppression needs 'policy' (an id or \"*\")", item) }
            let resource = r.string(item, "resource")
            let asset = r.string(item, "asset")
            if resource == nil && asset == nil {
                r.error("a suppression needs 'resource' (Terraform address glob) or 'asset' (asset name glob)", item)
            }
            let reason = r.string(item, "reason")?.trimmed ?? ""
            if reason.isEmpty { r.error("suppression of \(ids.joined(separator: ", ")) has no reason: 'reason' is required", item) }
            var expires: String?
            if let e = YAMLDocument.value(item, for: "expires") {
                let s = e.scalar?.string ?? ""
                if isDate(s) { expires = s } else { r.error("expires must be YYYY-MM-DD, not '\(s)'", e) }
            }
            let owner = r.string(item, "owner")
            guard r.diagnostics.count == before else { continue }
            rules.append(SuppressionRule(kind: .config, policyIDs: ids, addressGlob: resource, assetGlob: asset,
                                         reason: reason, expires: expires, owner: owner, range: doc.range(of: item)))
        }
        return (rules, r.diagnostics)
    }

    static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return false }
        for (i, c) in b.enumerated() where i != 4 && i != 7 { if c < 48 || c > 57 { return false } }
        let month = Int(s.dropFirst(5).prefix(2)) ?? 0
        let day = Int(s.suffix(2)) ?? 0
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// Shell-style globs for addresses and asset names: `*` any run of characters (slashes and
/// dots included), `?` one character, everything else literal. Iterative with backtracking
/// to the last star only, so matching is O(n·m) at worst — no exponential blow-up.
package enum Glob {
    package static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == 63 || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == 42 {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == 42 { pi += 1 }
        return pi == p.count
    }
}

extension Location {
    package init(range: SourceRange) {
        self.init(path: range.filename, startLine: range.start.line, startColumn: range.start.column,
                  endLine: range.end.line, endColumn: range.end.column)
    }
}
