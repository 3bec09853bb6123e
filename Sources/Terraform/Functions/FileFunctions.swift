import Crypto
import Foundation
import HCL

/// Filesystem functions (Terraform `lang/funcs/filesystem.go`), confined to the scanned tree:
/// a path that resolves (after `..` and symlinks) outside `scanRoot` is an error, never a
/// read, so scanning an untrusted repository cannot exfiltrate `/etc/passwd` into a report.
/// Relative paths resolve against `baseDirectory` (Terraform: the working directory).
struct FileFunctions: Sendable {
    /// Largest file a function reads (a bound on memory; Terraform has none).
    static let maxFileSize = 16 << 20
    /// Bound on the entries `fileset` visits.
    static let maxFilesetEntries = 100_000

    let baseDirectory: String
    let scanRoot: String
    let templateRenderer: TerraformFunctions.TemplateRenderer?

    init(baseDirectory: String, scanRoot: String, templateRenderer: TerraformFunctions.TemplateRenderer?) {
        self.baseDirectory = FileFunctions.absolute(baseDirectory, relativeTo: FileManager.default.currentDirectoryPath)
        self.scanRoot = FileFunctions.realPath(FileFunctions.absolute(scanRoot, relativeTo: FileManager.default.currentDirectoryPath)) ?? scanRoot
        self.templateRenderer = templateRenderer
    }

    var all: [String: Function] {
        let me = self
        return [
            "file": Function("path") { a throws(FunctionError) in
                .string(try me.readText(try Arg.string(a, 0, "path"), function: "file"))
            },
            "filebase64": Function("path") { a throws(FunctionError) in
                .string(try me.read(try Arg.string(a, 0, "path")).base64EncodedString())
            },
            "fileexists": Function("path") { a throws(FunctionError) in
                let p = try me.resolve(try Arg.string(a, 0, "path"))
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { return .false }
                if isDir.boolValue { throw FunctionError("\(p) is a directory, not a file", argument: 0) }
                return .true
            },
            "fileset": Function("path", "pattern") { a throws(FunctionError) in
                try me.fileset(try Arg.string(a, 0, "path"), try Arg.string(a, 1, "pattern"))
            },
            "filemd5": me.fileHash { Data(Insecure.MD5.hash(data: $0)) },
            "filesha1": me.fileHash { Data(Insecure.SHA1.hash(data: $0)) },
            "filesha256": me.fileHash { Data(SHA256.hash(data: $0)) },
            "filesha512": me.fileHash { Data(SHA512.hash(data: $0)) },
            "filebase64sha256": me.fileHash(base64: true) { Data(SHA256.hash(data: $0)) },
            "filebase64sha512": me.fileHash(base64: true) { Data(SHA512.hash(data: $0)) },
            "templatefile": Function("path", "vars") { a throws(FunctionError) in
                let path = try Arg.string(a, 0, "path")
                let vars = try Arg.attributes(a, 1, "vars")
                let text = try me.readText(path, function: "templatefile")
                guard let render = me.templateRenderer else { return .unknown("templatefile(\(Value.string(path).jsonString))") }
                return try render(text, path, vars.dictionary)
            },
            "templatestring": Function("template", "vars") { a throws(FunctionError) in
                let text = try Arg.string(a, 0, "template")
                let vars = try Arg.attributes(a, 1, "vars")
                guard let render = me.templateRenderer else { return .unknown("templatestring()") }
                return try render(text, "<templatestring>", vars.dictionary)
            },
            "abspath": Function("path") { a throws(FunctionError) in
                .string(FileFunctions.absolute(try Arg.string(a, 0, "path"), relativeTo: me.baseDirectory))
            },
            "basename": Function("path") { a throws(FunctionError) in
                .string(FileFunctions.basename(try Arg.string(a, 0, "path")))
            },
            "dirname": Function("path") { a throws(FunctionError) in
                .string(FileFunctions.dirname(try Arg.string(a, 0, "path")))
            },
            // Would read the scanning user's home directory: unknown unless there is no `~`.
            "pathexpand": Function("path") { a throws(FunctionError) in
                let p = try Arg.string(a, 0, "path")
                return p.hasPrefix("~") ? .unknown("pathexpand(\(Value.string(p).jsonString))") : .string(p)
            },
        ]
    }

