/// How bad a failing policy is. Ordered: `critical` > `high` > … > `info`.
public enum Severity: String, Codable, CaseIterable, Comparable, Hashable, Sendable {
    case critical, high, medium, low, info

    public var rank: Int {
        switch self {
        case .critical: 4
        case .high: 3
        case .medium: 2
        case .low: 1
        case .info: 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The six policy families Tollgate checks.
public enum Family: String, Codable, CaseIterable, Comparable, Hashable, Sendable {
    case leastPrivilege = "least-privilege"
    case privateIP = "private-ip"
    case encryption
    case publicAccess = "public-access"
    case deletionProtection = "deletion-protection"
    case logging

    public var title: String {
        switch self {
        case .leastPrivilege: "Least privilege"
        case .privateIP: "Private IP only"
        case .encryption: "Encryption"
        case .publicAccess: "Public access prevention"
        case .deletionProtection: "Deletion protection and recovery"
        case .logging: "Logging and retention"
        }
    }

    private var order: Int { Family.allCases.firstIndex(of: self)! }
    public static func < (a: Family, b: Family) -> Bool { a.order < b.order }
}
