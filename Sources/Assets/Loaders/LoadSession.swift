import Foundation
import HCL

/// State of one `AssetLoader.load` call: the collection being built, diagnostics, formats.
struct LoadSession {
    let options: AssetLoader.Options
    var collection = AssetCollection()
    var diagnostics: [Diagnostic] = []
    var formats: [String: InputFormat] = [:]
    /// Asset types seen that no policy covers: reported once per type.
    var unknownTypes: Set<String> = []
    /// Files already loaded (a manifest may list a file also given on the command line).
    var loaded: Set<String> = []
    /// Export readers (with their sharing caches) for the conversion jobs of every batch.
    let readerPool = ReaderPool()

    init(options: AssetLoader.Options) { self.options = options }

    func finish() -> AssetLoader.Result {
        // Unreadable files carry their code; every other error is a record that did not parse.
        AssetLoader.Result(assets: collection.assets, diagnostics: diagnostics.coded(Diagnostic.Code.parseError), formats: formats)
    }

    mutating func error(_ summary: String, _ file: String, line: Int = 1, column: Int = 1, detail: String = "") {
        diagnostics.append(.error(summary, detail: detail, at: Self.range(file, line: line, column: column)))
    }

    mutating func warning(_ summary: String, _ file: String, line: Int = 1, column: Int = 1, detail: String = "") {
        diagnostics.append(.warning(summary, detail: detail, at: Self.range(file, line: line, column: column)))
    }

    static func range(_ file: String, line: Int, column: Int) -> SourceRange {
        let p = SourcePosition(line: line, column: column, offset: 0)
        return SourceRange(filename: file, start: p, end: p)
    }

    // MARK: files

