import HCL

/// Merges one override file into a module whose primary files are collected, following
/// Terraform (docs: "Override Files"; source: internal/configs/module.go `mergeFile` and
/// module_merge.go). Each top-level block must match a block of the primary files with the same
/// header (type and labels); one that does not is an error, as in Terraform, and is ignored.
/// Override files apply in lexical order of their names, and blocks within a file in source
/// order, so a later override wins.
enum OverrideMerge {
    static func apply(_ f: File, index i: Int, to m: inout Module) {
        for b in f.body.blocks {
            let decl = f.sourceRange(b.typeRange.lowerBound..<b.openBraceRange.upperBound)
            switch b.type {
            case "resource", "data":
                guard b.labels.count >= 2 else { continue }
                let mode: ResourceInstance.Mode = b.type == "data" ? .data : .managed
                guard let r = m.resources.firstIndex(where: { $0.mode == mode && $0.type == b.labels[0] && $0.name == b.labels[1] }) else {
                    m.diagnostics.append(mode == .data
                        ? .error("Missing data resource to override", detail: "There is no \(b.labels[0]) data resource named \(Value.string(b.labels[1]).jsonString). An override file can only override a data block defined in a primary configuration file.", at: decl)
                        : .error("Missing resource to override", detail: "There is no \(b.labels[0]) resource named \(Value.string(b.labels[1]).jsonString). An override file can only override a resource block defined in a primary configuration file.", at: decl))
                    continue
                }
                mergeResource(&m.resources[r], b, file: f, index: i, diagnostics: &m.diagnostics)
            case "module":
                guard let name = b.labels.first else { continue }
                guard let c = m.moduleCalls.firstIndex(where: { $0.name == name }) else {
                    m.diagnostics.append(.error("Missing module call to override", detail: "There is no module call named \(Value.string(name).jsonString). An override file can only override a module call that was defined in a primary configuration file.", at: decl))
                    continue
                }
                mergeModuleCall(&m.moduleCalls[c], b, file: f, index: i, diagnostics: &m.diagnostics)
            case "provider":
                guard let name = b.labels.first else { continue }
                let alias = b.body.attribute(named: "alias")?.expression.stringLiteral
                guard let p = m.providers.firstIndex(where: { $0.name == name && $0.alias == alias }) else {
                    if let alias {
                        m.diagnostics.append(.error("Missing base provider configuration for override", detail: "There is no \(name) provider configuration with the alias \(Value.string(alias).jsonString). An override file can only override an aliased provider configuration that was already defined in a primary configuration file.", at: decl))
                    } else {
                        // Terraform allows overriding an absent default configuration: no
                        // configuration means an empty one, which the override then fills.
                        m.providers.append(Module.Provider(name: name, alias: nil, block: b, file: i))
                    }
                    continue
                }
                m.providers[p].block.body = BodyOrigins.merge(m.providers[p].block.body, b.body, file: i, origins: &m.providers[p].origins)
            case "variable":
                guard let name = b.labels.first else { continue }
                guard let v = m.variables.firstIndex(where: { $0.name == name }) else {
                    m.diagnostics.append(.error("Missing base variable declaration to override", detail: "There is no variable named \(Value.string(name).jsonString). An override file can only override a variable that was already declared in a primary configuration file.", at: decl))
                    continue
                }
                mergeVariable(&m.variables[v], b, file: f, diagnostics: &m.diagnostics)
            case "locals":
                for a in b.body.attributes {
                    guard let l = m.locals.firstIndex(where: { $0.name == a.name }) else {
                        m.diagnostics.append(.error("Missing base local value definition to override", detail: "There is no local value named \(Value.string(a.name).jsonString). An override file can only override a local value that was already defined in a primary configuration file.", at: f.sourceRange(a.range)))
                        continue
                    }
                    // A local is one expression: the override replaces it, source range included
                    // (module_merge.go `Local.merge`).
                    m.locals[l] = Module.Named(name: a.name, expression: a.expression, file: i, range: a.range)
                }
            case "output":
                guard let name = b.labels.first else { continue }
                guard let o = m.outputs.firstIndex(where: { $0.name == name }) else {
                    m.diagnostics.append(.error("Missing base output definition to override", detail: "There is no output named \(Value.string(name).jsonString). An override file can only override an output that was already defined in a primary configuration file.", at: decl))
                    continue
                }
                if let v = b.body.attribute(named: "value") {
                    m.outputs[o].value = v.expression
                    m.outputs[o].valueFile = i
                }
                if let s = b.body.attribute(named: "sensitive")?.expression.staticValue?.boolValue { m.outputs[o].sensitive = s }
                rejectDependsOn(b.body, file: f, diagnostics: &m.diagnostics)
            case "terraform":
                // `required_version` replaced, `required_providers` merged entry by entry
                // (docs: "Merging terraform blocks"); a base block is not required.
                m.collectTerraformSettings(b, file: f, index: i)
            case "moved":
                m.diagnostics.append(.error("Cannot override 'moved' blocks", detail: "Records of moved objects can appear only in normal files, not in override files.", at: decl))
            case "import":
                m.diagnostics.append(.error("Cannot override 'import' blocks", detail: "Import blocks can appear only in normal files, not in override files.", at: decl))
            default:
                if !Module.ignoredBlocks.contains(b.type) {
                    m.diagnostics.append(.warning("Unsupported block type", detail: "Blocks of type \"\(b.type)\" are not expected here.", at: f.sourceRange(b.typeRange)))
                }
            }
        }
    }

