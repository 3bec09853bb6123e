import Foundation
import HCL

/// A value given for a variable, with where it came from (for diagnostics).
struct VariableInput: Sendable {
    var value: Value
    var range: SourceRange?
    var origin: String
}

/// Root module variable values from every source, in Terraform's precedence (later wins,
/// https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence):
/// `TF_VAR_` environment variables, `terraform.tfvars`, `terraform.tfvars.json`,
/// `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order of file names, then `--var-file`
/// and `--var` in command-line order. Defaults apply when none gives a value.
enum VariableSources {
    static func rootValues(module: Module, run: EvaluationRun) -> [String: VariableInput] {
        var out: [String: VariableInput] = [:]
        let declared = Dictionary(module.variables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = declared.keys.sorted()

        for name in names {
            if let raw = run.options.environment["TF_VAR_" + name] {
                out[name] = VariableInput(value: rawValue(raw, type: declared[name]!.type, origin: "TF_VAR_\(name)", run: run), range: nil, origin: "environment variable TF_VAR_\(name)")
            }
        }
        let dir = module.directory
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        var ordered: [String] = []
        if files.contains("terraform.tfvars") { ordered.append("terraform.tfvars") }
        if files.contains("terraform.tfvars.json") { ordered.append("terraform.tfvars.json") }
        ordered += files.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
        for f in ordered {
            apply(file: dir + "/" + f, into: &out, declared: declared, run: run, explicit: false)
        }
        let cwd = FileManager.default.currentDirectoryPath
        for cli in run.options.commandLineVariables {
            switch cli {
            case .file(let path):
                apply(file: FileFunctions.absolute(path, relativeTo: cwd), into: &out, declared: declared, run: run, explicit: true)
            case .assignment(let text):
                guard let eq = text.firstIndex(of: "=") else {
                    run.diagnostics.append(.error("Invalid -var option", detail: "The given -var option \(Value.string(text).jsonString) is not correctly specified. It must be a variable name and value separated an equals sign, like -var=\"key=value\"."))
                    continue
                }
                let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
                let raw = String(text[text.index(after: eq)...])
                guard let decl = declared[name] else {
                    run.diagnostics.append(.warning("Value for undeclared variable", detail: "A variable named \(Value.string(name).jsonString) was assigned on the command line, but the root module \(module.relativeDirectory) does not declare a variable of that name."))
                    continue
                }
                out[name] = VariableInput(value: rawValue(raw, type: decl.type, origin: "-var \(name)", run: run), range: nil, origin: "-var option")
            }
        }
        return out
    }

    /// A value given as text (environment, `--var`): taken literally for primitive or
    /// unconstrained variables, parsed as an HCL expression for complex types (Terraform's
    /// `VariableParseHCL` mode).
    static func rawValue(_ raw: String, type: TypeConstraint?, origin: String, run: EvaluationRun) -> Value {
        switch type {
        case nil, .any?, .string?, .number?, .bool?:
            return .string(raw)
        default:
            let (e, d1) = Parser.parseExpression(bytes: Array(raw.utf8), filename: origin)
            let (v, d2) = e.evaluate(in: EvalContext(), lines: LineTable(filename: origin, bytes: Array(raw.utf8)))
            run.diagnostics += d1 + d2
            return d1.hasErrors ? .unknown("\(origin) (invalid value)") : v
        }
    }

    static func apply(file: String, into out: inout [String: VariableInput], declared: [String: Module.Variable], run: EvaluationRun, explicit: Bool) {
        let shown = run.relative(file)
        guard let data = FileManager.default.contents(atPath: file) else {
            run.diagnostics.append(.error("Failed to read variables file", detail: "Given variables file \(shown) does not exist or cannot be read."))
            return
        }
        let bytes = [UInt8](data)
        var assignments: [(String, Value, SourceRange?)] = []
        if file.hasSuffix(".json") {
            switch JSONReader.parse(bytes) {
            case .success(let v):
                guard let attrs = v.attributes else {
                    run.diagnostics.append(.error("Invalid variables file", detail: "\(shown): the root value must be a JSON object"))
                    return
                }
                for k in attrs.keys.sorted() { assignments.append((k, attrs[k]!, nil)) }
            case .failure(let f):
                run.diagnostics.append(.error("Invalid variables file", detail: f.message, at: LineTable(filename: shown, bytes: bytes).range(f.offset, f.offset)))
                return
            }
        } else {
            let (f, diags) = Parser.parse(bytes: bytes, filename: shown)
            run.diagnostics += diags
            for b in f.body.blocks {
                run.diagnostics.append(.error("Unexpected block in variables file", detail: "Blocks are not allowed in a variables file.", at: f.sourceRange(b.typeRange)))
            }
            for a in f.body.attributes {
                // tfvars values are constants: no variables, no function calls.
                let (v, d) = a.expression.evaluate(in: EvalContext(), lines: f.lineTable)
                run.diagnostics += d
                assignments.append((a.name, d.hasErrors ? .unknown("\(shown): \(a.name) (invalid value)") : v, f.sourceRange(a.range)))
            }
        }
        for (name, value, range) in assignments {
            guard declared[name] != nil else {
                run.diagnostics.append(.warning("Value for undeclared variable", detail: "The root module does not declare a variable named \(Value.string(name).jsonString) but a value was found in file \(shown).", at: range))
                continue
            }
            out[name] = VariableInput(value: value, range: range, origin: shown)
        }
    }
}
