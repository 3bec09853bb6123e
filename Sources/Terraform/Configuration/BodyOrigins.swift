import HCL

/// Which file each top-level part of a block was written in, once override files have been
/// merged into it. Terraform merges shallowly (`MergeBodies`, internal/configs/module_merge_body.go):
/// an override's argument replaces the argument of that name, and its nested blocks of one type
/// replace every block of that type — so the file is known per argument and per nested-block
/// type, and a nested block's whole subtree is in one file. Anything not listed here is in the
/// block's own (primary) file, so a block no override touched has empty origins.
struct BodyOrigins: Sendable, Equatable {
    /// Argument name → index into `Module.files`. `lifecycle` arguments, which Terraform merges
    /// one by one, are listed as `lifecycle.<name>`.
    var attributes: [String: Int] = [:]
    /// Nested-block type → index into `Module.files` (`dynamic "x"` counts as type `x`).
    var blocks: [String: Int] = [:]

    func file(ofAttribute name: String, default primary: Int) -> Int { attributes[name] ?? primary }

    func file(of block: Block, default primary: Int) -> Int { blocks[BodyOrigins.mergeType(block)] ?? primary }

    /// The type a nested block merges under: its label for `dynamic "x"` blocks, as Terraform's
    /// `prepareContent` treats a dynamic block and the static blocks it generates as one type.
    static func mergeType(_ b: Block) -> String { b.type == "dynamic" ? (b.labels.first ?? b.type) : b.type }

    /// Merges the body of an override block (written in file `file`) into `base`, recording
    /// the origin of everything it replaced. `prefix` qualifies the recorded names (`lifecycle.`).
    /// Arguments keep the base's order with replacements in place, new ones after; blocks of
    /// overridden types are dropped from the base and the override's appended, as in Terraform.
    static func merge(_ base: Body, _ override: Body, file: Int, origins: inout BodyOrigins, prefix: String = "") -> Body {
        var out = base
        for a in override.attributes {
            if let i = out.attributes.firstIndex(where: { $0.name == a.name }) {
                out.attributes[i] = a
            } else {
                out.attributes.append(a)
            }
            origins.attributes[prefix + a.name] = file
        }
        let replaced = Set(override.blocks.map(mergeType))
        if !replaced.isEmpty {
            out.blocks.removeAll { replaced.contains(mergeType($0)) }
            out.blocks += override.blocks
            for t in replaced { origins.blocks[prefix + t] = file }
        }
        return out
    }
}
