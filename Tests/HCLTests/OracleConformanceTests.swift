import Foundation
import Testing
@testable import HCL

/// Where the repository and the shared material are, from this file's path.
enum TestPaths {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repoRoot.appendingPathComponent("Tests/HCLTests/Fixtures")
    /// `../shared` beside the repository (a worktree one level deeper also finds it).
    static let shared: URL = {
        let up = repoRoot.deletingLastPathComponent()
        let candidates = [up.appendingPathComponent("shared"), up.deletingLastPathComponent().appendingPathComponent("shared")]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()
    static let corpus = shared.appendingPathComponent("corpus/hcl-real")
    /// The hcl-oracle binary: $HCL_ORACLE, else /tmp/hcl-oracle (where its build.sh puts it).
    static let oracle = ProcessInfo.processInfo.environment["HCL_ORACLE"] ?? "/tmp/hcl-oracle"

    static func read(_ url: URL) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url))) ?? []
    }
}

/// The comparison `../shared/tools/hcl-compare.py` makes for one file: the same error
/// status, and when there are no errors the same body (numbers compared numerically, which
/// `Value` equality does).
func oracleDisagreement(expected: String, actual: String) -> String? {
    guard case .success(let e) = JSONReader.parse(expected) else { return "expected line is not JSON" }
    guard case .success(let a) = JSONReader.parse(actual) else { return "actual line is not JSON: \(actual.prefix(200))" }
    let eErr = e["errors"]?.elements ?? [], aErr = a["errors"]?.elements ?? []
    if eErr.isEmpty != aErr.isEmpty { return "errors \(a["errors"]!.jsonString) != expected \(e["errors"]!.jsonString)" }
    if eErr.isEmpty, e["body"] != a["body"] {
        return "body differs:\n  actual   \(a["body"]?.jsonString.prefix(600) ?? "nil")\n  expected \(e["body"]?.jsonString.prefix(600) ?? "nil")"
    }
    return nil
}

struct OracleCase: CustomTestStringConvertible, Sendable {
    var file: String
    var expected: String
    var testDescription: String { file }
}

enum NativeFixtures {
    /// `Fixtures/native/expected.jsonl`: the oracle's dump of every fixture, recorded with
    /// `cd Fixtures/native && /tmp/hcl-oracle $(ls | grep -v jsonl) > expected.jsonl`.
    static let cases: [OracleCase] = {
        let text = String(decoding: TestPaths.read(TestPaths.fixtures.appendingPathComponent("native/expected.jsonl")), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard case .success(let v) = JSONReader.parse(String(line)), let f = v["file"]?.stringValue else { return nil }
            return OracleCase(file: f, expected: String(line))
        }
    }()
}

@Test func fixtureSetIsComplete() {
    // Every construct file plus the specsuite cases are recorded.
    #expect(NativeFixtures.cases.count >= 47)
}

@Test(arguments: NativeFixtures.cases)
func fixtureAgreesWithOracle(_ c: OracleCase) {
    let bytes = TestPaths.read(TestPaths.fixtures.appendingPathComponent("native/\(c.file)"))
    let actual = OracleDump.line(bytes: bytes, path: c.file)
    let problem = oracleDisagreement(expected: c.expected, actual: actual)
    #expect(problem == nil, "\(c.file): \(problem ?? "")")
}

enum OracleCorpus {
    static var available: Bool {
        FileManager.default.fileExists(atPath: TestPaths.corpus.path) && FileManager.default.isExecutableFile(atPath: TestPaths.oracle)
    }
}

/// All `.tf` files of ../shared/corpus/hcl-real, dumped by the oracle and by us, must agree.
@Test(.enabled(if: OracleCorpus.available, "needs ../shared/corpus/hcl-real and the hcl-oracle binary (../shared/tools/hcl-oracle/build.sh /tmp/hcl-oracle)"))
func corpusAgreesWithOracle() throws {
    let files = FileManager.default.enumerator(atPath: TestPaths.corpus.path)!
        .compactMap { $0 as? String }.filter { $0.hasSuffix(".tf") }.sorted()
        .map { TestPaths.corpus.appendingPathComponent($0).path }
    #expect(files.count == 481)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: TestPaths.oracle)
    p.arguments = files
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(lines.count == files.count)
    var agree = 0
    for (path, expected) in zip(files, lines) {
        let actual = OracleDump.line(bytes: TestPaths.read(URL(fileURLWithPath: path)), path: path)
        if let problem = oracleDisagreement(expected: expected, actual: actual) {
            Issue.record("\(path): \(problem)")
        } else {
            agree += 1
        }
    }
    #expect(agree == files.count)
}
