import Assets
import CEL
import HCL

/// Turns a failing evaluation into findings that point at the cause (docs/policy-language.md,
/// "Blame"): the IAM member resource that granted a role (one finding per grant), else the
/// attribute whose value fails, else the resource block when a provider default applied; for
/// files the record's line, for live data the asset name. Evidence values of sensitive
/// fields are redacted.
enum Blame {
    struct Item {
        var field: String
        var observed: String?
        var expected: String?
    }

    struct Grant: Hashable {
        var role: String
        var member: String
    }

    static func findings(for c: CompiledPolicy, asset: Asset, environment: String, accessed: [String],
                         activation: AssetActivation) -> [Finding] {
        var items: [Item] = []
        var grants: [Grant] = []
        if let v = c.violations {
            if case .list(let list) = v.value(activation.slots) {
                for e in list { parse(e, into: &items, grants: &grants) }
            }
        }
        if items.isEmpty && grants.isEmpty {
            items = accessed.compactMap { p -> Item? in
                for prefix in ["resource.", "iamPolicy.", "terraform.values."] where p.hasPrefix(prefix) {
                    return Item(field: p.hasPrefix("resource.") ? String(p.dropFirst(9)) : p)
                }
                return nil
            }
        }
        let def = c.definition
        let expected = def.expected ?? def.title
        let tp = asset.provenance.terraform
        var out: [Finding] = []
        for g in grants {
            // Each grant is its own finding, at the Terraform resource that contributed it.
            let contribution = tp?.iamContributions.first { $0.role == g.role && $0.member == g.member }
            let address = contribution?.address ?? tp?.address ?? asset.terraform?.address
            let location = contribution?.range.map(Location.init(range:)) ?? recordLocation(asset)
            let evidence = Evidence(field: "iamPolicy.bindings[role=\(g.role)].members", observed: g.member, expected: expected)
            out.append(Finding(
                policyID: def.id, severity: c.severity, family: def.family,
                message: def.message ?? "\(def.title): \(g.member) holds \(g.role) on \(shortName(asset.name))",
                assetName: asset.name, assetType: asset.assetType, address: address, source: source(asset), environment: environment,
                location: location, evidence: [evidence],
                fingerprint: Fingerprint.make(policyID: def.id, rootModule: tp?.rootModule, address: address, assetName: asset.name,
                                              detail: g.role + " " + g.member)))
        }
        if !items.isEmpty || grants.isEmpty {
            var evidence: [Evidence] = []
            var location: Location?
            for item in dedupe(items) {
                let (observed, isDefault, range) = lookup(item.field, asset: asset)
                evidence.append(Evidence(field: item.field, observed: item.observed.map { redactIfSecret(item.field, $0) } ?? observed,
                                         expected: item.expected ?? expected))
                if location == nil, !isDefault, let range { location = Location(range: range) }
            }
            if location == nil { location = blockLocation(asset) }
            let address = tp?.address ?? asset.terraform?.address
            let summary = evidence.first.map { " (\($0.field) = \($0.observed))" } ?? ""
            out.append(Finding(
                policyID: def.id, severity: c.severity, family: def.family, message: def.message ?? def.title + summary,
                assetName: asset.name, assetType: asset.assetType, address: address, source: source(asset),
                environment: environment, location: location, evidence: evidence,
                fingerprint: Fingerprint.make(policyID: def.id, rootModule: tp?.rootModule, address: address, assetName: asset.name)))
        }
        return out
    }

    static func undetermined(for c: CompiledPolicy, asset: Asset, environment: String, unknowns reported: [String]) -> Undetermined {
        let tp = asset.provenance.terraform
        // CEL names the input path of an unknown when it was read through a member chain; one
        // reached through a comprehension variable has no path, so list the asset's own
        // unknown fields instead (or say it came from another asset).
        var unknowns = reported.filter { !$0.isEmpty }
        if unknowns.isEmpty {
            var found: [String] = []
            unknownPaths(asset.data, prefix: "resource", into: &found)
            if found.isEmpty && !c.graphCalls.isEmpty {
                // The unknown came from another asset the policy reached through the graph:
                // name the calls, so the report says where to look.
                unknowns = c.graphCalls.values.map { call -> String in
                    switch call {
                    case .assetsOfType(let t): "a value of assetsOfType('\(t)')"
                    case .related(let k): "a value of related('\(k)')"
                    }
                }.sorted()
            } else {
                unknowns = found
            }
        }
        var location: Location?
        var origins: [String] = []
        for u in unknowns where u.hasPrefix("resource.") {
            let path = String(u.dropFirst(9)).replacingOccurrences(of: "[]", with: "")
            if let f = tp?.fields[path] {
                origins.append(f.terraformPath)
                if location == nil, let r = f.range { location = Location(range: r) }
            }
        }
        // Unknowns reached through a graph call name the generated variable; show the call.
        let shown = unknowns.map { u -> String in
            guard u.hasPrefix("__g_") else { return u }
            let name = String(u.prefix { $0 != "." && $0 != "[" })
            let rest = u.dropFirst(name.count)
            switch c.graphCalls[name] {
            case .assetsOfType(let t)?: return "assetsOfType('\(t)')\(rest)"
            case .related(let k)?: return "related('\(k)')\(rest)"
            case nil: return u
            }
        }
        let what = origins.isEmpty ? shown.joined(separator: ", ") : origins.joined(separator: ", ")
        return Undetermined(
            policyID: c.definition.id, severity: c.severity, family: c.definition.family, assetName: asset.name,
            assetType: asset.assetType, address: tp?.address ?? asset.terraform?.address, environment: environment,
            location: location ?? blockLocation(asset), unknowns: shown.isEmpty ? ["(unknown)"] : shown,
            reason: "\(what) known only after apply")
    }

