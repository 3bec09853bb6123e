/// Expression evaluation with HCL/cty semantics (hashicorp/hcl `hclsyntax/expression*.go`,
/// go-cty `function/stdlib` operators and `convert`):
///
/// - unknown operands make results unknown (a conditional with an unknown condition is unknown;
///   a `for` over an unknown collection is unknown);
/// - sensitive operands make results sensitive;
/// - null is an error as an operand of arithmetic, logic, comparison, templates and as a
///   condition, but compares with `==`/`!=`;
/// - primitive conversions follow cty: strings holding numbers or `true`/`false` convert to
///   number and bool, numbers and bools convert to strings; the two arms of a conditional are
///   unified (a number and a string give a string).
///
/// Recursion is bounded by the parser's depth limit on expression trees.
struct Evaluator {
    let context: EvalContext
    /// Nil when only success matters (static evaluation): diagnostics are then not built.
    let lines: LineTable?
    var diagnostics: [Diagnostic] = []
    var hasErrors = false
    /// Names bound by enclosing `for` expressions, innermost last.
    var scopes: [[String: Value]] = []
    /// The current element of enclosing splats, innermost last.
    var splatItems: [Value] = []

    init(context: EvalContext, lines: LineTable?) {
        self.context = context
        self.lines = lines
    }

    mutating func fail(_ summary: String, _ detail: String, _ r: Range<Int>) {
        hasErrors = true
        guard let lines else { return }
        diagnostics.append(.error(summary, detail: detail, at: lines.range(r.lowerBound, r.upperBound)))
    }

    // MARK: dispatch

    mutating func eval(_ e: Expression) -> Value {
        switch e.kind {
        case .literal(let v): return v
        case .invalid: return .unknown("")
        case .parentheses(let inner), .templateWrap(let inner): return eval(inner)
        case .scopeTraversal(let t): return evalScopeTraversal(t)
        case .relativeTraversal(let src, let t): return traverse(eval(src), t, from: 0)
        case .anonymousSymbol: return splatItems.last ?? .unknown("")
        case .template(let parts): return evalTemplate(parts, e.range)
        case .templateJoin(let inner): return evalTemplateJoin(inner)
        case .functionCall(let call): return evalCall(call, e.range)
        case .conditional(let c, let t, let f): return evalConditional(c, t, f, e.range)
        case .index(let c, let k): return evalIndex(c, k, e.range)
        case .tuple(let es): return evalTuple(es)
        case .object(let items): return evalObject(items)
        case .forExpression(let f): return evalFor(f, e.range)
        case .splat(let s, let each): return evalSplat(s, each, e.range)
        case .binary(let op, let l, let r): return evalBinary(op, l, r, e.range)
        case .unary(let op, let v): return evalUnary(op, v, e.range)
        }
    }

    mutating func evalTuple(_ es: [Expression]) -> Value {
        var out: [Value] = []
        out.reserveCapacity(es.count)
        for x in es { out.append(eval(x)) }
        return .tuple(out)
    }

    // MARK: variables and traversals

    mutating func evalScopeTraversal(_ t: Traversal) -> Value {
        let name = t.rootName
        var root: Value?
        for scope in scopes.reversed() {
            if let v = scope[name] { root = v; break }
        }
        if root == nil { root = context.variables[name] }
        guard let base = root else {
            if context.variables.isEmpty && scopes.isEmpty {
                fail("Variables not allowed", "Variables may not be used here.", t.ranges[0])
            } else {
                fail("Unknown variable", "There is no variable named \"\(name)\".", t.ranges[0])
            }
            return .unknown("")
        }
        return traverse(base, t, from: 1)
    }

    mutating func traverse(_ start: Value, _ t: Traversal, from: Int) -> Value {
        var v = start
        var k = from
        while k < t.steps.count {
            switch t.steps[k] {
            case .root(let n), .attribute(let n): v = getAttribute(v, n, t.ranges[k])
            case .index(let key): v = index(v, key, t.ranges[k])
            case .splat: return .unknown("")
            }
            k += 1
        }
        return v
    }

