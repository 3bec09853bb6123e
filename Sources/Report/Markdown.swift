/// Escaping for GitHub-flavoured Markdown (GFM 0.29 + GitHub's `$` math): every piece of
/// text that comes from the scan (asset names, messages, evidence, paths) goes through here,
/// so a `|` cannot split a table cell and a newline cannot end a table row.
enum Markdown {
    /// Inline text: backslash-escapes the punctuation that could start emphasis, links, HTML,
    /// math, strikethrough or a heading, and `|` (GFM §4.10: escaped pipes stay in the cell);
    /// line breaks (`\n`, `\r\n`, `\r`) become `<br>`, which works in table cells and list items.
    static func text(_ s: String, into out: inout [UInt8]) {
        s.withUTF8Buffer { text(bytes: $0, into: &out) }
    }

    static func text(bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var plain = true
        for b in bytes where isSpecial(b) { plain = false; break }
        if plain {
            out.append(contentsOf: bytes)
            return
        }
        var previous: UInt8 = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "\n"):
                if previous != UInt8(ascii: "\r") { out += "<br>" }
            case UInt8(ascii: "\r"):
                out += "<br>"
            case _ where isSpecial(b):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
            default:
                out.append(b)
            }
            previous = b
        }
    }

    private static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
             UInt8(ascii: "&"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            true
        default:
            false
        }
    }

    /// A code span (CommonMark §6.1) for inline use: a backtick fence longer than any run in
    /// the text, padded when the text starts or ends with a backtick; line breaks become
    /// spaces. With `inTable`, `|` is escaped (GFM §4.10 applies inside code spans too).
    static func code(_ s: String, inTable: Bool = false, into out: inout [UInt8]) {
        s.withUTF8Buffer { code(bytes: $0, inTable: inTable, into: &out) }
    }

    static func code(bytes: UnsafeBufferPointer<UInt8>, inTable: Bool = false, into out: inout [UInt8]) {
        if bytes.isEmpty {
            out += "*(empty)*"
            return
        }
        var run = 0, longest = 0, plain = true
        for b in bytes {
            if b == UInt8(ascii: "`") { run += 1; longest = max(longest, run); plain = false } else { run = 0 }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || (inTable && b == UInt8(ascii: "|")) { plain = false }
        }
        if plain {
            out.append(UInt8(ascii: "`"))
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "`"))
            return
        }
        let pad = bytes.first == UInt8(ascii: "`") || bytes.last == UInt8(ascii: "`")
        for _ in 0...longest { out.append(UInt8(ascii: "`")) }
        if pad { out.append(UInt8(ascii: " ")) }
        for b in bytes {
            switch b {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): out.append(UInt8(ascii: " "))
            case UInt8(ascii: "|") where inTable: out.append(UInt8(ascii: "\\")); out.append(b)
            default: out.append(b)
            }
        }
        if pad { out.append(UInt8(ascii: " ")) }
        for _ in 0...longest { out.append(UInt8(ascii: "`")) }
    }

    static func text(_ s: String) -> String {
        var out: [UInt8] = []
        text(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func code(_ s: String, inTable: Bool = false) -> String {
        var out: [UInt8] = []
        code(s, inTable: inTable, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A fenced code block with a fence longer than any backtick run inside (§4.5).
    static func codeBlock(_ s: String, language: String) -> String {
        var run = 0, longest = 0
        for b in s.utf8 {
            if b == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var body = s
        while body.hasSuffix("\n") { body.removeLast() }
        return "\(fence)\(language)\n\(body)\n\(fence)\n"
    }

    /// A link; `url` must already be percent-encoded.
    static func link(_ label: String, url: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        text(label, into: &out)
        out += "]("
        out += url
        out.append(UInt8(ascii: ")"))
    }

    /// One table row from already escaped cells.
    static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    /// The header row and the delimiter row; `right` marks the numeric (right-aligned) columns.
    static func header(_ titles: [String], right: Set<Int> = []) -> String {
        row(titles) + "|" + titles.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
    }
}

/// Orders control ids and versions naturally: `1.2` < `1.10`, `2.0` < `10`.
func naturalLess(_ a: String, _ b: String) -> Bool {
    var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
    var x = i.next(), y = j.next()
    while let cx = x, let cy = y {
        if cx.properties.numericType != nil && cx.isASCII && cy.isASCII && cy.properties.numericType != nil {
            var nx = "", ny = ""
            while let c = x, c.isASCII, c.properties.numericType != nil { nx.unicodeScalars.append(c); x = i.next() }
            while let c = y, c.isASCII, c.properties.numericType != nil { ny.unicodeScalars.append(c); y = j.next() }
            let tx = nx.drop { $0 == "0" }, ty = ny.drop { $0 == "0" }
            if tx.count != ty.count { return tx.count < ty.count }
            if tx != ty { return tx < ty }
            if nx.count != ny.count { return nx.count < ny.count }
            continue
        }
        if cx != cy { return cx.value < cy.value }
        x = i.next(); y = j.next()
    }
    return x == nil && y != nil
}
