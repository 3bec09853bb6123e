a = <<EOT
never
resource "x" "y" {
}
