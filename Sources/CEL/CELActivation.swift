/// Supplies the input variables of one evaluation. Conform a type to resolve variables
/// lazily (e.g. build `asset` only when a condition reads it). Each variable a program reads
/// is asked for at most once per evaluation.
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

/// The input variables of a family of programs, in slot order (e.g. `resource`, `asset`,
/// `params` for every policy condition). Programs compiled against it read variables from a
/// `CELSlotActivation` by position: no name lookup and no hashing per evaluation.
public struct CELVariables: Sendable, Hashable {
    public let names: [String]
    let slots: [String: Int]

    /// `names` in slot order; a repeated name keeps its first slot.
    public init(_ names: [String]) {
        self.names = names
        var slots: [String: Int] = [:]
        for (i, n) in names.enumerated() where slots[n] == nil { slots[n] = i }
        self.slots = slots
    }

    public func slot(of name: String) -> Int? { slots[name] }

    public static func == (a: CELVariables, b: CELVariables) -> Bool { a.names == b.names }
    public func hash(into h: inout Hasher) { h.combine(names) }
}

/// Variable values by slot of a `CELVariables` layout (nil: the variable is not defined).
/// Build one per asset and evaluate every program compiled against the same layout with it.
public struct CELSlotActivation: CELActivation, Sendable {
    public let variables: CELVariables
    public var values: [CELValue?]

    public init(_ variables: CELVariables, _ values: [CELValue?]) {
        precondition(values.count == variables.names.count, "one value (or nil) per declared variable")
        self.variables = variables
        self.values = values
    }

    public func value(of name: String) -> CELValue? {
        guard let i = variables.slots[name] else { return nil }
        return values[i]
    }
}
