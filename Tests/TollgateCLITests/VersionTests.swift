import Testing

@Test func versionPrints() throws {
    let r = try TollgateProcess.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout == "0.1.0\n")
}
