import Foundation
import HCL
import Testing
@testable import Terraform

/// Calls a library function directly (the evaluator's arity/unknown/sensitive handling is
/// tested with the evaluator); returns the value or the error message.
func call(_ name: String, _ args: Value...) -> Result<Value, FunctionError> {
    guard let f = TerraformFunctions.pure[name] else { return .failure(FunctionError("no function \(name)")) }
    do throws(FunctionError) {
        return .success(try f.implementation(args))
    } catch {
        return .failure(error)
    }
}

func value(_ name: String, _ args: Value...) -> Value? {
    guard let f = TerraformFunctions.pure[name] else { return nil }
    return try? f.implementation(args)
}

func errorMessage(_ name: String, _ args: Value...) -> String? {
    guard let f = TerraformFunctions.pure[name] else { return nil }
    do throws(FunctionError) {
        _ = try f.implementation(args)
        return nil
    } catch {
        return error.message
    }
}

struct Case: CustomStringConvertible, Sendable {
    var name: String
    var args: [Value]
    var expected: Value
    var description: String { "\(name)(\(args.map(\.jsonString).joined(separator: ", ")))" }
    init(_ name: String, _ args: [Value], _ expected: Value) {
        self.name = name
        self.args = args
        self.expected = expected
    }
}

func run(_ c: Case) -> Value? {
    guard let f = TerraformFunctions.pure[c.name] else { return nil }
    return try? f.implementation(c.args)
}

@Suite struct StringFunctionTests {
    // Expected values are the examples of the Terraform documentation pages of each function.
    static let cases: [Case] = [
        Case("format", ["Hello, %s!", "Ander"], "Hello, Ander!"),
        Case("format", ["There are %d lights", 4], "There are 4 lights"),
        Case("format", ["%v", 1000000], "1e+06"),
        Case("format", ["%v", 3.5], "3.5"),
        Case("format", ["%v", true], "true"),
        Case("format", ["%#v", "a"], "\"a\""),
        Case("format", ["%v", ["a", 1]], "[\"a\",1]"),
        Case("format", ["%5.2f|%-5d|%05d|%x|%X|%o|%b", 3.14159, 42, 42, 255, 255, 8, 5], " 3.14|42   |00042|ff|FF|10|101"),
        Case("format", ["%.3s|%q|%t", "abcdef", "hi\"", "true"], "abc|\"hi\\\"\"|true"),
        Case("format", ["%[2]s %[1]s %s", "a", "b"], "b a b"),
        Case("format", ["%e", 1234.5678], "1.234568e+03"),
        Case("format", ["100%%"], "100%"),
        Case("formatlist", ["Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"]],
             .list(["Hello, Valentina!", "Hello, Ander!", "Hello, Olivia!", "Hello, Sam!"])),
        Case("formatlist", ["%s, %s!", "Salutations", ["Valentina", "Ander"]], .list(["Salutations, Valentina!", "Salutations, Ander!"])),
        Case("join", ["-", ["foo", "bar", "baz"]], "foo-bar-baz"),
        Case("join", [", ", ["foo"]], "foo"),
        Case("join", [",", ["a"], ["b", "c"]], "a,b,c"),
        Case("split", [",", "foo"], .list(["foo"])),
        Case("split", [",", "foo,bar,baz"], .list(["foo", "bar", "baz"])),
        Case("split", [",", ""], .list([""])),
        Case("replace", ["1 + 2 + 3", "+", "-"], "1 - 2 - 3"),
        Case("replace", ["hello world", "/w.*d/", "everybody"], "hello everybody"),
        Case("replace", ["hello world", "/(h)(e)/", "$2$1"], "ehllo world"),
        Case("replace", ["abc", "/x*/", "-"], "-a-b-c-"),
        Case("regex", ["[a-z]+", "53453453.345345aaabbbccc23454"], "aaabbbccc"),
        Case("regex", ["(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01"], .tuple(["2019", "02", "01"])),
        Case("regex", ["^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/"],
             .object(["scheme": "https", "authority": "terraform.io"])),
        Case("regex", ["(a)|(b)", "b"], .tuple([.null, "b"])),
        Case("regexall", ["[a-z]+", "1234abcd5678efgh9"], .list(["abcd", "efgh"])),
        Case("regexall", ["[a-z]+", "123"], .list([])),
        Case("regexall", ["(?i)AB", "ab Ab aB"], .list(["ab", "Ab", "aB"])),
        Case("lower", ["HELLO"], "hello"),
        Case("lower", ["АЛЛО!"], "алло!"),
        Case("upper", ["hello"], "HELLO"),
        Case("title", ["hello world"], "Hello World"),
        Case("title", ["hello-world_foo bar"], "Hello-World_foo Bar"),
        Case("trim", ["?!hello?!", "!?"], "hello"),
        Case("trim", ["foobar", "far"], "oob"),
        Case("trimspace", ["  hello\n\n"], "hello"),
        Case("trimprefix", ["helloworld", "hello"], "world"),
        Case("trimprefix", ["helloworld", "cat"], "helloworld"),
        Case("trimsuffix", ["helloworld", "world"], "hello"),
        Case("substr", ["hello world", 1, 4], "ello"),
        Case("substr", ["🤔🤷", 0, 1], "🤔"),
        Case("substr", ["hello world", -5, -1], "world"),
        Case("substr", ["hello world", 6, 10], "world"),
        Case("substr", ["hello", 10, 2], ""),
        Case("startswith", ["hello world", "hello"], true),
        Case("startswith", ["hello world", "world"], false),
        Case("endswith", ["hello world", "world"], true),
        Case("strcontains", ["hello world", "wor"], true),
        Case("strcontains", ["hello world", "wod"], false),
        Case("indent", [2, "[\n  foo,\n  bar,\n]\n"], "[\n    foo,\n    bar,\n  ]\n  "),
        Case("chomp", ["hello\n"], "hello"),
        Case("chomp", ["hello\r\n"], "hello"),
        Case("chomp", ["hello\n\n"], "hello"),
        Case("strrev", ["hello"], "olleh"),
    ]

    @Test(arguments: cases)
    func stringFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func formatErrors() {
        #expect(errorMessage("format", "%d", 1.5) == "unsupported value for \"%d\" at 0: an integer is required")
        #expect(errorMessage("format", "%s %s", "a") == "not enough arguments for \"%s\" at 3: need index 2 but have 1 total")
        #expect(errorMessage("format", "%s", .null) == "unsupported value for \"%s\" at 0: null value cannot be formatted")
        #expect(errorMessage("format", "%y", 1) == "unsupported format verb \"y\" in \"%y\" at offset 0")
        #expect(value("format", "%v", .null) == "null")
    }

    @Test func regexErrors() {
        #expect(errorMessage("regex", "[a-z]+", "123") == "pattern did not match any part of the given string")
        #expect(errorMessage("regex", "(?P<a>x)(y)", "xy") == "invalid regexp pattern: cannot mix both named and unnamed capture groups")
        #expect(errorMessage("regex", "a{1001}", "a") == "invalid regexp pattern: invalid repeat count: `{1001}`")
        #expect(errorMessage("regex", "(a", "a") == "invalid regexp pattern: missing closing ): `(a`")
    }

    @Test func formatUnknownArgumentIsUnknown() {
        #expect(value("format", "%s-%s", "a", .unknown("var.x")) == .unknown("var.x"))
        #expect(value("formatlist", "%s", ["a", .unknown("u")]) == .list(["a", .unknown("formatlist()")]))
    }

    @Test func joinWithNullIsAnError() {
        #expect(errorMessage("join", ",", ["a", .null]) == "element 1 of list 0 is null; cannot concatenate null values")
    }
}

