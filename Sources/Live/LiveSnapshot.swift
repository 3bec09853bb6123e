import Foundation
import HCL

/// What to scan: projects by ID, or everything under a folder or organization.
package enum ScanScope: Sendable, Hashable, CustomStringConvertible {
    case projects([String])
    /// Folder number (`123`), with or without the `folders/` prefix.
    case folder(String)
    /// Organization number, with or without the `organizations/` prefix.
    case organization(String)

    /// `folders/123`, `organizations/456`, or nil for a project list.
    package var hierarchyParent: String? {
        switch self {
        case .projects: nil
        case .folder(let f): f.hasPrefix("folders/") ? f : "folders/\(f)"
        case .organization(let o): o.hasPrefix("organizations/") ? o : "organizations/\(o)"
        }
    }

    package var description: String {
        switch self {
        case .projects(let p): p.map { "projects/\($0)" }.joined(separator: ", ")
        case .folder, .organization: hierarchyParent!
        }
    }
}

/// One asset as Cloud Asset Inventory returned it, its RESOURCE and IAM_POLICY content
/// merged: `json` is the API's camelCase `Asset` object (`name`, `assetType`, `ancestors`,
/// `updateTime`, `resource{version, discoveryDocumentUri, discoveryName, resourceUrl,
/// parent, data, location}`, `iamPolicy{version, bindings, auditConfigs, etag}`), the same
/// shape `gcloud asset list --format=json` prints. The `Assets` loader normalizes it.
package struct FetchedAsset: Sendable, Hashable {
    package var name: String
    package var assetType: String
    /// The listing it came from: `projects/ID`, or the folder/organization for hierarchy
    /// assets (folders, the organization, and their IAM policies).
    package var scope: String
    package var json: Value

    package init(name: String, assetType: String, scope: String, json: Value) {
        self.name = name
        self.assetType = assetType
        self.scope = scope
        self.json = json
    }

    package var resource: Value? { json["resource"] }
    package var resourceData: Value? { json[path: ["resource", "data"]] }
    package var iamPolicy: Value? { json["iamPolicy"] }
    package var ancestors: [String] { json["ancestors"]?.elements?.compactMap(\.stringValue) ?? [] }
    package var updateTime: String? { json["updateTime"]?.stringValue }
}

/// How the scan of one project (or of the hierarchy above the projects) went. Every
/// project in scope gets one: nothing is skipped silently.
package struct ProjectOutcome: Sendable, Hashable {
    package enum Status: Sendable, Hashable {
        /// Every page of both content types was fetched.
        case complete
        /// The project could not be scanned; none of its assets are in the snapshot (a
        /// half-fetched project, e.g. resources without their IAM policies, would make
        /// policies pass that should not).
        case failed(LiveError)
        /// Not scanned, on purpose, with the reason (e.g. a project pending deletion).
        case skipped(String)
    }

    /// `projects/ID`, or `folders/N` / `organizations/N` for the hierarchy listing.
    package var parent: String
    package var status: Status
    package var assets: Int
    package var pages: Int
    /// HTTP requests sent (attempts included).
    package var requests: Int
    package var retries: [RetryRecord]
    package var seconds: Double

    package init(parent: String, status: Status, assets: Int = 0, pages: Int = 0, requests: Int = 0,
                retries: [RetryRecord] = [], seconds: Double = 0) {
        self.parent = parent
        self.status = status
        self.assets = assets
        self.pages = pages
        self.requests = requests
        self.retries = retries
        self.seconds = seconds
    }

    package var isFailure: Bool { if case .failed = status { true } else { false } }

    /// `complete`, `skipped`, or the failure kind (`permission-denied`, `not-found`,
    /// `retries-exhausted`, ...; see `LiveError.kind`).
    package var statusName: String {
        switch status {
        case .complete: "complete"
        case .skipped: "skipped"
        case .failed(let e): e.kind
        }
    }

    /// One line for logs and reports' coverage sections.
    package var summary: String {
        switch status {
        case .complete:
            return "\(parent): \(assets) assets, \(pages) pages, \(requests) requests, \(retries.count) retries"
        case .skipped(let why):
            return "\(parent): skipped (\(why))"
        case .failed(let e):
            return "\(parent): FAILED [\(e.kind)] \(e)"
        }
    }
}

/// Everything one live fetch produced: the assets (sorted by name) and what was covered.
package struct LiveSnapshot: Sendable {
    package var scope: ScanScope
    package var shard: Shard?
    package var assets: [FetchedAsset]
    /// One per project in this shard's scope (plus one for the hierarchy listing of a folder
    /// or organization scan), sorted by parent.
    package var outcomes: [ProjectOutcome]
    /// The snapshot time: `--read-time` when given, else the time the API reported.
    package var readTime: String?
    package var startedAt: Date
    package var finishedAt: Date
    package var credentials: CredentialOrigin?
    /// The API endpoint the assets came from (provenance).
    package var endpoint: String

    /// True when no project failed.
    package var isComplete: Bool { !outcomes.contains(where: \.isFailure) }
    package var failures: [ProjectOutcome] { outcomes.filter(\.isFailure) }
    package var totalRequests: Int { outcomes.reduce(0) { $0 + $1.requests } }
    package var totalRetries: Int { outcomes.reduce(0) { $0 + $1.retries.count } }
}
