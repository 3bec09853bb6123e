import HCL

/// Assets gathered from many records and files, merged by (type, name): a `RESOURCE` record
/// and an `IAM_POLICY` record of the same asset become one asset; a second resource for the
/// same asset is a duplicate (diagnosed, the first kept).
public struct AssetCollection: Sendable {
    /// First asset of each name. CAI names are unique across types in practice, so the index
    /// hashes only the name; the rare second type of a name goes to `otherTypes`.
    private var index: [String: Int] = [:]
    private var otherTypes: [AssetKey: Int] = [:]
    public private(set) var assets: [Asset] = []

    public init() {}

    public var count: Int { assets.count }

    /// Room for `n` more assets: a large export's size is known up front, and growing by
    /// doubling rehashes the index repeatedly and briefly holds two copies of the asset array.
    public mutating func reserveCapacity(additional n: Int) {
        guard n > 0 else { return }
        assets.reserveCapacity(assets.count + n)
        index.reserveCapacity(index.count + n)
    }

    /// Adds `asset`; returns a diagnostic message when it duplicates one already present.
    @discardableResult
    public mutating func insert(_ asset: consuming Asset) -> String? {
        let i: Int
        if let first = index[asset.name] {
            if assets[first].assetType == asset.assetType {
                i = first
            } else if let other = otherTypes[asset.key] {
                i = other
            } else {
                otherTypes[asset.key] = assets.count
                assets.append(asset)
                return nil
            }
        } else {
            index[asset.name] = assets.count
            assets.append(asset)
            return nil
        }
        var existing = assets[i]
        var duplicate: String?
        if asset.resource != nil {
            if existing.resource != nil {
                duplicate = "duplicate asset \(asset.name) (\(asset.assetType)); first seen at \(existing.provenance.file?.location.description ?? "another input"), which is kept"
            } else {
                existing.resource = asset.resource
                if existing.ancestors.isEmpty { existing.ancestors = asset.ancestors }
                existing.labels = asset.labels
            }
        }
        if let policy = asset.iamPolicy {
            if existing.iamPolicy != nil, asset.resource == nil {
                duplicate = duplicate ?? "duplicate IAM policy for \(asset.name); the first is kept"
            } else if existing.iamPolicy == nil {
                existing.iamPolicy = policy
            }
        }
        if duplicate == nil, var f = existing.provenance.file, let g = asset.provenance.file {
            f.merged.append(g.location)
            existing.provenance = .file(f)
        }
        if existing.ancestors.isEmpty { existing.ancestors = asset.ancestors }
        assets[i] = existing
        return duplicate
    }

    /// Binds an IAM policy read from a file to the asset named `name`, creating an IAM-only
    /// asset when none is loaded.
    public mutating func bind(policy: IAMPolicy, to name: String, assetType: String, from location: FileLocation) {
        if let i = index[name] {
            assets[i].iamPolicy = policy
            if var f = assets[i].provenance.file {
                f.merged.append(location)
                assets[i].provenance = .file(f)
            }
            return
        }
        insert(Asset(
            name: name, assetType: assetType, ancestors: AssetTypes.ancestors(ofName: name), iamPolicy: policy,
            provenance: .file(FileProvenance(path: location.path, line: location.line, format: .iamPolicy))))
    }
}
