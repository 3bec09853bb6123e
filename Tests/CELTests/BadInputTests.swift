import Testing
@testable import CEL

/// Hostile and malformed input: clear errors, no crash, no hang, bounded memory.
struct BadInputTests {
    func compileError(_ s: String) -> CELCompileError? {
        if case .failure(let e) = CELProgram.compile(s) { return e }
        return nil
    }

    /// A generated source with a short name for test listings.
    struct Source: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var testDescription: String { name }
        init(_ name: String, _ text: String) { self.name = name; self.text = text }
    }

    static let n = 10_000

    @Test(arguments: [
        Source("parentheses", String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)),
        Source("lists", String(repeating: "[", count: n) + "1" + String(repeating: "]", count: n)),
        Source("maps", String(repeating: "{'a': ", count: n) + "1" + String(repeating: "}", count: n)),
        Source("member chain", "x" + String(repeating: ".a", count: n)),
        Source("index chain", "x" + String(repeating: "[0]", count: n)),
        Source("calls", String(repeating: "f(", count: n) + "1" + String(repeating: ")", count: n)),
        Source("additions", Array(repeating: "1", count: n).joined(separator: " + ")),
        Source("conditionals", String(repeating: "true ? 1 : ", count: n) + "2"),
        Source("macros", String(repeating: "[1].map(x, ", count: n) + "1" + String(repeating: ")", count: n)),
        Source("negated parentheses", String(repeating: "-(", count: n) + "1" + String(repeating: ")", count: n)),
    ])
    func deepNestingIsRejected(_ source: Source) {
        let e = compileError(source.text)
        #expect(e?.message.contains("nested more than 100 levels") == true, "\(String(describing: e))")
    }

    @Test func longUnaryRunsFoldWithoutNesting() throws {
        // The reference parsers cancel pairs of `-` and `!`; 10,000 of them are no nesting at all.
        #expect(CELValue.celEquals(try CELProgram.compile(String(repeating: "-", count: 10_000) + "1").get().value(), 1))
        #expect(CELValue.celEquals(try CELProgram.compile(String(repeating: "!", count: 10_001) + "true").get().value(), false))
    }

    @Test func nestingUpToTheLimitWorksOnAConcurrencyThread() async throws {
        // Compile and evaluate on a cooperative-pool thread (small stack) to show the limit is safe.
        let depth = 99
        let v = try await Task.detached {
            let p = try CELProgram.compile(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)).get()
            let sum = try CELProgram.compile(Array(repeating: "x", count: depth).joined(separator: " + ")).get()
            #expect(CELValue.celEquals(sum.value(["x": .int(1)]), .int(Int64(depth))))
            return p.value()
        }.value
        var v2 = v
        for _ in 0..<depth {
            guard case .list(let l) = v2, l.count == 1 else { Issue.record("shape"); return }
            v2 = l[0]
        }
        #expect(CELValue.celEquals(v2, 1))
    }

    @Test func longFlatConditionsAreNotNesting() throws {
        let clauses = (0..<10_000).map { "x == \($0)" }.joined(separator: " || ")
        let p = try CELProgram.compile(clauses).get()
        #expect(CELValue.celEquals(p.value(["x": .int(9_999)]), true))
        #expect(CELValue.celEquals(p.value(["x": .int(-1)]), false))
    }

    @Test func megabyteLiterals() throws {
        let mb = 1 << 20
        let ok = try CELProgram.compile("'" + String(repeating: "a", count: mb - 1) + "'.size()").get()
        #expect(CELValue.celEquals(ok.value(), .int(Int64(mb - 1))))
        let tooLong = compileError("'" + String(repeating: "a", count: mb + 10) + "'")
        #expect(tooLong?.message.contains("longer than") == true)
        let bytes = compileError("b'" + String(repeating: "\\xff", count: mb + 10) + "'")
        #expect(bytes?.message.contains("longer than") == true)
        let huge = compileError(String(repeating: "[1] + ", count: 1 << 20) + "1")
        #expect(huge?.message.contains("longer than") == true)
    }

    @Test(arguments: [
        ("'abc", "unterminated string"),
        ("'''abc' '", "unterminated string"),
        ("\"\"\"x\n\n", "unterminated string"),
        ("b'abc", "unterminated string"),
        ("r'abc", "unterminated string"),
        ("'abc\ndef'", "newline"),
        ("1 /* never closed", "unexpected '*'"),
        ("'\\xZZ'", "invalid escape"),
        ("'\\uD800'", "invalid unicode"),
        ("1 + #", "unexpected character"),
    ])
    func unterminatedAndMalformedLiterals(source: String, message: String) {
        let e = compileError(source)
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    }

    @Test(arguments: [
        ("(a+)+$", String(repeating: "a", count: 200_000) + "b", false),
        ("(a|aa)*c", String(repeating: "a", count: 200_000), false),
        ("(.*)*x$", String(repeating: "y", count: 200_000), false),
        ("^(a?){50}a{50}$", String(repeating: "a", count: 50), true),
        ("(x+x+)+y", String(repeating: "x", count: 100_000), false),
        ("([a-z]+)*[0-9]", String(repeating: "abc", count: 70_000) + "1", true),
    ])
    func pathologicalRegexesRunInLinearTime(pattern: String, text: String, expected: Bool) throws {
        let p = try CELProgram.compile("s.matches(p)").get()
        #expect(CELValue.celEquals(p.value(["s": .string(text), "p": .string(pattern)]), .bool(expected)))
    }

    @Test func regexProgramSizeIsBounded() throws {
        let p = try CELProgram.compile("'a'.matches('((a{1000}){1000}){1000}')").get()
        guard case .error(let e) = p.value() else { Issue.record("expected an error"); return }
        #expect(e.message.contains("too large"))
        let q = try CELProgram.compile("'a'.matches('" + String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000) + "')").get()
        guard case .error = q.value() else { Issue.record("expected an error"); return }
    }

    @Test func evaluationCostIsBounded() throws {
        var limits = CELLimits()
        limits.maxEvaluationCost = 100_000
        let p = try CELProgram.compile("l.map(a, l.map(b, l.map(c, a + b + c))).size()", limits: limits).get()
        let list = CELValue.list((0..<100).map { .int($0) })
        guard case .error(let e) = p.value(["l": list]) else { Issue.record("expected an error"); return }
        #expect(e.message.contains("cost limit"))
    }

    @Test func malformedVariablesJSON() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", String(repeating: "[", count: 100_000)] {
            guard case .failure = CELJSON.parse(bad) else { Issue.record("accepted \(bad.prefix(20))"); continue }
        }
    }
}
