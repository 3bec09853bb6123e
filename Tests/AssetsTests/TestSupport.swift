import Foundation
import HCL

enum TestPaths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// `../shared` relative to the repo root (for a worktree under `wt/`, one level further up).
    static let shared: URL? = {
        for up in [repoRoot.deletingLastPathComponent(), repoRoot.deletingLastPathComponent().deletingLastPathComponent()] {
            let u = up.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: u.appendingPathComponent("corpus/tfcai/CONVENTIONS.md").path) { return u }
        }
        return nil
    }()
    static var tfcai: URL? { shared?.appendingPathComponent("corpus/tfcai") }
}

func json(_ s: String) -> Value {
    guard case .success(let v) = JSONReader.parse(s) else { fatalError("bad test JSON: \(s)") }
    return v
}
