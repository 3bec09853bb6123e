import Foundation
import Testing
@testable import Report

@Suite struct SortedJSONEncoderTests {
    struct Inner: Codable, Equatable {
        var z: Int
        var a: String?
        var m: [String: Bool]
    }

    struct Outer: Codable, Equatable {
        var name: String
        var items: [Inner]
        var empty: [Int]
        var nothing: [String: Int]
        var ratio: Double
    }

    static func text<T: Encodable>(_ v: T) throws -> String {
        String(decoding: try SortedJSONEncoder().encode(v), as: UTF8.self)
    }

    @Test func keysAreSortedAtEveryLevelAndLayoutIsStable() throws {
        let v = Outer(name: "n", items: [Inner(z: 1, a: nil, m: ["b": true, "a": false]), Inner(z: -20, a: "x", m: [:])],
                      empty: [], nothing: [:], ratio: 0.25)
        #expect(try Self.text(v) == """
            {
              "empty": [],
              "items": [
                {
                  "m": {
                    "a": false,
                    "b": true
                  },
                  "z": 1
                },
                {
                  "a": "x",
                  "m": {},
                  "z": -20
                }
              ],
              "name": "n",
              "nothing": {},
              "ratio": 0.25
            }

            """)
        #expect(try JSONDecoder().decode(Outer.self, from: Data(SortedJSONEncoder().encode(v))) == v)
    }

    @Test(arguments: [
        ("plain", "\"plain\""), ("q\"b\\s/", "\"q\\\"b\\\\s/\""), ("\n\r\t\u{8}\u{C}", "\"\\n\\r\\t\\b\\f\""),
        ("\u{0}\u{1F}", "\"\\u0000\\u001f\""), ("é😀", "\"é😀\""),
    ])
    func stringsAreEscapedPerRFC8259(_ s: String, _ json: String) throws {
        #expect(try Self.text([s]) == "[\n  \(json)\n]\n")
        #expect(try JSONDecoder().decode([String].self, from: Data(SortedJSONEncoder().encode([s]))) == [s])
    }

    /// Containers handed out before their content (`nestedContainer`, `superEncoder`) land in place.
    struct Manual: Encodable {
        enum K: String, CodingKey { case b, a, list }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            var nested = c.nestedContainer(keyedBy: K.self, forKey: .b)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var inner = list.nestedUnkeyedContainer()
            try list.encode(3)
            try inner.encode("two")
            try nested.encode(true, forKey: .a)
            try c.encode("first", forKey: .a)
            try c.encode("second", forKey: .a)
        }
    }

    @Test func deferredContainersAndRepeatedKeys() throws {
        #expect(try Self.text(Manual()) == """
            {
              "a": "first",
              "b": {
                "a": true
              },
              "list": [
                1,
                [
                  "two"
                ],
                3
              ]
            }

            """)
    }

    @Test func nonFiniteNumbersAreErrors() {
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode([Double.nan]) }
    }

    /// Same document as Foundation's encoder with sorted keys, up to whitespace.
    @Test func agreesWithJSONEncoder() throws {
        let result = ScanResultFixtures.rich
        let ours = try JSONSerialization.jsonObject(with: Data(SortedJSONEncoder().encode(result))) as? NSDictionary
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let theirs = try JSONSerialization.jsonObject(with: e.encode(result)) as? NSDictionary
        #expect(ours != nil && ours == theirs)
    }
}
