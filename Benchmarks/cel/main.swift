// CEL evaluation benchmark (run by hand; see run.sh). Compiles against Sources/CEL directly.
import Foundation

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func asset(_ i: Int) -> CELValue {
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
var policies: [CELProgram] = []
for i in 0..<60 {
    let src = shapes[i % shapes.count] + (i < shapes.count ? "" : " || params.exempt == \(i)")
    policies.append(try! CELProgram.compile(src).get())
}

let assets = (0..<100_000).map(asset)
let params: CELValue = .map(["minRetention": .int(7), "exempt": .int(-1)])

// 1. One typical 3-clause condition, repeatedly over one asset.
let p = try! CELProgram.compile(typical).get()
let vars: [String: CELValue] = ["resource": assets[1], "params": params]
var sink = 0
for _ in 0..<10_000 { if case .bool(true) = p.value(vars) { sink += 1 } }
let n = 1_000_000
var t0 = now()
for _ in 0..<n { if case .bool(true) = p.value(vars) { sink += 1 } }
var dt = now() - t0
print(String(format: "typical 3-clause condition: %.3f µs/eval (value only)", dt / Double(n) * 1e6))
t0 = now()
for _ in 0..<n { if p.evaluate(vars).accessedPaths.count == 3 { sink += 1 } }
dt = now() - t0
print(String(format: "typical 3-clause condition: %.3f µs/eval (with accessed paths)", dt / Double(n) * 1e6))

// 2. 60 compiled policies × 100,000 assets, one core.
t0 = now()
var fails = 0
for a in assets {
    let v: [String: CELValue] = ["resource": a, "params": params]
    for policy in policies {
        if case .bool(false) = policy.value(v) { fails += 1 }
    }
}
dt = now() - t0
print(String(format: "60 policies x 100,000 assets: %.3f s (%d evaluations, %d false, %.3f µs/eval)", dt, 6_000_000, fails, dt / 6e6 * 1e6))

// 3. Compilation.
t0 = now()
for _ in 0..<10_000 { _ = CELProgram.compile(typical) }
dt = now() - t0
print(String(format: "compile typical condition: %.1f µs", dt / 10_000 * 1e6))

// 4. Regex: pathological pattern over a long subject.
let re = try! CELProgram.compile("s.matches('(a+)+$')").get()
let long: [String: CELValue] = ["s": .string(String(repeating: "a", count: 100_000) + "b")]
t0 = now()
_ = re.value(long)
dt = now() - t0
print(String(format: "(a+)+$ against 100,000 'a' + 'b': %.1f ms", dt * 1e3))
if sink == -1 { print(sink) }
