import Foundation
import HCL

/// Writes fetched assets as newline-delimited JSON in the shape `gcloud asset export`
/// writes to Cloud Storage: one asset per line, protobuf field names (snake_case) for the
/// envelope — `name`, `asset_type`, `ancestors`, `resource{version, discovery_document_uri,
/// discovery_name, resource_url, parent, data, location}`, `iam_policy{version, bindings,
/// audit_configs, etag}`, `update_time` — while `resource.data` keeps the resource's own
/// REST field names (camelCase), because it is a `google.protobuf.Struct`, not proto fields.
///
/// So the evidence of a live scan can be archived and scanned again offline
/// (`tollgate scan FILE`) with the same export loader as any CAI export.
package enum ExportWriter {
    /// One NDJSON line (no trailing newline) for an API-shaped asset object.
    package static func line(for asset: FetchedAsset) -> String {
        var w = JSONByteWriter()
        w.write(exportObject(asset.json))
        return String(decoding: w.out, as: UTF8.self)
    }

    /// Converts an API-shaped (camelCase) asset object to the export shape.
    package static func exportObject(_ json: Value) -> Value {
        guard let top = json.attributes else { return json }
        var out: [String: Value] = [:]
        out.reserveCapacity(top.count)
        for (k, v) in top {
            switch k {
            case "resource":
                guard let r = v.attributes else { out["resource"] = v; continue }
                var res: [String: Value] = [:]
                for (rk, rv) in r { res[snakeCase(rk)] = rv }   // `data` stays as the API sent it
                out["resource"] = .object(res)
            case "iamPolicy", "orgPolicy", "accessPolicy", "accessLevel", "servicePerimeter", "osInventory":
                out[snakeCase(k)] = snakeCasedKeys(v)
            default:
                out[snakeCase(k)] = v
            }
        }
        return .object(out)
    }

    /// Every key of nested objects in snake_case (for proto messages rendered as JSON).
    static func snakeCasedKeys(_ v: Value) -> Value {
        switch v {
        case .object(let m): .object(Dictionary(uniqueKeysWithValues: m.map { (snakeCase($0.key), snakeCasedKeys($0.value)) }))
        case .map(let m): .map(Dictionary(uniqueKeysWithValues: m.map { (snakeCase($0.key), snakeCasedKeys($0.value)) }))
        case .tuple(let a): .tuple(a.map(snakeCasedKeys))
        case .list(let a): .list(a.map(snakeCasedKeys))
        default: v
        }
    }

    /// `assetType` → `asset_type`, `discoveryDocumentUri` → `discovery_document_uri`
    /// (proto3 JSON names are lowerCamelCase of the snake_case field names).
    package static func snakeCase(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 4)
        for u in s.unicodeScalars {
            if u.value >= 0x41 && u.value <= 0x5A {
                if !out.isEmpty { out += "_" }
                out.unicodeScalars.append(Unicode.Scalar(u.value + 0x20)!)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The NDJSON bytes for `assets` (in the order given), one line each. Renames while
    /// writing (no intermediate values): the same bytes as `exportObject(_:)` rendered.
    package static func ndjson(_ assets: [FetchedAsset]) -> [UInt8] {
        var w = JSONByteWriter()
        w.out.reserveCapacity(assets.count * 1024)
        for a in assets {
            w.writeExportEnvelope(a.json)
            w.out.append(0x0A)
        }
        return w.out
    }

    /// Writes all assets of `snapshot`, sorted by name, to `path` (replaced atomically).
    package static func write(_ snapshot: LiveSnapshot, to path: String) throws {
        let bytes = ndjson(snapshot.assets)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LiveError.configuration("--save-export \(path): cannot write (\(error.localizedDescription))")
        }
    }
}

/// Compact JSON into bytes, object keys sorted (byte order) so output is deterministic.
/// `Value.jsonString` builds a `String` piece by piece; an export of 100,000 assets is
/// ~80 MB, where appending bytes is several times faster.
struct JSONByteWriter {
    var out: [UInt8] = []

    mutating func write(_ v: Value) {
        switch v {
        case .null, .unknown: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n.isFinite ? n.description : "null")
        case .string(let s): string(s)
        case .tuple(let a), .list(let a), .set(let a):
            out.append(0x5B)
            for (i, e) in a.enumerated() {
                if i > 0 { out.append(0x2C) }
                write(e)
            }
            out.append(0x5D)
        case .object(let m), .map(let m):
            out.append(0x7B)
            for (i, p) in m.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { out.append(0x2C) }
                string(p.key)
                out.append(0x3A)
                write(p.value)
            }
            out.append(0x7D)
        case .sensitive(let x): write(x)
        }
    }

    mutating func append(_ s: String) { out.append(contentsOf: s.utf8) }

    /// How keys are written: as they are, or renamed to snake_case (this level only, or
    /// this level and every level below).
    enum Keys { case asIs, snakeHere, snakeDeep }

    /// An asset object in the export shape; see `ExportWriter.exportObject(_:)`.
    mutating func writeExportEnvelope(_ v: Value) {
        guard let m = v.attributes else { write(v); return }
        object(m, keys: .snakeHere) { key in
            switch key {
            case "resource": .snakeHere
            case "iamPolicy", "orgPolicy", "accessPolicy", "accessLevel", "servicePerimeter", "osInventory": .snakeDeep
            default: .asIs
            }
        }
    }

    private mutating func object(_ m: ValueObject, keys: Keys, child: (String) -> Keys) {
        out.append(0x7B)
        var pairs: [(name: String, value: Value, childKeys: Keys)] = []
        pairs.reserveCapacity(m.count)
        for (k, v) in m {
            let name = keys == .asIs ? k : ExportWriter.snakeCase(k)
            pairs.append((name, v, keys == .snakeDeep ? .snakeDeep : child(k)))
        }
        pairs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (i, p) in pairs.enumerated() {
            if i > 0 { out.append(0x2C) }
            string(p.name)
            out.append(0x3A)
            write(p.value, keys: p.childKeys)
        }
        out.append(0x7D)
    }

    private mutating func write(_ v: Value, keys: Keys) {
        switch (keys, v) {
        case (.asIs, _): write(v)
        case (.snakeHere, .object(let m)), (.snakeHere, .map(let m)): object(m, keys: .snakeHere) { _ in .asIs }
        case (.snakeDeep, .object(let m)), (.snakeDeep, .map(let m)): object(m, keys: .snakeDeep) { _ in .snakeDeep }
        case (.snakeDeep, .tuple(let a)), (.snakeDeep, .list(let a)), (.snakeDeep, .set(let a)):
            out.append(0x5B)
            for (i, e) in a.enumerated() {
                if i > 0 { out.append(0x2C) }
                write(e, keys: .snakeDeep)
            }
            out.append(0x5D)
        default: write(v)
        }
    }

    /// RFC 8259 §7: `"` and `\` escaped, control characters as `\n`, `\t`, ... or `\u00XX`.
    /// Most strings need no escape and are copied in one go.
    mutating func string(_ s: String) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            guard buf.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                out.append(contentsOf: buf)
                return
            }
            for b in buf {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }
}
