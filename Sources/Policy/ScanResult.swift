import HCL

/// Everything a scan produced — the only thing reporters see (they never see parsers or
/// the engine). `Codable` so reporters encode from it and `tollgate merge` can read it back;
/// arrays are kept sorted (see `normalized()`) so every report is deterministic.
public struct ScanResult: Codable, Hashable, Sendable {
    public var tool: ToolInfo
    public var scope: Scope
    /// Every policy that ran (the rules of SARIF, the rows of the control matrix).
    public var policies: [PolicyMetadata]
    public var findings: [Finding]
    public var undetermined: [Undetermined]
    /// Per policy: how many assets passed, failed, were undetermined or not applicable.
    public var tallies: [PolicyTally]
    /// What could not be read or evaluated: parse errors, modules not installed, unsupported
    /// types, projects not reached. Any entry makes the exit code 2 (fail closed).
    public var coverage: [CoverageGap]
    /// Warnings about the scan itself: expired or unused suppressions, deprecated options.
    public var notices: [Diagnostic]
    /// Assets by type and environment.
    public var inventory: [InventoryEntry]
    /// The asset graph, for the Markdown report's diagram.
    public var graph: GraphSummary
    /// With `--baseline` / `--compare`: findings of the earlier run that no longer occur.
    public var resolved: [Finding]
    /// The gate: findings at or above this severity fail the scan (nil = `--fail-on none`).
    public var failOn: Severity?

    public init(
        tool: ToolInfo, scope: Scope, policies: [PolicyMetadata] = [], findings: [Finding] = [],
        undetermined: [Undetermined] = [], tallies: [PolicyTally] = [], coverage: [CoverageGap] = [],
        notices: [Diagnostic] = [], inventory: [InventoryEntry] = [], graph: GraphSummary = GraphSummary(),
        resolved: [Finding] = [], failOn: Severity? = .high
    ) {
        self.tool = tool
        self.scope = scope
        self.policies = policies
        self.findings = findings
        self.undetermined = undetermined
        self.tallies = tallies
        self.coverage = coverage
        self.notices = notices
        self.inventory = inventory
        self.graph = graph
        self.resolved = resolved
        self.failOn = failOn
    }

    /// Open findings at or above the gate.
    public var gatingFindings: [Finding] {
        guard let failOn else { return [] }
        return findings.filter { $0.status == .open && $0.severity >= failOn }
    }

    /// 0: nothing open at or above `failOn`; 1: such findings; 2: coverage gaps (unreadable or
    /// unparseable input, projects not reached) — checked first, so a scan that could not see
    /// everything never passes.
    public var exitCode: Int32 {
        if !coverage.isEmpty { return 2 }
        guard let failOn else { return 0 }
        // `contains`, not `gatingFindings.isEmpty`: no copy of the findings just to count them.
        return findings.contains { $0.status == .open && $0.severity >= failOn } ? 1 : 0
    }
}

public struct ToolInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    public var policyPackVersion: String
    public var informationURI: String

    public init(name: String = "tollgate", version: String, policyPackVersion: String,
                informationURI: String = "https://github.com/tollgate-dev/tollgate") {
        self.name = name
        self.version = version
        self.policyPackVersion = policyPackVersion
        self.informationURI = informationURI
    }
}

public struct Scope: Codable, Hashable, Sendable {
    public struct Input: Codable, Hashable, Sendable {
        /// Path relative to the working directory (or an API URL for live scans).
        public var path: String
        /// Lowercase hex SHA-256 of the file's bytes (empty for live inputs).
        public var sha256: String
        /// What the loader took it for: `terraform`, `terraform-plan`, `cai-export`, `iam-policy`, `sql-instance`, …
        public var kind: String

        public init(path: String, sha256: String, kind: String) {
            self.path = path
            self.sha256 = sha256
            self.kind = kind
        }
    }

    public var inputs: [Input]
    public var profile: String
    public var environments: [String]
    /// UTC, RFC 3339 (`2026-11-26T22:00:00Z`).
    public var startedAt: String
    public var gitCommit: String?
    /// SARIF `automationDetails.id`, e.g. `tollgate/prod/`.
    public var automationID: String
    /// Directory that relative locations are relative to (SARIF `%SRCROOT%`).
    public var sourceRoot: String

