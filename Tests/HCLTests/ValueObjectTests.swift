import Testing
@testable import HCL

@Suite struct ValueObjectTests {
    @Test func keysAreSortedAndTheLastDuplicateWins() {
        let o = ValueObject([("b", .number(1)), ("a", .number(2)), ("b", .number(3)), ("c", .null)])
        #expect(o.keys == ["a", "b", "c"])
        #expect(o.values == [.number(2), .number(3), .null])
        #expect(o.map(\.key) == ["a", "b", "c"])
    }

    @Test func aMissingKeyIsNilNotNull() {
        let o: ValueObject = ["present": nil]
        #expect(o["present"] == .some(.null))
        #expect(o["absent"] == nil)
        #expect(o.index(forKey: "absent") == nil)
        #expect(o.index(forKey: "present") == 0)
    }

    /// Short key lists are scanned, long ones binary-searched: both must find every key and
    /// miss every other, including before the first and after the last.
    @Test(arguments: [1, 2, 7, 8, 9, 16, 100, 1_000])
    func lookupsFindEveryKeyAndMissTheRest(count: Int) {
        let keys = (0..<count).map { "k\(String($0 * 2, radix: 10).leftPad(5))" }
        let o = ValueObject(keys.reversed().map { ($0, Value.string($0)) })
        for k in keys { #expect(o[k] == .string(k)) }
        for i in 0...count {
            #expect(o["k\(String(i * 2 - 1, radix: 10).leftPad(5))"] == nil)
        }
        #expect(o[""] == nil)
        #expect(o["~"] == nil)
    }

    @Test func mutationsKeepTheOrder() {
        var o: ValueObject = ["m": 1]
        o["z"] = 2
        o["a"] = 3
        o["m"] = 4
        #expect(o.keys == ["a", "m", "z"])
        #expect(o.values == [.number(3), .number(4), .number(2)])
        #expect(o.updateValue(5, forKey: "a") == .number(3))
        #expect(o.removeValue(forKey: "m") == .number(4))
        #expect(o.removeValue(forKey: "nope") == nil)
        o["z"] = nil
        #expect(o == ["a": 5])
    }

    @Test func equalityAndHashingIgnoreHowItWasBuilt() {
        let a = ValueObject([("x", Value.number(1)), ("y", .string("s"))])
        var b = ValueObject()
        b["y"] = "s"
        b["x"] = 1
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Value.object(a) == Value.object(["y": "s", "x": 1] as [String: Value]))
        #expect(a != ["x": 1])
    }

    @Test func mergingTakesBothSidesInOrder() {
        let a: ValueObject = ["a": 1, "c": 3, "e": 5]
        let b: ValueObject = ["b": 20, "c": 30, "f": 60]
        let m = a.merging(b) { old, new in .tuple([old, new]) }
        #expect(m.keys == ["a", "b", "c", "e", "f"])
        #expect(m["c"] == .tuple([3, 30]))
        #expect(a.merging([:]) { $1 } == a)
        var c = a
        c.merge(["a": 9] as [String: Value]) { _, new in new }
        #expect(c == ["a": 9, "c": 3, "e": 5])
    }

    @Test func mapFilterAndCompactMapKeepKeys() {
        let o: ValueObject = ["a": 1, "b": nil, "c": 3]
        #expect(o.mapValues { $0.isNull ? Value.string("-") : $0 } == ["a": 1, "b": "-", "c": 3])
        let counts: [String: Bool] = o.mapValues { $0.isNull }
        #expect(counts == ["a": false, "b": true, "c": false])
        #expect(o.filter { !$0.value.isNull }.keys == ["a", "c"])
        // Not `$0.isNull ? nil : $0`: `Value` is nil-literal-expressible, so that `nil` is `.null`.
        #expect(o.compactMapValues { v -> Value? in
            if v.isNull { return Optional.none }
            return v
        }.keys == ["a", "c"])
        #expect(o.dictionary == ["a": 1, "b": nil, "c": 3])
    }

    /// Unicode keys sort by scalar value of their canonical form, so a decomposed and a
    /// precomposed é are one key.
    @Test func canonicallyEqualKeysAreOneKey() {
        let o = ValueObject([("caf\u{E9}", Value.number(1)), ("cafe\u{301}", .number(2)), ("cafe", .number(3))])
        #expect(o.count == 2)
        #expect(o["caf\u{E9}"] == .number(2))
        #expect(o.keys.first == "cafe")
    }
}

private extension String {
    func leftPad(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
