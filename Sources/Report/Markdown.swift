/// Escaping for GitHub-flavoured Markdown (GFM 0.29 + GitHub's `$` math): every piece of
/// text that comes from the scan (asset names, messages, evidence, paths) goes through here,
/// so a `|` cannot split a table cell and a newline cannot end a table row.
enum Markdown {
    /// Inline text: backslash-escapes the punctuation that could start emphasis, links, HTML,
    /// math, strikethrough or a heading, and `|` (GFM §4.10: escaped pipes stay in the cell);
    /// line breaks become `<br>`, which works in table cells and list items alike.
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var pendingCR = false
        for ch in s.unicodeScalars {
            if pendingCR, ch != "\n" { out += "<br>" }
            pendingCR = false
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$", "#":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(ch)
            case "\n": out += "<br>"
            case "\r": pendingCR = true
            default: out.unicodeScalars.append(ch)
            }
        }
        if pendingCR { out += "<br>" }
        return out
    }

    /// A code span (CommonMark §6.1) for inline use: a backtick fence longer than any run in
    /// the text, padded when the text starts or ends with a backtick; line breaks become
    /// spaces. With `inTable`, `|` is escaped (GFM §4.10 applies inside code spans too).
    static func code(_ s: String, inTable: Bool = false) -> String {
        if s.isEmpty { return "*(empty)*" }
        var body = ""
        body.reserveCapacity(s.utf8.count)
        var run = 0, longest = 0
        for ch in s.unicodeScalars {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
            switch ch {
            case "\n", "\r": body += " "
            case "|" where inTable: body += "\\|"
            default: body.unicodeScalars.append(ch)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    /// A fenced code block with a fence longer than any backtick run inside (§4.5).
    static func codeBlock(_ s: String, language: String) -> String {
        var run = 0, longest = 0
        for ch in s.unicodeScalars {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var body = s
        while body.hasSuffix("\n") { body.removeLast() }
        return "\(fence)\(language)\n\(body)\n\(fence)\n"
    }

    /// A link; `url` must already be percent-encoded.
    static func link(_ label: String, url: String) -> String {
        "[\(text(label))](\(url))"
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
