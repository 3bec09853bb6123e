import Testing
@testable import HCL

func evaluate(_ src: String, _ ctx: EvalContext) -> (Value, [Diagnostic]) {
    let (e, diags) = Parser.parseExpression(bytes: Array(src.utf8), filename: "e.hcl")
    #expect(diags.isEmpty, "\(diags)")
    return e.evaluate(in: ctx, lines: LineTable(filename: "e.hcl", text: src))
}

let upper = Function(parameters: [.init("s")]) { args throws(FunctionError) in
    guard let s = args[0].stringValue else { throw FunctionError("string required", argument: 0) }
    return .string(s.uppercased())
}
let failing = Function(parameters: [.init("x")]) { _ throws(FunctionError) in throw FunctionError("always fails") }
let concat = Function(parameters: [], variadic: .init("xs")) { args throws(FunctionError) in
    .string(args.compactMap(\.stringValue).joined())
}
let timestamp = Function(parameters: [], alwaysUnknown: true) { _ throws(FunctionError) in .string("never") }

let context = EvalContext(
    variables: [
        "var": ["name": "web", "n": 3, "list": ["a", "b"], "secret": .sensitive("hunter2"),
                "later": .unknown("aws_instance.x.id"), "none": nil, "flag": true,
                "objs": [["id": 1, "tags": ["x"]], ["id": 2, "tags": ["y"]]]],
        "local": ["m": ["k": "v"]],
    ],
    functions: ["upper": upper, "failing": failing, "concat": concat, "timestamp": timestamp])

let evalCases: [(String, Value)] = [
    ("var.name", .string("web")),
    ("\"${var.name}-${var.n}\"", "web-3"),
    ("var.n * 2 + 1", 7),
    ("var.list[1]", "b"),
    ("var.list.0", "a"),
    ("local.m[\"k\"]", "v"),
    ("var.objs[*].id", [1, 2]),
    // An attribute-only splat ends at the first index: [0] applies to the result.
    ("var.objs.*.tags[0]", ["x"]),
    ("var.objs[*].tags[0]", ["x", "y"]),
    ("\"${var.none}\"", nil),
    ("[for o in var.objs : o.id * 10 if o.id > 1]", [20]),
    ("{ for i, s in var.list : s => i }", ["a": 0, "b": 1]),
    ("{ for s in [\"a\", \"b\", \"a\"] : s => s... }", ["a": ["a", "a"], "b": ["b"]]),
    ("upper(var.name)", "WEB"),
    ("concat(var.list...)", "ab"),
    ("concat()", ""),
    ("var.flag ? \"on\" : \"off\"", "on"),
    ("var.none == null", true),
    ("var.none != null", false),
    ("\"%{ for s in var.list ~} [${s}] %{~ endfor }\"", "[a][b]"),
    ("<<-EOT\n    ${var.name}\n      x\n    EOT\n", "web\n  x\n"),
    ("!var.flag || var.n >= 3", true),
    ("var.n % 2 == 1 && \"1\" + 1 == 2", true),
    ("0.1 + 0.2", 0.3),
]

@Test(arguments: evalCases)
func evaluatesWithContext(_ src: String, _ expected: Value) {
    let (v, diags) = evaluate(src, context)
    #expect(diags.isEmpty, "\(diags)")
    #expect(v == expected)
}

@Test(arguments: [
    "var.later", "var.later + 1", "\"x-${var.later}\"", "var.later ? 1 : 2", "upper(var.later)",
    "[for x in var.later : x]", "var.later == 1", "timestamp()", "var.later[*].id",
])
func unknownsPropagate(_ src: String) {
    let (v, diags) = evaluate(src, context)
    #expect(diags.isEmpty, "\(diags)")
    #expect(!v.isKnown)
}

@Test func unknownOriginIsKept() {
    let (v, _) = evaluate("\"id=${var.later}\"", context)
    #expect(v == .unknown("aws_instance.x.id"))
}

@Test func unknownInsideCollectionKeepsTheCollectionKnown() {
    let (v, diags) = evaluate("[1, var.later]", context)
    #expect(diags.isEmpty)
    #expect(v.isKnown && !v.isWhollyKnown)
}

@Test(arguments: ["var.secret", "upper(var.secret)", "\"pw=${var.secret}\"", "var.secret == \"x\"", "[var.secret][0]"])
func sensitivePropagates(_ src: String) {
    let (v, diags) = evaluate(src, context)
    #expect(diags.isEmpty, "\(diags)")
    #expect(v.isSensitive)
}

