import Foundation
import HCL

/// Options of a configuration evaluation (the `tollgate terraform` flags).
package struct EvaluationOptions: Sendable {
    package enum CommandLineVariable: Sendable, Hashable {
        /// `--var-file FILE` (`.tfvars` or `.tfvars.json`).
        case file(String)
        /// `--var name=value`.
        case assignment(String)
    }

    /// Directories forced to be root modules (`--root DIR`).
    package var forcedRoots: [String] = []
    /// `--var-file FILE` and `--var name=value`, in command-line order (later ones win).
    package var commandLineVariables: [CommandLineVariable] = []
    /// The environment, for `TF_VAR_name` (defaults to the process environment).
    package var environment: [String: String] = ProcessInfo.processInfo.environment
    /// The directory that file functions and module sources may not leave; defaults to the
    /// deepest common directory of the scanned paths.
    package var scanRoot: String?

    /// Instances one `resource`/`data`/`module` block may expand to (count or for_each).
    package var maxInstancesPerBlock = 10_000
    /// Resource instances in one evaluation.
    package var maxInstancesTotal = 1_000_000
    /// Module call nesting below a root.
    package var maxModuleDepth = 16

    package init() {}
}

/// The result for one root module.
package struct RootModuleResult: Sendable {
    /// Directory relative to the scan root.
    package var directory: String
    package var instances: [ResourceInstance]
    /// Root module outputs.
    package var outputs: [String: Value]
}

package struct EvaluationResult: Sendable {
    package var roots: [RootModuleResult]
    package var diagnostics: [Diagnostic]
    package var instances: [ResourceInstance] { roots.flatMap(\.instances) }
}

