import ArgumentParser
import Foundation
import HCL

/// `tollgate hcl ...`: tools for the HCL front end.
struct HCLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hcl",
        abstract: "Inspect how Tollgate reads HCL files.",
        subcommands: [Dump.self, Bench.self]
    )

    /// `tollgate hcl dump FILE...`: one JSON line per file in the hcl-oracle's format.
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one canonical JSON line per file (the format of ../shared/tools/hcl-oracle).")

        @Argument(help: "HCL native-syntax files.")
        var files: [String]

        func run() throws {
            var status: Int32 = 0
            var out = ""
            out.reserveCapacity(1 << 16)
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("open \(path): no such file or not readable\n".utf8))
                    status = 2
                    continue
                }
                out += OracleDump.line(bytes: [UInt8](data), path: path)
                out += "\n"
                if out.utf8.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// `tollgate hcl bench FILE...`: parse-only throughput on one core (for Benchmarks/hcl).
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure parse-only throughput (MB/s, one thread) over the given files.",
            shouldDisplay: false)

        @Option(help: "Repeat the whole set this many times.")
        var iterations = 20

        @Argument(help: "HCL native-syntax files.")
        var files: [String]

        func run() throws {
            let inputs = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
            let bytes = inputs.reduce(0) { $0 + $1.count }
            var nodes = 0
            // Thread CPU time as well as wall time: on a loaded shared machine the wall time
            // measures the scheduler, the CPU time measures the parser.
            func cpuNow() -> Double {
                var ts = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
                return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
            }
            let cpuStart = cpuNow()
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for _ in 0..<iterations {
                    for (i, input) in inputs.enumerated() {
                        let (file, _) = Parser.parse(bytes: input, filename: files[i])
                        nodes &+= file.body.attributes.count &+ file.body.blocks.count
                    }
                }
            }
            let cpu = cpuNow() - cpuStart
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let mb = Double(bytes * iterations) / 1_000_000
            print(String(format: "parsed %d files, %.2f MB x %d: wall %.3f s = %.1f MB/s; thread CPU %.3f s = %.1f MB/s (%d top-level items)",
                         inputs.count, Double(bytes) / 1_000_000, iterations, seconds, mb / seconds, cpu, mb / cpu,
                         nodes / max(iterations, 1)))
        }
    }
}
