import Testing
@testable import Live

struct ShardTests {
    @Test(arguments: [("0/1", 0, 1), ("2/5", 2, 5), (" 3 / 4 ", 3, 4)])
    func parses(text: String, index: Int, count: Int) throws {
        let s = try Shard(parsing: text)
        #expect([s.index, s.count] as [Int] == [index, count])
    }

    @Test(arguments: ["", "1", "1/0", "4/4", "-1/3", "a/b", "1/2/3"])
    func rejects(text: String) {
        #expect(throws: LiveError.self) { try Shard(parsing: text) }
    }

    @Test func roundRobinOverTheSortedList() throws {
        let projects = ["p05", "p01", "p03", "p02", "p04", "p01", "p06", "p07"]
        let shards = try (0..<3).map { try Shard(index: $0, count: 3).select(projects) }
        #expect(shards == [["p01", "p04", "p07"], ["p02", "p05"], ["p03", "p06"]])
        #expect(Set(shards.flatMap { $0 }).count == 7)
    }

    @Test func cloudRunTaskVariablesAreReadWhenNoFlagIsGiven() throws {
        let env = ["CLOUD_RUN_TASK_INDEX": "3", "CLOUD_RUN_TASK_COUNT": "50"]
        #expect(try Shard.resolve(flag: nil, environment: env) == Shard(index: 3, count: 50))
        #expect(try Shard.resolve(flag: "1/2", environment: env) == Shard(index: 1, count: 2))
        #expect(try Shard.resolve(flag: nil, environment: [:]) == nil)
        #expect(try Shard.resolve(flag: nil, environment: ["CLOUD_RUN_TASK_INDEX": "0", "CLOUD_RUN_TASK_COUNT": "1"]) == nil)
        #expect(throws: LiveError.self) { try Shard.resolve(flag: nil, environment: ["CLOUD_RUN_TASK_INDEX": "x", "CLOUD_RUN_TASK_COUNT": "2"]) }
    }
}
