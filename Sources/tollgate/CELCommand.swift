import ArgumentParser
import CEL

/// `tollgate cel …`: run CEL expressions directly (policy authoring and conformance checks).
struct CELCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cel",
        abstract: "Evaluate Common Expression Language expressions.",
        subcommands: [Eval.self]
    )

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a CEL expression and print the result as one typed JSON line.",
            discussion: """
            The output line is {"ok": <typed value>}, {"error": "..."} or {"compile_error": "..."}, \
            in the format of ../shared/tools/cel-oracle.py (ints as {"int": "5"}, doubles as \
            {"double": 2.5}, maps as {"map": [[key, value], ...]}, ...). With --batch, reads the \
            oracle's input lines ({"expr": ..., "vars": {...}}) from standard input instead.
            """
        )

        @Argument(help: "The CEL expression.")
        var expression: String?

        @Option(name: .long, help: "Variables as a JSON object (numbers without a fraction bind as int).")
        var vars: String?

        @Flag(name: .long, help: "Read JSON lines {\"expr\", \"vars\"} from standard input.")
        var batch = false

        func run() throws {
            if batch {
                while let line = readLine() {
                    if line.allSatisfy(\.isWhitespace) { continue }
                    print(Self.evaluateCase(line))
                }
                return
            }
            guard let expression else { throw ValidationError("missing expression (or use --batch)") }
            var activation: [String: CELValue] = [:]
            if let vars {
                switch CELJSON.parse(vars) {
                case .success(.map(let m)):
                    for (k, v) in zip(m.keys, m.values) { if case .string(let name) = k { activation[name] = v } }
                case .success: throw ValidationError("--vars must be a JSON object")
                case .failure(let e): throw ValidationError("--vars: \(e.message)")
                }
            }
            print(CELJSON.oracleLine(CELProgram.compile(expression), activation))
        }

        /// One oracle input line to one output line.
        static func evaluateCase(_ line: String) -> String {
            guard case .success(.map(let c)) = CELJSON.parse(line), case .string(let expr)? = c["expr"] else {
                return "{\"error\": \"invalid input line\"}"
            }
            var activation: [String: CELValue] = [:]
            if case .map(let m)? = c["vars"] {
                for (k, v) in zip(m.keys, m.values) { if case .string(let name) = k { activation[name] = v } }
            }
            return CELJSON.oracleLine(CELProgram.compile(expr), activation)
        }
    }
}
