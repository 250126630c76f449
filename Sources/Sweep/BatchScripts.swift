import CapacityModel
import Foundation

/// Batch-engine files that run a sweep's or a grouping's shards and merge them
/// (docs/sweep-format.md, docs/group-json.md): a Slurm job array with a dependent merge job, or a
/// Kubernetes Indexed Job with a merge Job.
public enum BatchScripts {
    /// What the shards run.
    public enum Work: Sendable, Equatable {
        /// `cloudplan sweep FILE --shard`, merged by `cloudplan merge` (JSON and CSV).
        case sweep
        /// `cloudplan group FILE --per-pool OPTIONS --shard`, merged by `group FILE OPTIONS --merge`
        /// (JSON and Markdown); `options` are the grouping's options as command-line words.
        case grouping(options: [String])
    }

    /// Where and how the shards run.
    public struct Settings: Sendable {
        /// The cloudplan executable, as the batch engine's nodes see it.
        public var cloudplan: String
        /// The sweep file, as the nodes see it.
        public var sweepFile: String
        /// The folder the parts, logs and merged results go to (shared by the nodes).
        public var workFolder: String
        public var shards: Int
        /// Threads per shard (`--jobs`; Slurm's `--cpus-per-task`, a Kubernetes CPU request).
        public var jobsPerShard: Int
        /// The sweep's name (job names) and fingerprint (comments).
        public var sweepName: String
        public var sweepSHA256: String
        /// Kubernetes only: the container image holding cloudplan and the inputs, and the
        /// persistent volume claim mounted at `workFolder`.
        public var image: String
        public var volumeClaim: String
        /// What the shards run (`sweepFile` is then the scenario).
        public var work: Work = .sweep

        public init(cloudplan: String, sweepFile: String, workFolder: String, shards: Int, jobsPerShard: Int, sweepName: String,
                    sweepSHA256: String, image: String = "cloudplan:latest", volumeClaim: String = "cloudplan-work") {
            self.cloudplan = cloudplan
            self.sweepFile = sweepFile
            self.workFolder = workFolder
            self.shards = shards
            self.jobsPerShard = jobsPerShard
            self.sweepName = sweepName
            self.sweepSHA256 = sweepSHA256
            self.image = image
            self.volumeClaim = volumeClaim
        }

        /// "Sweep" or "Grouping", for the files' comments.
        var what: String { work == .sweep ? "Sweep" : "Grouping" }
        /// The command that wrote the files.
        var command: String { work == .sweep ? "sweep" : "group" }
        /// The merge's second output's extension: csv (a sweep) or md (a grouping).
        var secondFormat: String { work == .sweep ? "csv" : "md" }

        /// The sweep's name as a job name: lowercase letters, digits and '-', at most 40.
        var jobName: String {
            let cleaned = sweepName.lowercased().map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? $0 : "-" }
            let name = String(cleaned.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            return "cloudplan-" + (name.isEmpty ? "sweep" : name)
        }
    }

    /// A single-quoted shell word; with a line break or control character, an ANSI-C quoted one
    /// (`$'…'`, each such character as `\xHH`), so that the word stays on one line.
    static func shellQuoted(_ s: String) -> String {
        guard hasControlCharacters(s) else { return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var out = "$'"
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "'"): out += "\\'"
            case 0..<0x20, 0x7F...0xFF: out += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out + "'"
    }