    mutating func getAttribute(_ v: Value, _ name: String, _ r: Range<Int>) -> Value {
        switch v {
        case .sensitive(let inner): return getAttribute(inner, name, r).markedSensitive()
        case .unknown: return v
        case .null:
            fail("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", r)
            return .unknown("")
        case .object(let m):
            if let x = m[name] { return x }
            fail("Unsupported attribute", "This object does not have an attribute named \"\(name)\".", r)
            return .unknown("")
        case .map(let m):
            if let x = m[name] { return x }
            fail("Missing map element", "This map does not have an element with the key \"\(name)\".", r)
            return .unknown("")
        case .tuple, .list, .set:
            fail("Unsupported attribute", "This value does not have any attributes.", r)
            return .unknown("")
        default:
            fail("Unsupported attribute", "Can't access attributes on a primitive-typed value (\(v.typeName)).", r)
            return .unknown("")
        }
    }

    /// hcl `Index`: numeric keys into sequences, string keys into maps and objects.
    mutating func index(_ coll: Value, _ key: Value, _ r: Range<Int>) -> Value {
        if case .sensitive(let inner) = coll { return index(inner, key, r).markedSensitive() }
        if case .sensitive(let inner) = key { return index(coll, inner, r).markedSensitive() }
        if coll.isNull {
            fail("Attempt to index null value", "This value is null, so it does not have any indices.", r)
            return .unknown("")
        }
        if key.isNull {
            fail("Invalid index", "Can't use a null value as an indexing key.", r)
            return .unknown("")
        }
        switch coll {
        case .unknown: return coll
        case .tuple(let a), .list(let a):
            if case .unknown = key { return .unknown("") }
            guard let n = key.convertedToNumber else {
                fail("Invalid index", "The given key does not identify an element in this collection value: a number is required.", r)
                return .unknown("")
            }
            guard n.isInteger, let i = n.intValue else {
                fail("Invalid index", "The given key does not identify an element in this collection value: the given index is not a whole number.", r)
                return .unknown("")
            }
            guard i >= 0, i < a.count else {
                fail("Invalid index", "The given key does not identify an element in this collection value: the given index is out of range.", r)
                return .unknown("")
            }
            return a[i]
        case .set:
            fail("Invalid index", "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", r)
            return .unknown("")
        case .object(let m), .map(let m):
            if case .unknown = key { return .unknown("") }
            guard let k = key.convertedToString else {
                fail("Invalid index", "The given key does not identify an element in this collection value: a string is required.", r)
                return .unknown("")
            }
            if let x = m[k] { return x }
            fail("Invalid index", "The given key does not identify an element in this collection value.", r)
            return .unknown("")
        default:
            fail("Invalid index", "This value does not have any indices.", r)
            return .unknown("")
        }
    }

    mutating func evalIndex(_ c: Expression, _ k: Expression, _ r: Range<Int>) -> Value {
        let coll = eval(c)
        let key = eval(k)
        return index(coll, key, k.range.lowerBound..<r.upperBound)
    }

    // MARK: templates

    mutating func evalTemplate(_ parts: [Expression], _ r: Range<Int>) -> Value {
        var out = ""
        var known = true
        var sensitive = false
        var origin = ""
        for p in parts {
            let v = eval(p)
            if v.isNull {
                fail("Invalid template interpolation value", "The expression result is null. Cannot include a null value in a string template.", p.range)
                continue
            }
            if v.containsSensitive { sensitive = true }
            let u = v.unmarked
            if case .unknown(let o) = u {
                if known { origin = o.origin }
                known = false
                continue
            }
            guard let s = Evaluator.toString(u) else {
                fail("Invalid template interpolation value", "Cannot include the given value in a string template: string required.", p.range)
                continue
            }
            out += s
        }
        let result: Value = known ? .string(Normalization.nfc(out)) : .unknown(origin)
        return result.markedSensitive(sensitive)
    }

