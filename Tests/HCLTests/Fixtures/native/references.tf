simple      = var.name
chain       = google_storage_bucket.b.name
indexed     = aws_instance.web[0].id
string_key  = local.map["key"].value
legacy      = aws_instance.web.0.id
splat       = aws_instance.web[*].id
attr_splat  = aws_instance.web.*.id
dynamic_idx = local.list[var.i]
dyn_str_idx = local.map["${var.k}"]
nested_call = upper(lower(var.a))
for_scoped  = [for x in var.list : x.name if x.enabled]
for_kv      = { for k, v in var.map : k => v.id if local.flag }
for_shadow  = [for var in var.vars : var.id]
for_outer   = [for x in var.xs : [for y in x.ys : y + local.z]]
template    = "${var.a}-${local.b}"
conditional = var.c ? module.m.out : data.d.e.f
object_key  = { (var.key) = 1, literal = local.v }
ambiguous   = { a.b = 1 }
splat_each  = var.list[*].items[var.i]
paren_trav  = (var.x).attr
tuple_refs  = [var.a, var.a, var.b]
path        = path.module
count_idx   = count.index
each_val    = each.value.name
self_ref    = self.id
numbers     = var.list[1.5]
neg_index   = var.list[-1]
