variable "name" {
  type = string
}

variable "env" {
  type = string
}

resource "google_storage_bucket" "this" {
  count                       = 1
  name                        = var.name
  location                    = "EU"
  uniform_bucket_level_access = true
  labels = {
    env = var.env
  }
  versioning {
    enabled = var.env == "prod"
  }
}
