import Foundation
import HCL
import Testing
@testable import Terraform

@Suite struct CorpusEvaluationTests {
    static var exampleRoots: [String] {
        guard Paths.corpusAvailable else { return [] }
        let base = Paths.corpus + "/hcl-real"
        var out: [String] = []
        for repo in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where !repo.contains(".") {
            let ex = base + "/" + repo + "/examples"
            for e in (try? FileManager.default.contentsOfDirectory(atPath: ex)) ?? [] {
                out.append(ex + "/" + e)
            }
        }
        return out.sorted()
    }

    /// Every example root of the real modules evaluates: no crash, and every diagnostic is a
    /// problem of the input (a coverage gap for registry modules, a missing variable) rather
    /// than an internal error.
    @Test func everyExampleRootEvaluates() {
        guard Paths.corpusAvailable else {
            print("skipping: \(Paths.corpus) is absent")
            return
        }
        let roots = Self.exampleRoots
        #expect(roots.count > 40)
        var summaries: [String: Int] = [:]
        for r in roots {
            var options = EvaluationOptions()
            options.environment = [:]
            options.scanRoot = Paths.corpus + "/hcl-real"
            let (result, diags) = ConfigurationEvaluator.evaluateRoot(directory: r, options: options)
            #expect(result.directory.hasPrefix("terraform-google-modules__"))
            for d in diags { summaries[d.severity.rawValue + ": " + d.summary, default: 0] += 1 }
            let errors = diags.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(r): \(errors.map(\.description))")
        }
        print(summaries.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: "\n"))
    }
}
