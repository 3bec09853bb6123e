import Foundation
import HCL

/// Loads exports, gcloud output and IAM policies into assets. The format is detected from the
/// content; a file that matches nothing is an error diagnostic naming the formats expected.
///
/// NDJSON exports are streamed: the file is read in chunks and each line is parsed and
/// converted on its own, so memory stays near the size of the resulting assets. Other JSON
/// and YAML documents are read whole (they are single resources, policies or API pages).
///
/// Limits (documented in docs/assets.md): a record (NDJSON line, array element, document)
/// longer than `maxRecordBytes` (default 64 MiB) is skipped with a diagnostic; JSON nesting
/// deeper than 512 and YAML documents expanding to more than `maxYAMLNodes` nodes are errors.
public enum AssetLoader {
    public struct Options: Sendable {
        public var maxRecordBytes: Int
        public var maxYAMLNodes: Int
        /// Read size for streaming.
        public var chunkBytes: Int
        /// `--iam-policy NAME=FILE` bindings, applied to IAM policy files.
        public var iamPolicyBindings: [IAMPolicyBinding]
        /// Threads converting export lines (nil: every core, see `ParallelRanges.cores`). The
        /// result is the same for any number.
        public var threads: Int?

        public static let defaultMaxRecordBytes = 64 << 20

        public init(
            maxRecordBytes: Int = defaultMaxRecordBytes, maxYAMLNodes: Int = 1_000_000,
            chunkBytes: Int = 4 << 20, iamPolicyBindings: [IAMPolicyBinding] = [], threads: Int? = nil
        ) {
            self.threads = threads
            self.maxRecordBytes = maxRecordBytes
            self.maxYAMLNodes = maxYAMLNodes
            self.chunkBytes = chunkBytes
            self.iamPolicyBindings = iamPolicyBindings
        }
    }

    public struct Result: Sendable {
        public var assets: [Asset]
        public var diagnostics: [Diagnostic]
        /// The format each file was recognised as.
        public var formats: [String: InputFormat]

        /// Hands the assets over (leaving none here), so `AssetGraph(assets: result.takeAssets())`
        /// owns the only reference and sorts them in place instead of copying 100,000 assets.
        public mutating func takeAssets() -> [Asset] {
            var taken: [Asset] = []
            swap(&taken, &assets)
            return taken
        }
    }

    /// Loads every file (an evidence manifest pulls in the files it lists). Unreadable files
    /// are error diagnostics; nothing throws.
    public static func load(paths: [String], options: Options = Options()) -> Result {
        var session = LoadSession(options: options)
        for p in paths { session.loadFile(p, entry: nil) }
        return session.finish()
    }

    /// Loads bytes as if read from `filename` (tests, stdin).
    public static func load(bytes: [UInt8], filename: String, options: Options = Options()) -> Result {
        var session = LoadSession(options: options)
        session.loadBytes(bytes, filename: filename, entry: nil)
        return session.finish()
    }
}

/// `--iam-policy NAME=FILE`: the resource an IAM policy file belongs to.
public struct IAMPolicyBinding: Hashable, Sendable {
    /// Full CAI name, e.g. `//cloudresourcemanager.googleapis.com/projects/p`.
    public var resource: String
    public var assetType: String
    public var path: String

    public init(resource: String, assetType: String, path: String) {
        self.resource = resource
        self.assetType = assetType
        self.path = path
    }

    /// Parses `projects/P=policy.json`, `folders/F=…`, `organizations/O=…`, `buckets/B=…`
    /// (or `gs://B=…`), or a full CAI name `//service.googleapis.com/…=file`. Nil with a
    /// message when malformed.
    public static func parse(_ argument: String) -> Result<IAMPolicyBinding, ParseError> {
        guard let eq = argument.lastIndex(of: "="), eq != argument.startIndex else {
            return .failure(ParseError(message: "expected RESOURCE=FILE, e.g. projects/my-project=policy.json, got '\(argument)'"))
        }
        let lhs = String(argument[..<eq]), path = String(argument[argument.index(after: eq)...])
        guard !path.isEmpty else { return .failure(ParseError(message: "no file after '=' in '\(argument)'")) }
        if let (name, type) = resolve(lhs) {
            return .success(IAMPolicyBinding(resource: name, assetType: type, path: path))
        }
        return .failure(ParseError(
            message: "unrecognised resource '\(lhs)': use projects/P, folders/F, organizations/O, buckets/B or a full name //service.googleapis.com/..."))
    }

    public struct ParseError: Error, Hashable, Sendable {
        public var message: String
    }

    /// A resource reference → (full name, asset type).
    static func resolve(_ s: String) -> (String, String)? {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if s.hasPrefix("//") {
            let host = parts.count > 2 ? parts[2] : ""
            let rest = Array(parts.dropFirst(3))
            return (s, AssetTypes.typeOf(host: host, path: rest))
        }
        if s.hasPrefix("gs://") {
            let b = s.dropFirst(5).split(separator: "/").first.map(String.init) ?? ""
            return b.isEmpty ? nil : ("//storage.googleapis.com/\(b)", "storage.googleapis.com/Bucket")
        }
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "projects": return ("//cloudresourcemanager.googleapis.com/\(s)", "cloudresourcemanager.googleapis.com/Project")
        case "folders": return ("//cloudresourcemanager.googleapis.com/\(s)", "cloudresourcemanager.googleapis.com/Folder")
        case "organizations":
            return ("//cloudresourcemanager.googleapis.com/\(s)", "cloudresourcemanager.googleapis.com/Organization")
        case "buckets": return ("//storage.googleapis.com/\(parts[1])", "storage.googleapis.com/Bucket")
        default: return nil
        }
    }
}

extension AssetTypes {
    /// The asset type of a full name, from its host and collection words (best effort).
    static func typeOf(host: String, path: [String]) -> String {
        let collection = path.count >= 2 ? path[path.count - 2] : ""
        switch (host, collection) {
        case ("cloudresourcemanager.googleapis.com", "projects"): return "cloudresourcemanager.googleapis.com/Project"
        case ("cloudresourcemanager.googleapis.com", "folders"): return "cloudresourcemanager.googleapis.com/Folder"
        case ("cloudresourcemanager.googleapis.com", "organizations"): return "cloudresourcemanager.googleapis.com/Organization"
        case ("storage.googleapis.com", _): return "storage.googleapis.com/Bucket"
        case ("cloudsql.googleapis.com", _): return "sqladmin.googleapis.com/Instance"
        case ("redis.googleapis.com", _): return "redis.googleapis.com/Instance"
        case ("run.googleapis.com", "jobs"): return "run.googleapis.com/Job"
        case ("run.googleapis.com", _): return "run.googleapis.com/Service"
        case ("iam.googleapis.com", "serviceAccounts"): return "iam.googleapis.com/ServiceAccount"
        case ("secretmanager.googleapis.com", "secrets"): return "secretmanager.googleapis.com/Secret"
        case ("cloudkms.googleapis.com", "cryptoKeys"): return "cloudkms.googleapis.com/CryptoKey"
        case ("cloudkms.googleapis.com", "keyRings"): return "cloudkms.googleapis.com/KeyRing"
        case ("artifactregistry.googleapis.com", _): return "artifactregistry.googleapis.com/Repository"
        default:
            let kind = collection.prefix(1).uppercased() + collection.dropFirst().dropLast(collection.hasSuffix("s") ? 1 : 0)
            return "\(host)/\(kind)"
        }
    }
}
