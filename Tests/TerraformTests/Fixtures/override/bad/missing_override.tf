resource "google_storage_bucket" "typo" {
  name = "x"
}
data "google_project" "none" {
  project_id = "p"
}
variable "undeclared" {
  default = 1
}
locals {
  nope = 1
}
output "none" {
  value = 1
}
module "none" {
  source = "./x"
}
moved {
  from = google_storage_bucket.a
  to   = google_storage_bucket.b
}
import {
  to = google_storage_bucket.ok
  id = "ok"
}
