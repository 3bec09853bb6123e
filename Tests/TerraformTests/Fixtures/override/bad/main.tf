variable "n" {
  default = "x"
}

locals {
  l = "l"
}

resource "google_storage_bucket" "ok" {
  name     = "ok"
  location = "EU"
}
