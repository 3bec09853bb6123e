tuple        = [1, "two", true, null, [3], { four = 4 }]
tuple_trail  = [
  1,
  2,
]
empty_tuple  = []
object_eq    = { a = 1, b = "x" }
object_colon = { "a": 1, "b c": 2 }
object_nl    = {
  a = 1
  b = 2,
  c = 3
}
object_keys  = { true = 1, null = 2, 3 = "three", (4) = 4, "k${1}" = 5 }
empty_obj    = {}
arith        = 1 + 2 * 3 - 4 / 2 % 3
precedence   = (1 + 2) * 3
compare      = [1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 == 1, 1 != 2, "a" == "a", [1] == [1], null == null]
logic        = [true && false, true || false, !true, !false && true || false]
negation     = [-1, -(2 + 3), - -4, -1.5]
strings_math = "2" + 3
mixed_eq     = 1 == "1"
cond         = true ? "yes" : "no"
cond_false   = false ? 1 : 2
cond_unify   = true ? 1 : "a"
cond_nested  = false ? "a" : true ? "b" : "c"
cond_null    = true ? null : "x"
div_zero     = 1 / 0
mod_zero     = 1 % 0
bad_operand  = "x" + 1
bad_cond     = "maybe" ? 1 : 2
null_arith   = null + 1
index_tuple  = [10, 20, 30][1]
index_obj    = { a = { b = "deep" } }.a.b
index_str    = { a = 1 }["a"]
legacy_index = [[1, 2], [3, 4]].1
out_of_range = [1][5]
for_tuple    = [for x in [1, 2, 3] : x * 2]
for_if       = [for i, x in ["a", "b", "c"] : "${i}:${x}" if i != 1]
for_object   = { for k, v in { a = 1, b = 2 } : v => k }
for_group    = { for x in ["a", "b", "a"] : x => x... }
for_dup      = { for x in ["a", "a"] : x => x }
for_obj_iter = [for k, v in { z = 1, a = 2 } : k]
splat_full   = [{ a = 1 }, { a = 2 }][*].a
splat_attr   = [{ a = { b = 1 } }, { a = { b = 2 } }].*.a.b
splat_single = { a = 1 }[*].a
splat_null   = null[*]
call         = max(1, 2, 3)
call_expand  = max([1, 2]...)
call_newline = format(
  "%s-%s",
  "a",
  "b",
)
parens       = ((((1))))
big_mul      = 4294967296 * 4294967296
float_math   = 0.5 + 0.25