    public init(inputs: [Input], profile: String, environments: [String], startedAt: String,
                gitCommit: String? = nil, automationID: String, sourceRoot: String = ".") {
        self.inputs = inputs
        self.profile = profile
        self.environments = environments
        self.startedAt = startedAt
        self.gitCommit = gitCommit
        self.automationID = automationID
        self.sourceRoot = sourceRoot
    }
}

/// What reporters need to know of a policy (SARIF rule, Markdown control matrix, JUnit suite).
public struct PolicyMetadata: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var family: Family
    public var severity: Severity
    public var resourceTypes: [String]
    /// Framework → control ids, e.g. `["cis-gcp-2.0": ["6.6"], "interviewlm": ["Private Networking"]]`.
    public var controls: [String: [String]]
    public var rationale: String
    /// Terraform snippet showing the fix.
    public var remediation: String
    /// A compliant Terraform example, for SARIF help text.
    public var compliantExample: String?
    /// The policy's documentation page (`docs/policies/<ID>.md`), relative or absolute URI.
    public var helpURI: String?
    /// `built-in`, `custom` (from --policies) or `constraint` (GCP custom constraint).
    public var origin: String

    public init(id: String, title: String, family: Family, severity: Severity, resourceTypes: [String],
                controls: [String: [String]] = [:], rationale: String, remediation: String,
                compliantExample: String? = nil, helpURI: String? = nil, origin: String = "built-in") {
        self.id = id
        self.title = title
        self.family = family
        self.severity = severity
        self.resourceTypes = resourceTypes
        self.controls = controls
        self.rationale = rationale
        self.remediation = remediation
        self.compliantExample = compliantExample
        self.helpURI = helpURI
        self.origin = origin
    }
}

/// Where a finding points: a file region (Terraform attribute, IAM member resource, resource
/// block, export record).
public struct Location: Codable, Hashable, Sendable, Comparable {
    /// Relative to `Scope.sourceRoot`, `/`-separated.
    public var path: String
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(path: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.path = path
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public static func < (a: Location, b: Location) -> Bool {
        (a.path, a.startLine, a.startColumn) < (b.path, b.startLine, b.startColumn)
    }
}

/// Why a finding failed: the field, what was there, what the policy expects.
/// `observed` is already redacted (`"(sensitive)"`) for secrets and sensitive values.
public struct Evidence: Codable, Hashable, Sendable {
    public var field: String
    public var observed: String
    public var expected: String

    public init(field: String, observed: String, expected: String) {
        self.field = field
        self.observed = observed
        self.expected = expected
    }
}

public struct Suppression: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// `# tollgate:ignore …` in the resource block (SARIF `inSource`).
        case inline
        /// An entry in `.tollgate.yaml` (SARIF `external`).
        case config
    }

    public var kind: Kind
    public var reason: String
    /// `YYYY-MM-DD`, nil if it never expires.
    public var expires: String?
    public var owner: String?
    /// Where the suppression is written.
    public var location: Location?

    public init(kind: Kind, reason: String, expires: String? = nil, owner: String? = nil, location: Location? = nil) {
        self.kind = kind
        self.reason = reason
        self.expires = expires
        self.owner = owner
        self.location = location
    }
}

public struct Finding: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case open, suppressed, baselined
    }

    /// Against a baseline or a previous run (SARIF `baselineState`).
    public enum BaselineState: String, Codable, Hashable, Sendable {
        case new, unchanged, absent
    }

    public var policyID: String
    public var severity: Severity
    public var family: Family
    public var message: String
    /// Full CAI asset name, e.g. `//cloudsql.googleapis.com/projects/p/instances/db`.
    public var assetName: String
    public var assetType: String
    /// Terraform address with module path and instance key, when Terraform-sourced.
    public var address: String?
    /// Root module (Terraform) or input file (exports) the asset came from.
    public var source: String?
    public var environment: String?
    public var location: Location?
    public var evidence: [Evidence]
    public var status: Status
    public var suppression: Suppression?
    public var baselineState: BaselineState?
    /// Stable identity: policy + root module + address with instance key (+ field), or policy +
    /// asset name for non-Terraform inputs. Never line numbers or file names.
    public var fingerprint: String

    public init(policyID: String, severity: Severity, family: Family, message: String, assetName: String,
                assetType: String, address: String? = nil, source: String? = nil, environment: String? = nil,
                location: Location? = nil, evidence: [Evidence] = [], status: Status = .open,
                suppression: Suppression? = nil, baselineState: BaselineState? = nil, fingerprint: String) {
        self.policyID = policyID
        self.severity = severity
        self.family = family
        self.message = message
        self.assetName = assetName
        self.assetType = assetType
        self.address = address
        self.source = source
        self.environment = environment
        self.location = location
        self.evidence = evidence
        self.status = status
        self.suppression = suppression
        self.baselineState = baselineState
        self.fingerprint = fingerprint
    }
}

