a = "ok"
b = <<EOT
line
EOT