@Test(arguments: [
    ("nope", "1:1: Unknown variable"),
    ("var.missing", "1:4: Unsupported attribute"),
    ("var.none + 1", "1:1: Invalid operand"),
    ("var.name + 1", "1:1: Invalid operand"),
    ("var.none ? 1 : 2", "1:1: Null condition"),
    ("var.list[5]", "1:9: Invalid index"),
    ("upper(1, 2)", "1:10: Too many function arguments"),
    ("upper()", "1:1: Not enough function arguments"),
    ("upper(var.none)", "1:7: Invalid function argument"),
    ("upper(var.list)", "1:7: Invalid function argument"),
    ("failing(1)", "1:1: Error in function call"),
    ("nosuch(1)", "1:1: Call to unknown function"),
    ("\"x${var.none}\"", "1:5: Invalid template interpolation value"),
    ("[for x in var.none : x]", "1:11: Iteration over null value"),
    ("{ for s in [\"a\", \"a\"] : s => s }", "1:25: Duplicate object key"),
    ("true ? 1 : false", "1:8: Inconsistent conditional result types"),
    ("0 / 0", "1:1: Operation failed"),
])
func errorsBecomeLocatedDiagnostics(_ src: String, _ expected: String) {
    let (v, diags) = evaluate(src, context)
    #expect(diags.first.map(located) == expected)
    #expect(diags.count == 1)
    _ = v
}

@Test func staticValueFollowsTheOracleRule() {
    func s(_ src: String) -> Value? { Parser.parseExpression(bytes: Array(src.utf8), filename: "s").0.staticValue }
    #expect(s("[1, \"a\", { b = true }]") == Value.tuple([1, "a", ["b": true]]))
    #expect(s("var.x") == nil)
    #expect(s("max(1, 2)") == nil)
    #expect(s("1 / 0") == nil)
    #expect(s("[for x in [1, 2] : x + 1]") == [2, 3])
    #expect(s("true ? 1 : \"a\"") == "1")
}

@Test func referencesExcludeForBoundNames() {
    let (e, _) = Parser.parseExpression(bytes: Array("[for k, v in var.m : v.id if k != local.skip]".utf8), filename: "r")
    #expect(e.references.map(\.description) == ["var.m", "local.skip"])
    let (s, _) = Parser.parseExpression(bytes: Array("aws_instance.web[*].id".utf8), filename: "r")
    #expect(s.references.map(\.description) == ["aws_instance.web"])
    let (i, _) = Parser.parseExpression(bytes: Array("a.b[\"k\"][0].c[var.i]".utf8), filename: "r")
    #expect(i.references.map(\.description) == ["a.b[\"k\"][0].c", "var.i"])
}

@Test func commentsAreExposedWithRanges() {
    let src = "resource \"a\" \"b\" {\n  # tollgate:ignore GCP-001 reason\n  x = 1 // trailing\n  /* block */\n}\n"
    let (file, diags) = Parser.parse(text: src, filename: "c.tf")
    #expect(diags.isEmpty)
    #expect(file.comments.map(\.text) == ["tollgate:ignore GCP-001 reason", "trailing", "block"])
    #expect(file.sourceRange(file.comments[0].range).start.line == 2)
    let blk = file.body.blocks[0]
    #expect(blk.range.contains(file.comments[0].range.lowerBound))
}

/// The arms of a conditional unify as cty's types do: a tuple with a set or list becomes that
/// collection, an object with a map becomes a map (HCL spec, "Conditional Operator").
@Test(arguments: [
    ("false ? var.s : []", Value.set([])),
    ("true ? [] : var.s", Value.set([])),
    ("false ? var.s : [\"b\", \"a\", \"b\"]", Value.set(["a", "b"])),
    ("false ? var.l : [\"y\"]", Value.list(["y"])),
    ("false ? var.m : {}", Value.map(ValueObject())),
    ("true ? { k = 1 } : var.m", Value.map(["k": 1] as ValueObject)),
])
func conditionalArmsUnifyCollections(_ src: String, _ expected: Value) {
    let ctx = EvalContext(variables: ["var": ["s": .set(["a"]), "l": .list(["x"]), "m": .map(["k": "v"] as ValueObject)]])
    let (value, diags) = evaluate(src, ctx)
    #expect(diags.isEmpty)
    #expect(value == expected)
}
