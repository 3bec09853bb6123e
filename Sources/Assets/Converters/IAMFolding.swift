import HCL
import Terraform

/// Folds `*_iam_member`, `*_iam_binding`, `*_iam_policy` and `google_project_iam_audit_config`
/// into the `iamPolicy` of the asset they target (tfplan2cai's MergeCreateUpdate, CONVENTIONS.md §4):
/// member is additive, binding is authoritative per role, policy replaces the whole policy.
/// Unlike tfplan2cai, conditions are kept (a binding is keyed by role *and* condition), and
/// every member remembers the Terraform resource that granted it.
enum IAMFolding {
    struct Target: Sendable {
        var assetType: String
        var discoveryName: String
        /// The identity attribute(s) of the IAM resource, for the unknown-identity fallback.
        var identity: [String]
        /// The parent resource types whose assets the IAM resource may target.
        var parentTypes: [String]
        var name: @Sendable (TerraformResource, ConversionState) -> String?
    }

    static func isIAM(_ type: String) -> Bool {
        prefix(of: type) != nil || type == "google_project_iam_audit_config"
    }

    static func prefix(of type: String) -> String? {
        for suffix in ["_iam_member", "_iam_binding", "_iam_policy"] where type.hasSuffix(suffix) {
            return String(type.dropLast(suffix.count))
        }
        return nil
    }

    static let targets: [String: Target] = [
        "google_project": Target(
            assetType: "cloudresourcemanager.googleapis.com/Project", discoveryName: "Project",
            identity: ["project"], parentTypes: ["google_project"]
        ) { r, state in
            guard let p = r.project.map(strip("projects/")) else { return nil }
            // A google_project converted by number is found by its projectId.
            for a in state.assets.values where a.assetType == "cloudresourcemanager.googleapis.com/Project"
                && a.data["projectId"]?.stringValue == p {
                return a.name
            }
            return "//cloudresourcemanager.googleapis.com/projects/\(p)"
        },
        "google_storage_bucket": Target(
            assetType: "storage.googleapis.com/Bucket", discoveryName: "Bucket",
            identity: ["bucket"], parentTypes: ["google_storage_bucket"]
        ) { r, _ in
            r.string("bucket").map { "//storage.googleapis.com/" + strip("b/")($0) }
        },
        "google_cloud_run_service": Target(
            assetType: "run.googleapis.com/Service", discoveryName: "Service",
            identity: ["service"], parentTypes: ["google_cloud_run_service"]
        ) { r, _ in
            guard let s = r.string("service") else { return nil }
            if s.hasPrefix("projects/") { return "//run.googleapis.com/" + s }
            let loc = r.string("location") ?? AssetName.component(after: "locations", in: s) ?? r.region
            return "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(r.segment(loc, "location"))/services/\(AssetName.lastSegment(s))"
        },
        "google_cloud_run_v2_service": Target(
            assetType: "run.googleapis.com/Service", discoveryName: "Service",
            identity: ["name"], parentTypes: ["google_cloud_run_v2_service"]
        ) { r, _ in
            guard let s = r.string("name") else { return nil }
            if s.hasPrefix("projects/") { return "//run.googleapis.com/" + s }
            return "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(r.segment(r.string("location") ?? r.region, "location"))/services/\(s)"
        },
        "google_cloud_run_v2_job": Target(
            assetType: "run.googleapis.com/Job", discoveryName: "Job",
            identity: ["name"], parentTypes: ["google_cloud_run_v2_job"]
        ) { r, _ in
            guard let s = r.string("name") else { return nil }
            if s.hasPrefix("projects/") { return "//run.googleapis.com/" + s }
            return "//run.googleapis.com/projects/\(r.projectSegment)/locations/\(r.segment(r.string("location") ?? r.region, "location"))/jobs/\(s)"
        },
        "google_service_account": Target(
            assetType: "iam.googleapis.com/ServiceAccount", discoveryName: "ServiceAccount",
            identity: ["service_account_id"], parentTypes: ["google_service_account"]
        ) { r, state in
            guard let id = r.string("service_account_id") else { return nil }
            let email = AssetName.lastSegment(id)
            for a in state.assets.values where a.assetType == "iam.googleapis.com/ServiceAccount"
                && a.data["email"]?.stringValue == email {
                return a.name
            }
            if id.hasPrefix("projects/") { return "//iam.googleapis.com/" + id }
            return "//iam.googleapis.com/projects/\(r.projectSegment)/serviceAccounts/\(email)"
        },
        "google_secret_manager_secret": Target(
            assetType: "secretmanager.googleapis.com/Secret", discoveryName: "Secret",
            identity: ["secret_id"], parentTypes: ["google_secret_manager_secret"]
        ) { r, _ in
            guard let s = r.string("secret_id") else { return nil }
            if s.hasPrefix("projects/") { return "//secretmanager.googleapis.com/" + s }
            return "//secretmanager.googleapis.com/projects/\(r.projectSegment)/secrets/\(s)"
        },
        "google_kms_crypto_key": Target(
            assetType: "cloudkms.googleapis.com/CryptoKey", discoveryName: "CryptoKey",
            identity: ["crypto_key_id"], parentTypes: ["google_kms_crypto_key"]
        ) { r, _ in
            guard let id = r.string("crypto_key_id") else { return nil }
            return "//cloudkms.googleapis.com/" + KMSConverters.expandCryptoKeyID(id, project: r.project)
        },
        "google_kms_key_ring": Target(
            assetType: "cloudkms.googleapis.com/KeyRing", discoveryName: "KeyRing",
            identity: ["key_ring_id"], parentTypes: ["google_kms_key_ring"]
        ) { r, _ in
            guard let id = r.string("key_ring_id") else { return nil }
            return "//cloudkms.googleapis.com/" + KMSConverters.expandKeyRingID(id, project: r.project)
        },
        "google_artifact_registry_repository": Target(
            assetType: "artifactregistry.googleapis.com/Repository", discoveryName: "Repository",
            identity: ["repository"], parentTypes: ["google_artifact_registry_repository"]
        ) { r, _ in
            guard let s = r.string("repository") else { return nil }
            if s.hasPrefix("projects/") { return "//artifactregistry.googleapis.com/" + s }
            return "//artifactregistry.googleapis.com/projects/\(r.projectSegment)/locations/\(r.segment(r.string("location") ?? r.region, "location"))/repositories/\(s)"
        },
    ]

