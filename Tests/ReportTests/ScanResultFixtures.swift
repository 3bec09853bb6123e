import Foundation
import HCL
import Policy

/// Scan results the reporter tests render. `rich` exercises every part of the model: all
/// severities and families, suppressions inline and in config, a baseline, undetermined
/// checks, coverage gaps, notices, inventory, a graph, and text that needs escaping in
/// every format (`|`, newlines, quotes, `<`, backticks, spaces and non-ASCII in paths).
enum ScanResultFixtures {
    static let tool = ToolInfo(version: "0.4.0", policyPackVersion: "2026.11.0")

    static let policies: [PolicyMetadata] = [
        PolicyMetadata(
            id: "TG-GCS-001", title: "Bucket enforces public access prevention", family: .publicAccess, severity: .critical,
            resourceTypes: ["storage.googleapis.com/Bucket"],
            controls: ["cis-gcp-2.0": ["5.1"], "interviewlm": ["Public Access Prevention"]],
            rationale: "A bucket without enforced public access prevention can be opened to `allUsers` by one IAM change.",
            remediation: "resource \"google_storage_bucket\" \"uploads\" {\n  public_access_prevention = \"enforced\"\n}",
            compliantExample: "resource \"google_storage_bucket\" \"ok\" {\n  name                     = \"ok\"\n  location                 = \"EU\"\n  public_access_prevention = \"enforced\"\n}",
            helpURI: "docs/policies/TG-GCS-001.md"),
        PolicyMetadata(
            id: "TG-IAM-001", title: "Service accounts hold only their allowlisted roles", family: .leastPrivilege, severity: .high,
            resourceTypes: ["cloudresourcemanager.googleapis.com/Project"],
            controls: ["cis-gcp-2.0": ["1.5", "1.6"], "interviewlm": ["Least Privilege IAM"]],
            rationale: "Primitive roles such as roles/editor grant far more than any workload needs.",
            remediation: "resource \"google_project_iam_member\" \"app\" {\n  role   = \"roles/cloudsql.client\"\n  member = \"serviceAccount:${google_service_account.app.email}\"\n}",
            helpURI: "docs/policies/TG-IAM-001.md"),
        PolicyMetadata(
            id: "TG-KMS-001", title: "Secrets are encrypted with a customer-managed key", family: .encryption, severity: .info,
            resourceTypes: ["secretmanager.googleapis.com/Secret"],
            controls: ["interviewlm": ["Encryption at Rest"]],
            rationale: "CMEK lets the organization revoke access to secret material.",
            remediation: "", helpURI: "docs/policies/TG-KMS-001.md"),
        PolicyMetadata(
            id: "TG-LOG-001", title: "Log buckets keep logs for the profile's minimum retention", family: .logging, severity: .low,
            resourceTypes: ["logging.googleapis.com/LogBucket"],
            controls: ["cis-gcp-2.0": ["2.2"], "interviewlm": ["Audit Logging"]],
            rationale: "Audit evidence must outlive the retention the profile asks for (params.minLogRetentionDays).",
            remediation: "resource \"google_logging_project_bucket_config\" \"audit\" {\n  retention_days = 365\n}",
            helpURI: "docs/policies/TG-LOG-001.md"),
        PolicyMetadata(
            id: "TG-SQL-001", title: "Cloud SQL instance accepts connections on private IP only", family: .privateIP, severity: .high,
            resourceTypes: ["sqladmin.googleapis.com/Instance"],
            controls: ["cis-gcp-2.0": ["6.6"], "interviewlm": ["Private Networking"]],
            rationale: "A public IP exposes the database to the internet; the app reaches it over the VPC.",
            remediation: "settings {\n  ip_configuration {\n    ipv4_enabled    = false\n    private_network = google_compute_network.vpc.id\n  }\n}",
            compliantExample: "resource \"google_sql_database_instance\" \"db\" {\n  settings {\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n    }\n  }\n}",
            helpURI: "docs/policies/TG-SQL-001.md"),
        PolicyMetadata(
            id: "TG-SQL-002", title: "Cloud SQL instance requires TLS", family: .encryption, severity: .medium,
            resourceTypes: ["sqladmin.googleapis.com/Instance"],
            controls: ["cis-gcp-2.0": ["6.4"], "interviewlm": ["Encryption in Transit"]],
            rationale: "Without `ssl_mode = ENCRYPTED_ONLY` a client may connect in clear text.",
            remediation: "settings {\n  ip_configuration {\n    ssl_mode = \"ENCRYPTED_ONLY\"\n  }\n}",
            helpURI: "docs/policies/TG-SQL-002.md"),
        PolicyMetadata(
            id: "TG-SQL-003", title: "Cloud SQL instance has deletion protection", family: .deletionProtection, severity: .medium,
            resourceTypes: ["sqladmin.googleapis.com/Instance"],
            controls: ["interviewlm": ["Backups & Recovery"]],
            rationale: "Deletion protection stops a `terraform destroy` from dropping production data.",
            remediation: "deletion_protection = true",
            helpURI: "docs/policies/TG-SQL-003.md"),
        PolicyMetadata(
            id: "ACME-001", title: "Buckets carry a data-classification label", family: .publicAccess, severity: .low,
            resourceTypes: ["storage.googleapis.com/Bucket"],
            rationale: "ACME's data handling standard (DHS-4) needs a classification on every bucket.",
            remediation: "labels = { classification = \"internal\" }",
            helpURI: "https://wiki.acme.example/policies/ACME-001", origin: "custom"),
    ]

