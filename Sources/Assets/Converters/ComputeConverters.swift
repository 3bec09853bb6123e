import HCL

/// Compute Engine: networks, subnetworks, firewalls, routers (with `google_compute_router_nat`
/// folded into the router's `nats[]`, as the Compute API models NAT), global addresses,
/// instances, SSL policies and backend services. Names follow the Compute API's relative
/// names under `//compute.googleapis.com/`; references are written as relative names.
enum ComputeConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_compute_network": network,
        "google_compute_subnetwork": subnetwork,
        "google_compute_firewall": firewall,
        "google_compute_router": router,
        "google_compute_router_nat": routerNAT,
        "google_compute_global_address": globalAddress,
        "google_compute_instance": instance,
        "google_compute_ssl_policy": sslPolicy,
        "google_compute_backend_service": backendService,
    ]

    static func asset(_ r: TerraformResource, _ kind: String, _ path: String, _ m: MappedData) -> ConvertedAsset {
        ConvertedAsset(
            name: "//compute.googleapis.com/projects/\(r.projectSegment)/\(path)",
            assetType: "compute.googleapis.com/\(kind)", discoveryName: kind,
            discoveryDocumentURI: "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest", data: m,
            ancestryStart: "projects/\(r.projectSegment)")
    }

    /// A network reference as a relative name (`projects/P/global/networks/N`).
    static func relativeNetwork(_ v: Value?, project: String) -> Value? {
        guard let v else { return nil }
        guard let s = v.stringValue else { return v }
        let rel = AssetName.relativeCompute(s)
        return .string(rel.contains("/") ? rel : "projects/\(project)/global/networks/\(rel)")
    }

    static func network(_ r: TerraformResource) -> [ConvertedAsset] {
        var m = r.mapped(DataMapping(
            drop: ["project", "delete_default_routes_on_create", "gateway_ipv4", "numeric_id", "bgp_always_compare_med",
                   "bgp_best_path_selection_mode", "bgp_inter_region_cost"],
            rename: ["routing_mode": "routingConfig.routingMode", "ipv4_range": "IPv4Range"]))
        if m["autoCreateSubnetworks"] == nil, r["auto_create_subnetworks"] == nil {
            r.fillDefault(&m, "autoCreateSubnetworks", true, tfPath: "auto_create_subnetworks")
        }
        return [asset(r, "Network", "global/networks/\(r.segment(r.string("name"), "name"))", m)]
    }

    static func subnetwork(_ r: TerraformResource) -> [ConvertedAsset] {
        let region = r.segment(r.region, "region")
        var m = r.mapped(DataMapping(
            drop: ["project", "gateway_address", "fingerprint", "creation_timestamp", "ipv6_cidr_range", "external_ipv6_prefix",
                   "internal_ipv6_prefix", "subnetwork_id", "send_secondary_ip_range_if_empty"],
            rename: ["secondary_ip_range": "secondaryIpRanges"],
            repeated: ["secondary_ip_range"]))
        m.set("region", .string("projects/\(r.projectSegment)/regions/\(region)"), source: r.derivedSource("region"))
        if let n = relativeNetwork(m["network"], project: r.projectSegment) { m.set("network", n, source: r.attributeSource("network")) }
        // Flow logs: enabled exactly when log_config is present (provider behaviour).
        if let lc = m["logConfig"], lc.isKnown {
            m.set("logConfig.enable", true, source: r.derivedSource("log_config"))
        } else if m["logConfig"] == nil {
            m.set("logConfig.enable", false, source: r.defaultSource("log_config"))
        }
        return [asset(r, "Subnetwork", "regions/\(region)/subnetworks/\(r.segment(r.string("name"), "name"))", m)]
    }

    static func firewall(_ r: TerraformResource) -> [ConvertedAsset] {
        var m = r.mapped(DataMapping(
            drop: ["project", "creation_timestamp", "enable_logging", "source_ranges_if_empty"],
            rename: [
                "allow": "allowed", "deny": "denied", "allow.protocol": "IPProtocol", "deny.protocol": "IPProtocol",
            ],
            repeated: ["allow", "deny"]))
        if let n = relativeNetwork(m["network"], project: r.projectSegment) { m.set("network", n, source: r.attributeSource("network")) }
        if let lc = m["logConfig"], lc.isKnown {
            m.set("logConfig.enable", true, source: r.derivedSource("log_config"))
        } else if m["logConfig"] == nil {
            m.set("logConfig.enable", false, source: r.defaultSource("log_config"))
        }
        r.fillDefault(&m, "disabled", false, tfPath: "disabled")
        r.fillDefault(&m, "direction", "INGRESS", tfPath: "direction")
        r.fillDefault(&m, "priority", 1000, tfPath: "priority")
        return [asset(r, "Firewall", "global/firewalls/\(r.segment(r.string("name"), "name"))", m)]
    }

    static func router(_ r: TerraformResource) -> [ConvertedAsset] {
        let region = r.segment(r.region, "region")
        var m = r.mapped(DataMapping(
            drop: ["project", "creation_timestamp"],
            rename: ["bgp.advertised_ip_ranges": "advertisedIpRanges"],
            repeated: ["bgp.advertised_ip_ranges"]))
        m.set("region", .string("projects/\(r.projectSegment)/regions/\(region)"), source: r.derivedSource("region"))
        if let n = relativeNetwork(m["network"], project: r.projectSegment) { m.set("network", n, source: r.attributeSource("network")) }
        return [asset(r, "Router", "regions/\(region)/routers/\(r.segment(r.string("name"), "name"))", m)]
    }

    /// A NAT is one element of its router's `nats[]`; the driver appends it to the router asset.
    static func routerNAT(_ r: TerraformResource) -> [ConvertedAsset] {
        let region = r.segment(r.region, "region")
        var m = r.mapped(DataMapping(
            drop: ["project", "router", "region"],
            rename: ["subnetwork": "subnetworks", "nat_ips": "natIps", "log_config.filter": "filter"],
            repeated: ["subnetwork", "rules"]))
        // Omitted log_config: NAT logging off.
        r.fillDefault(&m, "logConfig.enable", false, tfPath: "log_config.0.enable")
        var c = asset(r, "Router", "regions/\(region)/routers/\(r.segment(r.string("router"), "router"))", m)
        c.appendTo = "nats"
        return [c]
    }

    static func globalAddress(_ r: TerraformResource) -> [ConvertedAsset] {
        var m = r.mapped(DataMapping(drop: ["project", "creation_timestamp", "label_fingerprint"]))
        if let n = relativeNetwork(m["network"], project: r.projectSegment) { m.set("network", n, source: r.attributeSource("network")) }
        r.fillDefault(&m, "addressType", "EXTERNAL", tfPath: "address_type")
        return [asset(r, "GlobalAddress", "global/addresses/\(r.segment(r.string("name"), "name"))", m)]
    }

    static func sslPolicy(_ r: TerraformResource) -> [ConvertedAsset] {
        var m = r.mapped(DataMapping(drop: ["project", "creation_timestamp", "fingerprint", "enabled_features"]))
        // Provider defaults: the COMPATIBLE profile and TLS 1.0 minimum.
        r.fillDefault(&m, "profile", "COMPATIBLE", tfPath: "profile")
        r.fillDefault(&m, "minTlsVersion", "TLS_1_0", tfPath: "min_tls_version")
        return [asset(r, "SslPolicy", "global/sslPolicies/\(r.segment(r.string("name"), "name"))", m)]
    }

    static func backendService(_ r: TerraformResource) -> [ConvertedAsset] {
        var m = r.mapped(DataMapping(
            drop: ["project", "creation_timestamp", "fingerprint", "generated_id"],
            rename: ["enable_cdn": "enableCDN", "iap.oauth2_client_secret": "oauth2ClientSecret"],
            repeated: ["backend", "custom_request_headers", "custom_response_headers"]))
        m.remove("iap.oauth2ClientSecret")
        r.fillDefault(&m, "logConfig.enable", false, tfPath: "log_config.0.enable")
        return [asset(r, "BackendService", "global/backendServices/\(r.segment(r.string("name"), "name"))", m)]
    }

    // MARK: instance

    static func instance(_ r: TerraformResource) -> [ConvertedAsset] {
        let project = r.projectSegment
        let zone = r.segment(r.zone, "zone")
        let v = r.values
        var m = MappedData()
        func put(_ key: String, _ tf: String, _ value: Value?) {
            guard let value, !value.isEmptyForREST else { return }
            m.set(key, value, source: r.attributeSource(tf))
        }
        put("name", "name", v["name"])
        put("zone", "zone", .string(zone))
        put("canIpForward", "can_ip_forward", v["can_ip_forward"])
        put("deletionProtection", "deletion_protection", v["deletion_protection"])
        put("description", "description", v["description"])
        put("hostname", "hostname", v["hostname"])
        put("minCpuPlatform", "min_cpu_platform", v["min_cpu_platform"])
        put("labels", "labels", v["labels"])
        if let mt = v["machine_type"] {
            put("machineType", "machine_type", mt.stringValue.map { .string($0.contains("/") ? $0 : "projects/\(project)/zones/\(zone)/machineTypes/\($0)") } ?? mt)
        }
        // Disks: boot disk first, then scratch disks, then attached disks (the provider's order).
        var disks: [Value] = []
        func diskSource(_ s: String) -> String { s.contains("/") ? s : "projects/\(project)/zones/\(zone)/disks/\(s)" }
        if let boot = v["boot_disk"]?.elements?.first {
            var d: [String: Value] = ["boot": true]
            if let a = boot["auto_delete"], !a.isNull { d["autoDelete"] = a }
            if let n = boot["device_name"]?.stringValue, !n.isEmpty { d["deviceName"] = .string(n) }
            if let mode = boot["mode"], !mode.isNull { d["mode"] = mode }
            if let s = boot["source"]?.stringValue, !s.isEmpty { d["source"] = .string(diskSource(s)) }
            if let raw = boot["disk_encryption_key_raw"], !raw.isNull { d["diskEncryptionKey"] = ["rawKey": raw] }
            else if let k = boot["kms_key_self_link"], !k.isEmptyForREST { d["diskEncryptionKey"] = ["kmsKeyName": k] }
            if let ip = boot["initialize_params"]?.elements?.first {
                var p: [String: Value] = [:]
                if let img = ip["image"]?.stringValue { p["sourceImage"] = .string(expandImage(img)) }
                if let size = ip["size"]?.numberValue { p["diskSizeGb"] = .string(size.description) }
                if let t = ip["type"]?.stringValue { p["diskType"] = .string("projects/\(project)/zones/\(zone)/diskTypes/\(t)") }
                if !p.isEmpty { d["initializeParams"] = .object(p) }
            }
            disks.append(.object(d))
        }
        for s in v["scratch_disk"]?.elements ?? [] {
            var d: [String: Value] = [
                "autoDelete": true, "type": "SCRATCH",
                "initializeParams": ["diskType": .string("projects/\(project)/zones/\(zone)/diskTypes/local-ssd")],
            ]
            if let i = s["interface"], !i.isNull { d["interface"] = i }
            disks.append(.object(d))
        }
        for a in v["attached_disk"]?.elements ?? [] {
            var d: [String: Value] = [:]
            if let n = a["device_name"]?.stringValue, !n.isEmpty { d["deviceName"] = .string(n) }
            if let mode = a["mode"], !mode.isNull { d["mode"] = mode }
            if let s = a["source"]?.stringValue { d["source"] = .string(diskSource(s)) } else if let s = a["source"] { d["source"] = s }
            if let raw = a["disk_encryption_key_raw"], !raw.isNull { d["diskEncryptionKey"] = ["rawKey": raw] }
            else if let k = a["kms_key_self_link"], !k.isEmptyForREST { d["diskEncryptionKey"] = ["kmsKeyName": k] }
            disks.append(.object(d))
        }
        if !disks.isEmpty { m.set("disks", .tuple(disks), source: r.attributeSource("boot_disk")) }

        var accels: [Value] = []
        for g in v["guest_accelerator"]?.elements ?? [] {
            var a: [String: Value] = [:]
            if let c = g["count"] { a["acceleratorCount"] = c }
            if let t = g["type"]?.stringValue { a["acceleratorType"] = .string(t.contains("/") ? t : "projects/\(project)/zones/\(zone)/acceleratorTypes/\(t)") }
            accels.append(.object(a))
        }
        if !accels.isEmpty { m.set("guestAccelerators", .tuple(accels), source: r.attributeSource("guest_accelerator")) }

        // Metadata: a map in Terraform, `items[{key, value}]` in the API, sorted by key.
        var items: [Value] = []
        if let md = v["metadata"]?.attributes {
            for k in md.keys.sorted() { items.append(["key": .string(k), "value": md[k]!]) }
        }
        if let s = v["metadata_startup_script"], !s.isNull { items.append(["key": "startup-script", "value": s]) }
        if !items.isEmpty { m.set("metadata.items", .tuple(items), source: r.attributeSource("metadata")) }

        var nics: [Value] = []
        for (i, n) in (v["network_interface"]?.elements ?? []).enumerated() {
            var o: [String: Value] = [:]
            if let net = n["network"], !net.isEmptyForREST { o["network"] = relativeNetwork(net, project: project) }
            if let sub = n["subnetwork"]?.stringValue, !sub.isEmpty {
                let sp = n["subnetwork_project"]?.stringValue ?? project
                let region = zone.split(separator: "-").dropLast().joined(separator: "-")
                o["subnetwork"] = .string(sub.contains("/") ? AssetName.relativeCompute(sub) : "projects/\(sp)/regions/\(region)/subnetworks/\(sub)")
            } else if let sub = n["subnetwork"], !sub.isKnown { o["subnetwork"] = sub }
            if let ip = n["network_ip"], !ip.isEmptyForREST { o["networkIP"] = ip }
            var acs: [Value] = []
            for ac in n["access_config"]?.elements ?? [] {
                var a: [String: Value] = ["type": "ONE_TO_ONE_NAT"]
                if let ip = ac["nat_ip"], !ip.isEmptyForREST { a["natIP"] = ip }
                if let t = ac["network_tier"], !t.isEmptyForREST { a["networkTier"] = t }
                if let p = ac["public_ptr_domain_name"], !p.isEmptyForREST { a["publicPtrDomainName"] = p; a["setPublicPtr"] = true }
                acs.append(.object(a))
            }
            if !acs.isEmpty { o["accessConfigs"] = .tuple(acs) }
            var aliases: [Value] = []
            for al in n["alias_ip_range"]?.elements ?? [] {
                var a: [String: Value] = [:]
                if let c = al["ip_cidr_range"], !c.isEmptyForREST { a["ipCidrRange"] = c }
                if let s = al["subnetwork_range_name"], !s.isEmptyForREST { a["subnetworkRangeName"] = s }
                aliases.append(.object(a))
            }
            if !aliases.isEmpty { o["aliasIpRanges"] = .tuple(aliases) }
            if let t = n["nic_type"], !t.isEmptyForREST { o["nicType"] = t }
            if let st = n["stack_type"], !st.isEmptyForREST { o["stackType"] = st }
            nics.append(.object(o))
            m.fields["networkInterfaces.\(i)"] = r.attributeSource("network_interface.\(i)")
        }
        if !nics.isEmpty { m.set("networkInterfaces", .tuple(nics), source: r.attributeSource("network_interface")) }

        var sched: [String: Value] = [:]
        if let s = v["scheduling"]?.elements?.first {
            if let a = s["automatic_restart"], !a.isNull { sched["automaticRestart"] = a }
            if let o = s["on_host_maintenance"], !o.isEmptyForREST { sched["onHostMaintenance"] = o }
            if let p = s["preemptible"], !p.isNull { sched["preemptible"] = p }
            if let p = s["provisioning_model"], !p.isEmptyForREST { sched["provisioningModel"] = p }
        }
        if !sched.isEmpty { m.set("scheduling", .object(sched), source: r.attributeSource("scheduling")) }
        r.fillDefault(&m, "scheduling.automaticRestart", true, tfPath: "scheduling.0.automatic_restart")

        var sas: [Value] = []
        for s in v["service_account"]?.elements ?? [] {
            var o: [String: Value] = [:]
            // No email: the Compute Engine default service account.
            o["email"] = s["email"].flatMap { $0.isNull ? Value?.none : $0 } ?? "default"
            if let sc = s["scopes"], !sc.isEmptyForREST { o["scopes"] = sc }
            sas.append(.object(o))
        }
        if !sas.isEmpty { m.set("serviceAccounts", .tuple(sas), source: r.attributeSource("service_account")) }
        if let tags = v["tags"], !tags.isEmptyForREST { m.set("tags.items", tags, source: r.attributeSource("tags")) }

        if let sic = v["shielded_instance_config"]?.elements?.first {
            for (tf, rest) in [("enable_secure_boot", "enableSecureBoot"), ("enable_vtpm", "enableVtpm"),
                               ("enable_integrity_monitoring", "enableIntegrityMonitoring")] {
                if let b = sic[tf], !b.isNull {
                    m.set("shieldedInstanceConfig.\(rest)", b, source: r.attributeSource("shielded_instance_config.0.\(tf)"))
                }
            }
        }
        // Provider defaults for Shielded VM: secure boot off, vTPM and integrity monitoring on.
        r.fillDefault(&m, "shieldedInstanceConfig.enableSecureBoot", false, tfPath: "shielded_instance_config.0.enable_secure_boot")
        r.fillDefault(&m, "shieldedInstanceConfig.enableVtpm", true, tfPath: "shielded_instance_config.0.enable_vtpm")
        r.fillDefault(&m, "shieldedInstanceConfig.enableIntegrityMonitoring", true,
                      tfPath: "shielded_instance_config.0.enable_integrity_monitoring")
        if let cc = v["confidential_instance_config"]?.elements?.first, let e = cc["enable_confidential_compute"], !e.isNull {
            m.set("confidentialInstanceConfig.enableConfidentialCompute", e, source: r.attributeSource("confidential_instance_config"))
        }
        return [asset(r, "Instance", "zones/\(zone)/instances/\(r.segment(r.string("name"), "name"))", m)]
    }

    /// `debian-cloud/debian-9` → `projects/debian-cloud/global/images/family/debian-9` (the
    /// provider's image shorthand resolution for `project/family`).
    static func expandImage(_ s: String) -> String {
        if s.hasPrefix("projects/") || s.hasPrefix("https://") { return AssetName.relativeCompute(s) }
        let parts = s.split(separator: "/")
        if parts.count == 2 { return "projects/\(parts[0])/global/images/family/\(parts[1])" }
        return s
    }
}