    static func strip(_ prefix: String) -> (String) -> String {
        { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }

    static func fold(_ r: TerraformResource, into state: inout ConversionState) {
        let prefix = r.type == "google_project_iam_audit_config" ? "google_project" : prefix(of: r.type)
        guard let prefix, let target = targets[prefix] else {
            // An IAM type we have no target for: keep it as a generic asset.
            state.add(GenericConverter.convert(r), from: r)
            return
        }
        // Name: from the identity attribute, else (unknown until apply) from the resource it
        // references, as the new tfplan2cai resolves parents through references.
        var name = target.name(r, state)
        if name == nil {
            for dep in r.instance.dependencies {
                if let key = state.byAddress[dep]?.first(where: { $0.assetType == target.assetType }) {
                    name = key.name
                    break
                }
            }
        }
        let assetName = name ?? "//\(target.assetType.split(separator: "/").first ?? "")/\(r.placeholder(target.identity.first ?? "name"))"
        let key = AssetKey(assetType: target.assetType, name: assetName)

        var asset = state.assets[key] ?? {
            let project = r.projectSegment
            let start = target.assetType == "cloudresourcemanager.googleapis.com/Project"
                ? "projects/\(AssetName.lastSegment(assetName))" : "projects/\(project)"
            return Asset(
                name: assetName, assetType: target.assetType, ancestors: state.ancestors(from: start),
                provenance: .terraform(TerraformProvenance(rootModule: r.instance.rootModule, address: nil)))
        }()
        var policy = asset.iamPolicy ?? IAMPolicy()
        var prov = asset.provenance.terraform ?? TerraformProvenance(rootModule: r.instance.rootModule, address: nil)
        let condition = Self.condition(r.values["condition"])

        if r.type.hasSuffix("_iam_member") {
            guard let role = r.string("role"), let member = r.string("member") else {
                state.diagnostics.append(.warning(
                    "IAM member of \(r.address) is unknown until apply", detail: "the grant is not in the asset's policy",
                    at: r.instance.blockRange))
                return
            }
            policy.add(role: role, member: member, condition: condition)
            prov.iamContributions.append(IAMContribution(
                role: role, member: member, condition: condition, address: r.address, kind: .member,
                range: r.range(of: "member") ?? r.instance.blockRange))
        } else if r.type.hasSuffix("_iam_binding") {
            guard let role = r.string("role"), let members = r["members"]?.elements else {
                state.diagnostics.append(.warning(
                    "IAM binding of \(r.address) is unknown until apply", detail: "the grant is not in the asset's policy",
                    at: r.instance.blockRange))
                return
            }
            let known = members.compactMap(\.stringValue)
            if known.count != members.count {
                state.diagnostics.append(.warning(
                    "Some members of \(r.address) are unknown until apply", at: r.range(of: "members")))
            }
            policy.set(role: role, members: known, condition: condition)
            prov.iamContributions.removeAll { $0.role == role && $0.condition == condition }
            for m in known {
                prov.iamContributions.append(IAMContribution(
                    role: role, member: m, condition: condition, address: r.address, kind: .binding,
                    range: r.range(of: "members") ?? r.instance.blockRange))
            }
        } else if r.type.hasSuffix("_iam_policy") {
            guard let p = policyData(r, state: &state) else { return }
            policy = p
            prov.iamContributions = p.bindings.flatMap { b in
                b.members.map {
                    IAMContribution(role: b.role, member: $0, condition: b.condition, address: r.address, kind: .policy,
                                    range: r.range(of: "policy_data") ?? r.instance.blockRange)
                }
            }
        } else {
            // google_project_iam_audit_config: one service's audit log configs, authoritative per service.
            guard let service = r.string("service") else { return }
            let configs = (r["audit_log_config"]?.elements ?? []).compactMap { c -> AuditLogConfig? in
                guard let t = c["log_type"]?.stringValue else { return nil }
                return AuditLogConfig(logType: t, exemptedMembers: (c["exempted_members"]?.elements ?? []).compactMap(\.stringValue))
            }
            policy.auditConfigs.removeAll { $0.service == service }
            policy.auditConfigs.append(AuditConfig(service: service, auditLogConfigs: configs))
            prov.iamContributions.append(IAMContribution(
                role: "", member: "", address: r.address, kind: .auditConfig, range: r.instance.blockRange))
        }
        asset.iamPolicy = policy
        asset.provenance = .terraform(prov)
        state.assets[key] = asset
        state.byAddress[r.address, default: []].append(key)
    }

    static func condition(_ v: Value?) -> IAMCondition? {
        guard let c = v?.elements?.first ?? (v?.attributes != nil ? v : nil),
              let e = c["expression"]?.stringValue else { return nil }
        return IAMCondition(expression: e, title: c["title"]?.stringValue ?? "", description: c["description"]?.stringValue ?? "")
    }

    /// `policy_data`: the JSON of a policy, usually from `data.google_iam_policy`. When it is
    /// unknown at plan time, the data source's own `binding` blocks are used.
    static func policyData(_ r: TerraformResource, state: inout ConversionState) -> IAMPolicy? {
        if let s = r.string("policy_data") {
            switch JSONReader.parse(s) {
            case .success(let v):
                return IAMPolicyReader.policy(from: v)
            case .failure(let f):
                state.diagnostics.append(.error("policy_data of \(r.address) is not valid JSON", detail: f.message, at: r.range(of: "policy_data")))
                return nil
            }
        }
        for dep in r.instance.dependencies {
            if let ds = state.dataSources[dep] ?? state.dataSources.first(where: { $0.key.hasSuffix(dep) })?.value,
               ds.type == "google_iam_policy" {
                return fromDataSource(ds.values)
            }
        }
        state.diagnostics.append(.warning(
            "IAM policy of \(r.address) is unknown until apply", detail: "policy_data could not be resolved",
            at: r.range(of: "policy_data") ?? r.instance.blockRange))
        return nil
    }

    /// `data.google_iam_policy` values: `binding { role, members, condition }`, `audit_config`.
    static func fromDataSource(_ v: Value) -> IAMPolicy {
        var p = IAMPolicy()
        for b in v["binding"]?.elements ?? [] {
            guard let role = b["role"]?.stringValue else { continue }
            let members = (b["members"]?.elements ?? []).compactMap(\.stringValue)
            p.bindings.append(IAMBinding(role: role, members: members, condition: condition(b["condition"])))
        }
        for a in v["audit_config"]?.elements ?? [] {
            guard let service = a["service"]?.stringValue else { continue }
            let configs = (a["audit_log_configs"]?.elements ?? []).compactMap { c -> AuditLogConfig? in
                guard let t = c["log_type"]?.stringValue else { return nil }
                return AuditLogConfig(logType: t, exemptedMembers: (c["exempted_members"]?.elements ?? []).compactMap(\.stringValue))
            }
            p.auditConfigs.append(AuditConfig(service: service, auditLogConfigs: configs))
        }
        return p
    }
}
