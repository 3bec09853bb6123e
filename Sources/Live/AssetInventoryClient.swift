import Foundation
import HCL

/// What `assets.list` returns (`contentType`): resource metadata or IAM policies. Tollgate
/// asks for both and merges them per asset name.
public enum AssetContentType: String, Sendable, Hashable, CaseIterable {
    case resource = "RESOURCE"
    case iamPolicy = "IAM_POLICY"
}

/// One page as the client saw it.
public struct AssetPage: Sendable {
    /// Each a JSON object with at least `name` and `assetType` (camelCase, as the API sends).
    public var assets: [Value]
    public var nextPageToken: String?
    public var readTime: String?
    public var exchange: HTTPExchange
}

/// Cloud Asset Inventory v1 `assets.list`:
/// `GET {endpoint}/v1/{parent}/assets?contentType=&pageSize=&pageToken=&assetTypes=&readTime=`
/// answered by `{"readTime": ..., "assets": [Asset], "nextPageToken": ...}` (an empty page
/// omits `assets`; the last page omits `nextPageToken` or sends it empty).
public struct AssetInventoryClient: Sendable {
    public let http: HTTPClient
    public let tokens: (any AccessTokenSource)?
    public let endpoint: URL
    /// 1...1000; the API's default is 100 and its maximum 1000.
    public let pageSize: Int
    /// Asset types (or RE2 patterns) to list; empty lists all.
    public let assetTypes: [String]
    /// RFC 3339 snapshot time; nil for now.
    public let readTime: String?
    /// Pages of one listing before the client stops (never loop forever on a server that
    /// keeps answering with new tokens): 100,000 pages of 1,000 assets.
    public let maxPages: Int

    public init(http: HTTPClient, tokens: (any AccessTokenSource)?, endpoint: URL, pageSize: Int = 1000,
                assetTypes: [String] = [], readTime: String? = nil, maxPages: Int = 100_000) {
        self.http = http
        self.tokens = tokens
        self.endpoint = endpoint
        self.pageSize = min(1000, max(1, pageSize))
        self.assetTypes = assetTypes
        self.readTime = readTime
        self.maxPages = maxPages
    }

    /// The URL of one page request.
    public func pageURL(parent: String, contentType: AssetContentType, pageToken: String?, assetTypes: [String]? = nil) -> URL {
        var query = "contentType=\(contentType.rawValue)&pageSize=\(pageSize)"
        for t in assetTypes ?? self.assetTypes { query += "&assetTypes=" + HTTPRequestSpec.formEncode(t) }
        if let readTime { query += "&readTime=" + HTTPRequestSpec.formEncode(readTime) }
        if let pageToken, !pageToken.isEmpty { query += "&pageToken=" + HTTPRequestSpec.formEncode(pageToken) }
        let path = parent.split(separator: "/").map { HTTPRequestSpec.formEncode(String($0)) }.joined(separator: "/")
        return URL(string: Endpoints.join(endpoint, "v1/\(path)/assets") + "?" + query)!
    }

    /// Fetches and parses one page.
    public func page(parent: String, contentType: AssetContentType, pageToken: String?, assetTypes: [String]? = nil,
                     onRetry: (@Sendable (RetryRecord) -> Void)? = nil) async throws -> AssetPage {
        let url = pageURL(parent: parent, contentType: contentType, pageToken: pageToken, assetTypes: assetTypes)
        let exchange = try await http.send(HTTPRequestSpec(url: url, headers: [("Accept", "application/json")]),
                                           auth: tokens, onRetry: onRetry)
        return try Self.parsePage(exchange, url: url)
    }

    static func parsePage(_ exchange: HTTPExchange, url: URL) throws -> AssetPage {
        let root: Value
        switch exchange.response.body.withUnsafeBytes({ raw in
            JSONReader.parse(buffer: raw.bindMemory(to: UInt8.self))
        }) {
        case .success(let v): root = v
        case .failure(let f):
            throw LiveError.malformedResponse(url: url.absoluteString, detail: "invalid JSON at byte \(f.offset): \(f.message)")
        }
        guard root.attributes != nil else {
            throw LiveError.malformedResponse(url: url.absoluteString, detail: "expected a JSON object")
        }
        var assets: [Value] = []
        if let list = root["assets"], !list.isNull {
            guard let elements = list.elements else {
                throw LiveError.malformedResponse(url: url.absoluteString, detail: "\"assets\" is not an array")
            }
            assets.reserveCapacity(elements.count)
            for (i, a) in elements.enumerated() {
                guard a["name"]?.stringValue?.isEmpty == false, a["assetType"]?.stringValue != nil else {
                    throw LiveError.malformedResponse(url: url.absoluteString, detail: "assets[\(i)] has no name or assetType")
                }
                assets.append(a)
            }
        }
        let next = root["nextPageToken"]?.stringValue
        return AssetPage(assets: assets, nextPageToken: next?.isEmpty == false ? next : nil,
                         readTime: root["readTime"]?.stringValue, exchange: exchange)
    }

    /// What one complete listing took.
    public struct Listing: Sendable {
        public var assets: [Value] = []
        public var pages = 0
        public var requests = 0
        public var retries: [RetryRecord] = []
        public var readTime: String?
    }

    /// Every page of one listing. `onPage` sees each page's asset count.
    public func list(parent: String, contentType: AssetContentType, assetTypes: [String]? = nil,
                     onPage: (@Sendable (Int) -> Void)? = nil,
                     onRetry: (@Sendable (RetryRecord) -> Void)? = nil) async throws -> Listing {
        var listing = Listing()
        var token: String?
        var seen = Set<String>()
        repeat {
            try Task.checkCancellation()
            let page = try await self.page(parent: parent, contentType: contentType, pageToken: token,
                                           assetTypes: assetTypes, onRetry: onRetry)
            listing.pages += 1
            listing.requests += page.exchange.attempts
            listing.retries += page.exchange.retries
            listing.assets += page.assets
            if listing.readTime == nil { listing.readTime = page.readTime }
            onPage?(page.assets.count)
            token = page.nextPageToken
            if let t = token {
                guard seen.insert(t).inserted else {
                    throw LiveError.malformedResponse(url: pageURL(parent: parent, contentType: contentType, pageToken: t).absoluteString,
                                                      detail: "the server repeated a page token (paging would never end)")
                }
                guard listing.pages < maxPages else {
                    throw LiveError.malformedResponse(url: pageURL(parent: parent, contentType: contentType, pageToken: t).absoluteString,
                                                      detail: "more than \(maxPages) pages")
                }
            }
        } while token != nil
        return listing
    }
}
