import Foundation
import HCL

/// Finds root modules: directories with `.tf` files that no other scanned directory calls as a
/// local module, plus the ones forced with `--root`. Directories nobody reaches from a root
/// (modules that only call each other) become roots too, so nothing is skipped silently.
enum RootDiscovery {
    /// Bound on the directories visited under the scanned paths.
    static let maxDirectories = 100_000

    static func roots(paths: [String], forced: [String], run: EvaluationRun) -> [String] {
        var dirs: [String] = []
        var seen = Set<String>()
        var stack: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                run.diagnostics.append(.error("No such file or directory", detail: p))
                continue
            }
            stack.append(isDir.boolValue ? p : (p as NSString).deletingLastPathComponent)
        }
        var visited = 0
        while let d = stack.popLast() {
            guard let real = FileFunctions.realPath(d), seen.insert(real).inserted else { continue }
            visited += 1
            if visited > maxDirectories {
                run.diagnostics.append(.error("Too many directories", detail: "more than \(maxDirectories) directories under the scanned paths; the rest are not scanned"))
                break
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: real) else { continue }
            var hasTF = false
            for e in entries.sorted().reversed() {
                if e.hasPrefix(".") { continue }  // .terraform, .git: installed copies and VCS data
                let full = real + "/" + e
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { continue }
                if isDir.boolValue { stack.append(full) } else if e.hasSuffix(".tf") || e.hasSuffix(".tf.json") { hasTF = true }
            }
            if hasTF { dirs.append(real) }
        }
        dirs.sort()
        var calls: [String: [String]] = [:]
        var called = Set<String>()
        for d in dirs {
            let m = run.module(d)
            for c in m.moduleCalls where c.isLocal {
                let target = FileFunctions.realPath(FileFunctions.absolute(c.source!, relativeTo: d)) ?? FileFunctions.absolute(c.source!, relativeTo: d)
                calls[d, default: []].append(target)
                if target != d { called.insert(target) }
            }
        }
        var roots = dirs.filter { !called.contains($0) }
        for f in forced where !roots.contains(f) { roots.append(f) }
        // Reachability from the roots; unreached directories become roots too.
        var reached = Set<String>()
        func reach(_ from: String) {
            var st = [from]
            while let x = st.popLast() {
                guard reached.insert(x).inserted else { continue }
                st += calls[x] ?? []
            }
        }
        roots.forEach(reach)
        for d in dirs where !reached.contains(d) {
            roots.append(d)
            reach(d)
        }
        return roots.sorted()
    }
}
