import HCL
import Yams

/// GCP custom organization policy constraints (the YAML `gcloud org-policies
/// set-custom-constraint` takes: `name`, `resourceTypes`, `methodTypes`, `condition`,
/// `actionType`, `displayName`, `description`), loaded unchanged and run as policies.
///
/// As in GCP, `condition` sees `resource` (the REST representation); `ALLOW` means the
/// condition must hold, `DENY` means a resource for which it holds is a violation
/// (https://cloud.google.com/resource-manager/docs/organization-policy/creating-managing-custom-constraints).
enum CustomConstraint {
    static let knownKeys: Set<String> = ["name", "resourceTypes", "methodTypes", "condition", "actionType", "displayName", "description"]

    static func parse(_ text: String, path: String) -> (PolicyDefinition?, [Diagnostic]) {
        let (docOpt, diags) = YAMLDocument.parse(text, path: path)
        guard let doc = docOpt else { return (nil, diags) }
        var r = FieldReader(doc: doc)
        let root = doc.root
        guard let entries = YAMLDocument.entries(root) else {
            return (nil, [.error("a custom constraint must be a YAML mapping", at: doc.range(of: root))])
        }
        for e in entries where !knownKeys.contains(e.key) {
            r.error("unknown custom constraint field '\(e.key)'", e.keyNode)
        }
        let name = r.string(root, "name", required: true)
        let types = r.stringList(root, "resourceTypes", required: true) ?? []
        for t in types where !KnownAssetTypes.isKnown(t) {
            r.error("unknown resource type '\(t)'", YAMLDocument.value(root, for: "resourceTypes"))
        }
        let condition = r.string(root, "condition", required: true)
        let action = r.string(root, "actionType", required: true)
        if let action, action != "ALLOW" && action != "DENY" {
            r.error("actionType must be ALLOW or DENY, not '\(action)'", YAMLDocument.value(root, for: "actionType"))
        }
        let display = r.string(root, "displayName")
        let description = r.string(root, "description")
        guard let name, let condition, let action, !types.isEmpty, !r.diagnostics.hasErrors else { return (nil, r.diagnostics) }
        // `organizations/123/customConstraints/custom.sqlNoPublicIp` → `custom.sqlNoPublicIp`.
        let id = name.split(separator: "/").last.map(String.init) ?? name
        let policy = PolicyDefinition(
            id: id, title: display ?? id, family: family(for: types[0]), severity: .high, resourceTypes: types,
            condition: condition.trimmed, rationale: description?.trimmed ?? (display ?? id),
            remediation: "Change the resource so that the custom constraint \(name) (\(action)) holds.",
            origin: .constraint, denyOnTrue: action == "DENY", path: path,
            conditionRange: doc.range(of: YAMLDocument.value(root, for: "condition")),
            range: doc.range(of: YAMLDocument.value(root, for: "name")))
        var located = policy
        located.conditionLocator = doc.locator(of: YAMLDocument.value(root, for: "condition"))
        return (located, r.diagnostics)
    }

    /// Constraints carry no family; this picks the family whose policies cover the same service.
    static func family(for assetType: String) -> Family {
        let service = assetType.split(separator: "/").first.map(String.init) ?? ""
        switch service {
        case "iam.googleapis.com", "cloudresourcemanager.googleapis.com": return .leastPrivilege
        case "cloudkms.googleapis.com", "secretmanager.googleapis.com": return .encryption
        case "storage.googleapis.com", "artifactregistry.googleapis.com": return .publicAccess
        case "logging.googleapis.com", "monitoring.googleapis.com": return .logging
        default: return .privateIP
        }
    }
}
