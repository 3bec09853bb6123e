import Testing
@testable import HCL

// MARK: - Rendering helpers (exact, compact views of the tree)

/// A compact s-expression of an expression's shape.
func sx(_ e: Expression) -> String {
    switch e.kind {
    case .literal(let v): return v.jsonString
    case .template(let parts): return "tpl(" + parts.map(sx).joined(separator: ", ") + ")"
    case .templateWrap(let x): return "wrap(" + sx(x) + ")"
    case .scopeTraversal(let t): return "ref(" + t.description + ")"
    case .functionCall(let c): return c.name + "(" + c.arguments.map(sx).joined(separator: ", ") + ")"
    case .tuple(let es): return "[" + es.map(sx).joined(separator: ", ") + "]"
    case .object(let items): return "{" + items.map { sx($0.key) + ": " + sx($0.value) }.joined(separator: ", ") + "}"
    case .binary(let op, let a, let b): return "(" + sx(a) + " " + op.rawValue + " " + sx(b) + ")"
    case .conditional(let c, let a, let b): return "(" + sx(c) + " ? " + sx(a) + " : " + sx(b) + ")"
    case .invalid: return "invalid"
    default: return "other"
    }
}

/// A compact view of a body: attributes then blocks, in source order.
func render(_ body: Body) -> String {
    var parts = body.attributes.map { $0.name + "=" + sx($0.expression) }
    for b in body.blocks {
        parts.append(([b.type] + b.labels.map { "\"\($0)\"" }).joined(separator: " ") + " {" + render(b.body) + "}")
    }
    return parts.joined(separator: "; ")
}

func lineColumns(_ diags: [Diagnostic]) -> [String] {
    diags.map { "\($0.range.map { "\($0.start.line):\($0.start.column)" } ?? "-") \($0.summary)" }
}

func jsonFile(_ text: String, schema: BodySchema = .terraformFile) -> (File, [Diagnostic]) {
    JSONSyntax.parse(text: text, filename: "main.tf.json", schema: schema)
}

/// The text a range covers.
func slice(_ text: String, _ r: Range<Int>) -> String {
    String(decoding: Array(text.utf8)[r], as: UTF8.self)
}

// MARK: - Structure

@Test func resourceBlocksAttributesAndTemplates() {
    let src = """
    {
      "resource": {
        "google_storage_bucket": {
          "logs": {
            "name": "${var.prefix}-logs",
            "location": "EU",
            "force_destroy": true,
            "labels": {"env": "${var.env}", "team": "data"},
            "versioning": {"enabled": true},
            "lifecycle_rule": [
              {"action": {"type": "Delete"}, "condition": {"age": 30}},
              {"action": {"type": "SetStorageClass", "storage_class": "NEARLINE"}, "condition": {"age": 7}}
            ]
          }
        }
      }
    }
    """
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body) == """
    resource "google_storage_bucket" "logs" {name=tpl(ref(var.prefix), "-logs"); location=tpl("EU"); force_destroy=true; \
    labels={tpl("env"): wrap(ref(var.env)), tpl("team"): tpl("data")}; versioning {enabled=true}; \
    lifecycle_rule {action {type=tpl("Delete")}; condition {age=30}}; \
    lifecycle_rule {action {type=tpl("SetStorageClass"); storage_class=tpl("NEARLINE")}; condition {age=7}}}
    """)

    let block = file.body.blocks[0]
    #expect(slice(src, block.typeRange) == "\"resource\"")
    #expect(block.labelRanges.map { slice(src, $0) } == ["\"google_storage_bucket\"", "\"logs\""])
    #expect(slice(src, block.openBraceRange) == "{")
    #expect(slice(src, block.closeBraceRange) == "}")
    #expect(file.sourceRange(block.openBraceRange).start.line == 4)
    #expect(file.sourceRange(block.closeBraceRange).start.line == 14)

    let name = block.body.attribute(named: "name")!
    #expect(slice(src, name.nameRange) == "\"name\"")
    #expect(slice(src, name.range) == "\"name\": \"${var.prefix}-logs\"")
    #expect(slice(src, name.expression.range) == "\"${var.prefix}-logs\"")
    // The reference inside the string points at its own text: line 5, column 20.
    let ref = name.expression.references[0]
    #expect(ref.description == "var.prefix")
    #expect(slice(src, ref.range) == "var.prefix")
    #expect(file.sourceRange(ref.range).start == SourcePosition(line: 5, column: 20, offset: ref.range.lowerBound))
}