    mutating func evalTemplateJoin(_ inner: Expression) -> Value {
        let tuple = eval(inner)
        let sensitive = tuple.isSensitive
        guard let elems = tuple.unmarked.elements else { return Value.unknown("").markedSensitive(sensitive) }
        var out = ""
        var marked = sensitive
        for v in elems {
            if v.isNull {
                fail("Invalid template interpolation value", "An iteration result is null. Cannot include a null value in a string template.", inner.range)
                continue
            }
            if case .unknown(let o) = v.unmarked { return Value.unknown(o.origin).markedSensitive(marked || v.isSensitive) }
            guard let s = Evaluator.toString(v.unmarked) else {
                fail("Invalid template interpolation value", "Cannot include one of the interpolation results into the string template: string required.", inner.range)
                continue
            }
            if v.containsSensitive { marked = true }
            out += s
        }
        return Value.string(Normalization.nfc(out)).markedSensitive(marked)
    }

    // MARK: conditionals

    mutating func evalConditional(_ c: Expression, _ t: Expression, _ f: Expression, _ r: Range<Int>) -> Value {
        // Both arms are evaluated (for their types), but only the chosen arm's errors count.
        let saved = (diagnostics, hasErrors)
        var trueResult = eval(t)
        let trueDiags = (Array(diagnostics[saved.0.count...]), hasErrors)
        (diagnostics, hasErrors) = saved
        var falseResult = eval(f)
        let falseDiags = (Array(diagnostics[saved.0.count...]), hasErrors)
        (diagnostics, hasErrors) = saved

        if !Evaluator.unifyConditional(&trueResult, &falseResult) {
            fail("Inconsistent conditional result types", "The true and false result expressions must have consistent types. The 'true' value is \(trueResult.typeName), but the 'false' value is \(falseResult.typeName).", t.range.lowerBound..<f.range.upperBound)
            return .unknown("")
        }
        let cond = eval(c)
        if cond.isNull {
            fail("Null condition", "The condition value is null. Conditions must either be true or false.", c.range)
            return .unknown("")
        }
        if case .unknown(let o) = cond.unmarked { return Value.unknown(o.origin).markedSensitive(cond.isSensitive) }
        guard let b = cond.convertedToBool else {
            fail("Incorrect condition type", "The condition expression must be of type bool.", c.range)
            return .unknown("")
        }
        if b {
            diagnostics += trueDiags.0
            hasErrors = hasErrors || trueDiags.1
            return trueResult.markedSensitive(cond.isSensitive)
        } else {
            diagnostics += falseDiags.0
            hasErrors = hasErrors || falseDiags.1
            return falseResult.markedSensitive(cond.isSensitive)
        }
    }

