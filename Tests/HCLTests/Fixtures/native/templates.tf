plain      = "hello ${"world"}"
wrap_num   = "${1 + 2}"
wrap_bool  = "${true}"
concat     = "a${1}b${2.5}c${true}"
nested     = "outer ${"inner ${"deep"}"}"
ref        = "hello ${var.name}!"
if_true    = "%{ if true }yes%{ else }no%{ endif }"
if_false   = "%{ if false }yes%{ else }no%{ endif }"
if_noelse  = "x%{ if 1 == 2 }never%{ endif }y"
for_dir    = "%{ for v in ["a", "b", "c"] }${v},%{ endfor }"
for_kv     = "%{ for k, v in {x = 1, y = 2} }${k}=${v};%{ endfor }"
strip      = "a   ${~ "b" ~}   c"
strip_dir  = <<EOT
items:
%{ for i in [1, 2, 3] ~}
  - ${i}
%{ endfor ~}
done
EOT
cond_ref   = "%{ if var.enabled }on%{ endif }"
for_ref    = "%{ for x in var.list }${x}${local.sep}%{ endfor }"
null_interp = "${null}"
list_interp = "${[1]}"
