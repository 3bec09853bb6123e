import HCL

/// IP network functions (Terraform `lang/funcs/cidr.go`, built on go-cidr), for IPv4 and IPv6.
enum IPFunctions {
    static let all: [String: Function] = [
        "cidrhost": Function("prefix", "hostnum") { a throws(FunctionError) in
            let net = try CIDR.parse(try Arg.string(a, 0, "prefix"), argument: 0)
            let n = try Arg.int(a, 1, "hostnum")
            let hostBits = net.bits - net.prefix
            let size: UInt128 = hostBits >= 128 ? UInt128.max : (UInt128(1) << hostBits)
            // A negative host number counts back from the end of the range (-1 is the last address).
            let mag = UInt128(n.magnitude)
            let fits = hostBits >= 64 || (n >= 0 ? mag < size : mag <= size)
            guard fits else {
                throw FunctionError("prefix of \(net.prefix) does not accommodate a host numbered \(n)", argument: 1)
            }
            let offset: UInt128 = n >= 0 ? mag : size &- mag
            return .string(CIDR.format(net.base &+ offset, bits: net.bits))
        },
        "cidrnetmask": Function("prefix") { a throws(FunctionError) in
            let net = try CIDR.parse(try Arg.string(a, 0, "prefix"), argument: 0)
            guard net.bits == 32 else {
                throw FunctionError("only IPv4 networks are supported", argument: 0)
            }
            return .string(CIDR.format(CIDR.mask(net.prefix, bits: 32), bits: 32))
        },
        "cidrsubnet": Function("prefix", "newbits", "netnum") { a throws(FunctionError) in
            let net = try CIDR.parse(try Arg.string(a, 0, "prefix"), argument: 0)
            let newbits = try Arg.int(a, 1, "newbits"), num = try Arg.int(a, 2, "netnum")
            let newPrefix = net.prefix + newbits
            guard newbits >= 0, newPrefix <= net.bits else {
                throw FunctionError("insufficient address space to extend prefix of \(net.prefix) by \(newbits)", argument: 1)
            }
            guard num >= 0, newbits >= 64 || UInt64(num) < (UInt64(1) << UInt64(newbits)) else {
                throw FunctionError("prefix extension of \(newbits) does not accommodate a subnet numbered \(num)", argument: 2)
            }
            let shift = net.bits - newPrefix
            let base = net.base | (shift >= 128 ? 0 : UInt128(num) << shift)
            return .string(CIDR.format(base, bits: net.bits) + "/\(newPrefix)")
        },
        "cidrsubnets": Function(parameters: [.init("prefix")], variadic: .init("newbits")) { a throws(FunctionError) in
            let net = try CIDR.parse(try Arg.string(a, 0, "prefix"), argument: 0)
            var out: [Value] = []
            // Consecutive allocation: each subnet starts at the first address after the previous
            // one, rounded up to its own alignment (go-cidr NextSubnet).
            var next = net.base
            let end = net.base | ~CIDR.mask(net.prefix, bits: net.bits) & CIDR.all(net.bits)
            var exhausted = false
            for i in a.indices.dropFirst() {
                let newbits = try Arg.int(a, i, "newbits")
                let length = net.prefix + newbits
                guard newbits >= 1, length <= net.bits else {
                    throw FunctionError("would extend prefix to \(length) bits, which is too long for an IPv\(net.bits == 32 ? 4 : 6) address", argument: i)
                }
                let size: UInt128 = UInt128(1) << (net.bits - length)
                let aligned = (next &+ size &- 1) / size &* size
                guard !exhausted, aligned >= next, aligned <= end, aligned &+ (size &- 1) <= end else {
                    throw FunctionError("not enough remaining address space for a subnet with a prefix of \(length) bits after \(out.last?.stringValue ?? CIDR.format(net.base, bits: net.bits) + "/\(net.prefix)")", argument: i)
                }
                out.append(.string(CIDR.format(aligned, bits: net.bits) + "/\(length)"))
                let last = aligned &+ (size &- 1)
                if last == end { exhausted = true } else { next = last &+ 1 }
            }
            return .list(out)
        },
    ]
}

