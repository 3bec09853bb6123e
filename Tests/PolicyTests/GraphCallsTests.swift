import Testing
@testable import Policy

@Suite struct GraphCallsTests {
    @Test func expandsGraphCallsOutsideStrings() {
        let (out, calls, err) = GraphCalls.expand("size(assetsOfType('logging.googleapis.com/LogBucket')) > 0 && 'related(\\'x\\')' != '' && accountId(m) == 'a'")
        #expect(err == nil)
        let v = "__g_" + Fingerprint.digest("t:logging.googleapis.com/LogBucket").prefix(16)
        #expect(out == "size(\(v)) > 0 && 'related(\\'x\\')' != '' && ((m) in __accountIds ? __accountIds[m] : '') == 'a'")
        #expect(calls.variables == [v: .assetsOfType("logging.googleapis.com/LogBucket")])
        #expect(calls.usesAccountIDs)
    }

    @Test func nonLiteralArgumentIsAnError() {
        let (_, _, err) = GraphCalls.expand("related(kind).exists(x, true)")
        #expect(err == "related() takes a string literal, e.g. related('network')")
    }

    @Test func resourceChains() {
        #expect(GraphCalls.resourceChains("resource.?settings.?ipConfiguration.?ipv4Enabled.orValue(true) && p.resource.enabled")
                == [["settings", "ipConfiguration", "ipv4Enabled"], ["enabled"]])
        #expect(GraphCalls.resourceChains("'x' in resource") == nil)
        #expect(GraphCalls.resourceChains("'resource' == 'r'") == [])
    }
}