    static let bucket = "//storage.googleapis.com/projects/_/buckets/interviewlm-prod-uploads"
    static let project = "//cloudresourcemanager.googleapis.com/projects/interviewlm-prod"
    static let sqlPrimary = "//cloudsql.googleapis.com/projects/interviewlm-prod/instances/interviewlm-db"
    static let sqlDev = "//cloudsql.googleapis.com/projects/interviewlm-dev/instances/interviewlm-db"
    static let logBucket = "//logging.googleapis.com/projects/interviewlm-staging/locations/global/buckets/_Default"

    static let findings: [Finding] = [
        Finding(
            policyID: "TG-SQL-001", severity: .high, family: .privateIP,
            message: "Cloud SQL instance interviewlm-db accepts connections on a public IP",
            assetName: sqlPrimary, assetType: "sqladmin.googleapis.com/Instance",
            address: "module.db.google_sql_database_instance.main[\"primary\"]", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/modules/db/main.tf", startLine: 20, startColumn: 5, endLine: 24, endColumn: 6),
            evidence: [Evidence(field: "settings.ipConfiguration.ipv4Enabled", observed: "true", expected: "false"),
                       Evidence(field: "settings.ipConfiguration.privateNetwork", observed: "(absent)", expected: "a VPC network")],
            baselineState: .new,
            fingerprint: "9f1c2a7e5b3d4c60"),
        Finding(
            policyID: "TG-GCS-001", severity: .critical, family: .publicAccess,
            message: "Bucket interviewlm-prod-uploads does not enforce public access prevention",
            assetName: bucket, assetType: "storage.googleapis.com/Bucket",
            address: "google_storage_bucket.uploads", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/storage.tf", startLine: 12, startColumn: 3, endLine: 12, endColumn: 40),
            evidence: [Evidence(field: "iamConfiguration.publicAccessPrevention", observed: "inherited", expected: "enforced")],
            baselineState: .new,
            fingerprint: "0a55e3c1d2b4f697"),
        Finding(
            policyID: "TG-IAM-001", severity: .high, family: .leastPrivilege,
            message: "Service account app@interviewlm-prod.iam.gserviceaccount.com holds roles/editor | not in its allowlist\n(allowlist: roles/cloudsql.client, roles/secretmanager.secretAccessor)",
            assetName: project, assetType: "cloudresourcemanager.googleapis.com/Project",
            address: "google_project_iam_member.app_editor", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/iam.tf", startLine: 7, startColumn: 3, endLine: 7, endColumn: 27),
            evidence: [Evidence(field: "iamPolicy.bindings[role=roles/editor].members", observed: "serviceAccount:app@interviewlm-prod.iam.gserviceaccount.com", expected: "no member outside the allowlist")],
            baselineState: .new,
            fingerprint: "77aa01b2c3d4e5f6"),
        Finding(
            // From a live IAM export: no file, only the asset.
            policyID: "TG-IAM-001", severity: .high, family: .leastPrivilege,
            message: "user:contractor@example.com holds roles/owner on project interviewlm-prod",
            assetName: project, assetType: "cloudresourcemanager.googleapis.com/Project",
            source: "live", environment: "prod",
            evidence: [Evidence(field: "iamPolicy.bindings[role=roles/owner].members", observed: "user:contractor@example.com", expected: "no member outside the allowlist")],
            baselineState: .new,
            fingerprint: "77aa01b2c3d4e5f7"),
        Finding(
            policyID: "TG-SQL-001", severity: .high, family: .privateIP,
            message: "Cloud SQL instance interviewlm-db (dev) accepts connections on a public IP",
            assetName: sqlDev, assetType: "sqladmin.googleapis.com/Instance",
            address: "module.db.google_sql_database_instance.main[\"primary\"]", source: "environments/dev", environment: "dev",
            location: Location(path: "infra/modules/db/main.tf", startLine: 20, startColumn: 5, endLine: 24, endColumn: 6),
            evidence: [Evidence(field: "settings.ipConfiguration.ipv4Enabled", observed: "true", expected: "false")],
            status: .suppressed,
            suppression: Suppression(kind: .inline, reason: "Dev database is reached from the office VPN until the connector lands",
                                     expires: "2027-03-31", owner: "platform@interviewlm.dev",
                                     location: Location(path: "infra/modules/db/main.tf", startLine: 19, startColumn: 3, endLine: 19, endColumn: 90)),
            fingerprint: "3c3c3c3c3c3c3c3c"),
        Finding(
            policyID: "TG-SQL-002", severity: .medium, family: .encryption,
            message: "Cloud SQL instance interviewlm-db allows unencrypted connections (ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\")",
            assetName: sqlPrimary, assetType: "sqladmin.googleapis.com/Instance",
            address: "module.db.google_sql_database_instance.main[\"primary\"]", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/dir with space/sql (v2).tf", startLine: 31, startColumn: 7, endLine: 31, endColumn: 48),
            evidence: [Evidence(field: "settings.ipConfiguration.sslMode", observed: "ALLOW_UNENCRYPTED_AND_ENCRYPTED", expected: "ENCRYPTED_ONLY")],
            baselineState: .new,
            fingerprint: "5e5e5e5e00000001"),
        Finding(
            policyID: "TG-SQL-003", severity: .medium, family: .deletionProtection,
            message: "Cloud SQL instance interviewlm-db can be deleted by Terraform",
            assetName: sqlPrimary, assetType: "sqladmin.googleapis.com/Instance",
            address: "module.db.google_sql_database_instance.main[\"primary\"]", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/modules/db/main.tf", startLine: 3, startColumn: 3, endLine: 3, endColumn: 30),
            evidence: [Evidence(field: "deletionProtection", observed: "false", expected: "true")],
            status: .baselined, baselineState: .unchanged,
            fingerprint: "d3d3d3d3d3d3d3d3"),
        Finding(
            // From a CAI export whose record has no line: the region is unknown.
            policyID: "TG-LOG-001", severity: .low, family: .logging,
            message: "Log bucket _Default keeps logs for 30 days; the profile asks for 365",
            assetName: logBucket, assetType: "logging.googleapis.com/LogBucket",
            source: "exports/staging assets.json", environment: "staging",
            location: Location(path: "exports/staging assets.json", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0),
            evidence: [Evidence(field: "retentionDays", observed: "30", expected: ">= 365")],
            baselineState: .new,
            fingerprint: "1091091091091091"),
        Finding(
            policyID: "ACME-001", severity: .low, family: .publicAccess,
            message: "Bucket interviewlm-prod-uploads has no data-classification label",
            assetName: bucket, assetType: "storage.googleapis.com/Bucket",
            address: "google_storage_bucket.uploads", source: "environments/prod", environment: "prod",
            location: Location(path: "infra/storage.tf", startLine: 9, startColumn: 1, endLine: 18, endColumn: 2),
            evidence: [Evidence(field: "labels.classification", observed: "(absent)", expected: "a classification")],
            status: .suppressed,
            suppression: Suppression(kind: .config, reason: "Classification labels roll out in Q1 <see ACME-4242>", owner: "data-governance"),
            fingerprint: "acacacacacacacac"),
    ]

