import HCL

/// Reads IAM policies (google.iam.v1.Policy) from `Value`s: `gcloud … get-iam-policy` output
/// (JSON or YAML), `policy_data` strings, `iamPolicy`/`iam_policy` of CAI records.
public enum IAMPolicyReader {
    /// The policy in `v`; unrecognised parts are ignored, wrong types produce `problems`.
    public static func policy(from v: Value, problems: inout [String]) -> IAMPolicy {
        var p = IAMPolicy()
        if let bindings = v["bindings"] {
            if let list = bindings.elements {
                for (i, b) in list.enumerated() {
                    guard let role = b["role"]?.stringValue else {
                        problems.append("bindings[\(i)].role is missing or not a string")
                        continue
                    }
                    guard let ms = b["members"]?.elements else {
                        problems.append("bindings[\(i)].members is missing or not a list")
                        continue
                    }
                    let members = ms.compactMap(\.stringValue)
                    if members.count != ms.count { problems.append("bindings[\(i)].members has non-string entries") }
                    var cond: IAMCondition?
                    if let c = b["condition"], let e = c["expression"]?.stringValue {
                        cond = IAMCondition(expression: e, title: c["title"]?.stringValue ?? "", description: c["description"]?.stringValue ?? "")
                    }
                    p.bindings.append(IAMBinding(role: role, members: members, condition: cond))
                }
            } else if !bindings.isNull {
                problems.append("bindings is a \(bindings.typeName), expected a list")
            }
        }
        for (i, a) in ((v["auditConfigs"] ?? v["audit_configs"])?.elements ?? []).enumerated() {
            guard let service = a["service"]?.stringValue else {
                problems.append("auditConfigs[\(i)].service is missing")
                continue
            }
            let configs = ((a["auditLogConfigs"] ?? a["audit_log_configs"])?.elements ?? []).compactMap { c -> AuditLogConfig? in
                guard let t = (c["logType"] ?? c["log_type"])?.stringValue else { return nil }
                return AuditLogConfig(
                    logType: t, exemptedMembers: ((c["exemptedMembers"] ?? c["exempted_members"])?.elements ?? []).compactMap(\.stringValue))
            }
            p.auditConfigs.append(AuditConfig(service: service, auditLogConfigs: configs))
        }
        p.etag = v["etag"]?.stringValue
        p.version = v["version"]?.numberValue?.intValue
        return p
    }

    public static func policy(from v: Value) -> IAMPolicy {
        var ignored: [String] = []
        return policy(from: v, problems: &ignored)
    }

    /// True when `v` looks like an IAM policy document (has `bindings` or `etag` and nothing
    /// that marks another kind of file).
    static func looksLikePolicy(_ v: Value) -> Bool {
        guard let m = v.attributes else { return false }
        if m["bindings"] != nil { return m["assetType"] == nil && m["asset_type"] == nil }
        return m["etag"] != nil && m.count <= 3 && (m["version"] != nil || m.count == 1)
    }
}
