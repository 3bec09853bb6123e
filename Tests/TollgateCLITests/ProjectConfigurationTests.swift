import HCL
import Testing
@testable import tollgate

@Test func configurationReadsEveryKey() {
    let yaml = """
    env: prod
    profile: interviewlm
    fail-on: medium
    undetermined: fail
    formats: [sarif, markdown]
    output: reports/
    inline-suppressions: false
    policies:
      include: ["TG-SQL-*"]
      exclude: [TG-KMS-003]
    params:
      prod: {minLogRetentionDays: 365, regions: [us-central1]}
    suppressions:
      - policy: TG-SQL-001
        address: "module.db.*"
        reason: "Migration window"
        expires: 2027-03-31
        owner: team-data
    """
    let (c, d) = ProjectConfiguration.parse(yaml, path: ".tollgate.yaml")
    #expect(d.isEmpty)
    #expect(c.env == "prod")
    #expect(c.profile == "interviewlm")
    #expect(c.failOn == "medium")
    #expect(c.undetermined == "fail")
    #expect(c.formats == ["sarif", "markdown"])
    #expect(c.output == "reports/")
    #expect(c.inlineSuppressions == false)
    #expect(c.include == ["TG-SQL-*"])
    #expect(c.exclude == ["TG-KMS-003"])
    #expect(c.params["prod"]?["minLogRetentionDays"] == .number(365))
    #expect(c.params["prod"]?["regions"] == .tuple(["us-central1"]))
    #expect(c.hasSuppressions)
}

@Test(arguments: [
    ("fail-on: severe\n", "1:10: error: Invalid value \"severe\" for \"fail-on\""),
    ("env: prod\nformat: sarif\n", "2:1: error: Unknown key \"format\" in the top level"),
    ("inline-suppressions: maybe\n", "1:22: error: Wrong type for \"inline-suppressions\""),
    ("suppressions: none\n", "1:15: error: Wrong type for \"suppressions\""),
    ("env: [unclosed\n", "2:1: error: Invalid YAML"),
])
func configurationErrorsHaveLocations(yaml: String, expected: String) {
    let (_, d) = ProjectConfiguration.parse(yaml, path: "cfg.yaml")
    #expect(d.count == 1)
    #expect(d.first.map { $0.description.hasPrefix("cfg.yaml:" + expected) } == true, "\(d)")
}