@Test func blockLabelsMayRepeatThroughArraysAtEveryLevel() {
    // json/spec.md "Blocks": at each label level an array of objects stands for several.
    let src = """
    {"resource": [
      {"google_x": {"a": {"n": 1}}},
      {"google_x": [{"a": {"n": 2}}, {"b": [{"n": 3}, {"n": 4}]}]},
      {"google_y": {"c": null}}
    ]}
    """
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body) == """
    resource "google_x" "a" {n=1}; resource "google_x" "a" {n=2}; resource "google_x" "b" {n=3}; resource "google_x" "b" {n=4}
    """)
}

@Test func commentPropertiesAreIgnoredInBodiesOnly() {
    let src = """
    {
      "//": "top-level comment",
      "locals": {"//": ["any", "value"], "a": {"//": "kept in an object value", "b": 1}},
      "variable": {"v": {"//": "comment", "type": "string"}}
    }
    """
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body) == """
    locals {a={tpl("//"): tpl("kept in an object value"), tpl("b"): 1}}; variable "v" {type=ref(string)}
    """)
}

@Test func expressionModesFollowTerraform() {
    let src = """
    {
      "variable": {"v": {"type": "list(object({a = string}))", "default": "${not.a.template}", "description": "x"}},
      "module": {"m": {"source": "./mod", "providers": {"google": "google.west"}, "depends_on": ["google_x.a"], "input": "${var.v}"}},
      "resource": {"google_x": {"a": {
        "provider": "google.west",
        "depends_on": ["module.m", "google_y.b"],
        "lifecycle": {"ignore_changes": ["labels"], "prevent_destroy": true}
      }}},
      "output": {"o": {"value": "${google_x.a.id}", "description": "${literal}"}}
    }
    """
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body) == """
    variable "v" {type=list(object({ref(a): ref(string)})); default=tpl("${not.a.template}"); description=tpl("x")}; \
    module "m" {source=tpl("./mod"); providers={ref(google): ref(google.west)}; depends_on=[ref(google_x.a)]; input=wrap(ref(var.v))}; \
    resource "google_x" "a" {provider=ref(google.west); depends_on=[ref(module.m), ref(google_y.b)]; lifecycle {ignore_changes=[ref(labels)]; prevent_destroy=true}}; \
    output "o" {value=wrap(ref(google_x.a.id)); description=tpl("${literal}")}
    """)
    let v = file.body.blocks[0].body
    #expect(v.attribute(named: "default")!.expression.stringLiteral == "${not.a.template}")
    #expect(v.attribute(named: "default")!.expression.references.isEmpty)
    // The type expression's parts point into the JSON string.
    let type = v.attribute(named: "type")!.expression
    #expect(slice(src, type.range) == "list(object({a = string}))")
    #expect(file.body.blocks[1].body.attribute(named: "source")!.expression.stringLiteral == "./mod")
}

@Test func referencesInsideStringsObjectKeysAndArrays() {
    let src = #"{"locals": {"x": {"${var.k}": ["${local.a[0]}", "${upper(var.b)} and ${module.m.out}"]}, "y": "%{ for s in var.list }${s}%{ endfor }"}}"#
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    let locals = file.body.blocks[0].body
    #expect(locals.attribute(named: "x")!.expression.references.map(\.description) == ["var.k", "local.a[0]", "var.b", "module.m.out"])
    // Names bound by a template `for` are not references.
    #expect(locals.attribute(named: "y")!.expression.references.map(\.description) == ["var.list"])
}

@Test func escapedStringsKeepSourcePositions() {
    // `\"` and `\u00e9` make decoded text shorter than the source; ranges are mapped back.
    let src = #"{"locals": {"s": "a\"\u00e9 ${var.x} \\n"}}"#
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    let e = file.body.blocks[0].body.attribute(named: "s")!.expression
    #expect(sx(e) == #"tpl("a\"é ", ref(var.x), " \\n")"#)
    let ref = e.references[0]
    #expect(slice(src, ref.range) == "var.x")
    let (value, vd) = e.evaluate(in: EvalContext(variables: ["var": ["x": "X"]]), lines: file.lineTable)
    #expect(vd.isEmpty)
    #expect(value == .string("a\"é X \\n"))
}

@Test func templateErrorsInsideStringsHaveFilePositions() {
    let src = "{\n  \"locals\": {\n    \"bad\": \"x ${var.a +} y\",\n    \"esc\": \"\\t${)}\"\n  }\n}"
    let (file, diags) = jsonFile(src)
    #expect(lineColumns(diags) == ["3:24 Invalid expression", "4:17 Invalid expression"])
    #expect(file.body.blocks[0].body.attributes.map(\.name) == ["bad", "esc"])
}

