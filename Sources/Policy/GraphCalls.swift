/// Graph functions in policy conditions (docs/policy-language.md, "Graph functions").
///
/// The CEL engine has no extension-function registry, so the engine expands these calls before
/// compiling: `assetsOfType('T')` and `related('K')` — whose argument must be a string literal —
/// become generated variables (`__g_<digest of the call>`) that the activation computes lazily per asset;
/// `accountId(x)` becomes a lookup in the `__accountIds` map (member → account id) the
/// activation builds from the IAM policies the asset can see. Scanning skips string literals
/// and comments the way the CEL lexer does, so text inside strings is never rewritten.
struct GraphCalls: Hashable, Sendable {
    enum Call: Hashable, Sendable {
        case assetsOfType(String)
        case related(String)
    }

    /// Generated variable name → the call it stands for.
    var variables: [String: Call] = [:]
    var usesAccountIDs = false

    static let accountIDsVariable = "__accountIds"
    static let allowlistVariable = "__allowlistedRoles"

    /// Rewrites `source`; an error message when a call is malformed (non-literal argument).
    static func expand(_ source: String) -> (String, GraphCalls, String?) {
        var calls = GraphCalls()
        var out = ""
        let s = Array(source.utf8)
        var i = 0
        var literalVars: [Call: String] = [:]
        func isIdent(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        func emit(_ a: Int, _ b: Int) { out += String(decoding: s[a..<b], as: UTF8.self) }
        var copied = 0
        while i < s.count {
            let c = s[i]
            if c == 34 || c == 39 {  // string literal (also covers triple-quoted: the scan just pairs quotes)
                i = skipString(s, i)
                continue
            }
            if c == 47, i + 1 < s.count, s[i + 1] == 47 {  // comment to end of line
                while i < s.count, s[i] != 10 { i += 1 }
                continue
            }
            guard isIdent(c), i == 0 || (!isIdent(s[i - 1]) && s[i - 1] != 46) else { i += 1; continue }
            var j = i
            while j < s.count, isIdent(s[j]) { j += 1 }
            let name = String(decoding: s[i..<j], as: UTF8.self)
            var k = j
            while k < s.count, s[k] == 32 || s[k] == 9 || s[k] == 10 { k += 1 }
            guard k < s.count, s[k] == 40, ["assetsOfType", "related", "accountId", "allowlistedRoles"].contains(name) else { i = j; continue }
            guard let close = matchingParen(s, k) else {
                return (source, calls, "unbalanced parentheses after \(name)")
            }
            let arg = String(decoding: s[(k + 1)..<close], as: UTF8.self).trimmed
            emit(copied, i)
            if name == "accountId" || name == "allowlistedRoles" {
                let (inner, innerCalls, err) = expand(arg)
                if let err { return (source, calls, err) }
                calls.variables.merge(innerCalls.variables) { a, _ in a }
                calls.usesAccountIDs = true
                let (v, missing) = name == "accountId" ? (accountIDsVariable, "''") : (allowlistVariable, "null")
                out += "((\(inner)) in \(v) ? \(v)[\(inner)] : \(missing))"
            } else {
                guard let literal = stringLiteral(arg) else {
                    return (source, calls, "\(name)() takes a string literal, e.g. \(name)('\(name == "related" ? "network" : "logging.googleapis.com/LogBucket")')")
                }
                let call: Call = name == "related" ? .related(literal) : .assetsOfType(literal)
                // Named after the call itself, so the same call gets the same variable in every
                // policy and an asset's cached value can be shared between its policies.
                let v = literalVars[call] ?? "__g_" + Fingerprint.digest((name == "related" ? "r:" : "t:") + literal).prefix(16)
                literalVars[call] = v
                calls.variables[v] = call
                out += v
            }
            i = close + 1
            copied = i
        }
        emit(copied, s.count)
        return (out, calls, nil)
    }

    private static func skipString(_ s: [UInt8], _ start: Int) -> Int {
        let q = s[start]
        var i = start + 1
        while i < s.count {
            if s[i] == 92 { i += 2; continue }
            if s[i] == q { return i + 1 }
            i += 1
        }
        return i
    }

    private static func matchingParen(_ s: [UInt8], _ open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < s.count {
            let c = s[i]
            if c == 34 || c == 39 { i = skipString(s, i); continue }
            if c == 40 { depth += 1 } else if c == 41 {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// The value of a simple quoted literal without escapes (`'a/b'`, `"x"`).
    private static func stringLiteral(_ arg: String) -> String? {
        let b = Array(arg.utf8)
        guard b.count >= 2, let q = b.first, q == 34 || q == 39, b.last == q else { return nil }
        let inner = b[1..<(b.count - 1)]
        guard !inner.contains(q), !inner.contains(92) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// The top-level `resource.data` keys an expression can read (`resource.settings…`,
    /// `p.resource.?enabled`), or nil when it uses `resource` in a way that may read any key
    /// (passed whole, indexed). Lets the engine convert only those keys to CEL values.
    static func resourceKeys(_ source: String) -> Set<String>? {
        let s = Array(source.utf8)
        let word = Array("resource".utf8)
        var keys: Set<String> = []
        var i = 0
        func isIdent(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        while i < s.count {
            let c = s[i]
            if c == 34 || c == 39 { i = skipString(s, i); continue }
            guard isIdent(c) else { i += 1; continue }
            var j = i
            while j < s.count, isIdent(s[j]) { j += 1 }
            if Array(s[i..<j]) == word {
                var k = j
                while k < s.count, s[k] == 32 || s[k] == 10 || s[k] == 9 { k += 1 }
                guard k < s.count, s[k] == 46 else { return nil }   // not a member selection
                k += 1
                if k < s.count, s[k] == 63 { k += 1 }               // `.?`
                while k < s.count, s[k] == 32 { k += 1 }
                let ks = k
                while k < s.count, isIdent(s[k]) { k += 1 }
                guard k > ks else { return nil }
                keys.insert(String(decoding: s[ks..<k], as: UTF8.self))
                i = k
                continue
            }
            i = j
        }
        return keys
    }

    /// The `resource.data` member chains an expression reads (`["settings", "ipConfiguration",
    /// "ipv4Enabled"]`), ending where a method call, index or anything else follows; nil when
    /// `resource` is used other than by member selection. See `ResourceTrie`.
    static func resourceChains(_ source: String) -> [[String]]? {
        let s = Array(source.utf8)
        let word = Array("resource".utf8)
        var chains: [[String]] = []
        var i = 0
        func isIdent(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        func skipSpace(_ k: inout Int) { while k < s.count, s[k] == 32 || s[k] == 10 || s[k] == 9 { k += 1 } }
        while i < s.count {
            let c = s[i]
            if c == 34 || c == 39 { i = skipString(s, i); continue }
            guard isIdent(c) else { i += 1; continue }
            var j = i
            while j < s.count, isIdent(s[j]) { j += 1 }
            guard Array(s[i..<j]) == word else { i = j; continue }
            var chain: [String] = []
            var k = j
            while true {
                var m = k
                skipSpace(&m)
                guard m < s.count, s[m] == 46 else { break }
                m += 1
                if m < s.count, s[m] == 63 { m += 1 }
                skipSpace(&m)
                let start = m
                while m < s.count, isIdent(s[m]) { m += 1 }
                guard m > start else { break }
                var n = m
                skipSpace(&n)
                if n < s.count, s[n] == 40 { break }   // a method call: the chain ends before it
                chain.append(String(decoding: s[start..<m], as: UTF8.self))
                k = m
            }
            if chain.isEmpty { return nil }
            chains.append(chain)
            i = k
        }
        return chains
    }
}

/// Which parts of `resource.data` to convert to CEL: the union of the member chains policies
/// read. A node where some chain ends keeps its whole subtree (comprehensions, `has`, indexes
/// below it read anything).
final class ResourceTrie: Sendable {
    let children: [String: ResourceTrie]
    let whole: Bool

    init(chains: [[String]]) {
        var whole = false
        var grouped: [String: [[String]]] = [:]
        for c in chains {
            guard let first = c.first else { whole = true; continue }
            grouped[first, default: []].append(Array(c.dropFirst()))
        }
        self.whole = whole
        self.children = whole ? [:] : grouped.mapValues { ResourceTrie(chains: $0) }
    }
}
