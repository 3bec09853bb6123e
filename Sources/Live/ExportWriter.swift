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
public enum ExportWriter {
    /// One NDJSON line (no trailing newline) for an API-shaped asset object.
    public static func line(for asset: FetchedAsset) -> String {
        exportObject(asset.json).jsonString
    }

    /// Converts an API-shaped (camelCase) asset object to the export shape.
    public static func exportObject(_ json: Value) -> Value {
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
    public static func snakeCase(_ s: String) -> String {
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

    /// Writes all assets of `snapshot`, sorted by name, to `path` (replaced atomically).
    public static func write(_ snapshot: LiveSnapshot, to path: String) throws {
        var text = ""
        text.reserveCapacity(snapshot.assets.count * 512)
        for a in snapshot.assets {
            exportObject(a.json).writeJSON(to: &text)
            text += "\n"
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LiveError.configuration("--save-export \(path): cannot write (\(error.localizedDescription))")
        }
    }
}
