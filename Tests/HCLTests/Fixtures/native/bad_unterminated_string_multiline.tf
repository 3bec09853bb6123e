a = "abc
b = 2
resource "x" "y" {
  c = 3
}
