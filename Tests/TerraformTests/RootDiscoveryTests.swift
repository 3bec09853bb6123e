import Foundation
import HCL
import Testing
@testable import Terraform

@Suite struct RootDiscoveryTests {
    func tree(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-roots-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func forcedRootsAndModulesThatOnlyCallEachOther() throws {
        let dir = try tree([
            "live/main.tf": "module \"a\" {\n  source = \"../mods/a\"\n}\n",
            "mods/a/main.tf": "resource \"google_pubsub_topic\" \"t\" {\n  name = \"t\"\n}\n",
            // b and c call each other and nobody calls them: they must not be skipped.
            "loop/b/main.tf": "module \"c\" {\n  source = \"../c\"\n}\n",
            "loop/c/main.tf": "module \"b\" {\n  source = \"../b\"\n}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = EvaluationOptions()
        options.environment = [:]
        var result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(result.roots.map(\.directory) == ["live", "loop/b"])
        #expect(result.diagnostics.map(\.summary) == ["Recursive module call"])
        #expect(result.diagnostics.first?.range?.description == "loop/c/main.tf:1:1")

        options.forcedRoots = [dir + "/mods/a"]
        result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(result.roots.map(\.directory) == ["live", "loop/b", "mods/a"])
        #expect(result.roots[2].instances.map(\.address) == ["google_pubsub_topic.t"])
        #expect(result.roots[0].instances.map(\.address) == ["module.a.google_pubsub_topic.t"])
        // No project in the configuration or a provider block: the topic id cannot be derived.
        #expect(result.roots[2].instances[0].values["id"] == nil)
    }

    @Test func nestingDepthIsBounded() throws {
        var files: [String: String] = [:]
        for i in 0..<6 {
            files["m\(i)/main.tf"] = "module \"next\" {\n  source = \"../m\(i + 1)\"\n}\nresource \"google_pubsub_topic\" \"t\" {\n  name = \"t\(i)\"\n}\n"
        }
        files["m6/main.tf"] = "resource \"google_pubsub_topic\" \"t\" {\n  name = \"last\"\n}\n"
        let dir = try tree(files)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = EvaluationOptions()
        options.environment = [:]
        options.maxModuleDepth = 3
        let result = ConfigurationEvaluator.evaluate(paths: [dir], options: options)
        #expect(result.roots.map(\.directory) == ["m0"])
        #expect(result.instances.map(\.address) == [
            "google_pubsub_topic.t",
            "module.next.google_pubsub_topic.t",
            "module.next.module.next.google_pubsub_topic.t",
            "module.next.module.next.module.next.google_pubsub_topic.t",
        ])
        #expect(result.diagnostics.map(\.summary) == ["Module nesting too deep"])
        #expect(result.diagnostics.first?.range?.description == "m3/main.tf:1:1")
    }
}