    private func fileHash(base64: Bool = false, _ digest: @escaping @Sendable (Data) -> Data) -> Function {
        let me = self
        return Function("path") { a throws(FunctionError) in
            let d = digest(try me.read(try Arg.string(a, 0, "path")))
            return .string(base64 ? d.base64EncodedString() : HashFunctions.hexString(d))
        }
    }

    // MARK: confinement

    /// The real path of `path` (relative to `baseDirectory`), which must lie inside `scanRoot`.
    func resolve(_ path: String) throws(FunctionError) -> String {
        let abs = FileFunctions.absolute(path, relativeTo: baseDirectory)
        // Resolve symlinks of the longest existing prefix, so that a missing file inside the
        // tree is "no file exists" while a link leading out is refused.
        var existing = abs
        var rest: [String] = []
        var real: String? = nil
        while true {
            if let r = FileFunctions.realPath(existing) {
                real = r
                break
            }
            if errno == ELOOP {
                throw FunctionError("cannot read \(path): too many levels of symbolic links (a symlink loop)", argument: 0)
            }
            let parent = (existing as NSString).deletingLastPathComponent
            if parent == existing || parent.isEmpty { break }
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = parent
        }
        let resolved = ([real ?? existing] + rest).joined(separator: "/")
        guard FileFunctions.isInside(resolved, scanRoot) else {
            throw FunctionError("\(Value.string(path).jsonString) is outside the scanned directory \(scanRoot); file functions read only files of the configuration", argument: 0)
        }
        return resolved
    }

    func read(_ path: String) throws(FunctionError) -> Data {
        let p = try resolve(path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
            throw FunctionError("no file exists at \(Value.string(path).jsonString); this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource", argument: 0)
        }
        if isDir.boolValue { throw FunctionError("\(Value.string(path).jsonString) is a directory, not a file", argument: 0) }
        let size = (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0
        if size > FileFunctions.maxFileSize {
            throw FunctionError("\(Value.string(path).jsonString) is \(size) bytes, larger than the \(FileFunctions.maxFileSize)-byte limit", argument: 0)
        }
        guard let d = FileManager.default.contents(atPath: p) else {
            throw FunctionError("failed to read \(Value.string(path).jsonString)", argument: 0)
        }
        return d
    }

    func readText(_ path: String, function: String) throws(FunctionError) -> String {
        let d = try read(path)
        guard let s = String(data: d, encoding: .utf8) else {
            throw FunctionError("contents of \(Value.string(path).jsonString) are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead", argument: 0)
        }
        return s
    }

    // MARK: fileset

    /// `fileset(path, pattern)`: files (not directories) under `path` matching the glob
    /// (`*`, `**`, `?`, `[class]`, `{a,b}`), as paths relative to `path` with `/`, sorted.
    func fileset(_ path: String, _ pattern: String) throws(FunctionError) -> Value {
        let root = try resolve(path)
        var out: [Value] = []
        var visited = 0
        var seenDirs = Set<String>()
        var queue: [(String, String)] = [(root, "")]
        let fm = FileManager.default
        while let (dir, rel) = queue.popLast() {
            guard let real = FileFunctions.realPath(dir), FileFunctions.isInside(real, scanRoot), seenDirs.insert(real).inserted else { continue }
            guard let entries = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in entries.sorted() {
                visited += 1
                if visited > FileFunctions.maxFilesetEntries {
                    throw FunctionError("fileset visited more than \(FileFunctions.maxFilesetEntries) entries under \(Value.string(path).jsonString)")
                }
                let full = dir + "/" + name
                let relPath = rel.isEmpty ? name : rel + "/" + name
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }
                if isDir.boolValue {
                    queue.append((full, relPath))
                } else if Glob.match(pattern: pattern, path: relPath) {
                    guard let r = FileFunctions.realPath(full), FileFunctions.isInside(r, scanRoot) else { continue }
                    out.append(.string(relPath))
                }
            }
        }
        return Value.makeSet(out)
    }