/// A policy that could not be decided because the condition needed a value known only after
/// apply. Reported apart; fails nothing unless `--undetermined fail`.
public struct Undetermined: Codable, Hashable, Sendable {
    public var policyID: String
    public var severity: Severity
    public var family: Family
    public var assetName: String
    public var assetType: String
    public var address: String?
    public var environment: String?
    public var location: Location?
    /// The unknown values the decision needed, e.g. `resource.settings.ipConfiguration.privateNetwork`.
    public var unknowns: [String]
    /// Where those unknowns come from, e.g. `google_compute_network.vpc.id (known after apply)`.
    public var reason: String

    public init(policyID: String, severity: Severity, family: Family, assetName: String, assetType: String,
                address: String? = nil, environment: String? = nil, location: Location? = nil,
                unknowns: [String], reason: String) {
        self.policyID = policyID
        self.severity = severity
        self.family = family
        self.assetName = assetName
        self.assetType = assetType
        self.address = address
        self.environment = environment
        self.location = location
        self.unknowns = unknowns
        self.reason = reason
    }
}

public struct PolicyTally: Codable, Hashable, Sendable {
    public var policyID: String
    public var passed: Int
    public var failed: Int
    public var undetermined: Int
    /// Failed but suppressed or baselined (counted in `failed` too).
    public var waived: Int
    /// The policy's resource types had no assets in scope, or its environments excluded them.
    public var notApplicable: Bool

    public init(policyID: String, passed: Int = 0, failed: Int = 0, undetermined: Int = 0, waived: Int = 0, notApplicable: Bool = false) {
        self.policyID = policyID
        self.passed = passed
        self.failed = failed
        self.undetermined = undetermined
        self.waived = waived
        self.notApplicable = notApplicable
    }
}

/// Something the scanner could not read or evaluate. Never silently skipped.
public struct CoverageGap: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case parseError = "parse-error"
        case unreadable
        case moduleNotInstalled = "module-not-installed"
        case unsupportedType = "unsupported-type"
        case evaluationError = "evaluation-error"
        case projectNotReached = "project-not-reached"
        case policyError = "policy-error"
    }

    public var kind: Kind
    public var message: String
    public var location: Location?
    /// The subject: a file, a module source, an asset type, a project id.
    public var subject: String

    public init(kind: Kind, subject: String, message: String, location: Location? = nil) {
        self.kind = kind
        self.subject = subject
        self.message = message
        self.location = location
    }
}

public struct InventoryEntry: Codable, Hashable, Sendable {
    public var assetType: String
    public var environment: String
    public var count: Int

    public init(assetType: String, environment: String, count: Int) {
        self.assetType = assetType
        self.environment = environment
        self.count = count
    }
}

/// The asset graph as reporters draw it.
public struct GraphSummary: Codable, Hashable, Sendable {
    public struct Node: Codable, Hashable, Sendable {
        public var name: String
        public var assetType: String
        /// Short label, e.g. the Terraform address or the last name segment.
        public var label: String
        public var failing: Bool

        public init(name: String, assetType: String, label: String, failing: Bool) {
            self.name = name
            self.assetType = assetType
            self.label = label
            self.failing = failing
        }
    }

    public struct Edge: Codable, Hashable, Sendable {
        public var from: String
        public var to: String
        /// `attachment`, `reference`, `iam`, `ancestry`.
        public var kind: String

        public init(from: String, to: String, kind: String) {
            self.from = from
            self.to = to
            self.kind = kind
        }
    }

    public var nodes: [Node]
    public var edges: [Edge]

    public init(nodes: [Node] = [], edges: [Edge] = []) {
        self.nodes = nodes
        self.edges = edges
    }
}

extension ScanResult {
    /// Sorts every list so that output is deterministic whatever order evaluation ran in.
    public func normalized() -> ScanResult {
        var r = self
        r.normalize()
        return r
    }

