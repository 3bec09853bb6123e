import HCL
import Testing
@testable import Terraform

@Suite struct ResourceInstanceJSONTests {
    @Test func markersAndRanges() {
        let r = SourceRange(filename: "main.tf", start: .init(line: 2, column: 3, offset: 10), end: .init(line: 2, column: 9, offset: 16))
        let inst = ResourceInstance(
            address: "module.s.google_storage_bucket.b[\"x\"]", type: "google_storage_bucket", name: "b", moduleAddress: "module.s",
            key: .string("x"), rootModule: "envs/dev", providerDefaults: ["project": "p"],
            values: ["name": "n", "id": .unknown("later"), "pw": .sensitive("hunter2"), "tags": ["a": [1, .unknown("")]]],
            attributeRanges: ["name": r], blockRange: r, preventDestroy: true, dependencies: ["google_x.y"])
        let json = ResourceInstanceJSON.render([inst], diagnostics: [.warning("W", detail: "d", at: r)])
        #expect(json == #"""
        {"diagnostics":[{"severity":"warning","summary":"W","detail":"d","range":{"file":"main.tf","start":{"line":2,"column":3},"end":{"line":2,"column":9}}}],"resources":[{"address":"module.s.google_storage_bucket.b[\"x\"]","attribute_ranges":{"name":{"file":"main.tf","start":{"line":2,"column":3},"end":{"line":2,"column":9}}},"block_range":{"file":"main.tf","start":{"line":2,"column":3},"end":{"line":2,"column":9}},"dependencies":["google_x.y"],"index":"x","inline_comments":[],"mode":"managed","module":"module.s","name":"b","prevent_destroy":true,"provider_defaults":{"project":"p"},"root_module":"envs/dev","type":"google_storage_bucket","values":{"id":{"$unknown":true},"name":"n","pw":{"$sensitive":true},"tags":{"a":[1,{"$unknown":true}]}}}]}

        """#)
        #expect(!json.contains("hunter2"))
    }
}
