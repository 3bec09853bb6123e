import Foundation
import HCL
import Testing
@testable import Terraform

/// Expected values are the examples of each function's page in the Terraform documentation.
@Suite struct CollectionFunctionTests {
    static let cases: [Case] = [
        Case("length", [[]], 0),
        Case("length", [["a", "b"]], 2),
        Case("length", [["a": "b"]], 1),
        Case("length", ["hello"], 5),
        Case("length", ["👾🕹️"], 2),
        Case("element", [["a", "b", "c"], 1], "b"),
        Case("element", [["a", "b", "c"], 3], "a"),
        Case("index", [["a", "b", "c"], "b"], 1),
        Case("contains", [["a", "b", "c"], "a"], true),
        Case("contains", [["a", "b", "c"], "d"], false),
        Case("keys", [["a": 1, "c": 2, "d": 3]], .list(["a", "c", "d"])),
        Case("values", [["a": 3, "c": 2, "d": 1]], .tuple([3, 2, 1])),
        Case("lookup", [["a": "ay", "b": "bee"], "a", "what?"], "ay"),
        Case("lookup", [["a": "ay", "b": "bee"], "c", "what?"], "what?"),
        Case("merge", [["a": "b", "c": "d"], ["e": "f", "c": "z"]], .object(["a": "b", "c": "z", "e": "f"])),
        Case("merge", [["a": "b"], ["a": [1, 2], "c": "z"], ["d": 3]], .object(["a": [1, 2], "c": "z", "d": 3])),
        Case("concat", [["a", ""], ["b", "c"]], .tuple(["a", "", "b", "c"])),
        Case("flatten", [[["a", "b"], [], ["c"]]], .tuple(["a", "b", "c"])),
        Case("flatten", [[[["a", "b"], []], ["c"]]], .tuple(["a", "b", "c"])),
        Case("distinct", [["a", "b", "a", "c", "d", "b"]], .list(["a", "b", "c", "d"])),
        Case("compact", [["a", "", "b", .null, "c"]], .list(["a", "b", "c"])),
        Case("coalesce", ["a", "b"], "a"),
        Case("coalesce", ["", "b"], "b"),
        Case("coalesce", [1, 2], 1),
        Case("coalescelist", [["a", "b"], ["c", "d"]], ["a", "b"]),
        Case("coalescelist", [[], ["c", "d"]], ["c", "d"]),
        Case("slice", [["a", "b", "c", "d"], 1, 3], .tuple(["b", "c"])),
        Case("sort", [["e", "d", "a", "x"]], .list(["a", "d", "e", "x"])),
        Case("reverse", [[1, 2, 3]], .tuple([3, 2, 1])),
        Case("range", [3], .list([0, 1, 2])),
        Case("range", [1, 4], .list([1, 2, 3])),
        Case("range", [1, 8, 2], .list([1, 3, 5, 7])),
        Case("range", [1, 4, 0.5], .list([1, 1.5, 2, 2.5, 3, 3.5])),
        Case("range", [4, 1], .list([4, 3, 2])),
        Case("range", [10, 5, -2], .list([10, 8, 6])),
        Case("zipmap", [["a", "b"], [1, 2]], .object(["a": 1, "b": 2])),
        Case("setproduct", [["development", "staging"], ["app1", "app2"]], .list([
            .tuple(["development", "app1"]), .tuple(["development", "app2"]), .tuple(["staging", "app1"]), .tuple(["staging", "app2"]),
        ])),
        Case("setunion", [["a", "b"], ["b", "c"], ["d"]], .set(["a", "b", "c", "d"])),
        Case("setintersection", [["a", "b"], ["b", "c"], ["b", "d"]], .set(["b"])),
        Case("setsubtract", [["a", "b", "c"], ["a", "c"]], .set(["b"])),
        Case("chunklist", [["a", "b", "c", "d", "e"], 2], .list([.list(["a", "b"]), .list(["c", "d"]), .list(["e"])])),
        Case("chunklist", [["a", "b", "c", "d", "e"], 1], .list([.list(["a"]), .list(["b"]), .list(["c"]), .list(["d"]), .list(["e"])])),
        Case("matchkeys", [["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"]], .list(["i-abc", "i-def"])),
        Case("transpose", [["a": ["1", "2"], "b": ["2", "3"]]], .map(["1": .list(["a"]), "2": .list(["a", "b"]), "3": .list(["b"])])),
        Case("one", [[]], .null),
        Case("one", [["hello"]], "hello"),
        Case("alltrue", [["true", true]], true),
        Case("alltrue", [[true, false]], false),
        Case("alltrue", [[]], true),
        Case("anytrue", [["true"]], true),
        Case("anytrue", [[true, false]], true),
        Case("anytrue", [[]], false),
        Case("sum", [[10, 13, 6, 4.5]], 33.5),
    ]

