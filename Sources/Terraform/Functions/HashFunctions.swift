import Crypto
import Foundation
import HCL

/// Hash functions (Terraform `lang/funcs/crypto.go`): hex digests in lower case, and the
/// Base64 forms of the raw digests. Strings are hashed as their UTF-8 bytes.
enum HashFunctions {
    static let all: [String: Function] = [
        "md5": hex { Data(Insecure.MD5.hash(data: $0)) },
        "sha1": hex { Data(Insecure.SHA1.hash(data: $0)) },
        "sha256": hex { Data(SHA256.hash(data: $0)) },
        "sha512": hex { Data(SHA512.hash(data: $0)) },
        "base64sha256": base64 { Data(SHA256.hash(data: $0)) },
        "base64sha512": base64 { Data(SHA512.hash(data: $0)) },
    ]

    static func hexString(_ d: Data) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(d.count * 2)
        for b in d {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0xF)])
        }
        return s
    }

    private static func hex(_ digest: @escaping @Sendable (Data) -> Data) -> Function {
        Function("str") { a throws(FunctionError) in
            .string(hexString(digest(Data(try Arg.string(a, 0, "str").utf8))))
        }
    }

    private static func base64(_ digest: @escaping @Sendable (Data) -> Data) -> Function {
        Function("str") { a throws(FunctionError) in
            .string(digest(Data(try Arg.string(a, 0, "str").utf8)).base64EncodedString())
        }
    }
}
