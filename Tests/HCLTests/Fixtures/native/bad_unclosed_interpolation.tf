a = "${var.x"
resource "x" "y" {
  c = 3
}
