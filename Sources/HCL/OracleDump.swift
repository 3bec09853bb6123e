/// The canonical one-line JSON description of a parsed native-syntax file, byte for byte as
/// `../shared/tools/hcl-oracle` (HashiCorp's parser) prints it, so the two can be compared
/// file by file: error diagnostics as `line:col: summary`; attributes sorted by name, each
/// with its line, static value (`{"v":...}` or `null`) and sorted references; blocks in
/// source order with type, labels, line and body.
public enum OracleDump {
    /// Parses `bytes` and renders the line (without the trailing newline).
    public static func line(bytes: [UInt8], path: String) -> String {
        let (file, diagnostics) = Parser.parse(bytes: bytes, filename: path)
        return line(file: file, diagnostics: diagnostics, path: path)
    }

    public static func line(file: File, diagnostics: [Diagnostic], path: String) -> String {
        var out = "{\"file\":"
        Value.writeJSONString(path, to: &out)
        out += ",\"errors\":["
        var first = true
        for d in diagnostics where d.severity == .error {
            if !first { out += "," }
            first = false
            let where_ = d.range.map { "\($0.start.line):\($0.start.column): " } ?? ""
            Value.writeJSONString(where_ + d.summary, to: &out)
        }
        out += "],\"body\":"
        writeBody(file.body, file.lineTable, to: &out)
        out += "}"
        return out
    }

    static func byteLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func writeBody(_ body: Body, _ lines: LineTable, to out: inout String) {
        out += "{\"attributes\":["
        let attrs = body.attributes.sorted { byteLess($0.name, $1.name) }
        for (i, a) in attrs.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":"
            Value.writeJSONString(a.name, to: &out)
            out += ",\"line\":\(lines.line(of: a.nameRange.lowerBound)),\"value\":"
            if let v = a.expression.staticValue {
                out += "{\"v\":"
                v.writeJSON(to: &out)
                out += "}"
            } else {
                out += "null"
            }
            out += ",\"refs\":["
            let refs = a.expression.references.map(\.description).sorted(by: byteLess)
            for (j, r) in refs.enumerated() {
                if j > 0 { out += "," }
                Value.writeJSONString(r, to: &out)
            }
            out += "]}"
        }
        out += "],\"blocks\":["
        for (i, blk) in body.blocks.enumerated() {
            if i > 0 { out += "," }
            out += "{\"type\":"
            Value.writeJSONString(blk.type, to: &out)
            out += ",\"labels\":["
            for (j, l) in blk.labels.enumerated() {
                if j > 0 { out += "," }
                Value.writeJSONString(l, to: &out)
            }
            out += "],\"line\":\(lines.line(of: blk.typeRange.lowerBound)),\"body\":"
            writeBody(blk.body, lines, to: &out)
            out += "}"
        }
        out += "]}"
    }
}

extension LineTable {
    /// The 1-based line of a byte offset (no column work).
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}
