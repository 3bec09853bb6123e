import Foundation
import HCL

/// The scan's inputs, sorted by kind. Directories are read as Terraform (every root module
/// under them) unless they hold an evidence manifest; files are classified by name and
/// content: a `terraform show -json` plan, `.tf`/`.tf.json` (their directory), or anything
/// the asset loaders recognise (CAI exports, gcloud output, IAM policies, manifests).
/// Nothing is skipped silently: a path that does not exist is a diagnostic.
struct ScanInputs {
    var terraformPaths: [String] = []
    var planFiles: [String] = []
    var assetFiles: [String] = []
    var diagnostics: [Diagnostic] = []

    /// Directory names never descended into when looking for Terraform: VCS metadata and
    /// `.terraform` (installed modules are read through `modules.json`, not by walking).
    static let skippedDirectories: Set<String> = [".git", ".terraform", ".hg", ".svn", "node_modules"]

    static func classify(_ paths: [String]) -> ScanInputs {
        var inputs = ScanInputs()
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                inputs.diagnostics.append(Diagnostic(
                    severity: .error, summary: "No such file or directory", detail: path,
                    range: SourceRange(filename: path, start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0)),
                    code: Diagnostic.Code.unreadable))
                continue
            }
            if isDir.boolValue {
                let manifest = (path as NSString).appendingPathComponent("tollgate-evidence.yaml")
                if fm.fileExists(atPath: manifest) {
                    // An evidence folder: the manifest says what each file is.
                    inputs.assetFiles.append(manifest)
                } else {
                    inputs.terraformPaths.append(path)
                }
                continue
            }
            let name = (path as NSString).lastPathComponent
            if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") {
                inputs.terraformPaths.append((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
            } else if name.hasSuffix(".json"), isPlan(path) {
                inputs.planFiles.append(path)
            } else {
                inputs.assetFiles.append(path)
            }
        }
        inputs.terraformPaths = Array(Set(inputs.terraformPaths)).sorted()
        return inputs
    }

    /// A plan (`terraform show -json`) names `format_version` and `terraform_version` near its
    /// start, which no CAI export or gcloud output does. Only the first 64 KiB are read.
    static func isPlan(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 64 << 10)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("\"terraform_version\"") && text.contains("\"format_version\"")
            && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\"") || text.contains("\"configuration\"") || head.count == 64 << 10)
    }

    /// Every regular file that was read, for the report's scope (with SHA-256).
    static func files(under path: String) -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { return [path] }
        var out: [String] = []
        guard let e = fm.enumerator(atPath: path) else { return [] }
        while let rel = e.nextObject() as? String {
            let last = (rel as NSString).lastPathComponent
            if skippedDirectories.contains(last) {
                e.skipDescendants()
                continue
            }
            if last.hasSuffix(".tf") || last.hasSuffix(".tf.json") || last.hasSuffix(".tfvars") || last.hasSuffix(".tfvars.json") {
                out.append((path as NSString).appendingPathComponent(rel))
            }
        }
        return out.sorted()
    }
}