// MARK: - Inferred nested blocks (no provider schema)

@Test func inferredBlocksInResourceBodies() {
    let src = """
    {"resource": {"google_sql_database_instance": {"db": {
      "name": "main",
      "settings": {
        "tier": "db-f1-micro",
        "user_labels": {"env": "prod"},
        "ip_configuration": {"ipv4_enabled": false, "authorized_networks": [{"name": "office", "value": "1.2.3.4/32"}]},
        "database_flags": [{"name": "a", "value": "on"}, {"name": "b", "value": "off"}],
        "dynamic": {"backup_configuration": {"for_each": "${var.backups}", "content": {"enabled": "${backup_configuration.value}"}}}
      },
      "node_selector": {"kubernetes.io/os": "linux"},
      "empty_list": [],
      "strings": ["a", "b"]
    }}}}
    """
    let (file, diags) = jsonFile(src)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body.blocks[0].body) == """
    name=tpl("main"); node_selector={tpl("kubernetes.io/os"): tpl("linux")}; empty_list=[]; strings=[tpl("a"), tpl("b")]; \
    settings {tier=tpl("db-f1-micro"); user_labels={tpl("env"): tpl("prod")}; \
    ip_configuration {ipv4_enabled=false; authorized_networks {name=tpl("office"); value=tpl("1.2.3.4/32")}}; \
    database_flags {name=tpl("a"); value=tpl("on")}; database_flags {name=tpl("b"); value=tpl("off")}; \
    dynamic "backup_configuration" {for_each=wrap(ref(var.backups)); content {enabled=wrap(ref(backup_configuration.value))}}}
    """)
}

// MARK: - Schema mismatches

@Test func schemaMismatchesAreDiagnosed() {
    let src = """
    {
      "variable": {"v": {"type": "string", "bogus": 1}},
      "resource": {},
      "output": "nope",
      "locals": {"a": 1, "a": 2},
      "module": {"m": [1]}
    }
    """
    let (file, diags) = jsonFile(src)
    #expect(lineColumns(diags) == [
        "2:40 Extraneous JSON object property",
        "3:15 Missing block label",
        "4:13 Incorrect JSON value type",
        "5:22 Duplicate argument",
        "6:20 Incorrect JSON value type",
    ])
    #expect(diags[3].detail == "The argument \"a\" was already set at main.tf.json:5,14.")
    #expect(render(file.body) == #"variable "v" {type=ref(string)}; locals {a=1}"#)
}

