import Testing
@testable import CEL

// The evaluation fast paths (hashed map index, variable slots, specialised field chains, `==`
// and `in` on constants) must agree exactly with the general nodes they stand in for.

private func eval(_ source: String, _ vars: [String: CELValue]) throws -> String {
    CELJSON.oracleLine(try CELProgram.compile(source).get().value(vars))
}

@Test func largeMapsUseTheHashedIndex() throws {
    var pairs: [(CELValue, CELValue)] = (0..<200).map { (.string("k\($0)"), .int(Int64($0))) }
    pairs.append((.string("k7"), .string("later wins")))
    pairs += (0..<50).map { (.int(Int64($0)), .bool($0 % 2 == 0)) }
    let m = CELMap(pairs)
    #expect(m.count == 250)
    #expect(!m.table.isEmpty)
    #expect(CELValue.celEquals(m["k150"]!, 150))
    #expect(m["k200"] == nil)
    let vars: [String: CELValue] = ["m": .map(m)]
    #expect(try eval("m.k199 + m['k3']", vars) == #"{"ok": {"int": "202"}}"#)
    #expect(try eval("m.k7", vars) == #"{"ok": "later wins"}"#)
    #expect(try eval("m[4u] && m[4.0] && !m[3]", vars) == #"{"ok": true}"#)
    #expect(try eval("'k0' in m && 49 in m && !(50 in m) && !('k200' in m)", vars) == #"{"ok": true}"#)
    #expect(try eval("has(m.k12) && !has(m.k1000)", vars) == #"{"ok": true}"#)
    #expect(try eval("m.?k1000.orValue(-1) + m.?k10.orValue(-1)", vars) == #"{"ok": {"int": "9"}}"#)
    guard case .error = try CELProgram.compile("m.nope").get().value(vars) else { Issue.record("expected an error"); return }
    // A large map literal goes through the same index.
    let literal = "{" + (0..<40).map { "'f\($0)': \($0)" }.joined(separator: ", ") + "}.f39"
    #expect(try eval(literal, [:]) == #"{"ok": {"int": "39"}}"#)
    guard case .error = try CELProgram.compile("{" + (0..<20).map { "'f\($0 % 19)': 1" }.joined(separator: ", ") + "}").get().value() else {
        Issue.record("duplicate key in a literal must be an error"); return
    }
}

@Test func smallAndLargeMapsCompareEqual() throws {
    let small: CELValue = ["a": 1, "b": 2]
    let big = CELValue.map(CELMap((0..<20).map { (.string("x\($0)"), .int(Int64($0))) }))
    let big2 = CELValue.map(CELMap((0..<20).reversed().map { (.string("x\($0)"), .int(Int64($0))) }))
    #expect(CELValue.celEquals(big, big2))
    #expect(!CELValue.celEquals(big, small))
    #expect(try eval("a == b", ["a": big, "b": big2]) == #"{"ok": true}"#)
}

private let policyVariables = CELVariables(["resource", "asset", "params"])

@Test func slotActivationsReadVariablesByPosition() throws {
    let p = try CELProgram.compile("resource.tier == params.tier && asset.name.startsWith('//')", variables: policyVariables).get()
    #expect(p.variables == policyVariables)
    let act = CELSlotActivation(policyVariables, [["tier": "db-f1"], ["name": "//sql/db"], ["tier": "db-f1"]])
    #expect(CELJSON.oracleLine(p.value(act)) == #"{"ok": true}"#)
    let r = p.evaluate(act)
    #expect(r.accessedPaths == ["asset.name", "params.tier", "resource.tier"])
    // The same program still takes dictionaries.
    #expect(CELJSON.oracleLine(p.value(["resource": ["tier": "x"], "params": ["tier": "x"], "asset": ["name": "/x"]])) == #"{"ok": false}"#)
    // An undefined slot is the usual error.
    let missing = CELSlotActivation(policyVariables, [["tier": "db-f1"], nil, ["tier": "db-f1"]])
    guard case .error(let e) = p.value(missing) else { Issue.record("expected an error"); return }
    #expect(e.message == "no such attribute: 'asset'")
}

@Test func undeclaredNamesAndOtherLayoutsFallBackToNames() throws {
    let p = try CELProgram.compile("resource.n + extra", variables: policyVariables).get()
    let act = CELSlotActivation(policyVariables, [["n": 1], nil, nil])
    guard case .error(let e) = p.value(act) else { Issue.record("expected an error"); return }
    #expect(e.message == "no such attribute: 'extra'")
    #expect(CELJSON.oracleLine(p.value(["resource": ["n": 1], "extra": 2])) == #"{"ok": {"int": "3"}}"#)
    // A member chain on an undeclared name (read by name, not from a slot).
    let chain = try CELProgram.compile("extra.a.b == 'x' && has(extra.a.b) && extra.?a.?c.orValue(5) == 5", variables: policyVariables).get()
    #expect(CELJSON.oracleLine(chain.value(["extra": ["a": ["b": "x"]]])) == #"{"ok": true}"#)
    #expect(chain.evaluate(["extra": ["a": ["b": "x"]]]).accessedPaths == ["extra.a.b", "extra.a.c"])
    // A program compiled without a layout, given a slot activation of another layout.
    let q = try CELProgram.compile("params.k * 2 + resource.n").get()
    #expect(q.variables.names == ["params", "resource"])
    #expect(CELJSON.oracleLine(q.value(CELSlotActivation(policyVariables, [["n": 1], nil, ["k": 20]]))) == #"{"ok": {"int": "41"}}"#)
    #expect(CELJSON.oracleLine(q.value(CELSlotActivation(q.variables, [["k": 1], ["n": 1]]))) == #"{"ok": {"int": "3"}}"#)
}