    /// cty type unification for the arms of a conditional, for the cases that change values:
    /// a string with a number or bool makes both strings; a number with a bool cannot unify.
    /// Null and unknown arms adopt the other arm's type.
    static func unifyConditional(_ a: inout Value, _ b: inout Value) -> Bool {
        let x = a.unmarked, y = b.unmarked
        if x.isNull || y.isNull { return true }
        if case .unknown = x { return true }
        if case .unknown = y { return true }
        switch (x, y) {
        case (.string, .number), (.string, .bool):
            b = Value.string(toString(y)!).markedSensitive(b.isSensitive)
        case (.number, .string), (.bool, .string):
            a = Value.string(toString(x)!).markedSensitive(a.isSensitive)
        case (.number, .bool), (.bool, .number):
            return false
        case (.string, .tuple), (.string, .list), (.string, .set), (.string, .object), (.string, .map),
             (.number, .tuple), (.number, .list), (.number, .set), (.number, .object), (.number, .map),
             (.bool, .tuple), (.bool, .list), (.bool, .set), (.bool, .object), (.bool, .map),
             (.tuple, .string), (.list, .string), (.set, .string), (.object, .string), (.map, .string),
             (.tuple, .number), (.list, .number), (.set, .number), (.object, .number), (.map, .number),
             (.tuple, .bool), (.list, .bool), (.set, .bool), (.object, .bool), (.map, .bool):
            return false
        case (.tuple, .object), (.tuple, .map), (.list, .object), (.list, .map), (.set, .object), (.set, .map),
             (.object, .tuple), (.map, .tuple), (.object, .list), (.map, .list), (.object, .set), (.map, .set):
            return false
        // A tuple with a list or set unifies to the collection (cty converts the tuple), so
        // `cond ? toset(var.names) : []` is a set either way — `for_each` accepts it.
        case (.set, .tuple(let e)):
            b = Value.makeSet(e).markedSensitive(b.isSensitive)
        case (.tuple(let e), .set):
            a = Value.makeSet(e).markedSensitive(a.isSensitive)
        case (.list, .tuple(let e)):
            b = Value.list(e).markedSensitive(b.isSensitive)
        case (.tuple(let e), .list):
            a = Value.list(e).markedSensitive(a.isSensitive)
        // An object with a map unifies to a map: `cond ? var.labels : {}`.
        case (.map, .object(let m)):
            b = Value.map(m).markedSensitive(b.isSensitive)
        case (.object(let m), .map):
            a = Value.map(m).markedSensitive(a.isSensitive)
        default:
            break
        }
        return true
    }

    // MARK: collections

    mutating func evalObject(_ items: [ObjectItem]) -> Value {
        var m: [String: Value] = [:]
        m.reserveCapacity(items.count)
        var known = true
        var sensitive = false
        for item in items {
            let before = hasErrors
            hasErrors = false
            let key = evalObjectKey(item)
            let keyFailed = hasErrors
            hasErrors = hasErrors || before
            let value = eval(item.value)
            if keyFailed {
                known = false
                continue
            }
            if key.isNull {
                fail("Null value as key", "Can't use a null value as a key.", item.value.range)
                known = false
                continue
            }
            if key.isSensitive { sensitive = true }
            let k = key.unmarked
            if case .unknown = k {
                known = false
                continue
            }
            guard let s = Evaluator.toString(k) else {
                fail("Incorrect key type", "Can't use this value as a key: string required.", item.key.range)
                known = false
                continue
            }
            m[s] = value
        }
        if !known { return .unknown("") }
        return Value.object(m).markedSensitive(sensitive)
    }

    mutating func evalObjectKey(_ item: ObjectItem) -> Value {
        if !item.keyForcedExpression {
            if case .scopeTraversal(let t) = item.key.kind, t.steps.count > 1 {
                fail("Ambiguous attribute key", "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.", item.key.range)
                return .unknown("")
            }
            if let word = item.keyword { return .string(word) }
        }
        return eval(item.key)
    }

    /// Elements of a collection for iteration, as cty iterates them: sequences in order,
    /// objects and maps by key in lexical order (the key variable gets the index or name).
    static func iterationPairs(_ v: Value) -> [(Value, Value)]? {
        switch v {
        case .tuple(let a), .list(let a): return a.enumerated().map { (Value.number($0.offset), $0.element) }
        case .set(let a): return a.map { ($0, $0) }
        case .object(let m), .map(let m): return m.keys.sorted().map { (Value.string($0), m[$0]!) }
        default: return nil
        }
    }