    /// `s` safe inside a comment or directive line of a script or manifest: every line break and
    /// control character written as `\u{…}`, so that nothing a user named can end the line.
    static func oneLine(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if Unicode.Scalar.breaksALine(c) {
                out += "\\u{" + String(c.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A double-quoted YAML scalar: backslash, quote, line breaks and control characters escaped.
    static func yamlQuoted(_ x: String) -> String {
        var out = "\""
        for c in x.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if Unicode.Scalar.breaksALine(c) {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// Whether `s` holds a line break or control character (refused in paths written to scripts).
    public static func hasControlCharacters(_ s: String) -> Bool { oneLine(s) != s }

    /// An `sbatch` script: `sbatch FILE` submits the array of `shards` tasks, each running shard
    /// `SLURM_ARRAY_TASK_ID`; task 0 submits the merge job, which waits for the whole array
    /// (`afterok`) and writes `results.json` and `results.csv` to the work folder.
    public static func slurm(_ s: Settings) -> String {
        let work = shellQuoted(s.workFolder)
        return """
            #!/bin/bash
            # \(s.what) '\(oneLine(s.sweepName))' (sha256 \(s.sweepSHA256)) as a Slurm job array of \(s.shards) shards.
            # Written by cloudplan \(s.command) --emit slurm. Submit with: sbatch THIS_FILE
            # The parts go to \(oneLine(s.workFolder))/parts, the merged results to \(oneLine(s.workFolder))/results.json (and .\(s.secondFormat)).
            #SBATCH --job-name=\(s.jobName)
            #SBATCH --array=0-\(s.shards - 1)
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=\(s.jobsPerShard)
            #SBATCH --output=\(oneLine(s.workFolder))/logs/shard-%a.out
            set -euo pipefail
            WORK=\(work)
            mkdir -p "$WORK/parts" "$WORK/logs"
            if [ "${SLURM_ARRAY_TASK_ID:-0}" = 0 ]; then
              # The merge runs once every task of this array has succeeded.
              sbatch --job-name=\(s.jobName)-merge --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --kill-on-invalid-dep=yes \\
                --output="$WORK/logs/merge.out" --wrap=\(shellQuoted(mergeCommand(s, quote: shellQuoted)))
            fi
            exec \(shardCommand(s, index: "$SLURM_ARRAY_TASK_ID"))

            """
    }

    /// One shard's command, the shard's number in the shell variable `index`.
    static func shardCommand(_ s: Settings, index: String) -> String {
        let cp = shellQuoted(s.cloudplan), file = shellQuoted(s.sweepFile), part = "--output \(shellQuoted(s.workFolder))/parts/part-\"\(index)\".jsonl"
        switch s.work {
        case .sweep:
            return "\(cp) sweep \(file) --quiet --jobs \(s.jobsPerShard) --shard \"\(index)/\(s.shards)\" \(part)"
        case .grouping(let options):
            return "\(cp) group \(file) \(options.map(shellQuoted).joined(separator: " ")) --shard \"\(index)/\(s.shards)\" \(part)"
        }
    }

    /// The merge: JSON, then CSV (a sweep) or Markdown (a grouping), of every part in the work folder.
    static func mergeCommand(_ s: Settings, quote: (String) -> String) -> String {
        let cp = quote(s.cloudplan), work = s.workFolder
        let merge: String
        switch s.work {
        case .sweep: merge = "\(cp) merge \(quote(work))/parts/part-*.jsonl"
        case .grouping(let options):
            merge = "\(cp) group \(quote(s.sweepFile)) \(options.map(quote).joined(separator: " ")) --merge \(quote(work))/parts/part-*.jsonl"
        }
        let second = s.secondFormat == "md" ? "markdown" : s.secondFormat
        return "\(merge) --format json --output \(quote(work + "/results.json"))"
            + " && \(merge) --format \(second) --output \(quote(work + "/results.\(s.secondFormat)"))"
    }

    /// A Kubernetes manifest: an Indexed Job of `shards` completions (each pod runs shard
    /// `JOB_COMPLETION_INDEX`, writing its part to the volume claim), and a merge Job to apply
    /// once the first completes (`kubectl wait --for=condition=complete job/NAME`).
    public static func kubernetes(_ s: Settings) -> String {
        let name = s.jobName
        let shard = "exec " + shardCommand(s, index: "$JOB_COMPLETION_INDEX")
        let prepare = "mkdir -p \(shellQuoted(s.workFolder + "/parts")) && "
        func job(_ jobName: String, indexed: Bool, command: String) -> String {
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(jobName)
              labels: {app.kubernetes.io/name: cloudplan, cloudplan/step: \(indexed ? "shards" : "merge"), cloudplan/sweep: \(name)}
              annotations: {cloudplan/sweep-sha256: "\(s.sweepSHA256)"}
            spec:
            \(indexed ? "  completionMode: Indexed\n  completions: \(s.shards)\n  parallelism: \(s.shards)\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 0\n" : "  completions: 1\n  backoffLimit: 1\n")  template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: \(indexed ? "shard" : "merge")
                      image: \(yamlQuoted(s.image))
                      command: ["/bin/sh", "-c", \(yamlQuoted(command))]
                      resources:
                        requests: {cpu: "\(indexed ? s.jobsPerShard : 1)", memory: 1Gi}
                      volumeMounts:
                        - {name: work, mountPath: \(yamlQuoted(s.workFolder))}
                  volumes:
                    - name: work
                      persistentVolumeClaim: {claimName: \(yamlQuoted(s.volumeClaim))}

            """
        }
        return """
            # \(s.what) '\(oneLine(s.sweepName))' (sha256 \(s.sweepSHA256)) as a Kubernetes Indexed Job of \(s.shards) shards.
            # Written by cloudplan \(s.command) --emit k8s. Run with:
            #   kubectl apply -f THIS_FILE -l cloudplan/step=shards
            #   kubectl wait --for=condition=complete --timeout=24h job/\(name)
            #   kubectl apply -f THIS_FILE -l cloudplan/step=merge
            # The image must hold cloudplan at \(s.cloudplan) and the sweep's files at \(s.sweepFile);
            # the claim \(oneLine(s.volumeClaim)) is mounted at \(oneLine(s.workFolder)) in every pod (ReadWriteMany).
            ---
            \(job(name, indexed: true, command: prepare + shard))---
            \(job(name + "-merge", indexed: false, command: mergeCommand(s, quote: shellQuoted)))
            """
    }
}
