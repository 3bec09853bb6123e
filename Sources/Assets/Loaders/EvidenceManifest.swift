import HCL

/// `tollgate-evidence.yaml`: what an auditor was handed, file by file.
///
/// ```yaml
/// apiVersion: tollgate.dev/v1
/// kind: EvidenceManifest
/// project: interviewlm-prod            # default project for every file
/// environment: prod
/// collected: '2026-05-04T02:00:00Z'
/// collectedBy: nightly-audit-export
/// files:
///   - path: project-iam-policy.json    # relative to the manifest
///     kind: iam-policy                 # cai-export | cai-asset-list | cai-api-page | iam-policy |
///                                      # sql-instance | redis-instance | bucket (checked against the content)
///     resource: //cloudresourcemanager.googleapis.com/projects/482915730164   # what it describes
///     collected: '2026-05-04T02:00:00Z'
///     command: gcloud projects get-iam-policy interviewlm-prod --format=json
///     records: 63                      # optional: expected record count of an export
/// ```
/// `resource` binds an IAM policy to its asset; `project` gives ancestry to outputs that do
/// not name their project (bucket describes); `collected` and `command` are cited in reports.
public struct EvidenceManifest: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var path: String
        public var kind: InputFormat?
        public var resource: String?
        public var project: String?
        public var environment: String?
        public var collected: String?
        public var command: String?
        public var records: Int?
    }

    public var project: String?
    public var environment: String?
    public var collected: String?
    public var collectedBy: String?
    public var files: [Entry]

    static func kind(_ s: String) -> InputFormat? {
        switch s {
        case "sql-instance": .gcloudSQLInstance
        case "redis-instance": .gcloudRedisInstance
        case "bucket", "storage-bucket": .gcloudStorageBucket
        default: InputFormat(rawValue: s)
        }
    }

    static func parse(_ v: Value) -> (EvidenceManifest, [String]) {
        var problems: [String] = []
        if let api = v["apiVersion"]?.stringValue, api != "tollgate.dev/v1" {
            problems.append("apiVersion \(api) is not tollgate.dev/v1")
        }
        let project = v["project"]?.stringValue
        let environment = v["environment"]?.stringValue
        var files: [Entry] = []
        for (i, f) in (v["files"]?.elements ?? []).enumerated() {
            guard let path = f["path"]?.stringValue else {
                problems.append("files[\(i)] has no path")
                continue
            }
            var kind: InputFormat?
            if let k = f["kind"]?.stringValue {
                kind = Self.kind(k)
                if kind == nil { problems.append("files[\(i)] kind '\(k)' is not one of cai-export, cai-asset-list, cai-api-page, iam-policy, sql-instance, redis-instance, bucket") }
            }
            if f["collected"] == nil { problems.append("\(path): no 'collected' time") }
            files.append(Entry(
                path: path, kind: kind, resource: f["resource"]?.stringValue,
                project: f["project"]?.stringValue ?? project, environment: f["environment"]?.stringValue ?? environment,
                collected: f["collected"]?.stringValue ?? v["collected"]?.stringValue, command: f["command"]?.stringValue,
                records: f["records"]?.numberValue?.intValue))
        }
        return (EvidenceManifest(
            project: project, environment: environment, collected: v["collected"]?.stringValue,
            collectedBy: v["collectedBy"]?.stringValue, files: files), problems)
    }
}