    static func unknownPaths(_ v: Value, prefix: String, into out: inout [String]) {
        guard out.count < 16 else { return }
        switch v {
        case .unknown: out.append(prefix)
        case .sensitive(let inner): unknownPaths(inner, prefix: prefix, into: &out)
        case .tuple(let a), .list(let a), .set(let a):
            for (i, e) in a.enumerated() { unknownPaths(e, prefix: "\(prefix).\(i)", into: &out) }
        case .object(let m), .map(let m):
            for k in m.keys.sorted() { unknownPaths(m[k]!, prefix: prefix + "." + k, into: &out) }
        default: break
        }
    }

    static func findingForUndetermined(_ c: CompiledPolicy, _ u: Undetermined, asset: Asset) -> Finding {
        let tp = asset.provenance.terraform
        return Finding(
            policyID: u.policyID, severity: u.severity, family: u.family,
            message: "\(c.definition.title) — undetermined: \(u.reason)", assetName: u.assetName, assetType: u.assetType,
            address: u.address, source: source(asset), environment: u.environment, location: u.location,
            evidence: u.unknowns.map { Evidence(field: $0, observed: "(known after apply)", expected: c.definition.expected ?? c.definition.title) },
            fingerprint: Fingerprint.make(policyID: u.policyID, rootModule: tp?.rootModule, address: u.address, assetName: u.assetName,
                                          detail: "undetermined"))
    }

    // MARK: Pieces

    static func parse(_ v: CELValue, into items: inout [Item], grants: inout [Grant]) {
        switch v {
        case .string(let s):
            items.append(Item(field: s))
        case .map(let m):
            if case .string(let role)? = m["role"] {
                if case .string(let member)? = m["member"] { grants.append(Grant(role: role, member: member)) }
                if case .list(let members)? = m["members"] {
                    for case .string(let member) in members { grants.append(Grant(role: role, member: member)) }
                }
                return
            }
            guard case .string(let field)? = m["field"] else { return }
            var item = Item(field: field)
            if let o = m["observed"] { item.observed = plain(o) }
            if let e = m["expected"] { item.expected = plain(e) }
            items.append(item)
        default:
            break
        }
    }

    static func plain(_ v: CELValue) -> String {
        if case .string(let s) = v { return s }
        return CELBridge.render(v)
    }

