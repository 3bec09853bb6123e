// The SARIF 2.1.0 objects Tollgate emits, as Codable structs named after the spec's
// sections (OASIS SARIF 2.1.0, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html).
// Optional properties left nil are omitted from the JSON (synthesized `encodeIfPresent`).

/// §3.13 sarifLog.
package struct SARIFLog: Codable, Hashable, Sendable {
    package var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    package var version = "2.1.0"
    package var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    /// §3.14 run.
    package struct Run: Codable, Hashable, Sendable {
        package var tool: Tool
        package var automationDetails: AutomationDetails
        package var invocations: [Invocation]
        package var originalUriBaseIds: [String: ArtifactLocation]
        package var results: [Result]
        /// §3.14.17: columns count Unicode code points (as `SourcePosition.column` does).
        package var columnKind = "unicodeCodePoints"
        package var properties: RunProperties
    }

    package struct RunProperties: Codable, Hashable, Sendable {
        package var profile: String
        package var environments: [String]
        package var gitCommit: String?
    }

    /// §3.18 tool.
    package struct Tool: Codable, Hashable, Sendable {
        package var driver: ToolComponent
    }

    /// §3.19 toolComponent.
    package struct ToolComponent: Codable, Hashable, Sendable {
        package var name: String
        package var version: String
        package var semanticVersion: String?
        package var informationUri: String
        package var rules: [ReportingDescriptor]
        /// Descriptors of the notifications `toolExecutionNotifications` refer to.
        package var notifications: [ReportingDescriptor]
        package var properties: ToolProperties
    }

    package struct ToolProperties: Codable, Hashable, Sendable {
        package var policyPackVersion: String
    }

    /// §3.49 reportingDescriptor (a rule, or a notification's descriptor).
    package struct ReportingDescriptor: Codable, Hashable, Sendable {
        package var id: String
        package var name: String?
        package var shortDescription: MultiformatMessageString
        package var fullDescription: MultiformatMessageString?
        package var help: MultiformatMessageString?
        package var helpUri: String?
        package var defaultConfiguration: ReportingConfiguration?
        package var properties: RuleProperties?
    }

    /// §3.12 multiformatMessageString.
    package struct MultiformatMessageString: Codable, Hashable, Sendable {
        package var text: String
        package var markdown: String?
    }

    /// §3.50 reportingConfiguration.
    package struct ReportingConfiguration: Codable, Hashable, Sendable {
        package var level: String
    }

    /// The rule property bag GitHub code scanning reads (`tags`, `security-severity`, `precision`).
    package struct RuleProperties: Codable, Hashable, Sendable {
        package var tags: [String]
        package var securitySeverity: String
        package var precision: String
        package var family: String
        package var severity: String

        enum CodingKeys: String, CodingKey {
            case tags, securitySeverity = "security-severity", precision, family, severity
        }
    }

    /// §3.27 result.
    package struct Result: Codable, Hashable, Sendable {
        package var ruleId: String
        package var ruleIndex: Int
        package var level: String
        package var message: Message
        package var locations: [Location]
        package var partialFingerprints: [String: String]
        package var suppressions: [Suppression]?
        package var baselineState: String?
        package var properties: ResultProperties
    }

    package struct ResultProperties: Codable, Hashable, Sendable {
        package var severity: String
        package var family: String
        package var assetType: String
        package var environment: String?
        package var status: String
    }

    /// §3.11 message.
    package struct Message: Codable, Hashable, Sendable {
        package var text: String
    }

    /// §3.28 location.
    package struct Location: Codable, Hashable, Sendable {
        package var physicalLocation: PhysicalLocation?
        package var logicalLocations: [LogicalLocation]?
    }

    /// §3.29 physicalLocation.
    package struct PhysicalLocation: Codable, Hashable, Sendable {
        package var artifactLocation: ArtifactLocation
        package var region: Region?
    }

    /// §3.4 artifactLocation.
    package struct ArtifactLocation: Codable, Hashable, Sendable {
        package var uri: String?
        package var uriBaseId: String?
        package var description: Message?
    }

    /// §3.30 region. Lines and columns are 1-based; `endColumn` is the column after the last
    /// character (§3.30.8), which is what a half-open `SourceRange` end is.
    package struct Region: Codable, Hashable, Sendable {
        package var startLine: Int
        package var startColumn: Int?
        package var endLine: Int?
        package var endColumn: Int?
    }

    /// §3.33 logicalLocation.
    package struct LogicalLocation: Codable, Hashable, Sendable {
        package var name: String
        package var fullyQualifiedName: String
        package var kind: String
    }

    /// §3.35 suppression.
    package struct Suppression: Codable, Hashable, Sendable {
        /// `inSource` or `external`.
        package var kind: String
        package var status: String
        package var justification: String
        package var location: Location?
        package var properties: SuppressionProperties?
    }

    package struct SuppressionProperties: Codable, Hashable, Sendable {
        package var owner: String?
        package var expires: String?
        /// `inline`, `config` or `baseline`.
        package var source: String
    }

    /// §3.17 runAutomationDetails.
    package struct AutomationDetails: Codable, Hashable, Sendable {
        package var id: String
    }

    /// §3.20 invocation.
    package struct Invocation: Codable, Hashable, Sendable {
        package var executionSuccessful: Bool
        package var startTimeUtc: String?
        package var exitCode: Int32
        package var exitCodeDescription: String
        package var toolExecutionNotifications: [Notification]
    }

    /// §3.58 notification.
    package struct Notification: Codable, Hashable, Sendable {
        package var level: String
        package var message: Message
        package var descriptor: DescriptorReference
        package var locations: [Location]?
    }

    /// §3.52 reportingDescriptorReference.
    package struct DescriptorReference: Codable, Hashable, Sendable {
        package var id: String
        package var index: Int
    }
}
