import HCL

/// `try` and `can` (Terraform `lang/funcs/conversion.go`). They catch errors in their argument
/// expressions, which the HCL evaluator reports as diagnostics and replaces by an unknown with
/// an empty origin; so `try` takes the first argument that is not such an error value and
/// `can` says whether its argument is one, and the evaluator of configurations drops the
/// diagnostics located inside these calls (`ExpressionWalk.tryCanRanges`). A genuine unknown
/// (one with an origin) makes both results unknown, as in Terraform.
enum TryCan {
    static func isError(_ v: Value) -> Bool {
        if case .unknown(let u) = v.unmarked { return u.origin.isEmpty }
        return false
    }

    static let functions: [String: Function] = [
        "try": Function(parameters: [], variadic: .init("expressions", allowNull: true, allowUnknown: true, allowSensitive: true)) { a throws(FunctionError) in
            for v in a where !isError(v) { return v }
            throw FunctionError("no expression succeeded")
        },
        "can": Function(parameters: [.init("expression", allowNull: true, allowUnknown: true, allowSensitive: true)]) { a throws(FunctionError) in
            if isError(a[0]) { return .false }
            if case .unknown = a[0].unmarked { return a[0] }
            return .true
        },
    ]
}