    static func dedupe(_ items: [Item]) -> [Item] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0.field + "\u{1F}" + ($0.observed ?? "")).inserted }
    }

    /// The observed value of a data path (`settings.ipConfiguration.ipv4Enabled`,
    /// `template.containers[].env`), whether a provider default supplied it, and its source.
    static func lookup(_ field: String, asset: Asset) -> (String, Bool, SourceRange?) {
        let tp = asset.provenance.terraform
        if field.hasPrefix("terraform.values.") {
            let tfPath = String(field.dropFirst("terraform.values.".count))
            var v: Value? = asset.terraform?.values
            for seg in tfPath.split(separator: ".") { v = v?[String(seg)] ?? v?.elements?.first?[String(seg)] }
            let range = tp?.fields.values.first { $0.terraformPath.replacingOccurrences(of: ".0", with: "") == tfPath }?.range
            return (v.map { render($0, key: tfPath) } ?? "(not set)", v == nil, range ?? tp?.blockRange)
        }
        if field.hasPrefix("iamPolicy.") {
            return (render(EvaluationContext.iamValue(asset.iamPolicy)[path: Array(field.dropFirst(10).split(separator: ".").map(String.init))] ?? .null, key: field), false, nil)
        }
        var v: Value? = asset.data
        var dataPath: [String] = []
        for raw in field.split(separator: ".") {
            var seg = String(raw)
            let list = seg.hasSuffix("[]")
            if list { seg = String(seg.dropLast(2)) }
            if let i = Int(seg), let e = v?.elements, i < e.count { v = e[i] } else { v = v?[seg] }
            dataPath.append(seg)
            if list { break }
        }
        let path = dataPath.joined(separator: ".")
        let source = tp?.fields[path]
        let isDefault = source?.kind == .providerDefault
        guard let value = v, !value.isNull else {
            return ("(not set)", true, tp?.blockRange)
        }
        let shown = render(value, key: path)
        return (isDefault ? "(not set, default \(shown))" : shown, isDefault, source?.range ?? tp?.source(of: path))
    }

    static let secretWords = ["password", "passwd", "secret", "privatekey", "token", "authstring", "apikey", "api_key", "credential"]

    static let secretWordBytes: [[UInt8]] = secretWords.map { Array($0.utf8) }

    /// ASCII case-insensitive substring test on bytes (hot: called for every key rendered).
    static func isSecretName(_ key: String) -> Bool {
        var k: [UInt8] = []
        k.reserveCapacity(key.utf8.count)
        for c in key.utf8 { k.append(c >= 65 && c <= 90 ? c + 32 : c) }
        for w in secretWordBytes where w.count <= k.count {
            var i = 0
            while i + w.count <= k.count {
                if k[i] == w[0] {
                    var j = 1
                    while j < w.count, k[i + j] == w[j] { j += 1 }
                    if j == w.count { return true }
                }
                i += 1
            }
        }
        return false
    }

    static func redactIfSecret(_ field: String, _ observed: String) -> String {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        return isSecretName(last) ? "(sensitive)" : observed
    }

    /// Renders a value for evidence, redacting `sensitive` values, fields with secret-like
    /// names, and the `value` of `{name: SECRET_NAME, value: …}` pairs (environment variables).
    static func render(_ v: Value, key: String) -> String {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        if isSecretName(last) { return "(sensitive)" }
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return Value.string(s).jsonString
        case .number(let n): return n.description
        case .null: return "null"
        default: return CELBridge.render(CELBridge.celSorted(redacted(v)))
        }
    }

    static func redacted(_ v: Value, depth: Int = 0) -> Value {
        guard depth < 32 else { return .string("…") }
        switch v {
        case .sensitive: return .string("(sensitive)")
        case .tuple(let a), .list(let a), .set(let a): return .tuple(a.map { redacted($0, depth: depth + 1) })
        case .object(let m), .map(let m):
            let secretPair = (m["name"]?.stringValue).map(isSecretName) ?? false
            var out: [String: Value] = [:]
            for (k, e) in m {
                out[k] = isSecretName(k) || (secretPair && k == "value") ? .string("(sensitive)") : redacted(e, depth: depth + 1)
            }
            return .object(out)
        default: return v
        }
    }

    static func source(_ asset: Asset) -> String? {
        switch asset.provenance {
        case .terraform(let t): return t.rootModule
        case .file(let f): return f.path
        case .live(let l): return l.api
        }
    }

    static func recordLocation(_ asset: Asset) -> Location? {
        if let f = asset.provenance.file {
            let line = f.line ?? 1
            return Location(path: f.path, startLine: line, startColumn: 1, endLine: line, endColumn: 1)
        }
        return blockLocation(asset)
    }

    static func blockLocation(_ asset: Asset) -> Location? {
        if let r = asset.provenance.terraform?.blockRange { return Location(range: r) }
        if asset.provenance.file != nil { return recordLocation(asset) }
        return nil
    }

    static func shortName(_ name: String) -> String {
        name.split(separator: "/").suffix(2).joined(separator: "/")
    }

    /// `module.db["prod"].google_sql_database_instance.main[0]` → `main`.
    static func resourceName(_ address: String) -> String {
        let parts = splitAddress(address)
        guard parts.count >= 2 else { return address }
        var n = parts[parts.count - 1]
        if let b = n.firstIndex(of: "[") { n = String(n[..<b]) }
        return n
    }

    /// `module.db["prod"].google_sql_database_instance.main` → `module.db["prod"]`.
    static func modulePath(_ address: String) -> String {
        let parts = splitAddress(address)
        guard parts.count > 2 else { return "" }
        return parts.dropLast(2).joined(separator: ".")
    }

    /// Splits an address on dots outside `[…]` keys.
    static func splitAddress(_ address: String) -> [String] {
        var parts: [String] = []
        var cur = ""
        var depth = 0
        var inString = false
        for ch in address {
            if ch == "\"" { inString.toggle() }
            if !inString { if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 } }
            if ch == ".", depth == 0, !inString { parts.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        parts.append(cur)
        return parts
    }

    /// `serviceAccount:ci@p.iam.gserviceaccount.com` → `ci`; `""` for other members and
    /// Google-managed service agents (`@gcp-sa-…`).
    static func accountID(_ member: String) -> String {
        guard member.hasPrefix("serviceAccount:"), member.hasSuffix(".iam.gserviceaccount.com"), !member.contains("@gcp-sa-") else { return "" }
        let email = member.dropFirst("serviceAccount:".count)
        guard let at = email.firstIndex(of: "@") else { return "" }
        return String(email[..<at])
    }
}