/// Evaluates Terraform configurations as `terraform plan` would see them before apply:
/// finds root modules, loads local and installed modules, resolves variables in Terraform's
/// precedence, expands count/for_each/dynamic, orders evaluation by a dependency graph, and
/// yields resource instances with values (unknown where only apply knows them) and source
/// ranges. See docs/terraform.md for the rules and limits.
package enum ConfigurationEvaluator {
    /// Evaluates every root module found under `paths` (files or directories).
    package static func evaluate(paths: [String], options: EvaluationOptions = .init()) -> EvaluationResult {
        let cwd = FileManager.default.currentDirectoryPath
        let absPaths = paths.map { FileFunctions.absolute($0, relativeTo: cwd) }.map { FileFunctions.realPath($0) ?? $0 }
        let scanRoot = options.scanRoot.map { FileFunctions.realPath(FileFunctions.absolute($0, relativeTo: cwd)) ?? $0 } ?? commonDirectory(absPaths)
        let run = EvaluationRun(scanRoot: scanRoot, options: options)
        let forced = options.forcedRoots.map { FileFunctions.realPath(FileFunctions.absolute($0, relativeTo: cwd)) ?? $0 }
        let roots = RootDiscovery.roots(paths: absPaths, forced: forced, run: run)
        var results: [RootModuleResult] = []
        for r in roots {
            results.append(run.evaluateRoot(directory: r))
        }
        // Parse and read errors carry their codes; every other error is evaluation's.
        return EvaluationResult(roots: results, diagnostics: run.finishedDiagnostics().coded(Diagnostic.Code.evaluationError))
    }

    /// Evaluates one directory as a root module.
    package static func evaluateRoot(directory: String, options: EvaluationOptions = .init()) -> (RootModuleResult, [Diagnostic]) {
        let cwd = FileManager.default.currentDirectoryPath
        let dir = FileFunctions.realPath(FileFunctions.absolute(directory, relativeTo: cwd)) ?? directory
        let scanRoot = options.scanRoot.map { FileFunctions.realPath(FileFunctions.absolute($0, relativeTo: cwd)) ?? $0 } ?? dir
        let run = EvaluationRun(scanRoot: scanRoot, options: options)
        let r = run.evaluateRoot(directory: dir)
        return (r, run.finishedDiagnostics())
    }

    static func commonDirectory(_ paths: [String]) -> String {
        var dirs = paths.map { p -> [Substring] in
            var isDir: ObjCBool = false
            let d = FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && !isDir.boolValue ? (p as NSString).deletingLastPathComponent : p
            return d.split(separator: "/")
        }
        guard var common = dirs.popLast() else { return FileManager.default.currentDirectoryPath }
        for d in dirs {
            var n = 0
            while n < common.count, n < d.count, common[n] == d[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return "/" + common.joined(separator: "/")
    }
}

/// State shared by one evaluation: the module cache (each directory parsed once, however
/// many roots and environments call it), diagnostics and the instance budget.
final class EvaluationRun {
    let scanRoot: String
    let options: EvaluationOptions
    private var modules: [String: Module] = [:]
    var diagnostics: [Diagnostic] = []
    var totalInstances = 0
    private var reportedModuleDiagnostics = Set<String>()

    init(scanRoot: String, options: EvaluationOptions) {
        self.scanRoot = scanRoot
        self.options = options
    }

    func relative(_ path: String) -> String {
        if path == scanRoot { return "." }
        if FileFunctions.isInside(path, scanRoot) { return String(path.dropFirst(scanRoot.count + (scanRoot.hasSuffix("/") ? 0 : 1))) }
        return path
    }

    /// The parsed module of a directory (real path), loaded once; its load diagnostics are
    /// reported once (again after a `rewind` past their report).
    func module(_ directory: String) -> Module {
        let m = modules[directory] ?? Module.load(directory: directory, relativeDirectory: relative(directory), scanRoot: scanRoot)
        modules[directory] = m
        if reportedModuleDiagnostics.insert(directory).inserted { diagnostics += m.diagnostics }
        return m
    }

    /// What evaluation has added so far, to evaluate some nodes again as if for the first time.
    struct Checkpoint {
        fileprivate let diagnostics: Int
        fileprivate let totalInstances: Int
        fileprivate let reported: Set<String>
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(diagnostics: diagnostics.count, totalInstances: totalInstances, reported: reportedModuleDiagnostics)
    }

    func rewind(to c: Checkpoint) {
        diagnostics.removeSubrange(c.diagnostics...)
        totalInstances = c.totalInstances
        reportedModuleDiagnostics = c.reported
    }

    func evaluateRoot(directory: String) -> RootModuleResult {
        let module = self.module(directory)
        let values = VariableSources.rootValues(module: module, run: self)
        let functions = functionLibrary(rootDirectory: directory)
        let installed = InstalledModules.load(rootDirectory: directory, run: self)
        let (names, nestedNames, providerFunctions) = reachableNames(root: directory, installed: installed)
        var allFunctions = functions
        for f in providerFunctions {
            // Provider-defined functions run inside the provider: unknown here.
            allFunctions[f] = Function(parameters: [], variadic: .init("args", allowNull: true, allowUnknown: true, allowSensitive: true), alwaysUnknown: true) { _ throws(FunctionError) in .unknown(f) }
        }
        let root = RootContext(directory: directory, relativeDirectory: relative(directory), functions: allFunctions, installed: installed, referencedNames: names,
                               nestedReferencedNames: nestedNames)
        var ev = ModuleInstance(
            run: self, root: root, module: module, address: "", callPath: [], stack: [directory],
            inputs: values, providerConfigs: [:])
        let outputs = ev.evaluate()
        return RootModuleResult(directory: relative(directory), instances: ev.instances, outputs: outputs)
    }

    /// Attribute names referenced anywhere in the modules a root can reach (local and
    /// installed calls, bounded): a resource object passed out through an output can be read
    /// by another module, so its unset attributes must exist (as unknown) for all of them.
    func reachableNames(root: String, installed: [String: String]) -> (attributes: Set<String>, nested: Set<String>, providerFunctions: Set<String>) {
        var names = Set<String>()
        var nested = Set<String>()
        var functions = Set<String>()
        var seen = Set<String>()
        var stack = [root] + installed.values.compactMap { FileFunctions.realPath($0) }
        while let d = stack.popLast(), seen.count < 10_000 {
            guard seen.insert(d).inserted else { continue }
            let m = module(d)
            names.formUnion(m.referencedNames)
            nested.formUnion(m.nestedReferencedNames)
            functions.formUnion(m.providerFunctions)
            for c in m.moduleCalls where c.isLocal {
                if let t = FileFunctions.realPath(FileFunctions.absolute(c.source!, relativeTo: d)), FileFunctions.isInside(t, scanRoot) { stack.append(t) }
            }
        }
        return (names, nested, functions)
    }

    func functionLibrary(rootDirectory: String) -> [String: Function] {
        let renderer: TerraformFunctions.TemplateRenderer = { text, filename, vars throws(FunctionError) in
            try TemplateRendering.render(text, filename: filename, variables: vars)
        }
        var f = TerraformFunctions.library(baseDirectory: rootDirectory, scanRoot: scanRoot, templateRenderer: renderer)
        f.merge(TryCan.functions) { a, _ in a }
        return f
    }

    /// Diagnostics, duplicates removed (a module called by three environments reports its
    /// own problems once), in order of first appearance.
    func finishedDiagnostics() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// Per-root facts shared by all module instances under it.
struct RootContext {
    var directory: String
    var relativeDirectory: String
    var functions: [String: Function]
    /// `.terraform/modules/modules.json`: module key (`a.b`) to directory.
    var installed: [String: String]
    var referencedNames: Set<String>
    /// Names read inside nested blocks (after an index or splat) anywhere reachable.
    var nestedReferencedNames: Set<String> = []
}

/// `templatefile` / `templatestring`: the template is parsed as an HCL template and evaluated
/// with only the given variables and the pure functions (Terraform forbids nested
/// `templatefile` calls and file access relative to the template is not offered).
enum TemplateRendering {
    static func render(_ text: String, filename: String, variables: [String: Value]) throws(FunctionError) -> Value {
        let bytes = Array(text.utf8)
        let lines = LineTable(filename: filename, bytes: bytes)
        let (expr, diags) = Parser.parseTemplate(bytes: bytes, offset: 0, lines: lines)
        if let d = diags.first(where: { $0.severity == .error }) {
            throw FunctionError("\(d.description)")
        }
        let (v, evalDiags) = expr.evaluate(in: EvalContext(variables: variables, functions: TerraformFunctions.pure), lines: lines)
        if let d = evalDiags.first(where: { $0.severity == .error }) {
            throw FunctionError("\(d.description)")
        }
        return v
    }
}

/// `.terraform/modules/modules.json`, written by `terraform init`: where each installed
/// module call (keyed by the dotted path of call names) lives, relative to the root.
enum InstalledModules {
    static func load(rootDirectory: String, run: EvaluationRun) -> [String: String] {
        let path = rootDirectory + "/.terraform/modules/modules.json"
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard case .success(let doc) = JSONReader.parse([UInt8](data)) else {
            run.diagnostics.append(.warning("Unreadable modules.json", detail: "\(run.relative(path)) is not valid JSON; installed modules are not evaluated"))
            return [:]
        }
        var out: [String: String] = [:]
        for m in doc["Modules"]?.elements ?? [] {
            guard let key = m["Key"]?.stringValue, !key.isEmpty, let dir = m["Dir"]?.stringValue else { continue }
            out[key] = FileFunctions.absolute(dir, relativeTo: rootDirectory)
        }
        return out
    }
}