@Test func customSchemasDecodeLabelsAndAttributes() {
    let schema = BodySchema(
        attributes: ["io_mode": .template],
        blocks: ["service": BlockSchema(labelNames: ["kind", "name"], body: BodySchema(
            attributes: ["listen_addr": .template],
            blocks: ["process": BlockSchema(labelNames: ["name"], body: BodySchema(attributes: ["command": .template]))]))])
    let src = #"{"io_mode": "async", "service": {"http": {"web": {"listen_addr": "127.0.0.1:8080", "process": {"main": {"command": ["app", "server"]}, "mgmt": {"command": ["app", "mgmt"]}}}}}}"#
    let (file, diags) = JSONSyntax.parse(text: src, filename: "s.hcl.json", schema: schema)
    #expect(diags.isEmpty, "\(diags)")
    #expect(render(file.body) == """
    io_mode=tpl("async"); service "http" "web" {listen_addr=tpl("127.0.0.1:8080"); \
    process "main" {command=[tpl("app"), tpl("server")]}; process "mgmt" {command=[tpl("app"), tpl("mgmt")]}}
    """)
}

// MARK: - Malformed JSON

@Test(arguments: [
    ("{\"locals\": {\"a\": }}", ["1:18 Missing JSON value"]),
    ("{\"locals\": {\"a\": @}}", ["1:18 Invalid character"]),
    ("{\"locals\": {\"a\": 1,}}", ["1:19 Trailing comma in object"]),
    ("{\"locals\": {\"a\": [1, 2,]}}", ["1:23 Trailing comma in array"]),
    ("{\"locals\": {\"a\" 1}}", ["1:16 Missing property value colon"]),
    ("{\"locals\": {\"a\": 1 \"b\": 2}}", ["1:20 Missing property separator comma"]),
    ("{\"locals\": {a: 1, \"b\": 2}}", ["1:13 Invalid object property name"]),
    ("{\"locals\": {\"a\": True}}", ["1:18 Invalid JSON keyword"]),
    ("{\"locals\": {\"a\": 01}}", ["1:18 Invalid JSON number"]),
    ("{\"locals\": {\"a\": \"x\\qy\"}}", ["1:20 Invalid escape sequence"]),
    ("{\"locals\": {\"a\": \"abc\n, \"b\": 2}}", ["1:18 Unterminated string"]),
    ("{\"locals\": {\"a\": 1}", ["1:1 Unclosed object"]),
    ("{\"locals\": {\"a\": [1}}", ["1:20 Mismatched bracket", "1:1 Unclosed object"]),
    ("{\"locals\": {}} x", ["1:16 Extraneous data after value"]),
    ("", ["1:1 Missing JSON value"]),
    ("[1]", ["1:2 Incorrect JSON value type"]),
    ("{\"locals\": {\"a\": \"\u{1}\"}}", ["1:19 Control character in string"]),
])
func malformedJSON(input: String, expected: [String]) {
    let (_, diags) = jsonFile(input)
    #expect(lineColumns(diags).sorted() == expected.sorted())
}

@Test func malformedJSONKeepsTheRest() {
    let src = """
    {
      "locals": {"a": tru, "b": [1 2], "c": "ok"},
      "output": {"o": {"value": "${local.c}"}}
    }
    """
    let (file, diags) = jsonFile(src)
    #expect(lineColumns(diags) == ["2:19 Invalid JSON keyword", "2:32 Missing array element separator comma"])
    #expect(render(file.body) == #"locals {a=invalid; b=[1]; c=tpl("ok")}; output "o" {value=wrap(ref(local.c))}"#)
}

@Test func invalidUTF8AndNULInJSON() {
    var bytes = Array("{\"locals\": {\"a\": \"x".utf8)
    bytes += [0xFF]
    bytes += Array("y\", \"b\": 1}}".utf8)
    bytes += [0x00]
    let (file, diags) = JSONSyntax.parse(bytes: bytes, filename: "u.tf.json", schema: .terraformFile)
    #expect(lineColumns(diags) == ["1:20 Invalid character encoding", "1:33 Extraneous data after value"])
    #expect(render(file.body) == "locals {a=tpl(\"x\u{FFFD}y\"); b=1}")
}

@Test func deepJSONNestingHitsTheLimit() {
    let deep = "{\"locals\": {\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + ", \"b\": 2}}"
    let (file, diags) = jsonFile(deep)
    #expect(lineColumns(diags) == ["1:144 Nesting too deep"])
    #expect(diags[0].detail.contains("\(Parser.maxDepth)"))
    #expect(file.body.blocks[0].body.attribute(named: "b").map { sx($0.expression) } == "2")
    // Unbalanced deep input terminates too.
    let (_, d2) = jsonFile(String(repeating: "[", count: 100_000))
    #expect(lineColumns(d2).contains("1:129 Nesting too deep"))
}

@Test func manyJSONErrorsAreCapped() {
    let src = "{\"locals\": {" + String(repeating: "\"a\": x, ", count: 5000) + "\"z\": 1}}"
    let (_, diags) = jsonFile(src)
    #expect(diags.count == Parser.maxDiagnostics + 1)
    #expect(diags.last?.summary == "Too many errors")
}

// MARK: - Equivalence with the native syntax

/// Every attribute evaluated (or, where it is not a value — a type or a static reference —
/// its references), blocks with their labels, recursively; attributes sorted by name.
func evaluated(_ body: Body, _ ctx: EvalContext, _ lines: LineTable) -> String {
    var parts: [String] = []
    for a in body.attributes.sorted(by: { $0.name < $1.name }) {
        let (v, d) = a.expression.evaluate(in: ctx, lines: lines)
        parts.append(a.name + "=" + (d.isEmpty ? v.jsonString : "refs" + a.expression.references.map(\.description).description))
    }
    for b in body.blocks {
        parts.append(([b.type] + b.labels).joined(separator: " ") + " {" + evaluated(b.body, ctx, lines) + "}")
    }
    return parts.joined(separator: "; ")
}

@Test func sameConfigurationInBothSyntaxesEvaluatesAlike() {
    let native = """
    variable "regions" {
      type    = list(string)
      default = ["eu", "us"]
    }
    locals {
      prefix = "${var.project}-app"
      sizes  = { for r in var.regions : r => length(r) * 10 }
      ha     = var.env == "prod" ? "REGIONAL" : "ZONAL"
    }
    resource "google_sql_database_instance" "db" {
      count            = var.n
      name             = "${local.prefix}-db-${count.index}"
      database_version = "POSTGRES_16"
      depends_on       = [google_project_service.sql]
      settings {
        tier              = "db-custom-2-8192"
        availability_type = local.ha
        user_labels       = { env = var.env, "cost-center" = "42" }
        ip_configuration {
          ipv4_enabled    = false
          private_network = var.network
        }
        database_flags {
          name  = "log_connections"
          value = "on"
        }
        database_flags {
          name  = "log_disconnections"
          value = "on"
        }
      }
      lifecycle {
        prevent_destroy = true
        ignore_changes  = [settings[0].tier]
      }
    }
    output "name" {
      value     = google_sql_database_instance.db[0].name
      sensitive = false
    }
    """
    let json = """
    {
      "//": "generated",
      "variable": {"regions": {"type": "list(string)", "default": ["eu", "us"]}},
      "locals": {
        "prefix": "${var.project}-app",
        "sizes": "${{ for r in var.regions : r => length(r) * 10 }}",
        "ha": "${var.env == \\"prod\\" ? \\"REGIONAL\\" : \\"ZONAL\\"}"
      },
      "resource": {"google_sql_database_instance": {"db": {
        "count": "${var.n}",
        "name": "${local.prefix}-db-${count.index}",
        "database_version": "POSTGRES_16",
        "depends_on": ["google_project_service.sql"],
        "settings": {
          "tier": "db-custom-2-8192",
          "availability_type": "${local.ha}",
          "user_labels": {"env": "${var.env}", "cost-center": "42"},
          "ip_configuration": {"ipv4_enabled": false, "private_network": "${var.network}"},
          "database_flags": [
            {"name": "log_connections", "value": "on"},
            {"name": "log_disconnections", "value": "on"}
          ]
        },
        "lifecycle": {"prevent_destroy": true, "ignore_changes": ["settings[0].tier"]}
      }}},
      "output": {"name": {"value": "${google_sql_database_instance.db[0].name}", "sensitive": false}}
    }
    """
    let length = Function(parameters: [.init("s")]) { args throws(FunctionError) in
        .number(Number(args[0].stringValue?.count ?? 0))
    }
    let ctx = EvalContext(
        variables: [
            "var": ["project": "tg", "env": "prod", "n": 2, "network": .unknown("google_compute_network.vpc.id"), "regions": ["eu", "us"]],
            "local": ["prefix": "tg-app", "ha": "REGIONAL"],
            "count": ["index": 1],
            "google_project_service": ["sql": ["id": "x"]],
            "google_sql_database_instance": ["db": [["name": "tg-app-db-0"]]],
        ],
        functions: ["length": length])
    let (nf, nd) = Parser.parse(text: native, filename: "main.tf")
    let (jf, jd) = JSONSyntax.parse(text: json, filename: "main.tf.json", schema: .terraformFile)
    #expect(nd.isEmpty, "\(nd)")
    #expect(jd.isEmpty, "\(jd)")
    let a = evaluated(nf.body, ctx, nf.lineTable)
    let b = evaluated(jf.body, ctx, jf.lineTable)
    #expect(a == b)
    #expect(a == """
    variable regions {default=["eu","us"]; type=refs["string"]}; \
    locals {ha="REGIONAL"; prefix="tg-app"; sizes={"eu":20,"us":20}}; \
    resource google_sql_database_instance db {count=2; database_version="POSTGRES_16"; depends_on=[{"id":"x"}]; name="tg-app-db-1"; \
    settings {availability_type="REGIONAL"; tier="db-custom-2-8192"; user_labels={"cost-center":"42","env":"prod"}; \
    ip_configuration {ipv4_enabled=false; private_network=null}; \
    database_flags {name="log_connections"; value="on"}; database_flags {name="log_disconnections"; value="on"}}; \
    lifecycle {ignore_changes=refs["settings[0].tier"]; prevent_destroy=true}}; \
    output name {sensitive=false; value="tg-app-db-0"}
    """)
    // References agree too (what the dependency graph is built from).
    func refs(_ body: Body) -> [String] {
        body.attributes.flatMap { $0.expression.references.map(\.description) } + body.blocks.flatMap { refs($0.body) }
    }
    #expect(refs(nf.body).sorted() == refs(jf.body).sorted())
}