/// Counts the lookups it answers.
private final class CountingActivation: CELActivation, @unchecked Sendable {
    var asked: [String: Int] = [:]
    let values: [String: CELValue]
    init(_ values: [String: CELValue]) { self.values = values }
    func value(of name: String) -> CELValue? {
        asked[name, default: 0] += 1
        return values[name]
    }
}

@Test func lazyActivationsAreAskedOncePerVariableAndOnlyWhenRead() throws {
    let p = try CELProgram.compile("resource.a > 0 && resource.b > 0 && resource.c > 0 || params.x").get()
    let act = CountingActivation(["resource": ["a": 1, "b": 2, "c": 3], "params": ["x": false]])
    #expect(CELJSON.oracleLine(p.value(act)) == #"{"ok": true}"#)
    #expect(act.asked == ["resource": 1])
}

/// Anchored patterns match their literal prefix directly and start the NFA after it; loops
/// back into the prefix, inputs shorter than it and non-ASCII prefixes must still be exact.
@Test(arguments: [
    ("'POSTGRES_16'.matches('^POSTGRES_1[4-9]$')", #"{"ok": true}"#),
    ("'POSTGRES_13'.matches('^POSTGRES_1[4-9]$')", #"{"ok": false}"#),
    ("'POSTGRES_16x'.matches('^POSTGRES_1[4-9]$')", #"{"ok": false}"#),
    ("'POSTGRES'.matches('^POSTGRES_1')", #"{"ok": false}"#),
    ("'POSTGRES_1'.matches('^POSTGRES_1')", #"{"ok": true}"#),
    ("'ababx'.matches('^(ab)+x$')", #"{"ok": true}"#),
    ("'abx'.matches('^(ab)+x$')", #"{"ok": true}"#),
    ("'abax'.matches('^(ab)+x$')", #"{"ok": false}"#),
    ("'xab'.matches('^ab')", #"{"ok": false}"#),
    ("'Ünïcode'.matches('^Ünï.o')", #"{"ok": true}"#),
    ("'ünïcode'.matches('^Ünï')", #"{"ok": false}"#),
    ("'ABC'.matches('^(?i)abc')", #"{"ok": true}"#),
    ("''.matches('^')", #"{"ok": true}"#),
    ("''.matches('^a')", #"{"ok": false}"#),
])
func anchoredLiteralPrefixes(_ expr: String, _ expected: String) throws {
    #expect(try eval(expr, [:]) == expected)
    // The same with the subject from a variable (no folding at planning time).
    let subject = String(expr.dropFirst().prefix { $0 != "'" })
    let viaVariable = "s" + expr.dropFirst(subject.count + 2)
    #expect(try eval(viaVariable, ["s": .string(subject)]) == expected)
}

/// `<`, `<=`, `>`, `>=` compare two ints in place; every other pair goes through the general
/// ordering (heterogeneous numbers, strings, errors, unknowns).
@Test func relationsAgreeWithTheGeneralOrdering() throws {
    let cases: [(String, [String: CELValue], String)] = [
        ("r.n >= 7", ["r": ["n": 7]], #"{"ok": true}"#),
        ("r.n >= 7", ["r": ["n": 6]], #"{"ok": false}"#),
        ("r.n > 7", ["r": ["n": 7]], #"{"ok": false}"#),
        ("r.n <= 7", ["r": ["n": 7]], #"{"ok": true}"#),
        ("r.n < 7", ["r": ["n": -9223372036854775807]], #"{"ok": true}"#),
        ("a < b", ["a": 1, "b": 1.5], #"{"ok": true}"#),
        ("a >= b", ["a": .uint(3), "b": 3], #"{"ok": true}"#),
        ("a > b", ["a": "b", "b": "a"], #"{"ok": true}"#),
        ("a <= b", ["a": .double(.nan), "b": 1], #"{"ok": false}"#),
    ]
    for (expr, vars, expected) in cases {
        #expect(try eval(expr, vars) == expected, "\(expr)")
    }
    #expect(try eval("r.missing >= 7", ["r": ["n": 1]]).contains("error"))
    #expect(try eval("a < b", ["a": "x", "b": 1]).contains("error"))
    let unknown = try CELProgram.compile("r.n > 1").get().value(["r": ["n": .unknownField]])
    guard case .unknown(let u) = unknown else { Issue.record("expected unknown, got \(unknown)"); return }
    #expect(u.paths == ["r.n"])
}
