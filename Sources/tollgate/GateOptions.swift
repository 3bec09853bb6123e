import Foundation
import HCL
import Policy
import Report

/// The report and gate options `scan` and `live` share (`--env`, `--profile`, `--policies`,
/// `--constraints`, `--format`, `--output`, `--fail-on`, `--baseline`, `--compare`,
/// `--config`, `--undetermined`, `--no-inline-suppressions`, `--quiet`), as plain values so
/// the shared policy stage does not depend on which command parsed them.
struct GateOptions {
    var env: String?
    var profile: String?
    var policyDirectories: [String] = []
    var constraintDirectories: [String] = []
    var format: String?
    var output: String?
    var failOn: String?
    var baseline: String?
    var compare: String?
    var config: String?
    var undetermined: String?
    var noInlineSuppressions = false
    var quiet = false

    /// Settings after merging `.tollgate.yaml` with the command line (the command line wins).
    struct Settings {
        var env: String?
        var profile = "gcp-baseline"
        var failOn: Severity? = .high
        var undeterminedFails = false
        var formats: [ReportFormat] = [.console]
        var output: String?
        var inlineSuppressions = true
        var include: [String] = []
        var exclude: [String] = []
        var params: [String: [String: Value]] = [:]
        var configPath: String?
    }

    /// The settings: `--config`, else `.tollgate.yaml` in the first of `searchPaths` that
    /// exists (a file's directory), else in the working directory; then the command line.
    func settings(searchPaths: [String]) -> (Settings?, [Diagnostic]) {
        var s = Settings()
        var diagnostics: [Diagnostic] = []
        var configPath = config
        if configPath == nil {
            var candidates = searchPaths.compactMap { p -> String? in
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { return nil }
                return isDir.boolValue ? p : (p as NSString).deletingLastPathComponent
            }
            candidates.append(".")
            configPath = candidates.map { ($0.isEmpty ? "." : $0) + "/" + ProjectConfiguration.fileName }
                .first { FileManager.default.fileExists(atPath: $0) }
        }
        if let path = configPath {
            do {
                let (c, d) = try ProjectConfiguration.load(path: path)
                diagnostics += d
                s.configPath = path
                s.env = c.env
                if let p = c.profile { s.profile = p }
                if let f = c.failOn { s.failOn = Severity(rawValue: f) }
                if c.undetermined == "fail" { s.undeterminedFails = true }
                if let f = c.formats { s.formats = f.compactMap(ReportFormat.init(rawValue:)) }
                s.output = c.output
                if let i = c.inlineSuppressions { s.inlineSuppressions = i }
                s.include = c.include
                s.exclude = c.exclude
                s.params = c.params
            } catch {
                diagnostics.append(.error("Cannot read configuration", detail: "\(path): \(error.localizedDescription)"))
            }
        }
        if let e = env { s.env = e }
        if let p = profile { s.profile = p }
        diagnostics += Self.apply(failOn: failOn, to: &s)
        if let u = undetermined {
            switch u {
            case "fail": s.undeterminedFails = true
            case "report": s.undeterminedFails = false
            default: diagnostics.append(.error("Invalid --undetermined '\(u)'", detail: "Expected report or fail."))
            }
        }
        diagnostics += Self.apply(format: format, to: &s)
        if let o = output { s.output = o }
        if noInlineSuppressions { s.inlineSuppressions = false }
        diagnostics += Self.checkOutput(s)
        return (diagnostics.hasErrors ? nil : s, diagnostics)
    }

    /// `--fail-on` (also what `tollgate merge` takes).
    static func apply(failOn: String?, to s: inout Settings) -> [Diagnostic] {
        guard let f = failOn else { return [] }
        if f == "none" { s.failOn = nil }
        else if let sev = Severity(rawValue: f) { s.failOn = sev }
        else { return [.error("Invalid --fail-on '\(f)'", detail: "Expected critical, high, medium, low, info or none.")] }
        return []
    }

    /// `--format` (also what `tollgate merge` takes).
    static func apply(format: String?, to s: inout Settings) -> [Diagnostic] {
        guard let f = format else { return [] }
        var diagnostics: [Diagnostic] = []
        var formats: [ReportFormat] = []
        for name in f.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            if let format = ReportFormat(rawValue: name) { formats.append(format) }
            else { diagnostics.append(.error("Invalid format '\(name)'", detail: "Expected console, sarif, markdown, json or junit.")) }
        }
        s.formats = formats
        return diagnostics
    }

    static func checkOutput(_ s: Settings) -> [Diagnostic] {
        guard s.output == nil, s.formats.filter({ $0 != .console }).count > 1 else { return [] }
        return [.error("Several file formats need --output DIR", detail: "Give --output, or a single format to print it.")]
    }
}