    @Test(arguments: cases)
    func collectionFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func errors() {
        #expect(errorMessage("range", 1025) == "more than 1024 values were generated; either decrease the difference between start and limit or use a smaller step")
        #expect(errorMessage("range", 1000000) != nil)
        #expect(errorMessage("one", ["a", "b"]) == "must be a list, set, or tuple value with either zero or one elements")
        #expect(errorMessage("index", ["a"], "z") == "item not found")
        #expect(errorMessage("element", [], 0) == "cannot use element function with an empty list")
        #expect(errorMessage("sum", []) == "cannot sum an empty list")
        #expect(errorMessage("slice", ["a"], 0, 2) == "end index must not be greater than the length of the list")
        #expect(errorMessage("coalesce", .null, "") == "no non-null, non-empty-string arguments")
        #expect(errorMessage("zipmap", ["a"], [1, 2]) == "number of keys (1) does not match number of values (2)")
    }

    @Test func unknownsPropagate() {
        #expect(value("length", .unknown("x")) == .unknown("x"))
        #expect(value("length", ["a", .unknown("x")]) == 2)
        #expect(value("distinct", ["a", .unknown("x")]) == .unknown("x"))
        #expect(value("contains", ["a", .unknown("x")], "a") == true)
        #expect(value("contains", ["b", .unknown("x")], "a") == .unknown("x"))
        #expect(value("alltrue", [true, .unknown("x")]) == .unknown("x"))
        #expect(value("alltrue", [false, .unknown("x")]) == false)
        #expect(value("coalesce", .unknown("x"), "a") == .unknown("x"))
    }
}

@Suite struct NumericFunctionTests {
    static let cases: [Case] = [
        Case("min", [12, 54, 3], 3),
        Case("max", [12, 54, 3], 54),
        Case("abs", [23], 23),
        Case("abs", [0], 0),
        Case("abs", [-12.4], 12.4),
        Case("ceil", [5], 5),
        Case("ceil", [5.1], 6),
        Case("floor", [5], 5),
        Case("floor", [4.9], 4),
        Case("pow", [3, 2], 9),
        Case("pow", [4, 0], 1),
        Case("pow", [2, 0.5], .number(2.0.squareRoot())),
        Case("signum", [-13], -1),
        Case("signum", [0], 0),
        Case("signum", [344], 1),
        Case("log", [16, 2], 4),
        Case("parseint", ["100", 10], 100),
        Case("parseint", ["FF", 16], 255),
        Case("parseint", ["-10", 16], -16),
        Case("parseint", ["1011111011101111", 2], 48879),
        Case("parseint", ["aA", 62], 656),
        Case("parseint", ["12", 2], .null),
    ]

    @Test(arguments: cases.filter { $0.expected != .null })
    func numericFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func parseintErrors() {
        #expect(errorMessage("parseint", "12", 2) == "cannot parse \"12\" as a base 2 integer")
        #expect(errorMessage("parseint", "1", 63) == "base must be a whole number between 2 and 62 inclusive")
    }
}