    /// `resource` and `data`: arguments replaced one by one, nested block types replaced whole,
    /// `lifecycle` merged argument by argument, `provisioner` and `connection` blocks replaced
    /// like any nested block type, `depends_on` rejected (module_merge.go `Resource.merge`).
    static func mergeResource(_ r: inout Module.Resource, _ o: Block, file f: File, index i: Int, diagnostics: inout [Diagnostic]) {
        var body = o.body
        body.attributes.removeAll { $0.name == "depends_on" }
        rejectDependsOn(o.body, file: f, diagnostics: &diagnostics)
        let lifecycles = body.blocks.filter { $0.type == "lifecycle" }
        body.blocks.removeAll { $0.type == "lifecycle" }
        for lc in lifecycles {
            if let at = r.block.body.blocks.firstIndex(where: { $0.type == "lifecycle" }) {
                r.block.body.blocks[at].body = BodyOrigins.merge(r.block.body.blocks[at].body, lc.body, file: i, origins: &r.origins, prefix: "lifecycle.")
            } else {
                r.block.body.blocks.append(lc)
                r.origins.blocks["lifecycle"] = i
                for a in lc.body.attributes { r.origins.attributes["lifecycle." + a.name] = i }
            }
        }
        let hadForEach = r.forEach != nil, hadCount = r.count != nil
        r.block.body = BodyOrigins.merge(r.block.body, body, file: i, origins: &r.origins)
        resolveRepetition(&r.block.body, override: o.body, hadCount: hadCount, hadForEach: hadForEach, file: f, what: "resource", diagnostics: &diagnostics)
        r.providerKey = Module.providerKey(r.block.body)
        r.overrides.append(.init(file: i, range: o.range))
    }

    /// `module` calls: arguments (inputs, `source`, `version`, `count`, `for_each`, `providers`)
    /// replaced one by one (module_merge.go `ModuleCall.merge`).
    static func mergeModuleCall(_ c: inout Module.ModuleCall, _ o: Block, file f: File, index i: Int, diagnostics: inout [Diagnostic]) {
        var body = o.body
        body.attributes.removeAll { $0.name == "depends_on" }
        rejectDependsOn(o.body, file: f, diagnostics: &diagnostics)
        let hadForEach = c.forEach != nil, hadCount = c.count != nil
        c.block.body = BodyOrigins.merge(c.block.body, body, file: i, origins: &c.origins)
        resolveRepetition(&c.block.body, override: o.body, hadCount: hadCount, hadForEach: hadForEach, file: f, what: "module call", diagnostics: &diagnostics)
        c.source = c.block.body.attribute(named: "source")?.expression.stringLiteral
    }

