// CEL evaluation benchmark (run by hand; see run.sh). Compiles against Sources/CEL directly.
// Usage: cel-bench [typical|strict|engine|engine-strict|compile|regex ...] [--assets N] [--repeat R]
//        [--activation dict|slots] [--shape k]   (`--shape k`: only the strict policies of shape k)
// Every timed section runs R times and reports the best and the median wall and thread CPU
// time (the build machine is shared, so single runs are noisy).
import Foundation

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var sections: Set<String> = []
var assetCount = 100_000
var repeats = 3
var activations: Set<String> = ["dict", "slots"]
/// `--shape k`: only the strict policies of shape k (to attribute cost per shape).
var onlyShape: Int? = nil
var argi = 1
let argv = CommandLine.arguments
while argi < argv.count {
    switch argv[argi] {
    case "--assets": argi += 1; assetCount = Int(argv[argi])!
    case "--repeat": argi += 1; repeats = Int(argv[argi])!
    case "--activation": argi += 1; activations = [argv[argi]]
    case "--shape": argi += 1; onlyShape = Int(argv[argi])!
    default: sections.insert(argv[argi])
    }
    argi += 1
}
if sections.isEmpty { sections = ["typical", "strict", "engine", "engine-strict", "compile", "regex"] }

/// CPU time of this thread (what "on one core" means on a shared machine: waiting for the
/// core is not counted).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` `repeats` times; returns best and median wall seconds, and best and median
/// thread CPU seconds.
func timed(_ body: () -> Void) -> (best: Double, median: Double, cpuBest: Double, cpuMedian: Double) {
    var ts: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<repeats {
        let t0 = now(), c0 = cpuNow()
        body()
        ts.append(now() - t0)
        cpu.append(cpuNow() - c0)
    }
    ts.sort()
    cpu.sort()
    return (ts[0], ts[ts.count / 2], cpu[0], cpu[cpu.count / 2])
}

func report(_ label: String, _ t: (best: Double, median: Double, cpuBest: Double, cpuMedian: Double), evaluations: Int, extra: String = "") {
    print(String(format: "%@: best %.3f s, median %.3f s; CPU best %.3f s, median %.3f s (%d evaluations, best %.3f µs/eval)%@",
                 label, t.best, t.median, t.cpuBest, t.cpuMedian, evaluations, t.best / Double(evaluations) * 1e6, extra))
}

var sink = 0

/// The policies of one asset (not inlined, so callgrind's inclusive cost of this function is
/// evaluation alone: `valgrind --tool=callgrind … strict --activation slots`).
@inline(never) func strictFalses(_ policies: [CELProgram], _ v: CELSlotActivation) -> Int {
    var fails = 0
    for policy in policies {
        if case .bool(false) = policy.value(v) { fails += 1 }
    }
    return fails
}

func sqlAsset(_ i: Int) -> CELValue {
    .map([
        "name": .string("projects/p/instances/db-\(i)"),
        "settings": .map([
            "tier": .string(i % 3 == 0 ? "db-f1-micro" : "db-custom-2-7680"),
            "ipConfiguration": .map([
                "ipv4Enabled": .bool(i % 7 == 0),
                "privateNetwork": .string("projects/p/global/networks/vpc"),
                "requireSsl": .bool(i % 2 == 0),
                "authorizedNetworks": .list([.map(["value": "10.0.0.0/8"]), .map(["value": i % 11 == 0 ? "0.0.0.0/0" : "192.168.0.0/16"])]),
            ]),
            "backupConfiguration": .map(["enabled": .bool(true), "retainedBackups": .int(Int64(i % 14))]),
            "userLabels": .map(["env": "prod", "team": "data"]),
            "databaseFlags": .list([.map(["name": "log_connections", "value": "on"])]),
        ]),
        "deletionProtection": .bool(i % 5 != 0),
        "databaseVersion": "POSTGRES_16",
    ])
}

