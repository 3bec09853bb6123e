import Foundation
import HCL
import Yams

/// Encoding functions (Terraform `lang/funcs/encoding.go`, cty `stdlib/json.go`, `csv.go`,
/// go-cty-yaml).
enum EncodingFunctions {
    /// Bound on the values a YAML document may expand to through aliases (a "billion laughs"
    /// document is an error, not an out-of-memory).
    static let yamlNodeLimit = 1_000_000

    static let all: [String: Function] = [
        "jsonencode": Function(parameters: [.init("val", allowNull: true)]) { a throws(FunctionError) in
            if let u = Arg.firstUnknown(in: a[0]) { return u }
            return .string(a[0].jsonString)
        },
        "jsondecode": Function("str") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str")
            switch JSONReader.parse(s) {
            case .success(let v): return v
            case .failure(let f):
                throw FunctionError("\(f.message) at byte offset \(f.offset)", argument: 0)
            }
        },
        "yamlencode": Function(parameters: [.init("value", allowNull: true)]) { a throws(FunctionError) in
            if let u = Arg.firstUnknown(in: a[0]) { return u }
            return .string(YAMLWriter.document(a[0]))
        },
        "yamldecode": Function("src") { a throws(FunctionError) in
            try yamldecode(try Arg.string(a, 0, "src"))
        },
        "base64encode": Function("str") { a throws(FunctionError) in
            .string(Data(try Arg.string(a, 0, "str").utf8).base64EncodedString())
        },
        "base64decode": Function("str") { a throws(FunctionError) in
            let s = try Arg.string(a, 0, "str")
            guard let d = Data(base64Encoded: s) else {
                throw FunctionError("failed to decode base64 data \(Value.string(s).jsonString)", argument: 0)
            }
            guard let text = String(data: d, encoding: .utf8) else {
                throw FunctionError("the result of decoding the provided string is not valid UTF-8", argument: 0)
            }
            return .string(text)
        },
        "urlencode": Function("str") { a throws(FunctionError) in
            .string(queryEscape(try Arg.string(a, 0, "str")))
        },
        "csvdecode": Function("str") { a throws(FunctionError) in
            try csvdecode(try Arg.string(a, 0, "str"))
        },
    ]

    /// Go's `url.QueryEscape`: unreserved bytes kept, space as `+`, everything else `%XX`.
    static func queryEscape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "):
                out += "+"
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return out
    }

    // MARK: CSV (RFC 4180 as Go's encoding/csv reads it)

    static func csvdecode(_ s: String) throws(FunctionError) -> Value {
        let records = try parseCSV(s)
        guard let header = records.first else {
            throw FunctionError("missing header line", argument: 0)
        }
        var rows: [Value] = []
        for (n, r) in records.dropFirst().enumerated() {
            guard r.count == header.count else {
                throw FunctionError("record on line \(n + 2): wrong number of fields", argument: 0)
            }
            var o: [String: Value] = [:]
            for (k, v) in zip(header, r) { o[k] = .string(v) }
            rows.append(.object(o))
        }
        return .list(rows)
    }

    private static func parseCSV(_ s: String) throws(FunctionError) -> [[String]] {
        let u = Array(s.unicodeScalars)
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var line = 1
        var atFieldStart = true
        var sawAny = false
        while i < u.count {
            let c = u[i]
            if atFieldStart, c == "\"" {
                // quoted field
                i += 1
                var closed = false
                while i < u.count {
                    if u[i] == "\"" {
                        if i + 1 < u.count, u[i + 1] == "\"" {
                            field.append("\"")
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if u[i] == "\n" { line += 1 }
                    field.append(u[i])
                    i += 1
                }
                if !closed { throw FunctionError("parse error on line \(line): extraneous or missing \" in quoted-field", argument: 0) }
                atFieldStart = false
                sawAny = true
                if i < u.count, u[i] != ",", u[i] != "\n", u[i] != "\r" {
                    throw FunctionError("parse error on line \(line): extraneous or missing \" in quoted-field", argument: 0)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
                sawAny = true
            case "\r" where i + 1 < u.count && u[i + 1] == "\n":
                break
            case "\n", "\r":
                if sawAny || !field.isEmpty {
                    fields.append(String(field))
                    records.append(fields)
                }
                fields = []
                field = String.UnicodeScalarView()
                atFieldStart = true
                sawAny = false
                line += 1
            default:
                if c == "\"" { throw FunctionError("parse error on line \(line): bare \" in non-quoted-field", argument: 0) }
                field.append(c)
                atFieldStart = false
                sawAny = true
            }
            i += 1
        }
        if sawAny || !field.isEmpty {
            fields.append(String(field))
            records.append(fields)
        }
        return records
    }

    // MARK: YAML

    static func yamldecode(_ src: String) throws(FunctionError) -> Value {
        let node: Node?
        do {
            var docs = try Yams.compose_all(yaml: src)
            node = docs.next()
            if let e = docs.error { throw e }
            if docs.next() != nil {
                throw FunctionError("on line 1, column 1: unexpected extra content after value", argument: 0)
            }
            if let e = docs.error { throw e }
        } catch let e as FunctionError {
            throw e
        } catch {
            throw FunctionError("\(error)", argument: 0)
        }
        guard let node else { return .null }
        var budget = yamlNodeLimit
        return try yamlValue(node, budget: &budget, depth: 0)
    }

    private static func yamlValue(_ n: Node, budget: inout Int, depth: Int) throws(FunctionError) -> Value {
        budget -= 1
        if budget < 0 {
            throw FunctionError("the YAML document expands to more than \(yamlNodeLimit) values (alias expansion limit)", argument: 0)
        }
        if depth > 512 { throw FunctionError("the YAML document nests too deeply", argument: 0) }
        switch n {
        case .scalar(let s):
            switch Tag.Name(rawValue: n.tag.rawValue) {
            case .null: return .null
            case .bool: return n.bool.map(Value.bool) ?? .string(s.string)
            case .int:
                if let i = n.int { return .number(i) }
                return .number(Number(literal: s.string) ?? Number(n.float ?? 0))
            case .float:
                if let d = n.float, d.isFinite { return .number(Number(d)) }
                throw FunctionError("cannot represent \(s.string) as a number", argument: 0)
            default: return .string(s.string)
            }
        case .sequence(let seq):
            var out: [Value] = []
            for e in seq { out.append(try yamlValue(e, budget: &budget, depth: depth + 1)) }
            return .tuple(out)
        case .mapping(let m):
            var out: [String: Value] = [:]
            for (k, v) in m {
                guard case .scalar(let ks) = k else {
                    throw FunctionError("only string keys are supported in YAML mappings", argument: 0)
                }
                out[ks.string] = try yamlValue(v, budget: &budget, depth: depth + 1)
            }
            return .object(out)
        case .alias:
            throw FunctionError("unresolved YAML alias", argument: 0)
        }
    }
}

/// `yamlencode` output as go-cty-yaml produces it (go-yaml v2 emitter): block style,
/// strings double-quoted, sequences inside mappings not indented, empty collections in flow
/// style (`[]`, `{}`), keys sorted.
enum YAMLWriter {
    static func document(_ v: Value) -> String {
        lines(v).joined(separator: "\n") + "\n"
    }

    private static func scalar(_ v: Value) -> String? {
        switch v {
        case .null, .unknown: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return quoted(s)
        case .sensitive(let x): return scalar(x)
        case .tuple(let e), .list(let e), .set(let e): return e.isEmpty ? "[]" : nil
        case .object(let m), .map(let m): return m.isEmpty ? "{}" : nil
        }
    }

    /// The lines of `v` at indentation 0; callers indent nested blocks.
    private static func lines(_ v: Value) -> [String] {
        if let s = scalar(v) { return [s] }
        var out: [String] = []
        switch v.unmarked {
        case .tuple(let e), .list(let e), .set(let e):
            for x in e {
                let l = lines(x)
                out.append("- " + l[0])
                out += l.dropFirst().map { "  " + $0 }
            }
        case .object(let m), .map(let m):
            for k in m.keys.sorted() {
                let x = m[k]!
                if let s = scalar(x) {
                    out.append(quoted(k) + ": " + s)
                } else if x.attributes != nil {
                    out.append(quoted(k) + ":")
                    out += lines(x).map { "  " + $0 }
                } else {
                    // go-yaml does not indent a sequence that is the value of a mapping key.
                    out.append(quoted(k) + ":")
                    out += lines(x)
                }
            }
        default:
            break
        }
        return out
    }

    /// go-yaml double-quoted style: `"` and `\` escaped, control characters as escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let h = String(u.value, radix: 16, uppercase: true)
                    out += "\\x" + (h.count < 2 ? "0" : "") + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