    /// `count` and `for_each` exclude each other, so the one an override sets replaces the
    /// other. Terraform's merge only assigns what the override sets and its graph then
    /// expands by `count` when both remain; for an override `for_each` over a primary `count`
    /// that differs from taking the override's, so it is a warning.
    private static func resolveRepetition(_ body: inout Body, override: Body, hadCount: Bool, hadForEach: Bool, file f: File, what: String, diagnostics: inout [Diagnostic]) {
        let setsCount = override.attribute(named: "count") != nil, setsForEach = override.attribute(named: "for_each") != nil
        if setsCount && !setsForEach && hadForEach {
            body.attributes.removeAll { $0.name == "for_each" }
        } else if setsForEach && !setsCount && hadCount {
            body.attributes.removeAll { $0.name == "count" }
            let fe = override.attribute(named: "for_each")!
            diagnostics.append(.warning(
                "Override replaces count with for_each",
                detail: "This override sets \"for_each\" on a \(what) whose primary block sets \"count\". Tollgate evaluates the override's for_each; Terraform keeps both arguments after merging and expands by count. Remove count from the primary block.",
                at: f.sourceRange(fe.range)))
        }
    }

    /// Terraform rejects `depends_on` in override blocks ("Unsupported override").
    private static func rejectDependsOn(_ body: Body, file f: File, diagnostics: inout [Diagnostic]) {
        if let d = body.attribute(named: "depends_on") {
            diagnostics.append(.error("Unsupported override", detail: "The depends_on argument may not be overridden.", at: f.sourceRange(d.range)))
        }
    }

    /// `variable`: each argument the override sets replaces the original's. When the override
    /// changes `type` or `default`, the resulting default is converted to the resulting type
    /// and a failure is an error at the override block, worded by which of the two it changed
    /// (module_merge.go `Variable.merge`); the default is then unknown, so the evaluation does
    /// not report it again.
    static func mergeVariable(_ v: inout Module.Variable, _ o: Block, file f: File, diagnostics: inout [Diagnostic]) {
        let decl = f.sourceRange(o.typeRange.lowerBound..<o.openBraceRange.upperBound)
        var setsType = false, setsDefault = false
        if let t = o.body.attribute(named: "type") {
            var d: [Diagnostic] = []
            if let parsed = TypeExpression.parse(t.expression, file: f, diagnostics: &d) {
                v.type = parsed
                setsType = true
            }
            diagnostics += d
        }
        if let d = o.body.attribute(named: "default") {
            let (val, diags) = d.expression.evaluate(in: EvalContext(functions: TerraformFunctions.pure), lines: f.lineTable)
            diagnostics += diags
            v.defaultValue = val
            v.hasDefault = true
            setsDefault = true
        }
        if let s = o.body.attribute(named: "sensitive")?.expression.staticValue?.boolValue { v.sensitive = s }
        if let n = o.body.attribute(named: "nullable")?.expression.staticValue?.boolValue { v.nullable = n }
        guard v.hasDefault, let d = v.defaultValue else { return }
        if setsType || setsDefault, let t = v.type {
            switch t.convert(d) {
            case .success(let c): v.defaultValue = c
            case .failure(let err):
                let detail = setsType && !setsDefault
                    ? "Overriding this variable's type constraint has made its default value invalid: \(err)."
                    : !setsType && setsDefault
                        ? "The overridden default value for this variable is not compatible with the variable's type constraint: \(err)."
                        : "This variable's default value is not compatible with its type constraint: \(err)."
                diagnostics.append(.error("Invalid default value for variable", detail: detail, at: decl))
                v.defaultValue = .unknown("var.\(v.name) (invalid default)")
            }
        }
        if !v.nullable, v.defaultValue?.isNull == true {
            diagnostics.append(.error("Invalid default value for variable", detail: "A null default value is not valid when nullable=false.", at: decl))
        }
    }
}