@Suite struct RE2Tests {
    static let cases: [(String, String, String?)] = [
        ("a+b", "xaaab", "aaab"),
        ("a*?b", "aab", "aab"),
        ("(a|ab)(c|bcd)", "abcd", "abcd"),
        ("^abc$", "abc", "abc"),
        ("^abc$", "abcd", nil),
        ("\\bfoo\\b", "a foo b", "foo"),
        ("[[:digit:]]{2,3}", "a12345", "123"),
        ("[^a-c]+", "abcdefabc", "def"),
        ("(?s)a.b", "a\nb", "a\nb"),
        ("a.b", "a\nb", nil),
        ("(?m)^b$", "a\nb\nc", "b"),
        ("x{2}", "xxx", "xx"),
        ("\\pL+", "12héllo3", "héllo"),
        ("[\\d\\-]+", "ab12-34c", "12-34"),
        ("a|", "b", ""),
    ]

    @Test(arguments: 0..<cases.count)
    func matches(_ i: Int) throws {
        let (pattern, input, expected) = Self.cases[i]
        let re = try RE2(pattern)
        let s = Array(input.unicodeScalars)
        let m = re.firstMatch(in: s)
        #expect(m.flatMap { $0[0] }.map { String(String.UnicodeScalarView(s[$0])) } == expected)
    }

    /// The classic exponential-backtracking pattern completes in linear time.
    @Test func pathologicalPatternIsLinear() throws {
        let re = try RE2("(a*)*b")
        let s = Array(String(repeating: "a", count: 5000).unicodeScalars)
        #expect(re.firstMatch(in: s) == nil)
        let re2 = try RE2("(x+x+)+y")
        #expect(re2.firstMatch(in: Array(String(repeating: "x", count: 2000).unicodeScalars)) == nil)
    }

    @Test func leftmostFirstAlternation() throws {
        let re = try RE2("(a|ab)(c|bcd)(d*)")
        let s = Array("abcd".unicodeScalars)
        let m = try #require(re.firstMatch(in: s))
        #expect(m.map { $0.map { String(String.UnicodeScalarView(s[$0])) } } == ["abcd", "a", "bcd", ""])
    }
}
