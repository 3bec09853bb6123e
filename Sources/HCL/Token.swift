/// A lexical token of HCL native syntax: a kind and a byte range `[start, end)` in the file.
///
/// The kinds mirror hashicorp/hcl `hclsyntax/token.go` one to one, including the kinds that
/// exist only so the parser can explain what is wrong (`bitwiseAnd`, `apostrophe`, ...).
///
/// Offsets are stored in 32 bits (12-byte tokens): files are limited to 4 GiB.
package struct Token: Hashable, Sendable {
    package var kind: Kind
    private var s: UInt32
    private var e: UInt32

    package init(_ kind: Kind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.s = UInt32(truncatingIfNeeded: start)
        self.e = UInt32(truncatingIfNeeded: end)
    }

    package var start: Int { Int(s) }
    package var end: Int { Int(e) }

    package var range: Range<Int> { start..<end }

    package enum Kind: UInt8, Hashable, Sendable {
        case oBrace, cBrace, oBrack, cBrack, oParen, cParen
        case oQuote, cQuote, oHeredoc, cHeredoc
        case star, slash, plus, minus, percent
        case equal, equalOp, notEqual, lessThan, lessThanEq, greaterThan, greaterThanEq
        case and, or, bang
        case dot, comma, ellipsis, fatArrow, question, colon
        case templateInterp, templateControl, templateSeqEnd
        /// Literal text of a quoted template (may contain backslash escapes).
        case quotedLit
        /// Literal text of a heredoc or bare template (no backslash escapes).
        case stringLit
        case numberLit, ident, comment, newline, eof
        // Recognized only to produce good diagnostics.
        case bitwiseAnd, bitwiseOr, bitwiseNot, bitwiseXor
        case apostrophe, backtick, semicolon
        case invalid, badUTF8, quotedNewline

        /// The closing kind of a bracketing kind and vice versa (hclsyntax `oppositeBracket`).
        var opposite: Kind? {
            switch self {
            case .oBrace: .cBrace
            case .oBrack: .cBrack
            case .oParen: .cParen
            case .oQuote: .cQuote
            case .oHeredoc: .cHeredoc
            case .cBrace: .oBrace
            case .cBrack: .oBrack
            case .cParen: .oParen
            case .cQuote: .oQuote
            case .cHeredoc: .oHeredoc
            case .templateControl, .templateInterp: .templateSeqEnd
            case .templateSeqEnd: .templateInterp
            default: nil
            }
        }
    }
}

/// A comment in a native-syntax file, kept so later stages can read annotations such as
/// `# tollgate:ignore RULE` (the parser itself skips comments).
public struct Comment: Hashable, Sendable {
    /// Byte range of the whole comment, including `#`, `//` or `/* */` and, for line
    /// comments, the newline that ends it.
    public var range: Range<Int>
    /// The comment text without its markers and surrounding whitespace.
    public var text: String

    public init(range: Range<Int>, text: String) {
        self.range = range
        self.text = text
    }
}
