basic = <<EOT
Foo
Bar
EOT
indented = <<EOT
    Foo
      Bar
  EOT
flush = <<-EOT
    Foo
      Bar
    Baz
  EOT
flush_less = <<-EOT
    Foo
  Bar
  EOT
flush_blank = <<-EOT
    Foo

    Bar
  EOT
flush_interp = <<-EOT
    Foo
  ${"x"}
    Baz
  EOT
interp = <<EOT
Hello, ${var.who}!
Literal $${x} and %%{y}
EOT
empty = <<EOT
EOT
marker_inside = <<EOT
  not EOT here
  EOT
policy = <<POLICY
{
  "Version": "2012-10-17"
}
POLICY
dash-marker = <<EOT-1
text
EOT-1
after = "still parsed"