    static let undetermined: [Undetermined] = [
        Undetermined(
            policyID: "TG-SQL-001", severity: .high, family: .privateIP,
            assetName: "//cloudsql.googleapis.com/projects/interviewlm-prod/instances/interviewlm-db-replica",
            assetType: "sqladmin.googleapis.com/Instance",
            address: "module.db.google_sql_database_instance.main[\"replica\"]", environment: "prod",
            location: Location(path: "infra/modules/db/main.tf", startLine: 20, startColumn: 5, endLine: 24, endColumn: 6),
            unknowns: ["resource.settings.ipConfiguration.privateNetwork"],
            reason: "google_compute_network.vpc.id (known after apply)"),
    ]

    static let tallies: [PolicyTally] = [
        PolicyTally(policyID: "ACME-001", passed: 3, failed: 1, waived: 1),
        PolicyTally(policyID: "TG-GCS-001", passed: 3, failed: 1),
        PolicyTally(policyID: "TG-IAM-001", passed: 2, failed: 2),
        PolicyTally(policyID: "TG-KMS-001", notApplicable: true),
        PolicyTally(policyID: "TG-LOG-001", passed: 2, failed: 1),
        PolicyTally(policyID: "TG-SQL-001", passed: 1, failed: 2, undetermined: 1, waived: 1),
        PolicyTally(policyID: "TG-SQL-002", passed: 3, failed: 1),
        PolicyTally(policyID: "TG-SQL-003", passed: 3, failed: 1, waived: 1),
    ]

