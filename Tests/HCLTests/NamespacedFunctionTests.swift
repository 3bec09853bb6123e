import Testing
@testable import HCL

/// Provider-defined functions (`provider::NAME::FUNCTION(…)`, HCL 2.18 / Terraform 1.8).
@Suite struct NamespacedFunctionTests {
    @Test func aNamespacedCallParsesAsOneFunctionName() throws {
        let (expr, diags) = Parser.parseExpression(bytes: Array("provider::google::region_from_zone(\"us-central1-a\")".utf8), filename: "a.tf")
        #expect(diags.isEmpty)
        guard case .functionCall(let call) = expr.kind else { Issue.record("not a call: \(expr.kind)"); return }
        #expect(call.name == "provider::google::region_from_zone")
        #expect(call.arguments.count == 1)
        #expect(call.nameRange == 0..<34)
    }

    @Test func evaluationLooksUpTheFullName() {
        let (expr, _) = Parser.parseExpression(bytes: Array("provider::p::f(2)".utf8), filename: "a.tf")
        let f = Function(parameters: [.init("x")]) { args throws(FunctionError) in args[0] }
        var ctx = EvalContext()
        ctx.functions = ["provider::p::f": f]
        let (v, d) = expr.evaluate(in: ctx, lines: LineTable(filename: "a.tf", text: "provider::p::f(2)"))
        #expect(d.isEmpty)
        #expect(v == .number(2))
    }

    @Test(arguments: ["provider :: p :: f(1)", "provider::p(1)x", "a::(1)"])
    func malformedNamesAreErrorsNotCalls(source: String) {
        let (_, diags) = Parser.parseExpression(bytes: Array(source.utf8), filename: "a.tf")
        #expect(!diags.isEmpty)
    }
}