@Suite struct TypeFunctionTests {
    static let cases: [Case] = [
        Case("tostring", ["hello"], "hello"),
        Case("tostring", [1], "1"),
        Case("tostring", [true], "true"),
        Case("tostring", [.null], .null),
        Case("tonumber", [1], 1),
        Case("tonumber", ["1"], 1),
        Case("tonumber", [.null], .null),
        Case("tobool", [true], true),
        Case("tobool", ["true"], true),
        Case("tobool", [.null], .null),
        Case("tolist", [["a", "b", "c"]], .list(["a", "b", "c"])),
        Case("tolist", [["a", "b", 3]], .list(["a", "b", "3"])),
        Case("toset", [["a", "b", "c"]], .set(["a", "b", "c"])),
        Case("toset", [["a", "b", 3]], .set(["3", "a", "b"])),
        Case("toset", [["c", "b", "b"]], .set(["b", "c"])),
        Case("tomap", [["a": 1, "b": 2]], .map(["a": 1, "b": 2])),
        Case("tomap", [["a": "foo", "b": true]], .map(["a": "foo", "b": "true"])),
        Case("sensitive", ["x"], .sensitive("x")),
        Case("nonsensitive", [.sensitive("x")], "x"),
    ]

    @Test(arguments: cases)
    func typeFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func conversionErrors() {
        #expect(errorMessage("tonumber", "no") == "cannot convert \"no\" to number; given string must be a decimal representation of a number")
        #expect(errorMessage("tobool", "no") == "cannot convert \"no\" to bool; only the strings \"true\" or \"false\" are allowed")
        #expect(errorMessage("tolist", [["a": 1], "b"]) == "cannot convert tuple to list: all list elements must have the same type")
    }
}

