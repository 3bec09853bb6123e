/// The HCL native-syntax scanner over UTF-8 bytes, a hand-written equivalent of hashicorp/hcl
/// `hclsyntax/scan_tokens.rl` (a Ragel machine). It never fails: bytes it cannot place become
/// `invalid` / `badUTF8` tokens that the parser reports.
///
/// Token boundaries inside template literals are coarser than the Ragel scanner's (it also
/// splits at a lone `$` or `%`); the parser's whitespace stripping (`~`) and flush-heredoc
/// indentation rules give the same results either way, because the extra boundaries are
/// always next to a non-space character. Heredoc literals are split per line, as the spec's
/// indentation rule needs.
package struct Lexer {
    package enum Mode: Sendable {
        /// Configuration files and expressions.
        case normal
        /// A bare template (the content of a JSON string, or a template file).
        case template
    }

    private enum State {
        case main
        case quoted
        case heredoc
        case bare
    }

    private struct Heredoc {
        var marker: Range<Int>
        var startOfLine: Bool
    }

    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var tokens: [Token] = []
    private var states: [State]
    private var braces = 0
    private var retBraces: [Int] = []
    private var heredocs: [Heredoc] = []

    private init(_ b: UnsafeBufferPointer<UInt8>, mode: Mode, offset: Int) {
        self.b = b
        self.i = offset
        states = [mode == .normal ? .main : .bare]
        tokens.reserveCapacity(b.count / 5 + 16)
    }

    /// Scans `buffer`; a leading UTF-8 byte order mark is skipped (offsets stay file offsets).
    package static func scan(_ buffer: UnsafeBufferPointer<UInt8>, mode: Mode = .normal) -> [Token] {
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var lexer = Lexer(buffer, mode: mode, offset: start)
        lexer.run()
        return lexer.tokens
    }

    private mutating func run() {
        let n = b.count
        while i < n {
            switch states[states.count - 1] {
            case .main: scanMain()
            case .quoted: scanQuoted()
            case .heredoc: scanHeredoc()
            case .bare: scanBare()
            }
        }
        tokens.append(Token(.eof, n, n))
    }

    @inline(__always) private mutating func emit(_ kind: Token.Kind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind, start, end))
    }

    @inline(__always) private func at(_ k: Int) -> UInt8 {
        k < b.count ? b[k] : 0
    }

    // MARK: main

    private mutating func scanMain() {
        let start = i
        let c = b[i]
        switch c {
        case 0x20, 0x09:
            i += 1
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            i += 1
            scanIdentRest()
            emit(.ident, start, i)
        case UInt8(ascii: "#"):
            scanLineComment()
        case UInt8(ascii: "/"):
            if at(i + 1) == UInt8(ascii: "/") {
                scanLineComment()
            } else if at(i + 1) == UInt8(ascii: "*"), let end = findBlockCommentEnd(from: i + 2) {
                i = end
                emit(.comment, start, i)
            } else {
                i += 1
                emit(.slash, start, i)
            }
        case 0x0A:
            i += 1
            emit(.newline, start, i)
        case 0x0D:
            if at(i + 1) == 0x0A {
                i += 2
                emit(.newline, start, i)
            } else {
                i += 1
                emit(.invalid, start, i)
            }
        case UInt8(ascii: "="):
            two(UInt8(ascii: "="), .equalOp, or: UInt8(ascii: ">"), .fatArrow, else: .equal)
        case UInt8(ascii: "!"):
            two(UInt8(ascii: "="), .notEqual, else: .bang)
        case UInt8(ascii: ">"):
            two(UInt8(ascii: "="), .greaterThanEq, else: .greaterThan)
        case UInt8(ascii: "<"):
            if at(i + 1) == UInt8(ascii: "<"), scanHeredocStart() { return }
            two(UInt8(ascii: "="), .lessThanEq, else: .lessThan)
        case UInt8(ascii: "&"):
            two(UInt8(ascii: "&"), .and, else: .bitwiseAnd)
        case UInt8(ascii: "|"):
            two(UInt8(ascii: "|"), .or, else: .bitwiseOr)
        case UInt8(ascii: "."):
            if at(i + 1) == UInt8(ascii: "."), at(i + 2) == UInt8(ascii: ".") {
                i += 3
                emit(.ellipsis, start, i)
            } else {
                i += 1
                emit(.dot, start, i)
            }
        case UInt8(ascii: "["): single(.oBrack)
        case UInt8(ascii: "]"): single(.cBrack)
        case UInt8(ascii: "("): single(.oParen)
        case UInt8(ascii: ")"): single(.cParen)
        case UInt8(ascii: ","): single(.comma)
        case UInt8(ascii: "*"): single(.star)
        case UInt8(ascii: "%"): single(.percent)
        case UInt8(ascii: "+"): single(.plus)
        case UInt8(ascii: "-"): single(.minus)
        case UInt8(ascii: "?"): single(.question)
        case UInt8(ascii: ":"): single(.colon)
        case UInt8(ascii: "^"): single(.bitwiseXor)
        case UInt8(ascii: ";"): single(.semicolon)
        case UInt8(ascii: "`"): single(.backtick)
        case UInt8(ascii: "'"): single(.apostrophe)
        case UInt8(ascii: "~"):
            if at(i + 1) == UInt8(ascii: "}") {
                // `~}` always ends a template sequence; if it does not balance one, the parser
                // reports it (scan_tokens.rl, closeTemplateSeqEatWhitespace).
                i += 2
                emit(.templateSeqEnd, start, i)
                if let last = retBraces.last, last == braces {
                    retBraces.removeLast()
                    states.removeLast()
                }
                braces -= 1
            } else {
                single(.bitwiseNot)
            }
        case UInt8(ascii: "{"):
            single(.oBrace)
            braces += 1
        case UInt8(ascii: "}"):
            i += 1
            if let last = retBraces.last, last == braces {
                emit(.templateSeqEnd, start, i)
                retBraces.removeLast()
                states.removeLast()
            } else {
                emit(.cBrace, start, i)
            }
            braces -= 1
        case UInt8(ascii: "\""):
            single(.oQuote)
            states.append(.quoted)
        case 0x80...:
            let len = utf8Length(at: i)
            if len == 0 {
                i += 1
                emit(.badUTF8, start, i)
            } else if isIdentStart(decode(at: i, length: len)) {
                i += len
                scanIdentRest()
                emit(.ident, start, i)
            } else {
                i += len
                emit(.invalid, start, i)
            }
        default:
            single(.invalid)
        }
    }

    @inline(__always) private mutating func single(_ kind: Token.Kind) {
        emit(kind, i, i + 1)
        i += 1
    }

    @inline(__always) private mutating func two(_ next: UInt8, _ kind: Token.Kind, or next2: UInt8 = 0, _ kind2: Token.Kind = .invalid, else other: Token.Kind) {
        let start = i
        let c = at(i + 1)
        if c == next {
            i += 2
            emit(kind, start, i)
        } else if next2 != 0, c == next2 {
            i += 2
            emit(kind2, start, i)
        } else {
            i += 1
            emit(other, start, i)
        }
    }

    /// `NumberLit = digit ("" | (NumberLitContinue - '.') | (NumberLitContinue* (NumberLitContinue - '.')))`
    /// with `NumberLitContinue = digit | '.' | ('e'|'E') ('+'|'-')? digit`: the longest run that
    /// does not end in a dot. (`1.2.3` is one token; the parser rejects it.)
    private mutating func scanNumber() {
        let start = i
        var j = i + 1
        var last = j
        let n = b.count
        while j < n {
            let c = b[j]
            if c >= 0x30 && c <= 0x39 {
                j += 1
                last = j
            } else if c == UInt8(ascii: ".") {
                j += 1
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var k = j + 1
                if k < n, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { k += 1 }
                if k < n, b[k] >= 0x30, b[k] <= 0x39 {
                    j = k + 1
                    last = j
                } else {
                    break
                }
            } else {
                break
            }
        }
        i = last
        emit(.numberLit, start, i)
    }

    /// `(ID_Continue | '-')*` after an identifier's first character.
    private mutating func scanIdentRest() {
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                {
                    i += 1
                    continue
                }
                return
            }
            let len = utf8Length(at: i)
            if len == 0 { return }
            guard let s = decode(at: i, length: len), s.properties.isIDContinue else { return }
            i += len
        }
    }

    private func isIdentStart(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return s.properties.isIDStart
    }

    /// Comments starting with `#` or `//` run to the end of the line, newline included.
    private mutating func scanLineComment() {
        let start = i
        let n = b.count
        while i < n, b[i] != 0x0A { i += 1 }
        if i < n { i += 1 }
        emit(.comment, start, i)
    }

    private func findBlockCommentEnd(from k: Int) -> Int? {
        var j = k
        let n = b.count
        while j + 1 < n {
            if b[j] == UInt8(ascii: "*"), b[j + 1] == UInt8(ascii: "/") { return j + 2 }
            j += 1
        }
        return nil
    }

    /// `'<<' ('-')? Ident Newline` opens a heredoc; anything else after `<<` is two `<` tokens.
    private mutating func scanHeredocStart() -> Bool {
        let start = i
        var j = i + 2
        if at(j) == UInt8(ascii: "-") { j += 1 }
        let markerStart = j
        guard j < b.count else { return false }
        let c = b[j]
        if c < 0x80 {
            guard (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || c == UInt8(ascii: "_") else { return false }
            j += 1
        } else {
            let len = utf8Length(at: j)
            guard len > 0, isIdentStart(decode(at: j, length: len)) else { return false }
            j += len
        }
        let saved = i
        i = j
        scanIdentRest()
        let markerEnd = i
        i = saved
        j = markerEnd
        if at(j) == 0x0D { j += 1 }
        guard at(j) == 0x0A else { return false }
        i = j + 1
        emit(.oHeredoc, start, i)
        heredocs.append(Heredoc(marker: markerStart..<markerEnd, startOfLine: true))
        states.append(.heredoc)
        return true
    }

    // MARK: templates

    /// At `${` / `%{` (with optional `~`): emits the introducer and enters the main scanner.
    private mutating func beginSequence(_ kind: Token.Kind) {
        let start = i
        i += 2
        if at(i) == UInt8(ascii: "~") { i += 1 }
        emit(kind, start, i)
        braces += 1
        retBraces.append(braces)
        if !heredocs.isEmpty { heredocs[heredocs.count - 1].startOfLine = false }
        states.append(.main)
    }

    /// True at `${` or `%{`; sets `kind`.
    @inline(__always) private func sequenceStart(_ k: Int) -> Token.Kind? {
        let c = b[k]
        guard c == UInt8(ascii: "$") || c == UInt8(ascii: "%"), at(k + 1) == UInt8(ascii: "{") else { return nil }
        return c == UInt8(ascii: "$") ? .templateInterp : .templateControl
    }

    /// Length of an escaped sequence opener `$${` / `%%{` at k (3), else 0.
    @inline(__always) private func escapedSequence(_ k: Int) -> Int {
        let c = b[k]
        if (c == UInt8(ascii: "$") || c == UInt8(ascii: "%")), at(k + 1) == c, at(k + 2) == UInt8(ascii: "{") { return 3 }
        return 0
    }

    private mutating func scanQuoted() {
        let start = i
        let c = b[i]
        if c == UInt8(ascii: "\"") {
            single(.cQuote)
            states.removeLast()
            return
        }
        if let kind = sequenceStart(i) {
            beginSequence(kind)
            return
        }
        if c == 0x0A || c == 0x0D {
            while i < b.count, b[i] == 0x0A || b[i] == 0x0D { i += 1 }
            emit(.quotedNewline, start, i)
            return
        }
        let n = b.count
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D { break }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") {
                if at(i + 1) == UInt8(ascii: "{") { break }
                let e = escapedSequence(i)
                if e > 0 { i += e; continue }
                if i + 1 >= n { break } // a lone `$` at the end of input is invalid
                i += 1
                continue
            }
            if c == UInt8(ascii: "\\") {
                // A backslash escapes the next character unless that is a newline or the end.
                guard i + 1 < n, b[i + 1] != 0x0A, b[i + 1] != 0x0D else { break }
                let len = b[i + 1] < 0x80 ? 1 : utf8Length(at: i + 1)
                if len == 0 { break }
                i += 1 + len
                continue
            }
            if c < 0x80 { i += 1; continue }
            let len = utf8Length(at: i)
            if len == 0 { break }
            i += len
        }
        if i > start {
            emit(.quotedLit, start, i)
        } else {
            // Nothing literal could be taken: a broken UTF-8 byte or a stray character.
            if b[i] >= 0x80 && utf8Length(at: i) == 0 {
                single(.badUTF8)
            } else {
                single(.invalid)
            }
        }
    }

    private mutating func scanHeredoc() {
        let start = i
        let top = heredocs.count - 1
        let n = b.count
        if heredocs[top].startOfLine, let nl = indexOfNewline(from: i) {
            var lo = i, hi = nl
            while lo < hi, isASCIISpace(b[lo]) { lo += 1 }
            while hi > lo, isASCIISpace(b[hi - 1]) { hi -= 1 }
            let marker = heredocs[top].marker
            if hi - lo == marker.count, equalBytes(lo, marker.lowerBound, marker.count) {
                // The closing marker and its newline are separate tokens, so the newline still
                // ends the attribute (scan_tokens.rl, heredocLiteralEOL).
                var te = nl
                if te > start, b[te - 1] == 0x0D { te -= 1 }
                emit(.cHeredoc, start, te)
                emit(.newline, te, nl + 1)
                i = nl + 1
                heredocs.removeLast()
                states.removeLast()
                return
            }
        }
        if let kind = sequenceStart(i) {
            beginSequence(kind)
            return
        }
        while i < n {
            let c = b[i]
            if c == 0x0A {
                i += 1
                emit(.stringLit, start, i)
                heredocs[top].startOfLine = true
                return
            }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") {
                if at(i + 1) == UInt8(ascii: "{") { break }
                let e = escapedSequence(i)
                i += e > 0 ? e : 1
                continue
            }
            if c < 0x80 { i += 1; continue }
            let len = utf8Length(at: i)
            if len == 0 { break }
            i += len
        }
        if i > start {
            emit(.stringLit, start, i)
            heredocs[top].startOfLine = false
        } else {
            single(.badUTF8)
        }
    }

    private mutating func scanBare() {
        let start = i
        if let kind = sequenceStart(i) {
            beginSequence(kind)
            return
        }
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x0A {
                i += 1
                break
            }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") {
                if at(i + 1) == UInt8(ascii: "{") { break }
                let e = escapedSequence(i)
                i += e > 0 ? e : 1
                continue
            }
            if c < 0x80 { i += 1; continue }
            let len = utf8Length(at: i)
            if len == 0 { break }
            i += len
        }
        if i > start {
            emit(.stringLit, start, i)
        } else {
            single(.badUTF8)
        }
    }

    // MARK: bytes

    private func indexOfNewline(from k: Int) -> Int? {
        var j = k
        let n = b.count
        while j < n {
            if b[j] == 0x0A { return j }
            j += 1
        }
        return nil
    }

    @inline(__always) private func isASCIISpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C
    }

    private func equalBytes(_ x: Int, _ y: Int, _ count: Int) -> Bool {
        for k in 0..<count where b[x + k] != b[y + k] { return false }
        return true
    }

    /// Length of the UTF-8 sequence at k as the Ragel scanner's `AnyUTF8` accepts it (lead byte
    /// and the right number of continuation bytes), or 0 for a broken byte.
    @inline(__always) private func utf8Length(at k: Int) -> Int {
        let c = b[k]
        let len: Int
        switch c {
        case 0x00...0x7F: return 1
        case 0xC0...0xDF: len = 2
        case 0xE0...0xEF: len = 3
        case 0xF0...0xF7: len = 4
        default: return 0
        }
        guard k + len <= b.count else { return 0 }
        for j in 1..<len where b[k + j] & 0xC0 != 0x80 { return 0 }
        return len
    }

    private func decode(at k: Int, length: Int) -> Unicode.Scalar? {
        var v: UInt32
        switch length {
        case 1: return Unicode.Scalar(b[k])
        case 2: v = UInt32(b[k] & 0x1F)
        case 3: v = UInt32(b[k] & 0x0F)
        default: v = UInt32(b[k] & 0x07)
        }
        for j in 1..<length { v = v << 6 | UInt32(b[k + j] & 0x3F) }
        return Unicode.Scalar(v)
    }
}
