import HCL

/// Collection functions, following cty's `stdlib` and Terraform's `lang/funcs` implementations.
enum CollectionFunctions {
    /// Terraform's limit for `range` (documented: "an artificial limit of 1024 numbers").
    static let rangeLimit = 1024
    /// Our own bound on `setproduct` results, so a product of large sets is a diagnostic rather
    /// than an allocation of billions of tuples (Terraform has no bound and would run out of memory).
    static let productLimit = 100_000

    static let all: [String: Function] = [
        "length": Function(parameters: [.init("value", allowUnknown: true)]) { a throws(FunctionError) in
            switch a[0] {
            case .unknown: return a[0]
            case .string(let s): return .number(s.count)
            case .tuple(let e), .list(let e), .set(let e): return .number(e.count)
            case .object(let m), .map(let m): return .number(m.count)
            default:
                throw FunctionError("argument must be a string, a collection type, or a structural type", argument: 0)
            }
        },
        "element": Function("list", "index") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            let i = try Arg.int(a, 1, "index")
            if list.isEmpty { throw FunctionError("cannot use element function with an empty list", argument: 0) }
            if i < 0 { throw FunctionError("cannot use element function with a negative index", argument: 1) }
            return list[i % list.count]
        },
        "index": Function("list", "value") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if let u = Arg.firstUnknown(list) { return u }
            guard let i = list.firstIndex(where: { equal($0, a[1]) }) else {
                throw FunctionError("item not found")
            }
            return .number(i)
        },
        "contains": Function("list", "value") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if list.contains(where: { equal($0, a[1]) }) { return .true }
            if let u = Arg.firstUnknown(list + [a[1]]) { return u }
            return .false
        },
        "keys": Function("inputMap") { a throws(FunctionError) in
            let m = try Arg.attributes(a, 0, "inputMap")
            return .list(m.keys.sorted().map(Value.string))
        },
        "values": Function("mapping") { a throws(FunctionError) in
            let m = try Arg.attributes(a, 0, "mapping")
            let vals = m.keys.sorted().map { m[$0]! }
            if case .object = a[0] { return .tuple(vals) }
            return .list(vals)
        },
        "lookup": Function(parameters: [.init("inputMap"), .init("key")], variadic: .init("default", allowNull: true, allowUnknown: true)) { a throws(FunctionError) in
            if a.count > 3 { throw FunctionError("lookup() takes no more than three arguments") }
            let m = try Arg.attributes(a, 0, "inputMap")
            let k = try Arg.string(a, 1, "key")
            if let v = m[k] { return v }
            if a.count == 3 { return a[2] }
            throw FunctionError("lookup failed to find key \(Value.string(k).jsonString)", argument: 1)
        },
        "merge": Function(parameters: [], variadic: .init("maps", allowNull: true, allowUnknown: true)) { a throws(FunctionError) in
            var out = ValueObject()
            var allMaps = true
            for (i, v) in a.enumerated() {
                if v.isNull { continue }
                if case .unknown = v { return v }
                guard let m = v.attributes else {
                    throw FunctionError("arguments must be maps or objects, got \(v.typeName)", argument: i)
                }
                if case .object = v.unmarked { allMaps = false }
                out.merge(m) { _, b in b }
            }
            return allMaps && !a.allSatisfy(\.isNull) ? .map(out) : .object(out)
        },
        "concat": Function(parameters: [], variadic: .init("seqs")) { a throws(FunctionError) in
            guard !a.isEmpty else { throw FunctionError("at least one argument is required") }
            var out: [Value] = []
            var allLists = true
            for i in a.indices {
                guard let e = a[i].elements else {
                    throw FunctionError("all arguments must be lists or tuples; got \(a[i].typeName)", argument: i)
                }
                if case .list = a[i] {} else { allLists = false }
                out += e
            }
            return allLists ? .list(out) : .tuple(out)
        },
        "flatten": Function("list") { a throws(FunctionError) in
            var out: [Value] = []
            var unknown: Value? = nil
            guard a[0].elements != nil else {
                throw FunctionError("can only flatten lists, sets and tuples", argument: 0)
            }
            flattenInto(&out, a[0], unknown: &unknown, depth: 0)
            if let u = unknown { return u }
            return .tuple(out)
        },
        "distinct": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if let u = Arg.firstUnknown(list) { return u }
            var out: [Value] = []
            for e in list where !out.contains(where: { equal($0, e) }) { out.append(e) }
            return .list(out)
        },
        "compact": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if let u = Arg.firstUnknown(list) { return u }
            var out: [Value] = []
            for e in list where !e.isNull {
                guard let s = e.convertedToString else {
                    throw FunctionError("list of string required", argument: 0)
                }
                if !s.isEmpty { out.append(.string(s)) }
            }
            return .list(out)
        },
        "coalesce": Function(parameters: [], variadic: .init("vals", allowNull: true, allowUnknown: true)) { a throws(FunctionError) in
            for v in a {
                if case .unknown = v { return v }
                if v.isNull { continue }
                if case .string("") = v.unmarked { continue }
                return v
            }
            throw FunctionError("no non-null, non-empty-string arguments")
        },
        "coalescelist": Function(parameters: [], variadic: .init("vals", allowNull: true, allowUnknown: true)) { a throws(FunctionError) in
            for (i, v) in a.enumerated() {
                if case .unknown = v { return v }
                if v.isNull { continue }
                guard let e = v.elements else {
                    throw FunctionError("coalescelist arguments must be lists or tuples, got \(v.typeName)", argument: i)
                }
                if !e.isEmpty { return v }
            }
            throw FunctionError("no non-null arguments")
        },
        "slice": Function("list", "start_index", "end_index") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            let s = try Arg.int(a, 1, "start_index"), e = try Arg.int(a, 2, "end_index")
            if s < 0 { throw FunctionError("start index must not be less than zero", argument: 1) }
            if e > list.count { throw FunctionError("end index must not be greater than the length of the list", argument: 2) }
            if s > e { throw FunctionError("start index must not be greater than end index", argument: 1) }
            let part = Array(list[s..<e])
            if case .tuple = a[0] { return .tuple(part) }
            return .list(part)
        },
        "sort": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if let u = Arg.firstUnknown(list) { return u }
            var strings: [String] = []
            for e in list {
                guard !e.isNull, let s = e.convertedToString else {
                    throw FunctionError("list of string required", argument: 0)
                }
                strings.append(s)
            }
            // Go's sort.Strings: byte-wise lexicographic order.
            strings.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return Arg.strings(strings)
        },
        "reverse": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if case .list = a[0] { return .list(list.reversed()) }
            return .tuple(list.reversed())
        },
        "range": Function(parameters: [], variadic: .init("params")) { a throws(FunctionError) in
            try range(a)
        },
        "zipmap": Function("keys", "values") { a throws(FunctionError) in
            let ks = try Arg.elements(a, 0, "keys"), vs = try Arg.elements(a, 1, "values")
            if ks.count != vs.count {
                throw FunctionError("number of keys (\(ks.count)) does not match number of values (\(vs.count))")
            }
            if let u = Arg.firstUnknown(ks) { return u }
            var out: [String: Value] = [:]
            for (k, v) in zip(ks, vs) {
                guard !k.isNull, let s = k.convertedToString else {
                    throw FunctionError("list of string required", argument: 0)
                }
                out[s] = v
            }
            if case .tuple = a[1] { return .object(out) }
            return .map(out)
        },
        "setproduct": Function(parameters: [], variadic: .init("sets")) { a throws(FunctionError) in
            guard a.count >= 2 else { throw FunctionError("at least two arguments are required") }
            var lists: [[Value]] = []
            var anyList = false
            var total = 1
            for i in a.indices {
                guard let e = a[i].elements else {
                    throw FunctionError("a set or a list is required", argument: i)
                }
                if case .set = a[i] {} else { anyList = true }
                total = total.multipliedReportingOverflow(by: e.count).overflow ? Int.max : total * e.count
                lists.append(e)
            }
            if total > productLimit {
                throw FunctionError("setproduct would produce \(total == Int.max ? "too many" : String(total)) elements; the limit is \(productLimit)")
            }
            var out: [[Value]] = [[]]
            for l in lists {
                var next: [[Value]] = []
                next.reserveCapacity(out.count * l.count)
                for prefix in out { for e in l { next.append(prefix + [e]) } }
                out = next
            }
            let tuples = out.map { Value.tuple($0) }
            return anyList ? .list(tuples) : Value.makeSet(tuples)
        },
        "setunion": Function(parameters: [.init("first_set")], variadic: .init("other_sets")) { a throws(FunctionError) in
            var all: [Value] = []
            for i in a.indices { all += try Arg.elements(a, i, i == 0 ? "first_set" : "other_sets", what: "set") }
            if let u = Arg.firstUnknown(all) { return u }
            return Value.makeSet(all)
        },
        "setintersection": Function(parameters: [.init("first_set")], variadic: .init("other_sets")) { a throws(FunctionError) in
            var acc = try Arg.elements(a, 0, "first_set", what: "set")
            for i in a.indices.dropFirst() {
                let other = try Arg.elements(a, i, "other_sets", what: "set")
                acc = acc.filter { x in other.contains { equal($0, x) } }
            }
            if let u = Arg.firstUnknown(acc) { return u }
            return Value.makeSet(acc)
        },
        "setsubtract": Function("a", "b") { a throws(FunctionError) in
            let x = try Arg.elements(a, 0, "a", what: "set"), y = try Arg.elements(a, 1, "b", what: "set")
            if let u = Arg.firstUnknown(x + y) { return u }
            return Value.makeSet(x.filter { e in !y.contains { equal($0, e) } })
        },
        "chunklist": Function("list", "size") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            let n = try Arg.int(a, 1, "size")
            if n < 0 { throw FunctionError("the size argument must be positive", argument: 1) }
            if n == 0 { return .list([.list(list)]) }
            var out: [Value] = []
            var i = 0
            while i < list.count {
                out.append(.list(Array(list[i..<min(i + n, list.count)])))
                i += n
            }
            return .list(out)
        },
        "matchkeys": Function("values", "keys", "searchset") { a throws(FunctionError) in
            let vs = try Arg.elements(a, 0, "values"), ks = try Arg.elements(a, 1, "keys")
            let search = try Arg.elements(a, 2, "searchset")
            if vs.count != ks.count { throw FunctionError("length of keys and values should be equal") }
            if let u = Arg.firstUnknown(ks + search) { return u }
            var out: [Value] = []
            for (v, k) in zip(vs, ks) where search.contains(where: { equal($0, k) }) { out.append(v) }
            return .list(out)
        },
        "transpose": Function("values") { a throws(FunctionError) in
            let m = try Arg.attributes(a, 0, "values")
            if let u = Arg.firstUnknown(Array(m.values)) { return u }
            var out: [String: [Value]] = [:]
            for k in m.keys.sorted() {
                guard let list = m[k]!.elements else {
                    throw FunctionError("map of list of string required", argument: 0)
                }
                for e in list {
                    guard let s = e.convertedToString else {
                        throw FunctionError("map of list of string required", argument: 0)
                    }
                    out[s, default: []].append(.string(k))
                }
            }
            return .map(out.mapValues { .list($0) })
        },
        "one": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            switch list.count {
            case 0: return .null
            case 1: return list[0]
            default: throw FunctionError("must be a list, set, or tuple value with either zero or one elements", argument: 0)
            }
        },
        "alltrue": Function("list") { a throws(FunctionError) in
            var result = Value.true
            for e in try Arg.elements(a, 0, "list") {
                if case .unknown = e { result = e; continue }
                if e.isNull { return .false }
                guard let b = e.convertedToBool else {
                    throw FunctionError("list of bool required", argument: 0)
                }
                if !b { return .false }
            }
            return result
        },
        "anytrue": Function("list") { a throws(FunctionError) in
            var result = Value.false
            for e in try Arg.elements(a, 0, "list") {
                if case .unknown = e { result = e; continue }
                if e.isNull { continue }
                guard let b = e.convertedToBool else {
                    throw FunctionError("list of bool required", argument: 0)
                }
                if b { return .true }
            }
            return result
        },
        "sum": Function("list") { a throws(FunctionError) in
            let list = try Arg.elements(a, 0, "list")
            if list.isEmpty { throw FunctionError("cannot sum an empty list", argument: 0) }
            if let u = Arg.firstUnknown(list) { return u }
            var total = Number(0)
            for e in list {
                guard !e.isNull, let n = e.convertedToNumber else {
                    throw FunctionError("argument must be list, set, or tuple of number values", argument: 0)
                }
                total = total + n
            }
            return .number(total)
        },
    ]

    /// Equality as Terraform's `==` sees it for values of the same shape: tuples compare like
    /// lists, objects like maps, numbers numerically.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.sensitive(let x), _): return equal(x, b)
        case (_, .sensitive(let y)): return equal(a, y)
        case (.tuple(let x), .tuple(let y)), (.tuple(let x), .list(let y)), (.list(let x), .tuple(let y)), (.list(let x), .list(let y)), (.set(let x), .set(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)), (.object(let x), .map(let y)), (.map(let x), .object(let y)), (.map(let x), .map(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        default:
            return a == b
        }
    }

    private static func flattenInto(_ out: inout [Value], _ v: Value, unknown: inout Value?, depth: Int) {
        guard let e = v.elements else {
            out.append(v)
            return
        }
        for x in e {
            if case .unknown = x { unknown = unknown ?? x; continue }
            if x.elements != nil, depth < 64 {
                flattenInto(&out, x, unknown: &unknown, depth: depth + 1)
            } else {
                out.append(x)
            }
        }
    }

    private static func range(_ a: [Value]) throws(FunctionError) -> Value {
        var start = Number(0), limit: Number, step = Number(1)
        switch a.count {
        case 1:
            limit = try Arg.number(a, 0, "limit")
        case 2:
            start = try Arg.number(a, 0, "start")
            limit = try Arg.number(a, 1, "limit")
        case 3:
            start = try Arg.number(a, 0, "start")
            limit = try Arg.number(a, 1, "limit")
            step = try Arg.number(a, 2, "step")
        default:
            throw FunctionError("must have one, two, or three arguments")
        }
        if a.count < 3, limit < start { step = Number(-1) }
        if step.isZero { throw FunctionError("step must not be zero", argument: a.count - 1) }
        let down = step < Number(0)
        if down && start < limit {
            throw FunctionError("step must be positive when start is less than limit", argument: 2)
        }
        if !down && limit < start {
            throw FunctionError("step must be negative when start is greater than limit", argument: 2)
        }
        var out: [Value] = []
        var n = start
        while down ? limit < n : n < limit {
            if out.count >= rangeLimit {
                throw FunctionError("more than \(rangeLimit) values were generated; either decrease the difference between start and limit or use a smaller step")
            }
            out.append(.number(n))
            n = n + step
        }
        return .list(out)
    }
}
