variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "g" { default = "default" }
variable "n" {
  type    = number
  default = 1
}
variable "l" {
  type    = list(string)
  default = []
}
variable "secret" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}

output "all" {
  value = [var.a, var.b, var.c, var.d, var.e, var.f, var.g]
}
output "n" {
  value = var.n
}
output "l" {
  value = var.l
}
output "secret" {
  value     = var.secret
  sensitive = true
}
output "upper_secret" {
  value     = upper(var.secret)
  sensitive = true
}