    // MARK: path text (Go's path/filepath)

    static func absolute(_ path: String, relativeTo base: String) -> String {
        clean(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Go's `filepath.Clean`.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." {
                if let l = parts.last, l != ".." { parts.removeLast() } else if !rooted { parts.append(c) }
                continue
            }
            parts.append(c)
        }
        let body = parts.joined(separator: "/")
        if rooted { return "/" + body }
        return body.isEmpty ? "." : body
    }

    static func basename(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let i = p.lastIndex(of: "/") { return String(p[p.index(after: i)...]) }
        return String(p)
    }

    static func dirname(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[...i])
        return clean(dir)
    }

    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

/// Glob matching as the doublestar library Terraform uses for `fileset`.
enum Glob {
    static func match(pattern: String, path: String) -> Bool {
        // Expand {a,b} alternatives first (bounded).
        for p in expandBraces(pattern, budget: 64) {
            let ps = p.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let xs = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if matchSegments(ps[...], xs[...]) { return true }
        }
        return false
    }

    private static func matchSegments(_ ps: ArraySlice<String>, _ xs: ArraySlice<String>) -> Bool {
        guard let p = ps.first else { return xs.isEmpty }
        if p == "**" {
            // zero or more directories
            var rest = xs
            while true {
                if matchSegments(ps.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let x = xs.first, matchSegment(Array(p.unicodeScalars)[...], Array(x.unicodeScalars)[...]) else { return false }
        return matchSegments(ps.dropFirst(), xs.dropFirst())
    }

    private static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative wildcard matching with backtracking only over the last `*` (linear-ish).
        var pi = p.startIndex, si = s.startIndex
        var starP = -1, starS = -1
        while si < s.endIndex {
            if pi < p.endIndex {
                let c = p[pi]
                if c == "*" {
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                if c == "?" {
                    pi += 1
                    si += 1
                    continue
                }
                if c == "[", let (ok, next) = matchClass(p, pi, s[si]) {
                    if ok {
                        pi = next
                        si += 1
                        continue
                    }
                } else if c == "\\", pi + 1 < p.endIndex, p[pi + 1] == s[si] {
                    pi += 2
                    si += 1
                    continue
                } else if c == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            if starP >= 0 {
                pi = starP + 1
                starS += 1
                si = starS
                continue
            }
            return false
        }
        while pi < p.endIndex, p[pi] == "*" { pi += 1 }
        return pi == p.endIndex
    }

    private static func matchClass(_ p: ArraySlice<Unicode.Scalar>, _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.endIndex, p[i] == "^" || p[i] == "!" { negate = true; i += 1 }
        var hit = false
        var first = true
        while i < p.endIndex, p[i] != "]" || first {
            first = false
            let lo = p[i]
            if i + 2 < p.endIndex, p[i + 1] == "-", p[i + 2] != "]" {
                if lo <= c && c <= p[i + 2] { hit = true }
                i += 3
            } else {
                if lo == c { hit = true }
                i += 1
            }
        }
        guard i < p.endIndex else { return nil }
        return (hit != negate, i + 1)
    }

    static func expandBraces(_ s: String, budget: Int) -> [String] {
        guard let open = s.firstIndex(of: "{"), let close = s[open...].firstIndex(of: "}") else { return [s] }
        let head = s[..<open], tail = s[s.index(after: close)...]
        let alts = s[s.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        var out: [String] = []
        for a in alts {
            for rest in expandBraces(String(tail), budget: budget) {
                out.append(String(head) + a + rest)
                if out.count >= budget { return out }
            }
        }
        return out
    }
}
