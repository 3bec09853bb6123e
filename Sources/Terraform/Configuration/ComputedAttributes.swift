import HCL

/// Computed attributes of google resources whose value the provider derives from
/// configuration by a public, stable rule (the resource's documented `id` format and the
/// API's naming), so references to them are known at plan time as they are after apply.
/// Everything else computed stays unknown. A derived value is unknown when an input is.
enum ComputedAttributes {
    /// Derived attributes for a resource of `type` whose configured values are `values`
    /// (provider defaults fill `project`/`region`/`zone`). Only attributes the configuration
    /// does not set are returned.
    static func derive(type: String, mode: ResourceInstance.Mode, values: [String: Value], defaults: [String: Value]) -> [String: Value] {
        func v(_ k: String) -> Value? {
            if let x = values[k], !x.isNull { return x }
            if k == "project" || k == "region" || k == "zone" { return defaults[k] }
            return nil
        }
        /// Joins parts into a string; unknown if a part is; nil if one is missing.
        func text(_ parts: Value?...) -> Value? {
            var s = ""
            var sensitive = false
            for p in parts {
                guard let p else { return nil }
                if p.isSensitive { sensitive = true }
                switch p.unmarked {
                case .unknown: return p.unmarked
                default:
                    guard let t = p.convertedToString else { return nil }
                    s += t
                }
            }
            return Value.string(s).markedSensitive(sensitive)
        }
        func lit(_ s: String) -> Value { .string(s) }
        var out: [String: Value] = [:]
        func set(_ k: String, _ x: Value?) {
            if values[k] == nil || values[k]!.isNull, let x { out[k] = x }
        }
        let compute = lit("https://www.googleapis.com/compute/v1/")

        if mode == .data {
            switch type {
            case "google_client_config":
                for k in ["project", "region", "zone"] { set(k, defaults[k]) }
            case "google_iam_policy":
                set("policy_data", IAMPolicyDocument.render(values))
            case "google_project":
                set("project_id", v("project_id") ?? defaults["project"])
            default: break
            }
            return out
        }
        switch type {
        case "google_service_account":
            let email = text(v("account_id"), lit("@"), v("project"), lit(".iam.gserviceaccount.com"))
            set("email", email)
            set("name", text(lit("projects/"), v("project"), lit("/serviceAccounts/"), email))
            set("id", text(lit("projects/"), v("project"), lit("/serviceAccounts/"), email))
            set("member", text(lit("serviceAccount:"), email))
            set("project", v("project"))
        case "google_compute_network":
            let id = text(lit("projects/"), v("project"), lit("/global/networks/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case "google_compute_subnetwork":
            let id = text(lit("projects/"), v("project"), lit("/regions/"), v("region"), lit("/subnetworks/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case "google_compute_firewall":
            let id = text(lit("projects/"), v("project"), lit("/global/firewalls/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case "google_compute_router":
            let id = text(lit("projects/"), v("project"), lit("/regions/"), v("region"), lit("/routers/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case _ where globalCompute[type] != nil:
            // Global compute resources: `projects/{project}/global/{collection}/{name}`.
            let id = text(lit("projects/"), v("project"), lit("/global/\(globalCompute[type]!)/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case _ where regionalCompute[type] != nil:
            let id = text(lit("projects/"), v("project"), lit("/regions/"), v("region"), lit("/\(regionalCompute[type]!)/"), v("name"))
            set("id", id)
            set("self_link", text(compute, id))
        case "google_storage_bucket":
            set("id", v("name"))
            set("url", text(lit("gs://"), v("name")))
            set("self_link", text(lit("https://www.googleapis.com/storage/v1/b/"), v("name")))
        case "google_sql_database_instance":
            set("connection_name", text(v("project"), lit(":"), v("region"), lit(":"), v("name")))
            set("id", v("name"))
        case "google_pubsub_topic":
            set("id", text(lit("projects/"), v("project"), lit("/topics/"), v("name")))
        case "google_secret_manager_secret":
            set("id", text(lit("projects/"), v("project"), lit("/secrets/"), v("secret_id")))
        case "google_kms_key_ring":
            set("id", text(lit("projects/"), v("project"), lit("/locations/"), v("location"), lit("/keyRings/"), v("name")))
        case "google_kms_crypto_key":
            set("id", text(v("key_ring"), lit("/cryptoKeys/"), v("name")))
        case "google_artifact_registry_repository":
            set("id", text(lit("projects/"), v("project"), lit("/locations/"), v("location"), lit("/repositories/"), v("repository_id")))
            set("name", v("repository_id"))
        case "google_project":
            set("id", text(lit("projects/"), v("project_id")))
        case "google_redis_instance":
            set("id", text(lit("projects/"), v("project"), lit("/locations/"), v("region"), lit("/instances/"), v("name")))
        case "google_cloud_run_v2_service", "google_cloud_run_service":
            set("id", text(lit("projects/"), v("project"), lit("/locations/"), v("location"), lit("/services/"), v("name")))
        case "google_vpc_access_connector":
            set("id", text(lit("projects/"), v("project"), lit("/locations/"), v("region"), lit("/connectors/"), v("name")))
        default:
            break
        }
        return out
    }
}

extension ComputedAttributes {
    /// Compute resource types whose id is `projects/{project}/global/{collection}/{name}`.
    static let globalCompute: [String: String] = [
        "google_compute_global_address": "addresses",
        "google_compute_backend_service": "backendServices",
        "google_compute_backend_bucket": "backendBuckets",
        "google_compute_url_map": "urlMaps",
        "google_compute_ssl_policy": "sslPolicies",
        "google_compute_security_policy": "securityPolicies",
        "google_compute_managed_ssl_certificate": "sslCertificates",
        "google_compute_ssl_certificate": "sslCertificates",
        "google_compute_target_https_proxy": "targetHttpsProxies",
        "google_compute_target_http_proxy": "targetHttpProxies",
        "google_compute_global_forwarding_rule": "forwardingRules",
        "google_compute_health_check": "healthChecks",
    ]
    /// … and `projects/{project}/regions/{region}/{collection}/{name}`.
    static let regionalCompute: [String: String] = [
        "google_compute_address": "addresses",
        "google_compute_region_network_endpoint_group": "networkEndpointGroups",
        "google_compute_region_backend_service": "backendServices",
        "google_compute_forwarding_rule": "forwardingRules",
    ]
}

/// `data "google_iam_policy"`'s `policy_data`: the JSON of a `google.iam.v1.Policy` made from
/// its `binding` and `audit_config` blocks, as the provider renders it (Go's JSON encoding of
/// the API struct: fields in declaration order, which here is alphabetical; members sorted,
/// as the provider keeps them in a set; bindings in role order).
enum IAMPolicyDocument {
    static func render(_ values: [String: Value]) -> Value {
        var bindings: [Value] = []
        for b in values["binding"]?.elements ?? [] {
            if let u = Arg.firstUnknown(in: b) { return u }
            var o: [String: Value] = [:]
            if let role = b["role"], !role.isNull { o["role"] = role }
            let members = (b["members"]?.elements ?? []).filter { !$0.isNull }
            o["members"] = .tuple(members.sorted(by: Value.canonicalLess))
            if let c = b["condition"]?.elements?.first {
                var co: [String: Value] = [:]
                for k in ["description", "expression", "title"] { if let x = c[k], !x.isNull { co[k] = x } }
                o["condition"] = .object(co)
            }
            bindings.append(.object(o))
        }
        bindings.sort { ($0["role"]?.stringValue ?? "", $0.jsonString) < ($1["role"]?.stringValue ?? "", $1.jsonString) }
        var audits: [Value] = []
        for a in values["audit_config"]?.elements ?? [] {
            if let u = Arg.firstUnknown(in: a) { return u }
            var logs: [Value] = []
            for l in a["audit_log_configs"]?.elements ?? [] {
                var lo: [String: Value] = [:]
                if let t = l["log_type"], !t.isNull { lo["logType"] = t }
                if let ex = l["exempted_members"]?.elements, !ex.isEmpty { lo["exemptedMembers"] = .tuple(ex.sorted(by: Value.canonicalLess)) }
                logs.append(.object(lo))
            }
            var ao: [String: Value] = ["auditLogConfigs": .tuple(logs)]
            if let s = a["service"], !s.isNull { ao["service"] = s }
            audits.append(.object(ao))
        }
        var policy: [String: Value] = [:]
        if !audits.isEmpty { policy["auditConfigs"] = .tuple(audits) }
        if !bindings.isEmpty { policy["bindings"] = .tuple(bindings) }
        let doc = Value.object(policy)
        return .string(doc.deepUnmarked.jsonString).markedSensitive(doc.containsSensitive)
    }
}