    static func range(_ file: String, _ line: Int, _ col: Int, _ endCol: Int) -> SourceRange {
        SourceRange(filename: file, start: SourcePosition(line: line, column: col, offset: 0),
                    end: SourcePosition(line: line, column: endCol, offset: 0))
    }

    static var rich: ScanResult {
        ScanResult(
            tool: tool,
            scope: Scope(
                inputs: [
                    .init(path: "infra/storage.tf", sha256: "4f1d0c5bd0b8f0d1b6a0d4c8d7a3b4c2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6", kind: "terraform"),
                    .init(path: "exports/staging assets.json", sha256: "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8", kind: "cai-export"),
                    .init(path: "infra/iam.tf", sha256: "a3f5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5", kind: "terraform"),
                    .init(path: "https://cloudasset.googleapis.com/v1/projects/interviewlm-prod/assets", sha256: "", kind: "live"),
                ],
                profile: "interviewlm", environments: ["dev", "staging", "prod"],
                startedAt: "2026-11-26T22:00:00Z", gitCommit: "5b1f0e7c2d9a4b3c8e6f1a0d9c8b7a6e5f4d3c2b",
                automationID: "tollgate/prod/"),
            policies: policies,
            findings: findings,
            undetermined: undetermined,
            tallies: tallies,
            coverage: [
                CoverageGap(kind: .parseError, subject: "infra/broken.tf", message: "Invalid block definition: expected \"{\" after the block labels",
                            location: Location(path: "infra/broken.tf", startLine: 3, startColumn: 21, endLine: 3, endColumn: 22)),
                CoverageGap(kind: .moduleNotInstalled, subject: "git::https://github.com/acme/tf-modules.git//network?ref=v1.2.0",
                            message: "module \"network\" is not installed; run terraform init (modules are never downloaded by tollgate)"),
                CoverageGap(kind: .unsupportedType, subject: "google_workbench_instance",
                            message: "no converter to a Cloud Asset Inventory asset; 1 resource not checked",
                            location: Location(path: "infra/notebooks.tf", startLine: 1, startColumn: 1, endLine: 9, endColumn: 2)),
            ],
            notices: [
                .warning("Suppression expired", detail: "TG-GCS-001 on google_storage_bucket.logs expired on 2026-10-01; the finding is open again",
                         at: range("infra/storage.tf", 30, 3, 72)),
                Diagnostic(severity: .note, summary: "Unused suppression in .tollgate.yaml", detail: "TG-SQL-002 for module.cache matches no finding"),
            ],
            inventory: [
                InventoryEntry(assetType: "sqladmin.googleapis.com/Instance", environment: "prod", count: 2),
                InventoryEntry(assetType: "sqladmin.googleapis.com/Instance", environment: "dev", count: 1),
                InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "prod", count: 3),
                InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "staging", count: 1),
                InventoryEntry(assetType: "cloudresourcemanager.googleapis.com/Project", environment: "prod", count: 1),
                InventoryEntry(assetType: "logging.googleapis.com/LogBucket", environment: "staging", count: 1),
                InventoryEntry(assetType: "logging.googleapis.com/LogBucket", environment: "prod", count: 2),
            ],
            graph: GraphSummary(
                nodes: [
                    .init(name: project, assetType: "cloudresourcemanager.googleapis.com/Project", label: "interviewlm-prod", failing: true),
                    .init(name: bucket, assetType: "storage.googleapis.com/Bucket", label: "google_storage_bucket.uploads", failing: true),
                    .init(name: sqlPrimary, assetType: "sqladmin.googleapis.com/Instance", label: "module.db.google_sql_database_instance.main[\"primary\"]", failing: true),
                    .init(name: "//compute.googleapis.com/projects/interviewlm-prod/global/networks/vpc", assetType: "compute.googleapis.com/Network", label: "google_compute_network.vpc", failing: false),
                    .init(name: "//iam.googleapis.com/projects/interviewlm-prod/serviceAccounts/app@interviewlm-prod.iam.gserviceaccount.com",
                          assetType: "iam.googleapis.com/ServiceAccount", label: "app <sa> | \"runtime\"; #1 é", failing: false),
                ],
                edges: [
                    .init(from: project, to: bucket, kind: "ancestry"),
                    .init(from: project, to: sqlPrimary, kind: "ancestry"),
                    .init(from: sqlPrimary, to: "//compute.googleapis.com/projects/interviewlm-prod/global/networks/vpc", kind: "attachment"),
                    .init(from: "//iam.googleapis.com/projects/interviewlm-prod/serviceAccounts/app@interviewlm-prod.iam.gserviceaccount.com", to: project, kind: "iam"),
                    .init(from: project, to: "//missing/asset", kind: "reference"),
                ]),
            resolved: [
                Finding(policyID: "TG-GCS-001", severity: .critical, family: .publicAccess,
                        message: "Bucket interviewlm-prod-static was public", assetName: "//storage.googleapis.com/projects/_/buckets/interviewlm-prod-static",
                        assetType: "storage.googleapis.com/Bucket", address: "google_storage_bucket.static", environment: "prod",
                        location: Location(path: "infra/storage.tf", startLine: 40, startColumn: 1, endLine: 52, endColumn: 2),
                        baselineState: .absent, fingerprint: "57a71c57a71c5757"),
            ],
            failOn: .high)
    }

    /// Everything passed: no findings, no gaps (exit 0).
    static var clean: ScanResult {
        ScanResult(
            tool: tool,
            scope: Scope(inputs: [.init(path: "main.tf", sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", kind: "terraform")],
                         profile: "gcp", environments: [], startedAt: "2026-11-26T22:00:00Z", automationID: "tollgate/"),
            policies: [policies[0], policies[2]],
            tallies: [PolicyTally(policyID: "TG-GCS-001", passed: 2), PolicyTally(policyID: "TG-KMS-001", notApplicable: true)],
            inventory: [InventoryEntry(assetType: "storage.googleapis.com/Bucket", environment: "", count: 2)],
            graph: GraphSummary(nodes: [.init(name: bucket, assetType: "storage.googleapis.com/Bucket", label: "google_storage_bucket.uploads", failing: false)]))
    }

    /// `rich` without its coverage gaps: the gate decides (exit 1).
    static var gated: ScanResult {
        var r = rich
        r.coverage = []
        return r
    }

    /// `n` open findings spread over the policies, files and severities (benchmarks and limits).
    static func many(_ n: Int) -> ScanResult {
        var r = rich
        r.coverage = []
        r.findings = (0..<n).map { i in
            let p = policies[i % policies.count]
            return Finding(policyID: p.id, severity: p.severity, family: p.family, message: "Finding \(i) of \(p.id)",
                           assetName: "//example.googleapis.com/projects/p/things/t\(i)", assetType: p.resourceTypes[0],
                           address: "google_thing.t[\(i)]", environment: "prod",
                           location: Location(path: "infra/f\(i % 50).tf", startLine: i % 900 + 1, startColumn: 3, endLine: i % 900 + 2, endColumn: 4),
                           evidence: [Evidence(field: "x", observed: "\(i)", expected: "0")],
                           status: i % 10 == 9 ? .suppressed : .open,
                           suppression: i % 10 == 9 ? Suppression(kind: .config, reason: "accepted") : nil,
                           fingerprint: "fp\(i)")
        }
        return r
    }
}
