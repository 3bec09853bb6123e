import CEL
import HCL

/// Converts between the asset model's `Value` and CEL values, and renders CEL values for
/// evidence.
enum CELBridge {
    /// `Value` → `CELValue`. Unknowns become unknown fields (CEL fills in the path they are
    /// reached by); sensitive marks are dropped here — the engine redacts by path instead.
    ///
    /// Map keys keep the dictionary's order (no sort: conversion is on the hot path and CEL's
    /// `all`/`exists` results do not depend on order); `celSorted` is for rendering.
    static func cel(_ v: Value) -> CELValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            switch n.storage {
            case .int(let i): return .int(i)
            case .uint(let u): return .uint(u)
            case .double(let d): return .double(d)
            }
        case .string(let s): return .string(s)
        case .tuple(let a), .list(let a), .set(let a): return .list(a.map(cel))
        case .object(let m), .map(let m):
            var pairs: [(CELValue, CELValue)] = []
            pairs.reserveCapacity(m.count)
            for (k, e) in m { pairs.append((.string(k), cel(e))) }
            return .map(CELMap(pairs))
        case .unknown: return .unknownField
        case .sensitive(let inner): return cel(inner)
        }
    }

    /// `resource.data` with only the top-level keys in `keys` (all when nil): the keys no
    /// policy reads are never converted.
    static func cel(_ v: Value, keeping keys: Set<String>?) -> CELValue {
        guard let keys, let m = v.attributes else { return cel(v) }
        var pairs: [(CELValue, CELValue)] = []
        for (k, e) in m where keys.contains(k) { pairs.append((.string(k), cel(e))) }
        return .map(CELMap(pairs))
    }

    /// Converts only the parts of `v` the trie names (lists pass through to their elements).
    static func cel(_ v: Value, trie: ResourceTrie?) -> CELValue {
        guard let trie, !trie.whole else { return cel(v) }
        switch v {
        case .object(let m), .map(let m):
            var pairs: [(CELValue, CELValue)] = []
            for (k, child) in trie.children {
                if let e = m[k] { pairs.append((.string(k), cel(e, trie: child))) }
            }
            return .map(CELMap(pairs))
        case .tuple(let a), .list(let a), .set(let a): return .list(a.map { cel($0, trie: trie) })
        case .sensitive(let inner): return cel(inner, trie: trie)
        default: return cel(v)
        }
    }

    /// As `cel`, with map keys sorted (deterministic rendering).
    static func celSorted(_ v: Value) -> CELValue {
        switch v {
        case .tuple(let a), .list(let a), .set(let a): return .list(a.map(celSorted))
        case .object(let m), .map(let m): return .map(CELMap(m.mapValues(celSorted)))
        case .sensitive(let inner): return celSorted(inner)
        default: return cel(v)
        }
    }

    /// Dotted paths (relative to the value, `[]` for list elements) of every sensitive value.
    static func sensitivePaths(_ v: Value, prefix: String = "", into out: inout Set<String>) {
        switch v {
        case .sensitive:
            out.insert(prefix)
        case .tuple(let a), .list(let a), .set(let a):
            for e in a { sensitivePaths(e, prefix: prefix + "[]", into: &out) }
        case .object(let m), .map(let m):
            for (k, e) in m { sensitivePaths(e, prefix: prefix.isEmpty ? k : prefix + "." + k, into: &out) }
        default:
            break
        }
    }

    /// A short, stable rendering for evidence (`true`, `"ENCRYPTED_ONLY"`, `["0.0.0.0/0"]`).
    static func render(_ v: CELValue, depth: Int = 0) -> String {
        if depth > 4 { return "…" }
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return Value.string(s).jsonString
        case .bytes(let b): return "b\"…\(b.count) bytes\""
        case .list(let a):
            let items = a.prefix(8).map { render($0, depth: depth + 1) }
            return "[" + items.joined(separator: ", ") + (a.count > 8 ? ", …" : "") + "]"
        case .map(let m):
            let pairs = zip(m.keys, m.values).prefix(8).map { render($0.0, depth: depth + 1) + ": " + render($0.1, depth: depth + 1) }
            return "{" + pairs.joined(separator: ", ") + (m.count > 8 ? ", …" : "") + "}"
        case .timestamp, .duration, .type: return "\(v)"
        case .optional(let o): return o.map { render($0, depth: depth + 1) } ?? "optional.none()"
        case .unknown: return "(known after apply)"
        case .error(let e): return "error: \(e.message)"
        }
    }
}