    mutating func loadFile(_ path: String, entry: EvidenceManifest.Entry?) {
        guard loaded.insert(path).inserted else { return }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.append(Diagnostic(severity: .error, summary: "Cannot read \(path)", detail: "the file does not exist or is not readable",
                                          code: Diagnostic.Code.unreadable))
            return
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 << 10)).map { [UInt8]($0) } ?? []
        if isNDJSONExport(head) {
            formats[path] = .caiExport
            streamNDJSON(handle: handle, head: head, filename: path, entry: entry)
            return
        }
        // A whole document: bounded by the record limit.
        var bytes = head
        while let chunk = try? handle.read(upToCount: options.chunkBytes), !chunk.isEmpty {
            bytes.append(contentsOf: chunk)
            if bytes.count > options.maxRecordBytes {
                error("\(path) is larger than \(options.maxRecordBytes) bytes and is not an NDJSON export", path,
                      detail: "single JSON/YAML documents are limited to maxRecordBytes; export large inventories as NDJSON")
                return
            }
        }
        loadDocument(bytes, filename: path, entry: entry)
    }

    mutating func loadBytes(_ bytes: [UInt8], filename: String, entry: EvidenceManifest.Entry?) {
        if isNDJSONExport(bytes) {
            formats[filename] = .caiExport
            var reader = NDJSONSplitter(maxRecordBytes: options.maxRecordBytes)
            var batch = RecordBatch()
            bytes.withUnsafeBufferPointer { buf in
                var start = 0
                // Batches of about one read's size, so the outcomes stay small.
                while start < buf.count {
                    let end = min(start + max(options.chunkBytes, 1), buf.count)
                    let piece = UnsafeBufferPointer(rebasing: buf[start..<end])
                    reader.feed(buffer: piece) { batch.add($0, readBuffer: buf) }
                    apply(&batch, filename: filename, entry: entry)
                    start = end
                }
            }
            reader.finish { batch.add($0, readBuffer: nil) }
            apply(&batch, filename: filename, entry: entry)
            return
        }
        loadDocument(bytes, filename: filename, entry: entry)
    }

    /// NDJSON export: the first line alone is a JSON object with an asset envelope.
    func isNDJSONExport(_ head: [UInt8]) -> Bool {
        var i = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { i = 3 }
        while i < head.count, head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 { i += 1 }
        guard i < head.count, head[i] == UInt8(ascii: "{") else { return false }
        let end = head[i...].firstIndex(of: 0x0A) ?? head.count
        // A first line that fills the whole head and is cut off cannot be judged by parsing:
        // look for the envelope keys in it instead.
        if end == head.count, head.count >= 64 << 10 {
            let s = String(decoding: head[i...], as: UTF8.self)
            return s.contains("\"asset_type\"") || s.contains("\"assetType\"")
        }
        guard case .success(let v) = JSONReader.parse(head[i..<end]) else {
            // A broken first line of what is otherwise NDJSON (more lines starting with '{').
            let s = String(decoding: head[i..<end], as: UTF8.self)
            return end < head.count && (s.contains("\"asset_type\"") || s.contains("\"assetType\""))
        }
        return CAIRecord.isEnvelope(v)
    }

    mutating func streamNDJSON(handle: FileHandle, head: [UInt8], filename: String, entry: EvidenceManifest.Entry?) {
        var reader = NDJSONSplitter(maxRecordBytes: options.maxRecordBytes)
        let fd = handle.fileDescriptor
        let estimate = Self.estimatedRecords(fd: fd, head: head)
        collection.reserveCapacity(additional: estimate)
        // A pipeline of two batches: while the lines of one read are added to the collection
        // (in line order, on one thread), the next read's lines are converted on the other
        // cores. Each batch points into its own read buffer, so two buffers alternate: a
        // buffer is read into again only after its batch has been applied.
        let size = max(options.chunkBytes, 1)
        let buffers = [UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size), UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)]
        defer { for b in buffers { b.deallocate() } }
        var pending = RecordBatch()  // converted, not yet applied
        var next = RecordBatch()
        head.withUnsafeBufferPointer { buf in
            reader.feed(buffer: buf) { next.add($0, readBuffer: buf) }
        }
        var which = 0
        while true {
            step(applying: &pending, converting: &next, filename: filename, entry: entry)
            swap(&pending, &next)
            var n = 0
            repeat { n = read(fd, buffers[which].baseAddress, size) } while n < 0 && errno == EINTR
            if n < 0 {
                error("Read error in \(filename): \(String(cString: strerror(errno)))", filename, line: reader.lineCount)
                break
            }
            if n == 0 { break }
            let read = UnsafeBufferPointer(rebasing: buffers[which][0..<n])
            reader.feed(buffer: read) { next.add($0, readBuffer: read) }
            which = 1 - which
        }
        reader.finish { next.add($0, readBuffer: nil) }
        step(applying: &pending, converting: &next, filename: filename, entry: entry)
        step(applying: &next, converting: &pending, filename: filename, entry: entry)
        if let expected = entry?.records, expected != reader.recordCount {
            warning("\(filename) has \(reader.recordCount) records; the evidence manifest says \(expected)", filename)
        }
    }

    /// Applies the converted batch `pending` (emptying it) while converting `next` on the
    /// other cores: one job applies, the others convert. Applying only touches the session
    /// and `pending`; converting only reads `next`'s lines and borrows readers from the pool.
    mutating func step(applying pending: inout RecordBatch, converting next: inout RecordBatch,
                       filename: String, entry: EvidenceManifest.Entry?) {
        let jobs = next.jobs(threads: options.threads)
        let shared = next.shared(filename: filename, environment: entry?.environment)
        let pool = readerPool
        let convertNext = !next.isEmpty
        guard !pending.isEmpty else {
            if convertNext { next.convert(filename: filename, environment: entry?.environment, threads: options.threads, pool: pool) }
            return
        }
        let parts: [[RecordBatch.Outcome?]] = withUnsafeMutablePointer(to: &self) { me in
            withUnsafeMutablePointer(to: &pending) { batch in
                let target = Applying(session: me, batch: batch)
                return ParallelRanges.tasks(convertNext ? jobs.count + 1 : 1) { t in
                    if t == 0 {
                        target.session.pointee.drain(&target.batch.pointee, filename: filename)
                        return []
                    }
                    return shared.convert(jobs[t - 1], pool: pool)
                }
            }
        }
        if convertNext { next.store(Array(parts.dropFirst())) }
    }

    /// The session and the batch it applies, reached from one job while the others convert.
    private struct Applying: @unchecked Sendable {
        let session: UnsafeMutablePointer<LoadSession>
        let batch: UnsafeMutablePointer<RecordBatch>
    }

    /// Converts a batch of lines (on every core) and adds the outcomes in line order.
    mutating func apply(_ batch: inout RecordBatch, filename: String, entry: EvidenceManifest.Entry?) {
        guard !batch.isEmpty else { return }
        batch.convert(filename: filename, environment: entry?.environment, threads: options.threads, pool: readerPool)
        drain(&batch, filename: filename)
    }

    /// Adds a converted batch's outcomes in line order, and empties it.
    mutating func drain(_ batch: inout RecordBatch, filename: String) {
        batch.drain { line, oversize, outcome in
            if let bytes = oversize {
                error("Record longer than \(options.maxRecordBytes) bytes skipped", filename, line: line,
                      detail: "line is at least \(bytes) bytes; raise maxRecordBytes to load it")
                return
            }
            if let outcome { add(outcome, filename: filename, line: line) }
        }
        batch.removeAll()
    }

    /// Adds one record's outcome: its asset (with warnings for fields of the wrong type), or
    /// the error that skipped it.
    mutating func add(_ outcome: consuming RecordBatch.Outcome, filename: String, line: Int) {
        switch consume outcome {
        case .error(let summary, let column, let detail):
            error(summary, filename, line: line, column: column, detail: detail)
        case .asset(let asset, let problems):
            for p in problems { warning("\(asset.name): \(p)", filename, line: line, detail: "the field is treated as unknown") }
            insert(asset, filename: filename, line: line)
        }
    }

    /// Records in an export, estimated from the file size and the lines in its first 64 KiB
    /// (0 when unknown). Only a capacity hint: a wrong guess costs memory or a regrowth, never
    /// correctness; it is bounded by one record per 64 bytes of file.
    static func estimatedRecords(fd: Int32, head: [UInt8]) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return 0 }
        guard let last = head.lastIndex(of: 0x0A) else { return 0 }
        let lines = head[...last].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let size = Int(st.st_size)
        let estimate = size / max((last + 1) / lines, 1)
        return min(estimate + estimate / 32 + 16, size / 64 + 1)
    }

    mutating func loadDocument(_ bytes: [UInt8], filename: String, entry: EvidenceManifest.Entry?) {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 || bytes[i] == 0xEF
            || bytes[i] == 0xBB || bytes[i] == 0xBF { i += 1 }
        if i == bytes.count {
            error("\(filename) is empty", filename)
            return
        }
        if bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "{") {
            switch JSONReader.parse(bytes) {
            case .failure(let f):
                let pos = LineTable(filename: filename, bytes: bytes).position(of: f.offset)
                error("Invalid JSON: \(f.message)", filename, line: pos.line, column: pos.column)
            case .success(let v):
                let table = LineTable(filename: filename, bytes: bytes)
                if case .tuple(let elements) = v {
                    // One record per element; element lines located by a byte scan.
                    let starts = ArrayElementScanner.elementOffsets(bytes)
                    for (n, e) in elements.enumerated() {
                        let line = n < starts.count ? table.position(of: starts[n]).line : 1
                        addDocument(e, filename: filename, line: line, record: n + 1, entry: entry, inArray: true)
                    }
                } else {
                    addDocument(v, filename: filename, line: 1, record: nil, entry: entry, inArray: false)
                }
            }
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let (docs, failure) = YAMLReader.documents(text, maxNodes: options.maxYAMLNodes)
        for (n, d) in docs.enumerated() {
            addDocument(d.value, filename: filename, line: d.line, record: docs.count > 1 ? n + 1 : nil, entry: entry, inArray: false)
        }
        if let f = failure {
            error("Invalid YAML: \(f.message)", filename, line: f.line, column: f.column,
                  detail: docs.isEmpty ? "" : "the documents before it loaded")
        }
    }

    /// Classifies a document (or array element) and loads it.
    mutating func addDocument(
        _ v: Value, filename: String, line: Int, record: Int?, entry: EvidenceManifest.Entry?, inArray: Bool
    ) {
        switch DocumentShape.classify(v) {
        case .asset:
            addRecord(v, format: .caiAssetList, filename: filename, line: line, record: record, entry: entry)
            formats[filename] = formats[filename] ?? .caiAssetList
        case .apiPage:
            formats[filename] = .caiAPIPage
            for (n, a) in (v["assets"]?.elements ?? []).enumerated() {
                addRecord(a, format: .caiAPIPage, filename: filename, line: line, record: n + 1, entry: entry)
            }
        case .sqlInstance, .redisInstance, .bucket, .bucketRaw:
            let shape = DocumentShape.classify(v)
            let (asset, problems) = GcloudDescribe.asset(
                from: v, shape: shape, provenance: FileProvenance(path: filename, line: line, record: record, format: shape.format),
                project: entry?.project, environment: entry?.environment)
            formats[filename] = shape.format
            for p in problems { warning(p, filename, line: line) }
            if let asset { insert(asset, filename: filename, line: line) }
        case .iamPolicy:
            formats[filename] = .iamPolicy
            var problems: [String] = []
            let policy = IAMPolicyReader.policy(from: v, problems: &problems)
            for p in problems { warning("IAM policy: \(p)", filename, line: line) }
            let binding = options.iamPolicyBindings.first { $0.path == filename }
            let target = binding.map { ($0.resource, $0.assetType) } ?? entry?.resource.flatMap { IAMPolicyBinding.resolve($0) }
            guard let (name, type) = target else {
                error("IAM policy in \(filename) is not bound to a resource", filename, line: line,
                      detail: "name it with --iam-policy RESOURCE=\(filename) (e.g. projects/my-project=\(filename)) or in tollgate-evidence.yaml")
                return
            }
            collection.bind(policy: policy, to: name, assetType: type, from: FileLocation(path: filename, line: line))
        case .manifest:
            formats[filename] = .evidenceManifest
            loadManifest(v, filename: filename)
        case .unknown(let reason):
            error("Unrecognised input \(inArray ? "element" : "file"): \(reason)", filename, line: line,
                  detail: "expected a CAI export (NDJSON, JSON array or API page), gcloud sql/redis/storage describe output, an IAM policy, or tollgate-evidence.yaml")
        }
    }

    /// A CAI record (snake_case or camelCase envelope).
    mutating func addRecord(
        _ v: Value, format: InputFormat, filename: String, line: Int, record: Int?, entry: EvidenceManifest.Entry?
    ) {
        guard let e = CAIRecord.envelope(of: v) else {
            error("Record \(record ?? line) skipped: a record must be a JSON object, got \(v.typeName)", filename, line: line)
            return
        }
        addEnvelope(e, format: format, filename: filename, line: line, record: record, entry: entry)
    }

    mutating func addEnvelope(
        _ e: CAIRecord.Envelope, format: InputFormat, filename: String, line: Int, record: Int?, entry: EvidenceManifest.Entry?
    ) {
        let prov = FileProvenance(path: filename, line: line, record: record, format: format)
        switch CAIRecord.asset(from: e, provenance: prov) {
        case .failure(let message):
            error("Record \(record ?? line) skipped: \(message)", filename, line: line)
        case .success(let (asset, problems)):
            var asset = asset
            if let env = entry?.environment, asset.environment == nil { asset.environment = env }
            for p in problems { warning("\(asset.name): \(p)", filename, line: line, detail: "the field is treated as unknown") }
            insert(asset, filename: filename, line: line)
        }
    }

    mutating func insert(_ asset: consuming Asset, filename: String, line: Int) {
        if !AssetTypes.known.contains(asset.assetType), unknownTypes.insert(asset.assetType).inserted {
            diagnostics.append(Diagnostic(
                severity: .note, summary: "Asset type \(asset.assetType) is loaded but no built-in policy covers it",
                detail: "first seen as \(asset.name)", range: Self.range(filename, line: line, column: 1)))
        }
        if let dup = collection.insert(asset) {
            warning(dup, filename, line: line)
        }
    }

    mutating func loadManifest(_ v: Value, filename: String) {
        let (manifest, problems) = EvidenceManifest.parse(v)
        for p in problems { warning("Evidence manifest: \(p)", filename) }
        let dir = (filename as NSString).deletingLastPathComponent
        for e in manifest.files {
            let path = e.path.hasPrefix("/") || dir.isEmpty ? e.path : dir + "/" + e.path
            let before = diagnostics.count
            loadFile(path, entry: e)
            if let kind = e.kind, let got = formats[path], got != kind, diagnostics.count == before {
                warning("\(e.path) is listed as \(kind.rawValue) but its content is \(got.rawValue)", filename)
            }
        }
    }
}