    mutating func evalFor(_ f: ForExpression, _ r: Range<Int>) -> Value {
        let coll = eval(f.collection)
        if coll.isNull {
            fail("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", f.collection.range)
            return .unknown("")
        }
        var sensitive = coll.isSensitive
        let c = coll.unmarked
        if case .unknown(let o) = c { return Value.unknown(o.origin).markedSensitive(sensitive) }
        guard let pairs = Evaluator.iterationPairs(c) else {
            fail("Iteration over non-iterable value", "A value of type \(c.typeName) cannot be used as the collection in a 'for' expression.", f.collection.range)
            return .unknown("")
        }
        var known = true
        var origin = ""
        var tuple: [Value] = []
        var object: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        var groupOrder: [String] = []
        for (k, v) in pairs {
            var scope: [String: Value] = [f.valueVariable: v]
            if let kv = f.keyVariable { scope[kv] = k }
            scopes.append(scope)
            defer { scopes.removeLast() }
            if let condExpr = f.condition {
                let inc = eval(condExpr)
                if inc.isNull {
                    if known { fail("Invalid 'for' condition", "The value of the 'if' clause must not be null.", condExpr.range) }
                    known = false
                    continue
                }
                if case .unknown(let o) = inc.unmarked {
                    if known { origin = o.origin }
                    known = false
                    continue
                }
                guard let b = inc.convertedToBool else {
                    if known { fail("Invalid 'for' condition", "The 'if' clause value is invalid: bool required.", condExpr.range) }
                    known = false
                    continue
                }
                if inc.isSensitive { sensitive = true }
                if !b { continue }
            }
            if let keyExpr = f.key {
                let keyRaw = eval(keyExpr)
                if keyRaw.isNull {
                    if known { fail("Invalid object key", "Key expression in 'for' expression must not produce a null value.", keyExpr.range) }
                    known = false
                    continue
                }
                if case .unknown(let o) = keyRaw.unmarked {
                    if known { origin = o.origin }
                    known = false
                    continue
                }
                guard let key = Evaluator.toString(keyRaw.unmarked) else {
                    if known { fail("Invalid object key", "The key expression produced an invalid result: string required.", keyExpr.range) }
                    known = false
                    continue
                }
                if keyRaw.isSensitive { sensitive = true }
                let val = eval(f.value)
                if f.grouping {
                    if groups[key] == nil { groupOrder.append(key) }
                    groups[key, default: []].append(val)
                } else if object[key] != nil {
                    fail("Duplicate object key", "Two different items produced the key \"\(key)\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.", keyExpr.range)
                } else {
                    object[key] = val
                }
            } else {
                tuple.append(eval(f.value))
            }
        }
        if !known { return Value.unknown(origin).markedSensitive(sensitive) }
        if f.key != nil {
            if f.grouping {
                for k in groupOrder { object[k] = .tuple(groups[k]!) }
            }
            return Value.object(object).markedSensitive(sensitive)
        }
        return Value.tuple(tuple).markedSensitive(sensitive)
    }

    mutating func evalSplat(_ s: Expression, _ each: Expression, _ r: Range<Int>) -> Value {
        let before = hasErrors
        hasErrors = false
        let source = eval(s)
        let sourceFailed = hasErrors
        hasErrors = hasErrors || before
        if sourceFailed { return .unknown("") }
        let sensitive = source.isSensitive
        let src = source.unmarked
        let isSequence: Bool
        switch src {
        case .tuple, .list, .set: isSequence = true
        default: isSequence = false
        }
        if src.isNull {
            // A null non-sequence becomes an empty tuple (the spec's "splat of null").
            if !isSequence { return .tuple([]) }
        }
        if case .unknown(let o) = src { return Value.unknown(o.origin).markedSensitive(sensitive) }
        let elems: [Value] = isSequence ? (src.elements ?? []) : [src]
        var out: [Value] = []
        out.reserveCapacity(elems.count)
        var known = true
        for el in elems {
            splatItems.append(el)
            let errs = hasErrors
            hasErrors = false
            let v = eval(each)
            if hasErrors { known = false }
            hasErrors = hasErrors || errs
            splatItems.removeLast()
            out.append(v)
        }
        if !known { return .unknown("") }
        switch src {
        case .list, .set: return Value.list(out).markedSensitive(sensitive)
        default: return Value.tuple(out).markedSensitive(sensitive)
        }
    }

