import Testing
@testable import HCL

/// Malformed input: every case yields located diagnostics, keeps what follows, and returns.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    var name: String
    var source: [UInt8]
    /// `line:column: summary` of the first diagnostic.
    var firstDiagnostic: String
    /// Attribute names of the top-level body that must survive.
    var kept: [String]
    var testDescription: String { name }
}

func parse(_ bytes: [UInt8]) -> (File, [Diagnostic]) {
    Parser.parse(bytes: bytes, filename: "bad.tf")
}

func located(_ d: Diagnostic) -> String {
    "\(d.range!.start.line):\(d.range!.start.column): \(d.summary)"
}

let badInputs: [BadInputCase] = [
    BadInputCase(name: "unterminated string", source: Array("a = \"abc\nb = 2\n".utf8),
                 firstDiagnostic: "1:9: Invalid multi-line string", kept: ["a"]),
    BadInputCase(name: "unterminated heredoc", source: Array("a = <<EOT\nnever closed\n".utf8),
                 firstDiagnostic: "3:1: Unterminated template string", kept: ["a"]),
    BadInputCase(name: "unterminated interpolation", source: Array("a = \"${var.x\"\n".utf8),
                 firstDiagnostic: "1:14: Invalid multi-line string", kept: ["a"]),
    BadInputCase(name: "unterminated directive", source: Array("x = \"%{ if true }y\"\nb = 2\n".utf8),
                 firstDiagnostic: "1:19: Unexpected end of template", kept: ["b", "x"]),
    BadInputCase(name: "unclosed block", source: Array("resource \"x\" \"y\" {\n  c = 3\n".utf8),
                 firstDiagnostic: "1:18: Unclosed configuration block", kept: []),
    BadInputCase(name: "stray closing brace", source: Array("a = 1\n}\nb = 2\n".utf8),
                 firstDiagnostic: "2:1: Argument or block definition required", kept: ["a"]),
    BadInputCase(name: "invalid UTF-8", source: Array("a = \"".utf8) + [0xFF, 0xFE] + Array("\"\nb = 2\n".utf8),
                 firstDiagnostic: "1:6: Invalid character encoding", kept: ["a", "b"]),
    BadInputCase(name: "NUL byte between items", source: Array("a = 1\n".utf8) + [0] + Array("\nb = 2\n".utf8),
                 firstDiagnostic: "2:1: Invalid character", kept: ["a"]),
    BadInputCase(name: "broken block then valid block",
                 source: Array("broken \"x\" = {\n}\nok \"y\" {\n  v = 1\n}\n".utf8),
                 firstDiagnostic: "1:12: Invalid block definition", kept: []),
]

@Test(arguments: badInputs)
func badInputIsDiagnosedAndRecovered(_ c: BadInputCase) {
    let (file, diags) = parse(c.source)
    #expect(!diags.isEmpty)
    #expect(diags.first.map(located) == c.firstDiagnostic)
    #expect(diags.allSatisfy { $0.range != nil && $0.severity == .error })
    #expect(file.body.attributes.map(\.name).sorted() == c.kept)
}

@Test func brokenBlockDoesNotLoseLaterBlocks() {
    let (file, diags) = parse(Array("broken \"x\" = {\n}\nok \"y\" {\n  v = 1\n}\n".utf8))
    #expect(diags.count == 1)
    #expect(file.body.blocks.map(\.type) == ["broken", "ok"])
    #expect(file.body.blocks[1].body.attributes.map(\.name) == ["v"])
}

@Test func nulInsideStringIsKept() {
    let (file, diags) = parse(Array("a = \"x".utf8) + [0] + Array("y\"\n".utf8))
    #expect(diags.isEmpty)
    #expect(file.body.attributes[0].expression.staticValue == .string("x\u{0}y"))
}

/// 100,000 levels of every nesting construct hit the documented limit with one diagnostic,
/// never the stack, and the next line is still read.
@Test(arguments: [
    ("brackets", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
    ("parentheses", String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)),
    ("objects", String(repeating: "{a=", count: 100_000) + "1" + String(repeating: "}", count: 100_000)),
    ("negations", String(repeating: "!", count: 100_000) + "true"),
    ("minus", String(repeating: "-", count: 100_000) + "1"),
    ("calls", String(repeating: "f(", count: 100_000) + String(repeating: ")", count: 100_000)),
    ("templates", String(repeating: "\"${", count: 100_000) + "1" + String(repeating: "}\"", count: 100_000)),
    ("conditionals", String(repeating: "true ? 1 : ", count: 100_000) + "1"),
    ("binary chain", String(repeating: "1 + ", count: 100_000) + "1"),
    ("index chain", "x" + String(repeating: "[y]", count: 100_000)),
    ("splat chain", "x" + String(repeating: "[*]", count: 100_000)),
    ("if directives", "\"" + String(repeating: "%{if true}", count: 100_000) + "x" + String(repeating: "%{endif}", count: 100_000) + "\""),
])
func deepNestingHitsTheLimit(_ name: String, _ expr: String) {
    let (file, diags) = parse(Array("a = \(expr)\nb = 2\n".utf8))
    #expect(diags.first?.summary == "Nesting too deep", "\(name)")
    #expect(diags.first?.range?.start.line == 1)
    #expect(file.body.attribute(named: "b")?.expression.staticValue == .number(2))
    if let a = file.body.attribute(named: "a") {
        #expect(a.expression.height <= Parser.maxDepth)
        _ = a.expression.references
        _ = a.expression.evaluate(in: EvalContext(), lines: file.lineTable)
    }
}

@Test func deeplyNestedBlocksHitTheLimit() {
    let src = String(repeating: "x {\n", count: 100_000) + String(repeating: "}\n", count: 100_000) + "b = 2\n"
    let (file, diags) = parse(Array(src.utf8))
    #expect(diags.map(located) == ["\(Parser.maxDepth + 1):3: Nesting too deep"])
    #expect(file.body.attribute(named: "b")?.nameRange.lowerBound == src.utf8.count - 6)
}

@Test func fiftyMegabyteLine() {
    let big = [UInt8](repeating: UInt8(ascii: "x"), count: 50_000_000)
    let src = Array("a = \"".utf8) + big + Array("\"\nb = [".utf8) + big + Array("\n".utf8)
    let (file, diags) = parse(src)
    #expect(file.body.attribute(named: "a")?.expression.staticValue?.stringValue?.utf8.count == 50_000_000)
    // The unclosed tuple on the second line is reported once, at its line and column
    // (as HashiCorp's parser does), and its content is still read as a reference.
    #expect(diags.map(located) == ["2:5: Unterminated tuple constructor expression"])
    #expect(file.body.attribute(named: "b")?.expression.references.first?.rootName.utf8.count == 50_000_000)
}

@Test func manyErrorsAreCapped() {
    let src = Array("a = 1\n".utf8) + [UInt8](repeating: UInt8(ascii: "@"), count: 100_000)
    let (_, diags) = parse(src)
    #expect(diags.count == Parser.maxDiagnostics + 1)
    #expect(diags.last?.summary == "Too many errors")
}