/// Splits NDJSON into lines across chunk boundaries, over bytes. Lines longer than the limit
/// are skipped without being buffered (only their length is counted).
struct NDJSONSplitter {
    enum Record {
        case line(Int, UnsafeBufferPointer<UInt8>)
        case oversize(line: Int, bytes: Int)
    }

    let maxRecordBytes: Int
    private var carry: [UInt8] = []
    private var line = 0
    /// Lines seen so far.
    var lineCount: Int { line }
    private var skipping = false
    private var skipped = 0
    private(set) var recordCount = 0

    init(maxRecordBytes: Int) { self.maxRecordBytes = maxRecordBytes }

    mutating func feed(_ bytes: ArraySlice<UInt8>, _ emit: (Record) -> Void) {
        bytes.withUnsafeBufferPointer { feed(buffer: $0, emit) }
    }

    mutating func feed(buffer: UnsafeBufferPointer<UInt8>, _ emit: (Record) -> Void) {
        var start = 0
        let n = buffer.count
        while start < n {
            // memchr-speed search for the newline.
            let remaining = n - start
            let found = memchr(buffer.baseAddress! + start, 0x0A, remaining)
            guard let p = found else {
                append(UnsafeBufferPointer(rebasing: buffer[start..<n]), emit)
                return
            }
            let end = buffer.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            let piece = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if carry.isEmpty, !skipping {
                line += 1
                emitLine(piece, emit)
            } else {
                append(piece, emit)
                endCarried(emit)
            }
            start = end + 1
        }
    }

