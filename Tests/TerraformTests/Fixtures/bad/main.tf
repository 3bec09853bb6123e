locals {
  a = local.b
  b = local.a
  c = "fine"
}

variable "n" {
  type    = number
  default = 1
}

resource "google_storage_bucket" "cyclic" {
  name     = local.a
  location = "EU"
}

resource "google_storage_bucket" "huge" {
  count    = 10000000
  name     = "b-${count.index}"
  location = "EU"
}

resource "google_storage_bucket" "range" {
  for_each = toset([for i in range(1000000) : tostring(i)])
  name     = each.key
  location = "EU"
}

resource "google_storage_bucket" "secret" {
  name     = "s"
  location = "EU"
  labels = {
    passwd = file("../../etc/passwd")
  }
}

module "rec" {
  source = "./modules/rec"
}

resource "google_storage_bucket" "ok" {
  name     = "ok-${local.c}-${var.n}"
  location = "EU"
}
