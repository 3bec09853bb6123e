import Foundation
import HCL
import Terraform
import Testing
@testable import Assets

/// Agreement with Google's tfplan2cai on the tfcai corpus (../shared/corpus/tfcai): every
/// triple whose Terraform types all have a converter here. Scored like upstream's harness
/// (placeholders normalized, sets unordered), field by field, with our deliberate
/// differences excluded (docs/conformance.md lists them).
@Suite struct ConformanceTests {
    static let ancestry = ["projects/foobar": ["folders/67890", "organizations/12345"]]

    struct Score {
        var compared = 0
        var agreed = 0
        var mismatches: [String] = []
    }

    static func stems(_ root: URL) -> [String] {
        let supported = TerraformConverter.supportedTypes
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return dirs.sorted().filter { stem in
            let plan = root.appendingPathComponent(stem).appendingPathComponent("plan.json")
            guard let p = try? PlanFixtureReader.read(plan) else { return false }
            let types = Set(p.instances.filter { $0.mode == .managed && $0.type.hasPrefix("google_") }.map(\.type))
            return !types.isEmpty && types.isSubset(of: supported)
        }
    }

    @Test func corpusAgreement() throws {
        guard let root = TestPaths.tfcai else {
            print("ConformanceTests: ../shared/corpus/tfcai not found; skipped")
            return
        }
        var total = Score()
        var lines: [String] = []
        let stems = Self.stems(root)
        for stem in stems {
            let dir = root.appendingPathComponent(stem)
            let plan = try PlanFixtureReader.read(dir.appendingPathComponent("plan.json"))
            let result = TerraformConverter.convert(
                plan.instances, options: .init(defaultProject: plan.defaultProject ?? "foobar", ancestry: Self.ancestry))
            let expected = json(try String(contentsOf: dir.appendingPathComponent("expected_cai.json"), encoding: .utf8))
            let s = Self.score(result.assets, expected: expected.elements ?? [])
            total.compared += s.compared
            total.agreed += s.agreed
            lines.append("\(stem): \(s.agreed)/\(s.compared)" + (s.mismatches.isEmpty ? "" : "  " + s.mismatches.prefix(6).joined(separator: "; ")))
        }
        let rate = Double(total.agreed) / Double(max(total.compared, 1))
        print("tfcai conformance: \(stems.count) triples, \(total.agreed)/\(total.compared) fields agree = \(String(format: "%.2f", rate * 100))%")
        for l in lines { print("  " + l) }
        #expect(stems.count >= 45)
        #expect(rate >= 0.95)
    }

    // MARK: scoring