/// An IP network in CIDR notation, addresses as 128-bit integers (IPv4 in the low 32 bits).
struct CIDR {
    var base: UInt128
    var prefix: Int
    var bits: Int

    static func all(_ bits: Int) -> UInt128 { bits == 128 ? UInt128.max : (UInt128(1) << bits) - 1 }

    static func mask(_ prefix: Int, bits: Int) -> UInt128 {
        all(bits) & ~all(bits - prefix)
    }

    /// Parses `a.b.c.d/n` or an IPv6 prefix; the address is masked to the network (as Go's
    /// `net.ParseCIDR` returns the network). IPv4 octets with leading zeros are decimal, a
    /// documented historical quirk of Terraform's parser.
    static func parse(_ s: String, argument: Int) throws(FunctionError) -> CIDR {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let p = Int(parts[1]), parts[1].allSatisfy(\.isASCII) else {
            throw FunctionError("invalid CIDR expression: invalid CIDR address: \(s)", argument: argument)
        }
        let addr = String(parts[0])
        let bits: Int
        let value: UInt128
        if let v4 = parseIPv4(addr) {
            bits = 32
            value = UInt128(v4)
        } else if let v6 = parseIPv6(addr) {
            bits = 128
            value = v6
        } else {
            throw FunctionError("invalid CIDR expression: invalid CIDR address: \(s)", argument: argument)
        }
        guard p >= 0, p <= bits else {
            throw FunctionError("invalid CIDR expression: invalid CIDR address: \(s)", argument: argument)
        }
        return CIDR(base: value & mask(p, bits: bits), prefix: p, bits: bits)
    }

    static func parseIPv4(_ s: String) -> UInt32? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var v: UInt32 = 0
        for o in octets {
            guard !o.isEmpty, o.count <= 3, o.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt32(o), n <= 255 else { return nil }
            v = v << 8 | n
        }
        return v
    }

    static func parseIPv6(_ s: String) -> UInt128? {
        guard s.contains(":") else { return nil }
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parseGroups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(String(piece)) else { return nil }
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let g = UInt16(piece, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let head = parseGroups(halves[0]) else { return nil }
        groups = head
        if halves.count == 2 {
            sawGap = true
            guard let t = parseGroups(halves[1]) else { return nil }
            tail = t
        }
        let total = groups.count + tail.count
        if sawGap { guard total < 8 else { return nil } } else { guard total == 8 else { return nil } }
        let all = groups + [UInt16](repeating: 0, count: 8 - total) + tail
        var v: UInt128 = 0
        for g in all { v = v << 16 | UInt128(g) }
        return v
    }

    /// Dotted quad for IPv4; RFC 5952 text for IPv6 (as Go's `net.IP.String`).
    static func format(_ v: UInt128, bits: Int) -> String {
        if bits == 32 {
            let x = UInt32(truncatingIfNeeded: v)
            return "\(x >> 24).\(x >> 16 & 0xFF).\(x >> 8 & 0xFF).\(x & 0xFF)"
        }
        var g: [UInt16] = []
        for i in stride(from: 7, through: 0, by: -1) { g.append(UInt16(truncatingIfNeeded: v >> (16 * i))) }
        // Longest run of zero groups (length >= 2) becomes "::".
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if g[i] == 0 {
                var j = i
                while j < 8, g[j] == 0 { j += 1 }
                if j - i > bestLen { bestStart = i; bestLen = j - i }
                i = j
            } else {
                i += 1
            }
        }
        if bestLen < 2 { bestStart = -1 }
        var out = ""
        i = 0
        while i < 8 {
            if i == bestStart {
                out += "::"
                i += bestLen
                continue
            }
            if !out.isEmpty, !out.hasSuffix(":") { out += ":" }
            out += String(g[i], radix: 16)
            i += 1
        }
        return out
    }
}