let typical = "!resource.settings.ipConfiguration.ipv4Enabled && has(resource.settings.ipConfiguration.privateNetwork) && resource.settings.backupConfiguration.retainedBackups >= params.minRetention"

// 1. One typical 3-clause condition, repeatedly over one asset.
if sections.contains("typical") {
    let p = try! CELProgram.compile(typical).get()
    let params: CELValue = .map(["minRetention": .int(7), "exempt": .int(-1)])
    let vars: [String: CELValue] = ["resource": sqlAsset(1), "params": params]
    for _ in 0..<10_000 { if case .bool(true) = p.value(vars) { sink += 1 } }
    let n = 1_000_000
    var t = timed { for _ in 0..<n { if case .bool(true) = p.value(vars) { sink += 1 } } }
    print(String(format: "typical 3-clause condition: best %.3f µs/eval, median %.3f (value only)", t.best / Double(n) * 1e6, t.median / Double(n) * 1e6))
    t = timed { for _ in 0..<n { if p.evaluate(vars).accessedPaths.count == 3 { sink += 1 } } }
    print(String(format: "typical 3-clause condition: best %.3f µs/eval, median %.3f (with accessed paths)", t.best / Double(n) * 1e6, t.median / Double(n) * 1e6))
}

// 2. Strict: 60 compiled policies × N Cloud SQL assets, every policy on every asset, one core.
if sections.contains("strict") {
    // 60 policies in the shapes the built-in pack uses (field tests, has(), optional defaults,
    // macros over lists, string functions, a regex).
    let shapes = [
        typical,
        "resource.deletionProtection == true",
        "resource.?settings.?ipConfiguration.?requireSsl.orValue(false)",
        "!resource.settings.ipConfiguration.authorizedNetworks.exists(n, n.value == '0.0.0.0/0')",
        "resource.settings.databaseFlags.exists(f, f.name == 'log_connections' && f.value == 'on')",
        "resource.settings.tier.startsWith('db-custom')",
        "resource.databaseVersion.matches('^POSTGRES_1[4-9]$')",
        "has(resource.settings.userLabels.env) && resource.settings.userLabels.env in ['dev', 'staging', 'prod']",
        "size(resource.settings.ipConfiguration.authorizedNetworks) <= 3",
        "resource.settings.backupConfiguration.enabled && resource.settings.backupConfiguration.retainedBackups >= 7",
    ]
    let layout = CELVariables(["resource", "params"])
    var policies: [CELProgram] = []
    for i in 0..<60 where onlyShape == nil || i % shapes.count == onlyShape {
        let src = shapes[i % shapes.count] + (i < shapes.count ? "" : " || params.exempt == \(i)")
        policies.append(try! CELProgram.compile(src, variables: layout).get())
    }
    let assets = (0..<assetCount).map(sqlAsset)
    let params: CELValue = .map(["minRetention": .int(7), "exempt": .int(-1)])
    var fails = 0
    if activations.contains("dict") {
        let t = timed {
            fails = 0
            for a in assets {
                let v: [String: CELValue] = ["resource": a, "params": params]
                for policy in policies {
                    if case .bool(false) = policy.value(v) { fails += 1 }
                }
            }
        }
        report("strict: 60 policies x \(assetCount) Cloud SQL assets, every pair, [String: CELValue] activation", t,
               evaluations: policies.count * assetCount, extra: ", \(fails) false")
    }
    if activations.contains("slots") {
        let t = timed {
            fails = 0
            for a in assets {
                fails += strictFalses(policies, CELSlotActivation(layout, [a, params]))
            }
        }
        report("strict: 60 policies x \(assetCount) Cloud SQL assets, every pair, CELSlotActivation", t,
               evaluations: policies.count * assetCount, extra: ", \(fails) false")
    }
}

