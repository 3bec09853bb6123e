import Testing
@testable import HCL

@Test func lineTableResolvesLinesAndColumns() {
    let t = LineTable(filename: "a.tf", text: "ab\ncé d\n")
    #expect(t.position(of: 0) == SourcePosition(line: 1, column: 1, offset: 0))
    #expect(t.position(of: 3) == SourcePosition(line: 2, column: 1, offset: 3))
    // "é" is two bytes but one column.
    #expect(t.position(of: 6) == SourcePosition(line: 2, column: 3, offset: 6))
}

@Test func numbersAreCanonical() {
    #expect(Value.number(1.0) == Value.number(1))
    #expect(Number(literal: "9223372036854775808")!.description == "9223372036854775808")
    #expect(Number(literal: "0.1")!.description == "0.1")
    #expect((Number(Int64.max) + Number(1)).description == "9223372036854775808")
}

@Test(arguments: [
    ("{\"a\": [1, 2.5, true, null, \"x\\u00e9\\n\"]}", "{\"a\":[1,2.5,true,null,\"xé\\n\"]}"),
    ("  [ ]  ", "[]"),
    ("\"\\ud83d\\ude00\"", "\"😀\""),
    ("-0.125e2", "-12.5"),
])
func jsonReaderParses(input: String, expected: String) throws {
    let v = try JSONReader.parse(input).get()
    #expect(v.jsonString == expected)
}

@Test(arguments: [
    ("{\"a\": }", 6), ("[1, 2", 5), ("\"abc", 4), ("[1] x", 4), ("tru", 0),
])
func jsonReaderReportsOffsets(input: String, offset: Int) {
    guard case .failure(let f) = JSONReader.parse(input) else { Issue.record("expected failure"); return }
    #expect(f.offset == offset)
}

@Test func jsonReaderLimitsDepth() {
    let deep = String(repeating: "[", count: 100_000)
    guard case .failure(let f) = JSONReader.parse(deep) else { Issue.record("expected failure"); return }
    #expect(f.message.contains("nesting"))
}
