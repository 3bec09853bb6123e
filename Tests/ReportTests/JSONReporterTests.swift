import Foundation
import HCL
import Policy
import Testing
@testable import Report

@Suite struct JSONReporterTests {
    static let schemaURL = Repo.root.appendingPathComponent("docs/report.schema.json")

    static func parse(_ bytes: [UInt8]) throws -> Value {
        try JSONReader.parse(bytes).get()
    }

    @Test(arguments: ["rich", "clean", "gated"])
    func reportValidatesAgainstSchemaInSwift(_ fixture: String) throws {
        let result = switch fixture {
        case "rich": ScanResultFixtures.rich
        case "clean": ScanResultFixtures.clean
        default: ScanResultFixtures.gated
        }
        let schema = try Self.parse([UInt8](Data(contentsOf: Self.schemaURL)))
        let report = try Self.parse(JSONReporter().render(result))
        let problems = JSONSchemaSubset(root: schema).validate(report, schema)
        #expect(problems == [])
    }

    /// The checker is not vacuous: a report with a wrong type, an extra key and a missing key fails.
    @Test func schemaCheckerRejectsWrongReports() throws {
        let schema = try Self.parse([UInt8](Data(contentsOf: Self.schemaURL)))
        guard case .object(var report) = try Self.parse(JSONReporter().render(ScanResultFixtures.clean)) else {
            Issue.record("report is not an object"); return
        }
        report["schemaVersion"] = .number(Number(1))
        report["surprise"] = .bool(true)
        report["tallies"] = nil
        let problems = JSONSchemaSubset(root: schema).validate(.object(report), schema)
        #expect(problems == [
            "$: missing required tallies",
            "$.schemaVersion: expected string, got number(1)",
            "$: property surprise is not in the schema",
        ])
    }

    /// `python3` + `jsonschema` (draft 2020-12) when available: the reference validator.
    @Test func reportValidatesAgainstSchemaWithPython() throws {
        guard PythonJSONSchema.available else {
            print("skipped: python3 with the jsonschema package is not installed")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("tollgate.json")
        try Data(JSONReporter().render(ScanResultFixtures.rich)).write(to: report)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(e.json_path, e.message)
            sys.exit(1 if errors else 0)
            """
        let (status, output) = try PythonJSONSchema.run(["-c", script, Self.schemaURL.path, report.path])
        #expect(status == 0, "\(output)")
    }

    @Test func reportCarriesVersionSummaryAndTheResult() throws {
        let v = try Self.parse(JSONReporter().render(ScanResultFixtures.rich))
        #expect(v.attributes?["schemaVersion"]?.stringValue == JSONReporter.schemaVersion)
        let summary = v.attributes?["summary"]?.attributes
        #expect(summary?["exitCode"]?.numberValue == Number(2))
        #expect(summary?["verdict"]?.stringValue == "fail")
        let findings = summary?["findings"]?.attributes
        #expect(findings?["openTotal"]?.numberValue == Number(6))
        #expect(findings?["gating"]?.numberValue == Number(4))
        #expect(findings?["suppressed"]?.numberValue == Number(2))
        #expect(findings?["baselined"]?.numberValue == Number(1))
        #expect(v.attributes?["findings"]?.elements?.count == 9)
        #expect(v.attributes?["failOn"]?.stringValue == "high")
    }

    @Test func reportReadsBackToTheNormalizedResult() throws {
        let bytes = try JSONReporter().render(ScanResultFixtures.rich)
        #expect(try JSONReporter.decode(bytes) == ScanResultFixtures.rich.normalized())
    }

    @Test func readingRejectsAnotherMajorVersion() throws {
        var text = String(decoding: try JSONReporter().render(ScanResultFixtures.clean), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"schemaVersion\" : \"1.0.0\"", with: "\"schemaVersion\" : \"2.0.0\"")
        #expect(throws: DecodingError.self) { try JSONReporter.decode(Array(text.utf8)) }
    }

    @Test func failOnNoneIsOmitted() throws {
        var r = ScanResultFixtures.gated
        r.failOn = nil
        let v = try Self.parse(JSONReporter().render(r))
        #expect(v.attributes?["failOn"] == nil)
        #expect(v.attributes?["summary"]?.attributes?["exitCode"]?.numberValue == Number(0))
        #expect(v.attributes?["summary"]?.attributes?["reason"]?.stringValue == "--fail-on none: findings do not fail the scan")
    }
}

/// Runs python3 for the reference validators (jsonschema, validate-sarif.py).
enum PythonJSONSchema {
    static let available: Bool = (try? run(["-c", "import jsonschema"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
