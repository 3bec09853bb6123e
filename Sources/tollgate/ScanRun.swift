import Assets
import Crypto
import Foundation
import HCL
import Policy
import Report
import Terraform

/// One execution of `tollgate scan`: configuration, inputs → assets → graph → policies →
/// reports. Returns the exit code. Problems with inputs never stop the scan: they become
/// coverage gaps, the rest is scanned, and every report is written (fail closed: exit 2).
struct ScanRun {
    var command: ScanCommand
    var standardError = FileHandle.standardError

    func execute() -> Int32 {
        let cwd = FileManager.default.currentDirectoryPath
        // 1. Configuration.
        let gate = command.report.gate
        let (settingsResult, configDiagnostics) = gate.settings(searchPaths: command.paths)
        for d in configDiagnostics { printError(d.description) }
        guard let settings = settingsResult, !configDiagnostics.hasErrors else { return 2 }

        // 2. Inputs.
        let sourceRoot = Self.sourceRoot(for: command.paths, cwd: cwd)
        let inputs = ScanInputs.classify(command.paths)
        var diagnostics = inputs.diagnostics
        var instances: [ResourceInstance] = []
        var scopeInputs: [Scope.Input] = []
        let rootVariables: [String: String] = [:]

        if !inputs.terraformPaths.isEmpty {
            var options = EvaluationOptions()
            options.scanRoot = sourceRoot
            options.forcedRoots = command.roots
            options.commandLineVariables = Self.commandLineVariables(CommandLine.arguments)
            let result = ConfigurationEvaluator.evaluate(paths: inputs.terraformPaths, options: options)
            instances += result.instances
            diagnostics += result.diagnostics
            // Root-module environment variables are not exposed yet; labels and folder names decide.
            _ = rootVariables
            // Scope: the configuration files of the scanned directories, and every file outside
            // them that produced a resource (local modules such as ../../modules/x).
            var files = Set(inputs.terraformPaths.flatMap(ScanInputs.files(under:)).map { Self.absolute($0, base: cwd) })
            for i in result.instances {
                if let f = i.blockRange?.filename { files.insert(Self.absolute(f, base: sourceRoot)) }
            }
            for f in files.sorted() {
                scopeInputs.append(Self.scopeInput(f, kind: "terraform", root: sourceRoot))
            }
        }
        for plan in inputs.planFiles {
            do {
                let rel = Self.relative(plan, to: sourceRoot)
                let (planInstances, planDiagnostics) = try PlanLoader.load(path: plan, rootModule: rel)
                instances += planInstances
                diagnostics += planDiagnostics
            } catch {
                diagnostics.append(.error("Cannot read plan", detail: "\(error)", at: Self.fileRange(plan)))
            }
            scopeInputs.append(Self.scopeInput(plan, kind: "terraform-plan", root: sourceRoot))
        }

        var assets: [Asset] = []
        if !instances.isEmpty {
            let converted = TerraformConverter.convert(instances)
            assets += converted.assets
            diagnostics += converted.diagnostics
        }
        if !inputs.assetFiles.isEmpty {
            var bindings: [IAMPolicyBinding] = []
            for arg in command.iamPolicies {
                switch IAMPolicyBinding.parse(arg) {
                case .success(let b): bindings.append(b)
                case .failure(let e):
                    printError("error: --iam-policy \(arg): \(e.message)")
                    return 2
                }
            }
            var loaded = AssetLoader.load(paths: inputs.assetFiles + bindings.map(\.path),
                                          options: AssetLoader.Options(iamPolicyBindings: bindings))
            // Taken over, not copied, when there is no Terraform (a large export alone).
            if assets.isEmpty { assets = loaded.takeAssets() } else { assets += loaded.takeAssets() }
            diagnostics += loaded.diagnostics
            for (file, format) in loaded.formats {
                scopeInputs.append(Self.scopeInput(file, kind: format.rawValue, root: sourceRoot))
            }
        }

        // 3. Graph, policies, the scan result and the reports: shared with `tollgate live`.
        guard let stage = PolicyStage.prepare(options: gate, settings: settings, printError: printError) else { return 2 }
        let result = stage.result(PolicyStage.Inputs(
            assets: consume assets, instances: instances, diagnostics: diagnostics, scopeInputs: scopeInputs,
            sourceRoot: sourceRoot, cwd: cwd, gitCommit: Self.isReproducible ? nil : Self.gitCommit(at: sourceRoot),
            rootVariables: rootVariables))
        return PolicyStage.report(result, settings: settings, quiet: command.report.quiet, printError: printError)
    }

    func printError(_ line: String) {
        standardError.write(Data((line + "\n").utf8))
    }

    // MARK: Scope, inventory, graph

