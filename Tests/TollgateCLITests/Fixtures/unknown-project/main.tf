variable "project_id" {
  type = string
}

provider "google" {
  project = var.project_id
}

resource "google_storage_bucket" "a" {
  name                        = "acme-a"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "b" {
  name                        = "acme-b"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = true
  }
}
