import Foundation
import HCL

/// Maps plan resource instances back to the configuration they came from (`--source DIR`, or
/// the plan's own directory when it holds `.tf` files): the block range, the ranges of
/// attributes and static nested blocks (`settings.0.tier`), inline `# tollgate:` comments and
/// `lifecycle.prevent_destroy`. Module calls are followed through local sources and
/// `.terraform/modules/modules.json`; an address whose block is not found is left unmapped.
enum PlanSourceMapping {
    static func attach(_ instances: inout [ResourceInstance], sourceDirectory: String) -> [Diagnostic] {
        let cwd = FileManager.default.currentDirectoryPath
        guard let root = FileFunctions.realPath(FileFunctions.absolute(sourceDirectory, relativeTo: cwd)) else {
            return [.error("Source directory not found", detail: sourceDirectory)]
        }
        let run = EvaluationRun(scanRoot: root, options: EvaluationOptions())
        let installed = InstalledModules.load(rootDirectory: root, run: run)
        var moduleDirs: [String: String] = ["": root]  // call path -> directory
        func directory(for calls: [String]) -> String? {
            let key = calls.joined(separator: ".")
            if let d = moduleDirs[key] { return d }
            guard let parent = directory(for: Array(calls.dropLast())) else { return nil }
            let m = run.module(parent)
            guard let call = m.moduleCalls.first(where: { $0.name == calls.last }), let source = call.source else { return nil }
            var dir: String?
            if call.isLocal {
                dir = FileFunctions.realPath(FileFunctions.absolute(source, relativeTo: parent))
            } else if let i = installed[key] {
                dir = FileFunctions.realPath(i)
            }
            guard let d = dir, FileFunctions.isInside(d, root) else { return nil }
            moduleDirs[key] = d
            return d
        }
        for i in instances.indices {
            guard let (calls, mode, type, name) = parse(instances[i].address), let dir = directory(for: calls) else { continue }
            let m = run.module(dir)
            guard let r = m.resources.first(where: { $0.mode == mode && $0.type == type && $0.name == name }) else { continue }
            let f = m.files[r.file]
            instances[i].blockRange = f.sourceRange(r.block.typeRange.lowerBound..<r.block.openBraceRange.upperBound)
            var ranges: [String: SourceRange] = [:]
            staticRanges(r.block.body, files: m.files, file: r.file, origins: r.origins, path: "", topLevel: true, into: &ranges)
            instances[i].attributeRanges = ranges
            instances[i].inlineComments = ModuleInstance.inlineComments(r, files: m.files)
            if let lc = r.block.body.blocks(ofType: "lifecycle").first,
               let pd = lc.body.attribute(named: "prevent_destroy")?.expression.staticValue?.boolValue {
                instances[i].preventDestroy = pd
            }
        }
        return run.finishedDiagnostics().filter { $0.severity == .error }
    }

    /// Ranges of the arguments and static nested blocks of a body; at the top level each is
    /// located in the file `origins` gives (an override file's when one replaced it).
    private static func staticRanges(_ body: Body, files: [File], file: Int, origins: BodyOrigins, path: String, topLevel: Bool, into out: inout [String: SourceRange]) {
        for a in body.attributes where !(topLevel && ModuleInstance.resourceMetaAttributes.contains(a.name)) {
            let fi = topLevel ? origins.file(ofAttribute: a.name, default: file) : file
            out[path + a.name] = files[fi].sourceRange(a.range)
        }
        var counts: [String: Int] = [:]
        for b in body.blocks where b.type != "dynamic" && !(topLevel && ModuleInstance.resourceMetaBlocks.contains(b.type)) {
            let i = counts[b.type, default: 0]
            counts[b.type] = i + 1
            let fi = topLevel ? origins.file(of: b, default: file) : file
            out[path + b.type + ".\(i)"] = files[fi].sourceRange(b.typeRange.lowerBound..<b.openBraceRange.upperBound)
            staticRanges(b.body, files: files, file: fi, origins: BodyOrigins(), path: path + b.type + ".\(i).", topLevel: false, into: &out)
        }
    }

    /// `module.a["x"].module.b.data.google_x.y[0]` → (["a", "b"], .data, "google_x", "y").
    static func parse(_ address: String) -> ([String], ResourceInstance.Mode, String, String)? {
        // Split on dots outside brackets and quotes, dropping instance keys.
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var escaped = false
        for c in address {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"" where depth > 0: inString = true
            case "[": depth += 1
            case "]": depth -= 1
            case "." where depth == 0:
                parts.append(current)
                current = ""
            default:
                if depth == 0 { current.append(c) }
            }
        }
        parts.append(current)
        var calls: [String] = []
        var i = 0
        while i + 1 < parts.count, parts[i] == "module" {
            calls.append(parts[i + 1])
            i += 2
        }
        var mode = ResourceInstance.Mode.managed
        if i < parts.count, parts[i] == "data" {
            mode = .data
            i += 1
        }
        guard i + 2 == parts.count else { return nil }
        return (calls, mode, parts[i], parts[i + 1])
    }
}