@Suite struct EncodingFunctionTests {
    static let cases: [Case] = [
        Case("jsonencode", [["hello": "world"]], #"{"hello":"world"}"#),
        Case("jsonencode", [["a": [1, true, .null], "<": "&"]], #"{"\u003c":"\u0026","a":[1,true,null]}"#),
        Case("jsondecode", [#"{"hello": "world"}"#], .object(["hello": "world"])),
        Case("jsondecode", ["true"], true),
        Case("jsondecode", ["[1, \"a\"]"], .tuple([1, "a"])),
        Case("yamlencode", [["a": "b", "c": "d"]], "\"a\": \"b\"\n\"c\": \"d\"\n"),
        Case("yamlencode", [["foo": [1, 2, 3], "bar": "baz"]], "\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"),
        Case("yamlencode", [["foo": [1, ["a": "b", "c": "d"]], "bar": "baz"]], "\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n"),
        Case("yamlencode", [["a": ["b": ["c": []]]]], "\"a\":\n  \"b\":\n    \"c\": []\n"),
        Case("yamldecode", ["hello: world"], .object(["hello": "world"])),
        Case("yamldecode", ["true"], true),
        Case("yamldecode", ["{a: &foo [1, 2, 3], b: *foo}"], .object(["a": .tuple([1, 2, 3]), "b": .tuple([1, 2, 3])])),
        Case("yamldecode", ["- a\n- 1.5\n- null\n- 'x'"], .tuple(["a", 1.5, .null, "x"])),
        Case("base64encode", ["Hello World"], "SGVsbG8gV29ybGQ="),
        Case("base64decode", ["SGVsbG8gV29ybGQ="], "Hello World"),
        Case("urlencode", ["Hello World!"], "Hello+World%21"),
        Case("urlencode", ["☃"], "%E2%98%83"),
        Case("urlencode", ["foo:bar@localhost?foo=bar&bar=baz"], "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"),
        Case("csvdecode", ["a,b,c\n1,2,3\n4,5,6"], .list([
            .object(["a": "1", "b": "2", "c": "3"]), .object(["a": "4", "b": "5", "c": "6"]),
        ])),
        Case("csvdecode", ["name,note\n\"Doe, J\",\"said \"\"hi\"\"\"\n"], .list([.object(["name": "Doe, J", "note": "said \"hi\""])])),
    ]

    @Test(arguments: cases)
    func encodingFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func errors() {
        #expect(errorMessage("csvdecode", "a,b\n1,2,3") == "record on line 2: wrong number of fields")
        #expect(errorMessage("base64decode", "%%%") == "failed to decode base64 data \"%%%\"")
        #expect(errorMessage("jsondecode", "{") != nil)
        // "Billion laughs": aliases that expand to more values than the bound.
        var doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...7 { doc += "l\(i): &l\(i) [" + Array(repeating: i == 1 ? "*a" : "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(errorMessage("yamldecode", .string(doc)) == "the YAML document expands to more than 1000000 values (alias expansion limit)")
    }
}

@Suite struct IPFunctionTests {
    static let cases: [Case] = [
        Case("cidrhost", ["10.12.112.0/20", 16], "10.12.112.16"),
        Case("cidrhost", ["10.12.112.0/20", 268], "10.12.113.12"),
        Case("cidrhost", ["10.12.112.0/20", -1], "10.12.127.255"),
        Case("cidrhost", ["fd00:fd12:3456:7890:00a2::/72", 34], "fd00:fd12:3456:7890::22"),
        Case("cidrnetmask", ["172.16.0.0/12"], "255.240.0.0"),
        Case("cidrsubnet", ["172.16.0.0/12", 4, 2], "172.18.0.0/16"),
        Case("cidrsubnet", ["10.1.2.0/24", 4, 15], "10.1.2.240/28"),
        Case("cidrsubnet", ["fd00:fd12:3456:7890::/56", 16, 162], "fd00:fd12:3456:7800:a200::/72"),
        Case("cidrsubnets", ["10.1.0.0/16", 4, 4, 8, 4], .list(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"])),
        Case("cidrsubnets", ["fd00:fd12:3456:7890::/56", 16, 16, 16, 32], .list([
            "fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88",
        ])),
    ]

    @Test(arguments: cases)
    func ipFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }

    @Test func errors() {
        #expect(errorMessage("cidrsubnet", "10.0.0.0/30", 4, 0) == "insufficient address space to extend prefix of 30 by 4")
        #expect(errorMessage("cidrsubnet", "10.0.0.0/24", 2, 4) == "prefix extension of 2 does not accommodate a subnet numbered 4")
        #expect(errorMessage("cidrhost", "10.0.0.0/30", 4) == "prefix of 30 does not accommodate a host numbered 4")
        #expect(errorMessage("cidrnetmask", "10.0.0.0") == "invalid CIDR expression: invalid CIDR address: 10.0.0.0")
        #expect(errorMessage("cidrsubnets", "10.0.0.0/30", 1, 1, 1) == "not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31")
    }
}

@Suite struct HashFunctionTests {
    static let cases: [Case] = [
        Case("md5", ["hello world"], "5eb63bbbe01eeed093cb22bb8f5acdc3"),
        Case("sha1", ["hello world"], "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
        Case("sha256", ["hello world"], "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
        Case("sha512", ["hello world"], "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"),
        Case("base64sha256", ["hello world"], "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
    ]

    @Test(arguments: cases)
    func hashFunction(_ c: Case) {
        #expect(run(c) == c.expected)
    }
}

@Suite struct FileFunctionTests {
    static let root = Paths.fixtures + "/config"
    static let library = TerraformFunctions.library(baseDirectory: root + "/envs/dev", scanRoot: root)

    func call(_ name: String, _ args: Value...) -> Result<Value, FunctionError> {
        do throws(FunctionError) {
            return .success(try Self.library[name]!.implementation(args))
        } catch {
            return .failure(error)
        }
    }

    @Test func readsInsideTheTree() throws {
        #expect(try call("file", "terraform.tfvars").get() == "project = \"acme-dev\"\n")
        #expect(try call("fileexists", "../../modules/storage/main.tf").get() == true)
        #expect(try call("fileexists", "nope.tf").get() == false)
        #expect(try call("filebase64", "terraform.tfvars").get() == "cHJvamVjdCA9ICJhY21lLWRldiIK")
        #expect(try call("filemd5", "terraform.tfvars").get() == value("md5", "project = \"acme-dev\"\n"))
        #expect(try call("fileset", "../..", "**/*.tfvars").get() == .set(["envs/dev/terraform.tfvars", "envs/prod/terraform.tfvars"]))
        #expect(try call("fileset", "../../modules", "*/{main,outputs}.tf").get() == .set(["storage/main.tf"]))
        #expect(try call("basename", "foo/bar/baz.txt").get() == "baz.txt")
        #expect(try call("dirname", "foo/bar/baz.txt").get() == "foo/bar")
        #expect(try call("dirname", "baz.txt").get() == ".")
        #expect(try call("abspath", "../x").get() == .string(Self.root + "/envs/x"))
    }

    @Test func refusesToLeaveTheTree() {
        guard case .failure(let e) = call("file", "../../../../etc/passwd") else {
            Issue.record("read outside the scan root")
            return
        }
        #expect(e.message == "\"../../../../etc/passwd\" is outside the scanned directory \(FileFunctions.realPath(Self.root)!); file functions read only files of the configuration")
        #expect(e.argument == 0)
        guard case .failure(let missing) = call("file", "missing.txt") else { return }
        #expect(missing.message.hasPrefix("no file exists at \"missing.txt\""))
    }

    @Test func templatefileRendersWithTheRenderer() throws {
        let lib = TerraformFunctions.library(baseDirectory: Self.root, scanRoot: Self.root) { text, _, vars throws(FunctionError) in
            try TemplateRendering.render(text, filename: "t", variables: vars)
        }
        let f = try #require(lib["templatestring"])
        #expect(try f.implementation(["Hello, ${name}!%{ for x in xs } ${x}%{ endfor }", ["name": "Ann", "xs": ["a", "b"]]]) == "Hello, Ann! a b")
    }
}

@Suite struct TypeConstraintTests {
    @Test func objectWithOptionalDefaults() {
        let t = TypeConstraint.object([
            "name": .init(.string),
            "size": .init(.number, optional: true, defaultValue: 10),
            "tags": .init(.map(.string), optional: true),
        ])
        #expect(t.convert(["name": "a", "extra": true]) == .success(.object(["name": "a", "size": 10, "tags": .null])))
        #expect(t.convert(["name": 5, "size": "3"]) == .success(.object(["name": "5", "size": 3, "tags": .null])))
        #expect(t.convert(["size": 1]).failureDescription == "attribute \"name\" is required")
        #expect(TypeConstraint.list(t).convert([["name": "a", "size": "x"]]).failureDescription == "element 0: attribute \"size\": a number is required")
    }

    @Test func collections() {
        #expect(TypeConstraint.list(.string).convert(["a", 1, true]) == .success(.list(["a", "1", "true"])))
        #expect(TypeConstraint.set(.string).convert(["b", "a", "b"]) == .success(.set(["a", "b"])))
        #expect(TypeConstraint.map(.number).convert(["a": "1"]) == .success(.map(["a": 1])))
        #expect(TypeConstraint.tuple([.string, .bool]).convert(["a", "true"]) == .success(.tuple(["a", true])))
        #expect(TypeConstraint.map(.string).convert(["a"]).failureDescription == "map of string required")
        #expect(TypeConstraint.bool.convert("yes").failureDescription == "a bool is required")
    }

    @Test func unknownAndSensitiveKept() {
        #expect(TypeConstraint.list(.string).convert([.unknown("x"), 1]) == .success(.list([.unknown("x"), "1"])))
        #expect(TypeConstraint.number.convert(.sensitive("5")) == .success(.sensitive(5)))
        #expect(TypeConstraint.string.convert(.null) == .success(.null))
    }

    @Test func descriptions() {
        #expect(TypeConstraint.list(.object(["a": .init(.string, optional: true)])).description == "list(object({a=optional(string)}))")
    }
}

extension Result where Failure == TypeConstraint.ConversionError {
    var failureDescription: String? {
        if case .failure(let e) = self { return e.description }
        return nil
    }
}
