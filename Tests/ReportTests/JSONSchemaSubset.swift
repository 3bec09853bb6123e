import Foundation
import HCL

/// The part of JSON Schema that `docs/report.schema.json` uses (type, properties, required,
/// additionalProperties, items, enum, pattern, minimum, $ref into $defs) — enough to check
/// the JSON report against its schema without Python. Unknown keywords are reported, so the
/// schema cannot quietly grow past what this checks.
struct JSONSchemaSubset {
    let root: Value
    static let known: Set<String> = ["$schema", "$id", "title", "description", "type", "properties", "required",
                                     "additionalProperties", "items", "enum", "pattern", "minimum", "$ref", "$defs"]

    func validate(_ v: Value, _ schema: Value, at path: String = "$") -> [String] {
        guard let s = schema.attributes else { return ["\(path): schema is not an object"] }
        var problems: [String] = []
        for key in s.keys.sorted() where !Self.known.contains(key) {
            problems.append("\(path): schema keyword \(key) is not supported by this checker")
        }
        if let ref = s["$ref"]?.stringValue {
            guard ref.hasPrefix("#/$defs/"), let target = root.attributes?["$defs"]?.attributes?[String(ref.dropFirst(8))] else {
                return problems + ["\(path): unresolvable $ref \(ref)"]
            }
            problems += validate(v, target, at: path)
        }
        if let type = s["type"]?.stringValue, !Self.matches(v, type) {
            return problems + ["\(path): expected \(type), got \(v)"]
        }
        if let options = s["enum"]?.elements, !options.contains(where: { Self.equal($0, v) }) {
            problems.append("\(path): \(v) is not one of the enum values")
        }
        if let pattern = s["pattern"]?.stringValue, let str = v.stringValue {
            let re = try! NSRegularExpression(pattern: pattern)
            if re.firstMatch(in: str, range: NSRange(str.startIndex..., in: str)) == nil {
                problems.append("\(path): \(str) does not match \(pattern)")
            }
        }
        if let min = s["minimum"]?.numberValue, let n = v.numberValue, n < min {
            problems.append("\(path): \(n) is below \(min)")
        }
        if case .object(let members) = v {
            let props = s["properties"]?.attributes ?? [:]
            for req in s["required"]?.elements ?? [] {
                if let name = req.stringValue, members[name] == nil { problems.append("\(path): missing required \(name)") }
            }
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                if let p = props[key] {
                    problems += validate(value, p, at: "\(path).\(key)")
                } else if let extra = s["additionalProperties"] {
                    if case .bool(false) = extra {
                        problems.append("\(path): property \(key) is not in the schema")
                    } else if extra.attributes != nil {
                        problems += validate(value, extra, at: "\(path).\(key)")
                    }
                }
            }
        }
        if case .tuple(let items) = v, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { problems += validate(item, itemSchema, at: "\(path)[\(i)]") }
        }
        return problems
    }

    static func matches(_ v: Value, _ type: String) -> Bool {
        switch (type, v) {
        case ("object", .object), ("array", .tuple), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("number", .number): true
        case ("integer", .number(let n)): n.isInteger
        default: false
        }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        default: false
        }
    }
}