    // MARK: functions

    mutating func evalCall(_ call: FunctionCall, _ r: Range<Int>) -> Value {
        guard !context.functions.isEmpty else {
            // Arguments are still evaluated so their own problems are reported.
            for a in call.arguments { _ = eval(a) }
            fail("Function calls not allowed", "Functions may not be called here.", r)
            return .unknown("")
        }
        guard let fn = context.functions[call.name] else {
            let suggestion = NativeParser.suggestion(call.name, context.functions.keys.sorted()).map { " Did you mean \"\($0)\"?" } ?? ""
            fail("Call to unknown function", "There is no function named \"\(call.name)\".\(suggestion)", call.nameRange)
            return .unknown("")
        }
        var args: [Value] = []
        var argRanges: [Range<Int>] = []
        for (i, a) in call.arguments.enumerated() {
            let v = eval(a)
            if call.expandFinal && i == call.arguments.count - 1 {
                if v.isNull {
                    fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", a.range)
                    return .unknown("")
                }
                if case .unknown(let o) = v.unmarked { return Value.unknown(o.origin).markedSensitive(v.isSensitive) }
                guard let elems = v.unmarked.elements else {
                    fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", a.range)
                    return .unknown("")
                }
                for el in elems {
                    args.append(el.markedSensitive(v.isSensitive))
                    argRanges.append(a.range)
                }
            } else {
                args.append(v)
                argRanges.append(a.range)
            }
        }
        let callRange = r
        if args.count < fn.parameters.count {
            let missing = fn.parameters[args.count].name
            fail("Not enough function arguments", "Function \"\(call.name)\" expects \(fn.parameters.count) argument(s). Missing value for \"\(missing)\".", callRange)
            return .unknown("")
        }
        if fn.variadic == nil && args.count > fn.parameters.count {
            fail("Too many function arguments", "Function \"\(call.name)\" expects only \(fn.parameters.count) argument(s).", argRanges[fn.parameters.count])
            return .unknown("")
        }
        var resultSensitive = false
        var unknownOrigin: String?
        for i in args.indices {
            let p = i < fn.parameters.count ? fn.parameters[i] : fn.variadic!
            let v = args[i]
            if v.isNull && !p.allowNull {
                fail("Invalid function argument", "Invalid value for \"\(p.name)\" parameter: argument must not be null.", argRanges[i])
                return .unknown("")
            }
            if !p.allowSensitive && v.containsSensitive {
                resultSensitive = true
                args[i] = v.deepUnmarked
            }
            if !p.allowUnknown, case .unknown(let o) = args[i].unmarked, unknownOrigin == nil {
                unknownOrigin = o.origin
            }
        }
        if let o = unknownOrigin { return Value.unknown(o).markedSensitive(resultSensitive) }
        if fn.alwaysUnknown { return Value.unknown("\(call.name)()").markedSensitive(resultSensitive) }
        do {
            let v = try fn.implementation(args)
            return v.markedSensitive(resultSensitive)
        } catch {
            if let i = error.argument, i < argRanges.count {
                let pname = i < fn.parameters.count ? fn.parameters[i].name : (fn.variadic?.name ?? "")
                fail("Invalid function argument", "Invalid value for \"\(pname)\" parameter: \(error.message).", argRanges[i])
            } else {
                fail("Error in function call", "Call to function \"\(call.name)\" failed: \(error.message).", callRange)
            }
            return .unknown("")
        }
    }

    // MARK: operators