    /// `normalized()` in place: a result held once (`consume`) has its findings sorted by
    /// moving them, none copied (a copy retains a dozen references; a live scan has 275,000).
    public mutating func normalize() {
        var r = self
        self = ScanResult(tool: tool, scope: scope, failOn: failOn)  // `r` holds the only reference now
        r.policies.sort { $0.id < $1.id }
        Self.sort(&r.findings)
        Self.sort(&r.resolved)
        r.undetermined.sort { ($0.policyID, $0.assetName, $0.address ?? "") < ($1.policyID, $1.assetName, $1.address ?? "") }
        r.tallies.sort { $0.policyID < $1.policyID }
        r.coverage.sort { ($0.kind.rawValue, $0.subject, $0.message) < ($1.kind.rawValue, $1.subject, $1.message) }
        r.inventory.sort { ($0.assetType, $0.environment) < ($1.assetType, $1.environment) }
        r.scope.inputs.sort { $0.path < $1.path }
        r.graph.nodes.sort { $0.name < $1.name }
        r.graph.edges.sort { ($0.from, $0.to, $0.kind) < ($1.from, $1.to, $1.kind) }
        self = r
    }

    /// Findings by severity (most severe first), family, policy, file, line, fingerprint.
    ///
    /// Sorts indices over extracted keys, then copies each finding once: a `Finding` holds a
    /// dozen references, and copying two per comparison (retain, release) or moving them
    /// through a merge sort cost far more than the comparisons (50,000 findings: ~0.35 s → see
    /// docs/benchmarks.md, Report). The keys are integers wherever the order allows: policy
    /// ids and paths by their rank among the distinct values (a few hundred), fingerprints
    /// (32 hex digits) by the number their first 16 digits spell — string comparisons only
    /// break the rare ties. The sort is stable, as `sort(by:)` is.
    private static func sort(_ a: inout [Finding]) {
        struct Key {
            let rank: Int, family: Family, policy: Int, path: Int, line: Int
            /// The fingerprint's first 16 hex digits as a number, nil when it does not start so.
            let prefix: UInt64?
        }
        func ranks(_ values: Set<String>) -> [String: Int] {
            var out: [String: Int] = [:]
            for (i, v) in values.sorted().enumerated() { out[v] = i }
            return out
        }
        var policyIDs: Set<String> = [], paths: Set<String> = []
        a.withUnsafeBufferPointer { all in
            for i in all.indices {
                policyIDs.insert(all[i].policyID)
                paths.insert(all[i].location?.path ?? "")
            }
        }
        let policyRank = ranks(policyIDs), pathRank = ranks(paths)
        let keys = a.withUnsafeBufferPointer { all in
            all.indices.map { i in
                Key(rank: all[i].severity.rank, family: all[i].family, policy: policyRank[all[i].policyID]!,
                    path: pathRank[all[i].location?.path ?? ""]!, line: all[i].location?.startLine ?? 0,
                    prefix: hexPrefix(all[i].fingerprint))
            }
        }
        let order = keys.withUnsafeBufferPointer { k in
            a.withUnsafeBufferPointer { all in
                all.indices.sorted { i, j in
                    if k[i].rank != k[j].rank { return k[i].rank > k[j].rank }
                    if k[i].family != k[j].family { return k[i].family < k[j].family }
                    if k[i].policy != k[j].policy { return k[i].policy < k[j].policy }
                    if k[i].path != k[j].path { return k[i].path < k[j].path }
                    if k[i].line != k[j].line { return k[i].line < k[j].line }
                    // Equal 16-digit prefixes order the strings as the numbers do.
                    if let p = k[i].prefix, let q = k[j].prefix, p != q { return p < q }
                    return all[i].fingerprint < all[j].fingerprint
                }
            }
        }
        // Applies the permutation cycle by cycle with swaps: findings are moved, not copied.
        var placed = [Bool](repeating: false, count: order.count)
        a.withUnsafeMutableBufferPointer { buf in
            for start in order.indices where !placed[start] {
                // Position i receives the finding at order[i]: follow the cycle from `start`.
                var i = start
                while true {
                    placed[i] = true
                    let from = order[i]
                    if from == start { break }
                    buf.swapAt(i, from)
                    i = from
                }
            }
        }
    }

    /// The number spelled by the first 16 characters of `s` when they are lowercase hex
    /// digits: then it orders such strings as `<` does (on a difference in those digits).
    private static func hexPrefix(_ s: String) -> UInt64? {
        var s = s
        return s.withUTF8 { b -> UInt64? in
            guard b.count >= 16 else { return nil }
            var v: UInt64 = 0
            for c in b[0..<16] {
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt64(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt64(c - UInt8(ascii: "a") + 10)
                default: return nil
                }
            }
            return v
        }
    }
}
