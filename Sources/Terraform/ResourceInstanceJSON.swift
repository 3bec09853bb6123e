import HCL

/// The `tollgate terraform resources --format json` debug view: one object per instance with
/// its address, type, mode, root module, provider defaults, values (unknown as
/// `{"$unknown": true}`, sensitive as `{"$sensitive": true}` — never the secret), and the
/// source ranges of its block and attributes. Keys are sorted; the output is deterministic.
package enum ResourceInstanceJSON {
    package static func render(_ instances: [ResourceInstance], diagnostics: [Diagnostic]) -> String {
        var out = "{\"diagnostics\":["
        for (i, d) in diagnostics.enumerated() {
            if i > 0 { out += "," }
            out += "{\"severity\":"
            Value.writeJSONString(d.severity.rawValue, to: &out)
            out += ",\"summary\":"
            Value.writeJSONString(d.summary, to: &out)
            out += ",\"detail\":"
            Value.writeJSONString(d.detail, to: &out)
            out += ",\"range\":"
            if let r = d.range { range(r, into: &out) } else { out += "null" }
            out += "}"
        }
        out += "],\"resources\":["
        for (i, inst) in instances.enumerated() {
            if i > 0 { out += "," }
            object(inst, into: &out)
        }
        out += "]}\n"
        return out
    }

    static func object(_ r: ResourceInstance, into out: inout String) {
        out += "{\"address\":"
        Value.writeJSONString(r.address, to: &out)
        out += ",\"attribute_ranges\":{"
        for (i, k) in r.attributeRanges.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            Value.writeJSONString(k, to: &out)
            out += ":"
            range(r.attributeRanges[k]!, into: &out)
        }
        out += "},\"block_range\":"
        if let b = r.blockRange { range(b, into: &out) } else { out += "null" }
        out += ",\"dependencies\":" + Value.tuple(r.dependencies.map(Value.string)).jsonString
        out += ",\"index\":"
        switch r.key {
        case .int(let i)?: out += String(i)
        case .string(let s)?: Value.writeJSONString(s, to: &out)
        case nil: out += "null"
        }
        out += ",\"inline_comments\":["
        for (i, c) in r.inlineComments.enumerated() {
            if i > 0 { out += "," }
            out += "{\"range\":"
            range(c.range, into: &out)
            out += ",\"text\":"
            Value.writeJSONString(c.text, to: &out)
            out += "}"
        }
        out += "],\"mode\":"
        Value.writeJSONString(r.mode.rawValue, to: &out)
        out += ",\"module\":"
        Value.writeJSONString(r.moduleAddress, to: &out)
        out += ",\"name\":"
        Value.writeJSONString(r.name, to: &out)
        out += ",\"prevent_destroy\":" + (r.preventDestroy ? "true" : "false")
        out += ",\"provider_defaults\":"
        value(.object(r.providerDefaults), into: &out)
        out += ",\"root_module\":"
        Value.writeJSONString(r.rootModule, to: &out)
        out += ",\"type\":"
        Value.writeJSONString(r.type, to: &out)
        out += ",\"values\":"
        value(r.values, into: &out)
        out += "}"
    }

    /// A value with unknowns and sensitive values replaced by markers.
    package static func value(_ v: Value, into out: inout String) {
        switch v {
        case .unknown: out += "{\"$unknown\":true}"
        case .sensitive: out += "{\"$sensitive\":true}"
        case .tuple(let a), .list(let a), .set(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                value(e, into: &out)
            }
            out += "]"
        case .object(let m), .map(let m):
            out += "{"
            for (i, k) in m.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Value.writeJSONString(k, to: &out)
                out += ":"
                value(m[k]!, into: &out)
            }
            out += "}"
        default: v.writeJSON(to: &out)
        }
    }

    static func range(_ r: SourceRange, into out: inout String) {
        out += "{\"file\":"
        Value.writeJSONString(r.filename, to: &out)
        out += ",\"start\":{\"line\":\(r.start.line),\"column\":\(r.start.column)},\"end\":{\"line\":\(r.end.line),\"column\":\(r.end.column)}}"
    }
}