// 3. Policy engine: N mixed CAI assets of ten types, each evaluated against the policies of its
// type (what a policy engine does); "engine-strict": every policy on every asset.
if sections.contains("engine") || sections.contains("engine-strict") {
    let layout = CELVariables(["resource", "asset", "params"])
    let policies = enginePolicies.map { (types: $0.types, program: try! CELProgram.compile($0.condition, variables: layout).get()) }
    var byType: [String: [CELProgram]] = [:]
    for p in policies { for t in p.types { byType[t, default: []].append(p.program) } }
    let assets = (0..<assetCount).map(benchAsset)
    let routed = assets.map { (a: $0, programs: byType[$0.type] ?? []) }
    let evaluations = routed.reduce(0) { $0 + $1.programs.count }
    var outcome: [String: Int] = [:]
    for (a, ps) in routed.prefix(10_000) {
        let v = CELSlotActivation(layout, [a.resource, a.asset, engineParams])
        for p in ps {
            switch p.value(v) {
            case .bool(let b): outcome[b ? "true" : "false", default: 0] += 1
            case .error(let e): outcome["error", default: 0] += 1; if outcome["error"]! <= 3 { print("  error: \(p.source): \(e)") }
            default: outcome["other", default: 0] += 1
            }
        }
    }
    print("engine outcomes over the first \(min(10_000, assetCount)) assets: \(outcome.sorted { $0.key < $1.key })")
    var fails = 0
    if sections.contains("engine") && activations.contains("dict") {
        let t = timed {
            fails = 0
            for (a, ps) in routed {
                let v: [String: CELValue] = ["resource": a.resource, "asset": a.asset, "params": engineParams]
                for p in ps { if case .bool(false) = p.value(v) { fails += 1 } }
            }
        }
        report("engine: \(assetCount) mixed assets x the policies of their type, [String: CELValue] activation", t,
               evaluations: evaluations, extra: ", \(fails) false")
    }
    if sections.contains("engine") && activations.contains("slots") {
        let t = timed {
            fails = 0
            for (a, ps) in routed {
                let v = CELSlotActivation(layout, [a.resource, a.asset, engineParams])
                for p in ps { if case .bool(false) = p.value(v) { fails += 1 } }
            }
        }
        report("engine: \(assetCount) mixed assets x the policies of their type, CELSlotActivation", t,
               evaluations: evaluations, extra: ", \(fails) false")
    }
    let all = policies.map(\.program)
    if sections.contains("engine-strict") && activations.contains("dict") {
        let t = timed {
            fails = 0
            for a in assets {
                let v: [String: CELValue] = ["resource": a.resource, "asset": a.asset, "params": engineParams]
                for p in all { if case .bool(false) = p.value(v) { fails += 1 } }
            }
        }
        report("engine, strict: 60 policies x \(assetCount) mixed assets, every pair, [String: CELValue] activation", t,
               evaluations: policies.count * assetCount, extra: ", \(fails) false")
    }
    if sections.contains("engine-strict") && activations.contains("slots") {
        let t = timed {
            fails = 0
            for a in assets {
                let v = CELSlotActivation(layout, [a.resource, a.asset, engineParams])
                for p in all { if case .bool(false) = p.value(v) { fails += 1 } }
            }
        }
        report("engine, strict: 60 policies x \(assetCount) mixed assets, every pair, CELSlotActivation", t,
               evaluations: policies.count * assetCount, extra: ", \(fails) false")
    }
}

// 4. Compilation.
if sections.contains("compile") {
    let t = timed { for _ in 0..<10_000 { _ = CELProgram.compile(typical) } }
    print(String(format: "compile typical condition: best %.1f µs, median %.1f µs", t.best / 10_000 * 1e6, t.median / 10_000 * 1e6))
}

// 5. Regex: pathological pattern over a long subject.
if sections.contains("regex") {
    let re = try! CELProgram.compile("s.matches('(a+)+$')").get()
    let long: [String: CELValue] = ["s": .string(String(repeating: "a", count: 100_000) + "b")]
    let t = timed { _ = re.value(long) }
    print(String(format: "(a+)+$ against 100,000 'a' + 'b': best %.1f ms, median %.1f ms", t.best * 1e3, t.median * 1e3))
}
if sink == -1 { print(sink) }