    /// The directory reports are relative to: the enclosing git work tree of the scanned
    /// paths, else the working directory when it contains them, else their common directory.
    static func sourceRoot(for paths: [String], cwd: String) -> String {
        let absolute = paths.map { p -> String in
            let a = p.hasPrefix("/") ? p : (cwd as NSString).appendingPathComponent(p)
            return (a as NSString).standardizingPath
        }
        var common = absolute.first.map { a -> String in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: a, isDirectory: &isDir)
            return isDir.boolValue ? a : (a as NSString).deletingLastPathComponent
        } ?? cwd
        for a in absolute.dropFirst() {
            while !(a == common || a.hasPrefix(common == "/" ? "/" : common + "/")) {
                common = (common as NSString).deletingLastPathComponent
            }
        }
        var dir = common
        while dir != "/" && !dir.isEmpty {
            if FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(".git")) { return dir }
            dir = (dir as NSString).deletingLastPathComponent
        }
        let c = (cwd as NSString).standardizingPath
        if common == c || common.hasPrefix(c + "/") { return c }
        return common
    }

    static func absolute(_ path: String, base: String) -> String {
        ((path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)) as NSString).standardizingPath
    }

    static func relative(_ path: String, to root: String) -> String {
        let abs = ((path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)) as NSString).standardizingPath
        if abs == root { return "." }
        if abs.hasPrefix(root + "/") { return String(abs.dropFirst(root.count + 1)) }
        return abs
    }

    /// A diagnostic's file relative to the source root. Terraform names files relative to the
    /// source root already; the loaders name them as given on the command line (relative to
    /// the working directory). A relative name is taken from the root when it exists there —
    /// when the scanned tree is outside the working directory the two differ.
    static func diagnosticPath(_ path: String, root: String) -> String {
        if !path.hasPrefix("/"), FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(path)) {
            return relative((root as NSString).appendingPathComponent(path), to: root)
        }
        return relative(path, to: root)
    }

    static func scopeInput(_ path: String, kind: String, root: String) -> Scope.Input {
        let digest = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() } ?? ""
        return Scope.Input(path: relative(path, to: root), sha256: digest, kind: kind)
    }

    static func deduplicated(_ inputs: [Scope.Input]) -> [Scope.Input] {
        var seen = Set<String>()
        return inputs.filter { seen.insert($0.path).inserted }
    }

    static func fileRange(_ path: String) -> SourceRange {
        let p = SourcePosition(line: 1, column: 1, offset: 0)
        return SourceRange(filename: path, start: p, end: p)
    }

    /// Error diagnostics are coverage gaps (the scan could not see something), and so are
    /// modules not installed. The kind is the diagnostic's code (`Diagnostic.Code`: the
    /// Terraform and asset loaders label their errors); for the rare diagnostic without one it
    /// is read from the wording and the file.
    static func coverageGap(_ d: Diagnostic, root: String) -> CoverageGap? {
        guard d.severity == .error || d.code == Diagnostic.Code.moduleNotInstalled else { return nil }
        let text = (d.summary + " " + d.detail).lowercased()
        let kind: CoverageGap.Kind
        // The stages' codes decide; the wording only for diagnostics without one.
        if let code = d.code, let coded = CoverageGap.Kind(rawValue: code) { kind = coded }
        else if text.contains("not installed") || text.contains("remote module") { kind = .moduleNotInstalled }
        else if text.contains("unsupported") && text.contains("type") { kind = .unsupportedType }
        else if text.contains("cannot read") || text.contains("no such file") || text.contains("unreadable") { kind = .unreadable }
        else if d.range?.filename.hasSuffix(".tf") == true || d.range?.filename.hasSuffix(".json") == true
                    || d.range?.filename.hasSuffix(".yaml") == true || d.range?.filename.hasSuffix(".ndjson") == true {
            kind = text.contains("cycle") || text.contains("call to function") || text.contains("invalid function") ? .evaluationError : .parseError
        } else { kind = .evaluationError }
        let location = d.range.map { r in
            Location(path: diagnosticPath(r.filename, root: root), startLine: max(1, r.start.line), startColumn: max(1, r.start.column),
                     endLine: max(r.start.line, r.end.line, 1), endColumn: max(1, r.end.column))
        }
        let subject = d.range.map { diagnosticPath($0.filename, root: root) } ?? d.detail
        return CoverageGap(kind: kind, subject: subject, message: d.detail.isEmpty ? d.summary : "\(d.summary): \(d.detail)", location: location)
    }

    static func environment(of asset: Asset, resolver: EnvironmentResolver) -> String {
        asset.environment ?? resolver.resolve(labels: asset.labels, rootModule: asset.provenance.terraform?.rootModule).environment
    }

    static func environments(of assets: [Asset], engine: PolicyEngine, env: String?, rootVariables: [String: String]) -> [String] {
        let resolver = EnvironmentResolver(profile: engine.profile, commandLine: env, rootModuleVariables: rootVariables)
        return Set(assets.map { environment(of: $0, resolver: resolver) }).sorted()
    }

    static func inventory(of assets: [Asset], engine: PolicyEngine, env: String?, rootVariables: [String: String]) -> [InventoryEntry] {
        let resolver = EnvironmentResolver(profile: engine.profile, commandLine: env, rootModuleVariables: rootVariables)
        var counts: [String: [String: Int]] = [:]
        for a in assets { counts[a.assetType, default: [:]][environment(of: a, resolver: resolver), default: 0] += 1 }
        return counts.flatMap { type, byEnv in byEnv.map { InventoryEntry(assetType: type, environment: $0.key, count: $0.value) } }
    }

    static func graphSummary(_ graph: AssetGraph, findings: [Finding]) -> GraphSummary {
        // Read through buffers: `filter` and `map` over the arrays copied every finding and
        // asset (a dozen retains each; 275,000 findings in the live benchmark).
        var failing: Set<String> = []
        findings.withUnsafeBufferPointer { all in
            for i in all.indices where all[i].status == .open { failing.insert(all[i].assetName) }
        }
        let nodes = graph.assets.withUnsafeBufferPointer { all in
            all.indices.map { i in
                GraphSummary.Node(name: all[i].name, assetType: all[i].assetType,
                                  label: all[i].provenance.terraform?.address ?? lastPathComponent(all[i].name),
                                  failing: failing.contains(all[i].name))
            }
        }
        let edges = graph.edges.map { GraphSummary.Edge(from: $0.from, to: $0.to, kind: $0.kind.rawValue) }
        return GraphSummary(nodes: nodes, edges: edges)
    }

    /// `NSString.lastPathComponent` for names (`//service/a/b/` → `b`, `/` → `/`), without
    /// bridging each of 100,000 names to `NSString`.
    static func lastPathComponent(_ name: String) -> String {
        var end = name.utf8.endIndex
        while end > name.utf8.startIndex, name.utf8[name.utf8.index(before: end)] == UInt8(ascii: "/") {
            end = name.utf8.index(before: end)
        }
        if end == name.utf8.startIndex { return name.isEmpty ? "" : "/" }
        var start = end
        while start > name.utf8.startIndex, name.utf8[name.utf8.index(before: start)] != UInt8(ascii: "/") {
            start = name.utf8.index(before: start)
        }
        return String(name[start..<end])
    }

    // MARK: Small facts

    /// `--var-file` and `--var` in the order given (Terraform applies them in that order).
    static func commandLineVariables(_ arguments: [String]) -> [EvaluationOptions.CommandLineVariable] {
        var out: [EvaluationOptions.CommandLineVariable] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            func value(_ flag: String) -> String? {
                if a == flag, i + 1 < arguments.count { i += 1; return arguments[i] }
                if a.hasPrefix(flag + "=") { return String(a.dropFirst(flag.count + 1)) }
                return nil
            }
            if let v = value("--var-file") { out.append(.file(v)) }
            else if let v = value("--var") { out.append(.assignment(v)) }
            i += 1
        }
        return out
    }

    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes the scan time, so the
    /// checked-in `reports/` can be regenerated byte for byte. The git commit is then left out
    /// too: a report that must be reproducible from the tree cannot name the commit it is in.
    static var isReproducible: Bool { ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil }

    static var now: Date {
        if let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let t = TimeInterval(s) {
            return Date(timeIntervalSince1970: t)
        }
        return Date()
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func today(_ date: Date = Date()) -> String { String(timestamp(date).prefix(10)) }

    /// The commit checked out at `root`, read from `.git` directly (no `git` process: a scan
    /// never runs anything).
    static func gitCommit(at root: String) -> String? {
        let gitPath = (root as NSString).appendingPathComponent(".git")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: gitPath, isDirectory: &isDir) else { return nil }
        var gitDir = gitPath
        if !isDir.boolValue {
            // A worktree or submodule: ".git" is a file "gitdir: PATH".
            guard let text = try? String(contentsOfFile: gitPath, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let p = text.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = p.hasPrefix("/") ? p : (root as NSString).appendingPathComponent(p)
        }
        guard let head = try? String(contentsOfFile: gitDir + "/HEAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let ref = String(head.dropFirst(5))
        var dirs = [gitDir]
        if let common = try? String(contentsOfFile: gitDir + "/commondir", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            dirs.append(common.hasPrefix("/") ? common : (gitDir as NSString).appendingPathComponent(common))
        }
        for d in dirs {
            if let sha = try? String(contentsOfFile: d + "/" + ref, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), !sha.isEmpty {
                return sha
            }
            if let packed = try? String(contentsOfFile: d + "/packed-refs", encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    return String(line.prefix { $0 != " " })
                }
            }
        }
        return nil
    }
}
