import HCL

/// One CAI asset record, in either spelling: the export-to-GCS snake_case envelope
/// (`asset_type`, `iam_policy`, `discovery_document_uri`) or the REST v1 camelCase one
/// (`assetType`, `iamPolicy`, `discoveryDocumentUri`) that `gcloud asset list --format=json`
/// and the API print. `resource.data` is the REST representation either way.
enum CAIRecord {
    static func isEnvelope(_ v: Value) -> Bool {
        guard let m = v.attributes, m["name"]?.stringValue != nil else { return false }
        return m["asset_type"] != nil || m["assetType"] != nil
    }

    /// The envelope fields of a record, in either spelling. The export loader's fast path
    /// (`ExportRecordReader`) fills the same struct straight from the bytes, so both paths share
    /// `asset(from:provenance:)` below and give identical assets and diagnostics.
    struct Envelope {
        struct Resource {
            var data: Value?
            var version: Value?
            var discoveryDocumentURI: Value?
            var discoveryName: Value?
            var parent: Value?
            var location: Value?
        }

        var name: Value?
        var assetType: Value?
        var ancestors: Value?
        /// Nil when absent or null.
        var resource: Resource?
        /// Set when `resource` is present but not an object (its type name).
        var resourceWrongType: String?
        var iamPolicy: Value?
        /// `org_policy` / `orgPolicy` / `access_policy` / `accessPolicy` present: a record with
        /// content we do not model.
        var otherContent = false
    }

    /// The envelope of a parsed record (nil unless `v` is an object).
    static func envelope(of v: Value) -> Envelope? {
        guard let m = v.attributes else { return nil }
        var e = Envelope(name: m["name"], assetType: m["asset_type"] ?? m["assetType"], ancestors: m["ancestors"])
        if let r = m["resource"], !r.isNull {
            if r.attributes == nil {
                e.resourceWrongType = r.typeName
            } else {
                e.resource = Envelope.Resource(
                    data: r["data"], version: r["version"],
                    discoveryDocumentURI: r["discovery_document_uri"] ?? r["discoveryDocumentUri"],
                    discoveryName: r["discovery_name"] ?? r["discoveryName"], parent: r["parent"], location: r["location"])
            }
        }
        e.iamPolicy = m["iam_policy"] ?? m["iamPolicy"]
        e.otherContent = m["org_policy"] != nil || m["orgPolicy"] != nil || m["access_policy"] != nil || m["accessPolicy"] != nil
        return e
    }

    /// The asset, or why the record is unusable; `problems` are fields of the wrong type that
    /// were replaced by unknowns.
    static func asset(from v: Value, provenance: FileProvenance) -> Result<(Asset, [String]), RecordError> {
        guard let e = envelope(of: v) else { return .failure(RecordError("a record must be a JSON object, got \(v.typeName)")) }
        return asset(from: e, provenance: provenance)
    }

    static func asset(from e: Envelope, provenance: FileProvenance) -> Result<(Asset, [String]), RecordError> {
        guard let name = e.name?.stringValue, !name.isEmpty else {
            return .failure(RecordError("'name' is missing or not a string"))
        }
        guard let type = e.assetType?.stringValue, !type.isEmpty else {
            return .failure(RecordError("'asset_type' is missing or not a string in \(name)"))
        }
        var problems: [String] = []
        var ancestors: [String] = []
        if let a = e.ancestors {
            if let list = a.elements { ancestors = list.compactMap(\.stringValue) } else { problems.append("ancestors is a \(a.typeName), expected a list") }
        }
        var resource: AssetResource?
        if let wrong = e.resourceWrongType {
            problems.append("resource is a \(wrong), expected an object")
        } else if let r = e.resource {
            var data = r.data ?? .object([:])
            if data.attributes == nil, !data.isNull {
                problems.append("resource.data is a \(data.typeName), expected an object")
                data = .unknown("wrong type in input: resource.data")
            }
            problems += AssetTypes.check(&data, assetType: type)
            resource = AssetResource(
                version: r.version?.stringValue ?? "",
                discoveryDocumentURI: r.discoveryDocumentURI?.stringValue ?? "",
                discoveryName: r.discoveryName?.stringValue ?? "",
                parent: r.parent?.stringValue ?? "",
                location: r.location?.stringValue,
                data: data)
        }
        var policy: IAMPolicy?
        if let p = e.iamPolicy, !p.isNull {
            var ps: [String] = []
            policy = IAMPolicyReader.policy(from: p, problems: &ps)
            problems += ps.map { "iam_policy: \($0)" }
        }
        if resource == nil, policy == nil, !e.otherContent {
            problems.append("record has neither resource nor iam_policy")
        }
        let labels = resource.map { Labels.of($0.data) } ?? [:]
        return .success((Asset(
            name: name, assetType: type, ancestors: ancestors, resource: resource, iamPolicy: policy,
            labels: labels, provenance: .file(provenance)), problems))
    }

    struct RecordError: Error {
        var message: String
        init(_ m: String) { message = m }
    }
}

extension CAIRecord.RecordError: CustomStringConvertible {
    var description: String { message }
}

/// What a loaded document is.
enum DocumentShape: Equatable {
    case asset, apiPage, sqlInstance, redisInstance, bucket, bucketRaw, iamPolicy, manifest
    case unknown(String)

    var format: InputFormat {
        switch self {
        case .asset: .caiAssetList
        case .apiPage: .caiAPIPage
        case .sqlInstance: .gcloudSQLInstance
        case .redisInstance: .gcloudRedisInstance
        case .bucket, .bucketRaw: .gcloudStorageBucket
        case .iamPolicy: .iamPolicy
        case .manifest: .evidenceManifest
        case .unknown: .caiAssetList
        }
    }

    static func classify(_ v: Value) -> DocumentShape {
        guard let m = v.attributes else { return .unknown("a \(v.typeName), not an object") }
        if CAIRecord.isEnvelope(v) { return .asset }
        if m["assets"]?.elements != nil { return .apiPage }
        if m["kind"]?.stringValue == "EvidenceManifest" || m["files"]?.elements != nil && m["apiVersion"] != nil {
            return .manifest
        }
        let kind = m["kind"]?.stringValue
        if kind == "sql#instance" || (m["databaseVersion"] != nil && m["settings"] != nil) { return .sqlInstance }
        if kind == "storage#bucket" { return .bucketRaw }
        if m["storage_url"]?.stringValue?.hasPrefix("gs://") == true
            || (m["default_storage_class"] != nil && m["location_type"] != nil) { return .bucket }
        if let name = m["name"]?.stringValue, name.contains("/instances/"), name.hasPrefix("projects/"),
           m["redisVersion"] != nil || m["memorySizeGb"] != nil { return .redisInstance }
        if IAMPolicyReader.looksLikePolicy(v) { return .iamPolicy }
        let keys = m.keys.sorted().prefix(6).joined(separator: ", ")
        return .unknown("an object with keys \(keys)\(m.count > 6 ? ", …" : "")")
    }
}
