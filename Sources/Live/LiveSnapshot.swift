import Foundation
import HCL

/// What to scan: projects by ID, or everything under a folder or organization.
public enum ScanScope: Sendable, Hashable, CustomStringConvertible {
    case projects([String])
    /// Folder number (`123`), with or without the `folders/` prefix.
    case folder(String)
    /// Organization number, with or without the `organizations/` prefix.
    case organization(String)

    /// `folders/123`, `organizations/456`, or nil for a project list.
    public var hierarchyParent: String? {
        switch self {
        case .projects: nil
        case .folder(let f): f.hasPrefix("folders/") ? f : "folders/\(f)"
        case .organization(let o): o.hasPrefix("organizations/") ? o : "organizations/\(o)"
        }
    }

    public var description: String {
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
public struct FetchedAsset: Sendable, Hashable {
    public var name: String
    public var assetType: String
    /// The listing it came from: `projects/ID`, or the folder/organization for hierarchy
    /// assets (folders, the organization, and their IAM policies).
    public var scope: String
    public var json: Value

    public init(name: String, assetType: String, scope: String, json: Value) {
        self.name = name
        self.assetType = assetType
        self.scope = scope
        self.json = json
    }

    public var resource: Value? { json["resource"] }
    public var resourceData: Value? { json[path: ["resource", "data"]] }
    public var iamPolicy: Value? { json["iamPolicy"] }
    public var ancestors: [String] { json["ancestors"]?.elements?.compactMap(\.stringValue) ?? [] }
    public var updateTime: String? { json["updateTime"]?.stringValue }
}

/// How the scan of one project (or of the hierarchy above the projects) went. Every
/// project in scope gets one: nothing is skipped silently.
public struct ProjectOutcome: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
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
    public var parent: String
    public var status: Status
    public var assets: Int
    public var pages: Int
    /// HTTP requests sent (attempts included).
    public var requests: Int
    public var retries: [RetryRecord]
    public var seconds: Double

    public init(parent: String, status: Status, assets: Int = 0, pages: Int = 0, requests: Int = 0,
                retries: [RetryRecord] = [], seconds: Double = 0) {
        self.parent = parent
        self.status = status
        self.assets = assets
        self.pages = pages
        self.requests = requests
        self.retries = retries
        self.seconds = seconds
    }

    public var isFailure: Bool { if case .failed = status { true } else { false } }

    /// `complete`, `skipped`, or the failure kind (`permission-denied`, `not-found`,
    /// `retries-exhausted`, ...; see `LiveError.kind`).
    public var statusName: String {
        switch status {
        case .complete: "complete"
        case .skipped: "skipped"
        case .failed(let e): e.kind
        }
    }

    /// One line for logs and reports' coverage sections.
    public var summary: String {
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
public struct LiveSnapshot: Sendable {
    public var scope: ScanScope
    public var shard: Shard?
    public var assets: [FetchedAsset]
    /// One per project in this shard's scope (plus one for the hierarchy listing of a folder
    /// or organization scan), sorted by parent.
    public var outcomes: [ProjectOutcome]
    /// The snapshot time: `--read-time` when given, else the time the API reported.
    public var readTime: String?
    public var startedAt: Date
    public var finishedAt: Date
    public var credentials: CredentialOrigin?
    /// The API endpoint the assets came from (provenance).
    public var endpoint: String

    /// True when no project failed.
    public var isComplete: Bool { !outcomes.contains(where: \.isFailure) }
    public var failures: [ProjectOutcome] { outcomes.filter(\.isFailure) }
    public var totalRequests: Int { outcomes.reduce(0) { $0 + $1.requests } }
    public var totalRetries: Int { outcomes.reduce(0) { $0 + $1.retries.count } }
}
