import Crypto
import _CryptoExtras
import Foundation
import HCL

/// A JSON Web Token signed with RS256 (RFC 7519, RFC 7515; "RS256" is RSASSA-PKCS1-v1_5
/// with SHA-256, RFC 7518 §3.3), as Google's token endpoint wants for the service-account
/// JWT-bearer grant (RFC 7523).
public enum JWT {
    /// `base64url(header).base64url(claims).base64url(signature)`.
    /// `header` and `claims` are JSON object texts, signed as given.
    public static func signRS256(header: String, claims: String, privateKeyPEM: String) throws -> String {
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw LiveError.configuration("private_key is not a usable RSA key in PEM form (\(error))")
        }
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let signature = try key.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
        return signingInput + "." + base64URL(signature.rawRepresentation)
    }

    /// The service-account assertion: header `{"alg","typ","kid"}`, claims `iss`, `scope`,
    /// `aud` (the token endpoint), `iat`, `exp` (one hour later, the maximum Google accepts).
    public static func serviceAccountAssertion(clientEmail: String, privateKeyID: String?, privateKeyPEM: String,
                                               scopes: [String], audience: String, issuedAt: Date) throws -> String {
        var header = "{\"alg\":\"RS256\",\"typ\":\"JWT\""
        if let privateKeyID {
            header += ",\"kid\":"
            json(privateKeyID, into: &header)
        }
        header += "}"
        let iat = Int(issuedAt.timeIntervalSince1970)
        var claims = "{\"iss\":"
        json(clientEmail, into: &claims)
        claims += ",\"scope\":"
        json(scopes.joined(separator: " "), into: &claims)
        claims += ",\"aud\":"
        json(audience, into: &claims)
        claims += ",\"iat\":\(iat),\"exp\":\(iat + 3600)}"
        return try signRS256(header: header, claims: claims, privateKeyPEM: privateKeyPEM)
    }

    private static func json(_ s: String, into out: inout String) {
        // JSON string escaping; `<`, `>`, `&` escaping is harmless here.
        Value.writeJSONString(s, to: &out)
    }

    public static func base64URL(_ data: Data) -> String {
        var s = data.base64EncodedString()
        s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }

    public static func base64URLDecode(_ s: some StringProtocol) -> Data? {
        var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while t.count % 4 != 0 { t += "=" }
        return Data(base64Encoded: t)
    }
}
