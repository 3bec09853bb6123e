import HCL

// Foundation also declares `Expression` (and Swift has `Attribute`-like names); these pin the
// HCL syntax types for the whole Terraform target.
typealias Expression = HCL.Expression
typealias Attribute = HCL.Attribute
typealias Block = HCL.Block
typealias Body = HCL.Body
typealias File = HCL.File
