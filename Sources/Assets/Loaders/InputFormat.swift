/// The kinds of input file the loader recognises (by content, not by name).
public enum InputFormat: String, Hashable, Sendable, CaseIterable {
    /// `gcloud asset export` output: NDJSON, one snake_case asset envelope per line.
    case caiExport = "cai-export"
    /// `gcloud asset list --format=json` (a JSON array) or `--format=yaml` (YAML documents).
    case caiAssetList = "cai-asset-list"
    /// A raw Cloud Asset API page: `{"assets": [...], "nextPageToken": ...}`.
    case caiAPIPage = "cai-api-page"
    /// `gcloud sql instances describe` (JSON or YAML; the Admin API's DatabaseInstance).
    case gcloudSQLInstance = "gcloud-sql-instance"
    /// `gcloud redis instances describe` (JSON or YAML; Memorystore's Instance).
    case gcloudRedisInstance = "gcloud-redis-instance"
    /// `gcloud storage buckets describe`, normalized snake_case output or `--raw` API JSON.
    case gcloudStorageBucket = "gcloud-storage-bucket"
    /// `gcloud … get-iam-policy` output (JSON or YAML).
    case iamPolicy = "iam-policy"
    /// `tollgate-evidence.yaml`.
    case evidenceManifest = "evidence-manifest"
}