    mutating func evalBinary(_ op: BinaryOperator, _ l: Expression, _ r: Expression, _ range: Range<Int>) -> Value {
        let lv = eval(l)
        let rv = eval(r)
        let sensitive = lv.containsSensitive || rv.containsSensitive
        switch op {
        case .equal, .notEqual:
            let a = lv.deepUnmarked, b = rv.deepUnmarked
            if !a.isWhollyKnown || !b.isWhollyKnown {
                // cty: equal when both are null even if unknown elsewhere is impossible; unknown.
                return Value.unknown(Evaluator.origin(a, b)).markedSensitive(sensitive)
            }
            let eq = Evaluator.equals(a, b)
            return Value.bool(op == .equal ? eq : !eq).markedSensitive(sensitive)
        case .and, .or:
            let a = operandBool(lv, l.range, left: true)
            let b = operandBool(rv, r.range, left: false)
            guard let a, let b else { return .unknown("") }
            switch (a, b) {
            case (.known(let x), .known(let y)):
                return Value.bool(op == .and ? (x && y) : (x || y)).markedSensitive(sensitive)
            case (.unknown(let o), _), (_, .unknown(let o)):
                return Value.unknown(o).markedSensitive(sensitive)
            }
        default:
            let a = operandNumber(lv, l.range, left: true)
            let b = operandNumber(rv, r.range, left: false)
            guard let a, let b else { return .unknown("") }
            guard case .known(let x) = a, case .known(let y) = b else {
                if case .unknown(let o) = a { return Value.unknown(o).markedSensitive(sensitive) }
                if case .unknown(let o) = b { return Value.unknown(o).markedSensitive(sensitive) }
                return .unknown("")
            }
            let result: Value
            switch op {
            case .add: result = .number(DecimalArithmetic.add(x, y))
            case .subtract: result = .number(DecimalArithmetic.subtract(x, y))
            case .multiply: result = .number(DecimalArithmetic.multiply(x, y))
            case .divide:
                // cty: x/0 is an infinity; only 0/0 fails.
                if y.isZero {
                    if x.isZero {
                        fail("Operation failed", "Error during operation: can't divide zero by zero or infinity by infinity.", range)
                        return .unknown("")
                    }
                    result = .number(Number(x < Number(0) ? -Double.infinity : Double.infinity))
                } else {
                    result = .number(DecimalArithmetic.divide(x, y))
                }
            case .modulo:
                result = .number(DecimalArithmetic.modulo(x, y))
            case .lessThan: result = .bool(x < y)
            case .lessThanOrEqual: result = .bool(!(y < x))
            case .greaterThan: result = .bool(y < x)
            case .greaterThanOrEqual: result = .bool(!(x < y))
            default: result = .unknown("")
            }
            return result.markedSensitive(sensitive)
        }
    }

    mutating func evalUnary(_ op: UnaryOperator, _ e: Expression, _ range: Range<Int>) -> Value {
        let v = eval(e)
        let sensitive = v.containsSensitive
        switch op {
        case .not:
            guard let b = operandBool(v, e.range, left: nil) else { return .unknown("") }
            switch b {
            case .known(let x): return Value.bool(!x).markedSensitive(sensitive)
            case .unknown(let o): return Value.unknown(o).markedSensitive(sensitive)
            }
        case .negate:
            guard let n = operandNumber(v, e.range, left: nil) else { return .unknown("") }
            switch n {
            case .known(let x): return Value.number(-x).markedSensitive(sensitive)
            case .unknown(let o): return Value.unknown(o).markedSensitive(sensitive)
            }
        }
    }

    enum Operand<T> {
        case known(T)
        case unknown(String)
    }

    func operandWord(_ left: Bool?) -> String {
        switch left {
        case .some(true): "left operand"
        case .some(false): "right operand"
        case .none: "unary operand"
        }
    }

    mutating func operandNumber(_ v: Value, _ r: Range<Int>, left: Bool?) -> Operand<Number>? {
        let u = v.deepUnmarked
        if case .unknown(let o) = u { return .unknown(o.origin) }
        if u.isNull {
            fail("Invalid operand", "Unsuitable value for \(operandWord(left)): argument must not be null.", r)
            return nil
        }
        guard let n = Evaluator.toNumber(u) else {
            fail("Invalid operand", "Unsuitable value for \(operandWord(left)): a number is required.", r)
            return nil
        }
        return .known(n)
    }

