provider "google" {
  project = "acme-prod"
  region  = "europe-west1"
}

resource "google_storage_bucket" "logs" {
  count                       = 1
  name                        = "acme-logs-${count.index}"
  location                    = "EU"
  uniform_bucket_level_access = true # tollgate:ignore TG-GCS-002 reason="fixture"
  versioning {
    enabled = true
  }
}

data "google_project" "current" {}

module "db" {
  for_each = toset(["prod"])
  source   = "./modules/db"
}
