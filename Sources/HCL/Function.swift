/// A function callable from HCL expressions, in the manner of cty's `function.Spec`: the
/// evaluator checks arity, propagates unknowns and sensitive marks, and turns a thrown
/// `FunctionError` into a diagnostic at the call (or at the offending argument), so
/// implementations only compute results for known, unmarked arguments.
public struct Function: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        /// When false (the default), a null argument is an error reported by the evaluator.
        public var allowNull: Bool
        /// When false (the default), an unknown argument (at the top level) makes the result
        /// unknown without calling the implementation (cty: "AllowUnknown").
        public var allowUnknown: Bool
        /// When false (the default), sensitive marks are removed (deeply) before the call and
        /// put back on the result (cty: "AllowMarked").
        public var allowSensitive: Bool

        public init(_ name: String, allowNull: Bool = false, allowUnknown: Bool = false, allowSensitive: Bool = false) {
            self.name = name
            self.allowNull = allowNull
            self.allowUnknown = allowUnknown
            self.allowSensitive = allowSensitive
        }
    }

    public var parameters: [Parameter]
    /// Parameter for any further arguments (`max(1, 2, 3)`); nil if the function is not variadic.
    public var variadic: Parameter?
    /// When true the result is unknown regardless of arguments (`timestamp()`, `uuid()`,
    /// `bcrypt()`: their values exist only at apply time).
    public var alwaysUnknown: Bool
    public var implementation: @Sendable (_ arguments: [Value]) throws(FunctionError) -> Value

    public init(
        parameters: [Parameter], variadic: Parameter? = nil, alwaysUnknown: Bool = false,
        implementation: @escaping @Sendable (_ arguments: [Value]) throws(FunctionError) -> Value
    ) {
        self.parameters = parameters
        self.variadic = variadic
        self.alwaysUnknown = alwaysUnknown
        self.implementation = implementation
    }
}

/// A function's complaint about its arguments ("Invalid function argument" in Terraform's words).
public struct FunctionError: Error, Hashable, Sendable {
    public var message: String
    /// Index of the offending argument, when one is to blame (the diagnostic then points at it).
    public var argument: Int?

    public init(_ message: String, argument: Int? = nil) {
        self.message = message
        self.argument = argument
    }
}