    mutating func finish(_ emit: (Record) -> Void) {
        if !carry.isEmpty || skipping { endCarried(emit) }
    }

    private mutating func append(_ piece: UnsafeBufferPointer<UInt8>, _ emit: (Record) -> Void) {
        if skipping {
            skipped += piece.count
            return
        }
        if carry.count + piece.count > maxRecordBytes {
            skipping = true
            skipped = carry.count + piece.count
            carry = []
            return
        }
        carry.append(contentsOf: piece)
    }

    private mutating func endCarried(_ emit: (Record) -> Void) {
        line += 1
        if skipping {
            recordCount += 1
            emit(.oversize(line: line, bytes: skipped))
            skipping = false
            skipped = 0
            return
        }
        let c = carry
        carry = []
        c.withUnsafeBufferPointer { emitLine($0, emit) }
    }

    private mutating func emitLine(_ piece: UnsafeBufferPointer<UInt8>, _ emit: (Record) -> Void) {
        var e = piece.count
        if e > 0, piece[e - 1] == 0x0D { e -= 1 }  // CRLF
        var blank = true
        for i in 0..<e where piece[i] != 0x20 && piece[i] != 0x09 {
            blank = false
            break
        }
        if blank { return }
        recordCount += 1
        if e > maxRecordBytes {
            emit(.oversize(line: line, bytes: e))
            return
        }
        emit(.line(line, UnsafeBufferPointer(rebasing: piece[0..<e])))
    }
}

/// Byte offsets where the elements of a top-level JSON array start (for line numbers).
enum ArrayElementScanner {
    static func elementOffsets(_ b: [UInt8]) -> [Int] {
        var out: [Int] = []
        var depth = 0, inString = false, escape = false, expectElement = false
        for i in b.indices {
            let c = b[i]
            if inString {
                if escape { escape = false } else if c == 0x5C { escape = true } else if c == 0x22 { inString = false }
                continue
            }
            if expectElement, c != 0x20, c != 0x0A, c != 0x0D, c != 0x09 {
                if c != UInt8(ascii: "]") { out.append(i) }
                expectElement = false
            }
            switch c {
            case 0x22: inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1, c == UInt8(ascii: "[") { expectElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectElement = true }
            default: break
            }
        }
        return out
    }
}
