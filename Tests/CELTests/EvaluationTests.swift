import Testing
@testable import CEL

private func program(_ s: String) throws -> CELProgram {
    try CELProgram.compile(s).get()
}

private let resource: CELValue = [
    "settings": [
        "tier": "db-custom-2",
        "ipConfiguration": ["ipv4Enabled": false, "privateNetwork": "projects/p/global/networks/n"],
        "backup": ["enabled": .unknownField],
    ],
    "rules": [["action": "allow"], ["action": "deny"]],
]

@Test func fieldAccessIsTrackedPerChain() throws {
    let p = try program("!resource.settings.ipConfiguration.ipv4Enabled && has(resource.settings.ipConfiguration.privateNetwork)")
    let r = p.evaluate(["resource": resource])
    #expect(CELValue.celEquals(r.value, true))
    #expect(r.accessedPaths == ["resource.settings.ipConfiguration.ipv4Enabled", "resource.settings.ipConfiguration.privateNetwork"])
}

@Test func shortCircuitReadsOnlyWhatItNeeds() throws {
    let p = try program("resource.settings.tier == 'x' && resource.settings.missing.deeper")
    let r = p.evaluate(["resource": resource])
    #expect(CELValue.celEquals(r.value, false))
    #expect(r.accessedPaths == ["resource.settings.tier"])
}

@Test func optionalSelectionAndIndexAndMacrosAreTracked() throws {
    let p = try program("resource['settings'].tier == '' || resource.?settings.?ipConfiguration.?ipv4Enabled.orValue(true) || resource.rules.exists(r, r.action == 'deny')")
    let r = p.evaluate(["resource": resource])
    #expect(CELValue.celEquals(r.value, true))
    #expect(r.accessedPaths == ["resource.rules", "resource.rules[].action", "resource.settings.ipConfiguration.ipv4Enabled", "resource.settings.tier"])
}

@Test func missingFieldsAreTrackedAtTheirFullPath() throws {
    let p = try program("resource.settings.nope.deeper == 1")
    let r = p.evaluate(["resource": resource])
    guard case .error = r.value else { Issue.record("expected an error, got \(r.value)"); return }
    #expect(r.accessedPaths == ["resource.settings.nope.deeper"])
}

@Test func unknownsPropagateWithTheirPaths() throws {
    let vars: [String: CELValue] = ["resource": resource, "tf": ["a": .unknownField, "b": .unknownField]]
    func value(_ s: String) throws -> CELValue { try program(s).evaluate(vars).value }
    guard case .unknown(let u) = try value("resource.settings.backup.enabled == true") else { Issue.record("not unknown"); return }
    #expect(u.paths == ["resource.settings.backup.enabled"])
    guard case .unknown(let u2) = try value("tf.a + tf.b") else { Issue.record("not unknown"); return }
    #expect(u2.paths == ["tf.a", "tf.b"])
    guard case .unknown(let u3) = try value("tf.a && 1/0 > 0") else { Issue.record("unknowns win over errors"); return }
    #expect(u3.paths == ["tf.a"])
    guard case .unknown(let u4) = try value("tf.b.c.d") else { Issue.record("select on unknown"); return }
    #expect(u4.paths == ["tf.b"])
    // Short-circuiting decides despite the unknown, in either order.
    #expect(CELValue.celEquals(try value("tf.a && false"), false))
    #expect(CELValue.celEquals(try value("false && tf.a"), false))
    #expect(CELValue.celEquals(try value("tf.a || true"), true))
    #expect(CELValue.celEquals(try value("[1, 2].exists(x, x == 2) || tf.a"), true))
    // A whole variable can be unknown.
    guard case .unknown(let u5) = try program("asset.name").evaluate(["asset": CELValue.unknownField]).value else { Issue.record("var"); return }
    #expect(u5.paths == ["asset"])
}

@Test func logicalOperatorsAreCommutativeOverErrors() throws {
    for (expr, expected) in [("false && 1/0 > 0", false), ("1/0 > 0 && false", false), ("true || 1/0 > 0", true), ("1/0 > 0 || true", true)] {
        #expect(CELValue.celEquals(try program(expr).value(), .bool(expected)), "\(expr)")
    }
    guard case .error = try program("1/0 > 0 && true").value() else { Issue.record("expected error"); return }
}

@Test func aProgramIsSharedAcrossThreads() async throws {
    let p = try program("resource.rules.map(r, r.action).join(',') + '/' + string(n)")
    let results = await withTaskGroup(of: String.self) { group in
        for i in 0..<64 {
            group.addTask {
                guard case .string(let s) = p.value(["resource": resource, "n": .int(Int64(i))]) else { return "" }
                return s
            }
        }
        var out: [String] = []
        for await r in group { out.append(r) }
        return out
    }
    #expect(Set(results) == Set((0..<64).map { "allow,deny/\($0)" }))
}

@Test func constantsAreFoldedAtPlanningTime() throws {
    let p = try program("1 + 2 * 3 == 7 && 'a'.upperAscii() == 'A'")
    #expect(p.root is ConstNode)
    let m = try program("x.matches('^[a-z]+$')")
    #expect(m.root is MatchesNode)
}

@Test(arguments: [
    ("1 +", 1, 4),
    ("a.b(\n  1,,)", 2, 5),
    ("'abc", 1, 1),
    ("x\n  && 'é' ~ y", 2, 10),
    ("[1, 2", 1, 6),
])
func syntaxErrorsCarryLineAndColumn(source: String, line: Int, column: Int) {
    guard case .failure(let e) = CELProgram.compile(source) else { Issue.record("expected an error"); return }
    #expect(e.line == line && e.column == column, "\(e)")
}

@Test func messageConstructionParsesButFailsClearly() throws {
    guard case .error(let e) = try program("Foo{a: 1}").value() else { Issue.record("expected error"); return }
    #expect(e.message.contains("message construction is not supported"))
}

@Test func valuesBridgeFromSwiftData() throws {
    let v: CELValue = .map(["n": .int(1), "s": "x", "l": [1, 2.5, true, nil]])
    #expect(CELJSON.oracleLine(v) == #"{"ok": {"map": [["l", [{"int": "1"}, {"double": 2.5}, true, null]], ["n", {"int": "1"}], ["s", "x"]]}}"#)
    #expect(CELValue.celEquals(try program("m.l[1] * 2.0").value(["m": v]), 5.0))
}

@Test(arguments: [
    (1.0, "1.0"), (0.1, "0.1"), (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"), (1e-5, "1e-05"),
    (0.0001, "0.0001"), (-2.5e-300, "-2.5e-300"), (123.456, "123.456"), (5e-324, "5e-324"),
])
func doublesRenderLikePythonRepr(value: Double, text: String) {
    #expect(CELFormat.pythonRepr(value) == text)
}