    static func normalize(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "placeholder-") {
            out += rest[..<r.lowerBound] + "placeholder-foobar"
            rest = rest[r.upperBound...]
            if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] } else { rest = "" }
        }
        return out + rest
    }

    static func ancestors(fromPath p: String) -> [String] {
        let parts = p.split(separator: "/").map(String.init)
        var out: [String] = []
        var i = 0
        while i + 1 < parts.count {
            out.append("\(parts[i])s/\(parts[i + 1])")
            i += 2
        }
        return out.reversed()
    }

    /// Leaves of a JSON-like value: path → canonical JSON. Arrays of scalars are one leaf
    /// compared unordered; arrays of objects are sorted by content before indexing.
    static func leaves(_ v: Value, _ prefix: String, into out: inout [String: String], unknownPaths: inout Set<String>) {
        switch v {
        case .object(let m), .map(let m):
            if m.isEmpty { out[prefix] = "{}" }
            for (k, c) in m { leaves(c, prefix.isEmpty ? k : prefix + "." + k, into: &out, unknownPaths: &unknownPaths) }
        case .tuple(let a), .list(let a), .set(let a):
            if a.allSatisfy({ $0.attributes == nil }) {
                out[prefix] = "[" + a.map { normalize($0.jsonString) }.sorted().joined(separator: ",") + "]"
            } else {
                let sorted = a.sorted { normalize($0.jsonString) < normalize($1.jsonString) }
                for (i, c) in sorted.enumerated() { leaves(c, "\(prefix).\(i)", into: &out, unknownPaths: &unknownPaths) }
            }
        case .unknown:
            unknownPaths.insert(prefix)
        case .sensitive(let x):
            leaves(x, prefix, into: &out, unknownPaths: &unknownPaths)
        default:
            out[prefix] = normalize(v.jsonString)
        }
    }

    /// Expected-side fields we differ on deliberately (tfplan2cai quirks we do not copy).
    static let deliberate: Set<String> = [
        "compute.googleapis.com/Subnetwork data.region", "compute.googleapis.com/Router data.region",
        // We keep retention_policy.is_locked (the API's retentionPolicy.isLocked); tfplan2cai drops it.
        "storage.googleapis.com/Bucket data.retentionPolicy.isLocked",
    ]

    static func score(_ ours: [Asset], expected: [Value]) -> Score {
        var s = Score()
        var byKey: [String: Asset] = [:]
        for a in ours { byKey[a.assetType + " " + normalize(a.name)] = a }
        var seen: Set<String> = []
        for e in expected {
            let type = e["asset_type"]?.stringValue ?? ""
            let key = type + " " + normalize(e["name"]?.stringValue ?? "")
            var exp: [String: String] = [:]
            var ignored = Set<String>()
            exp["name"] = normalize(e["name"]?.stringValue ?? "")
            exp["ancestors"] = ancestors(fromPath: e["ancestry_path"]?.stringValue ?? "").joined(separator: ",")
            if let r = e["resource"], !r.isNull {
                exp["parent"] = r["parent"]?.stringValue ?? ""
                exp["discoveryName"] = r["discovery_name"]?.stringValue ?? ""
                if let d = r["data"], !d.isNull { leaves(d, "data", into: &exp, unknownPaths: &ignored) }
            }
            for b in e[path: ["iam_policy", "bindings"]]?.elements ?? [] {
                exp["iam." + (b["role"]?.stringValue ?? "")] = (b["members"]?.elements ?? []).compactMap(\.stringValue).sorted().joined(separator: ",")
            }
            guard let a = byKey[key] else {
                s.compared += exp.count
                s.mismatches.append("missing asset \(key)")
                continue
            }
            seen.insert(key)
            var got: [String: String] = [:]
            var unknown = Set<String>()
            got["name"] = normalize(a.name)
            got["ancestors"] = a.ancestors.joined(separator: ",")
            if let r = a.resource, exp["parent"] != nil {
                got["parent"] = r.parent
                got["discoveryName"] = r.discoveryName
                leaves(r.data, "data", into: &got, unknownPaths: &unknown)
            }
            for b in a.iamPolicy?.bindings ?? [] {
                let k = "iam." + b.role
                got[k] = ((got[k].map { $0.split(separator: ",").map(String.init) } ?? []) + b.members).sorted().joined(separator: ",")
            }
            let fields = a.provenance.terraform?.fields ?? [:]
            for path in Set(exp.keys).union(got.keys).sorted() {
                if deliberate.contains("\(type) \(path)") { continue }
                let dataPath = path.hasPrefix("data.") ? String(path.dropFirst(5)) : path
                // Our provider defaults are deliberate (tfplan2cai fills none or other values).
                if fields[dataPath]?.kind == .providerDefault { continue }
                if unknown.contains(path) { continue }
                let e = exp[path], g = got[path]
                if e == nil, let g, g == "false" || g == "0" || g == "[]" || g == "{}" { continue }  // explicit zero kept
                if e == nil, g != nil, fields[dataPath]?.kind == .derived { continue }
                s.compared += 1
                if e == g { s.agreed += 1 } else { s.mismatches.append("\(type.split(separator: "/").last ?? "") \(path): expected \(e ?? "–") got \(g ?? "–")") }
            }
        }
        return s
    }
}
