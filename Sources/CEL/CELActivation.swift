/// Supplies the input variables of one evaluation. Conform a type to resolve variables
/// lazily (e.g. build `asset` only when a condition reads it).
public protocol CELActivation {
    /// The value of a variable, nil when it is not defined.
    func value(of name: String) -> CELValue?
}

extension Dictionary: CELActivation where Key == String, Value == CELValue {
    public func value(of name: String) -> CELValue? { self[name] }
}

/// No variables at all.
public struct CELEmptyActivation: CELActivation {
    public init() {}
    public func value(of name: String) -> CELValue? { nil }
}