    mutating func operandBool(_ v: Value, _ r: Range<Int>, left: Bool?) -> Operand<Bool>? {
        let u = v.deepUnmarked
        if case .unknown(let o) = u { return .unknown(o.origin) }
        if u.isNull {
            fail("Invalid operand", "Unsuitable value for \(operandWord(left)): argument must not be null.", r)
            return nil
        }
        guard let b = u.convertedToBool else {
            fail("Invalid operand", "Unsuitable value for \(operandWord(left)): a bool is required.", r)
            return nil
        }
        return .known(b)
    }

    static func origin(_ a: Value, _ b: Value) -> String {
        if case .unknown(let o) = a { return o.origin }
        if case .unknown(let o) = b { return o.origin }
        return ""
    }

    /// cty `Equals` on wholly known, unmarked values: same kind and same content (numbers
    /// numerically); a tuple never equals a list, nor an object a map.
    static func equals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        default: return a == b
        }
    }

    // MARK: conversions

    /// cty conversion of a primitive to string (numbers in plain decimal, as
    /// `big.Float.Text('f', -1)` prints them).
    static func toString(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return decimalText(n)
        default: return nil
        }
    }

    static func toNumber(_ v: Value) -> Number? {
        switch v {
        case .number(let n): return n
        case .string(let s): return parseNumber(s)
        default: return nil
        }
    }

    /// cty `ParseNumberVal`: an optional sign, digits with an optional fraction and exponent.
    static func parseNumber(_ s: String) -> Number? {
        var u = Array(s.utf8)
        guard !u.isEmpty else { return nil }
        var k = 0
        if u[0] == UInt8(ascii: "-") || u[0] == UInt8(ascii: "+") { k = 1 }
        var digits = 0
        var sawDot = false
        while k < u.count {
            let c = u[k]
            if c >= 0x30 && c <= 0x39 { digits += 1; k += 1; continue }
            if c == UInt8(ascii: "."), !sawDot { sawDot = true; k += 1; continue }
            break
        }
        guard digits > 0 else { return nil }
        if k < u.count, u[k] == UInt8(ascii: "e") || u[k] == UInt8(ascii: "E") {
            k += 1
            if k < u.count, u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") { k += 1 }
            var ed = 0
            while k < u.count, u[k] >= 0x30, u[k] <= 0x39 { ed += 1; k += 1 }
            guard ed > 0 else { return nil }
        }
        guard k == u.count else { return nil }
        if u[0] == UInt8(ascii: "+") { u.removeFirst() }
        let text = String(decoding: u, as: UTF8.self)
        if let i = Int64(text) { return Number(i) }
        if let x = UInt64(text) { return Number(x) }
        guard let d = Double(text) else { return nil }
        return Number(d)
    }

    static func decimalText(_ n: Number) -> String {
        guard case .double(let d) = n.storage, d.isFinite else { return n.description }
        let s = String(d)
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        // Expand the exponent: cty prints numbers in positional notation.
        let mantissa = s[..<e]
        let exp = Int(s[s.index(after: e)...]) ?? 0
        var negative = false
        var m = Substring(mantissa)
        if m.hasPrefix("-") { negative = true; m = m.dropFirst() }
        let parts = m.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var point = intPart.count + exp
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var out = String(digits.prefix(point))
        var frac = String(digits.dropFirst(point))
        while frac.hasSuffix("0") { frac.removeLast() }
        if !frac.isEmpty { out += "." + frac }
        while out.hasPrefix("0"), out.count > 1, !out.hasPrefix("0.") { out.removeFirst() }
        return (negative ? "-" : "") + out
    }
}
