provider "google" {
  project = "acme-prod"
  region  = "europe-west1"
}

# Overridden by main_override.tf and z_override.tf.json.
resource "google_storage_bucket" "data" {
  name                        = "acme-data"
  location                    = "EU"
  public_access_prevention    = "inherited"
  uniform_bucket_level_access = false
  storage_class               = "STANDARD"
  labels                      = { team = "platform" }

  versioning {
    enabled = false
  }

  lifecycle_rule {
    action {
      type = "Delete"
    }
    condition {
      age = 30
    }
  }

  lifecycle_rule {
    action {
      type = "Delete"
    }
    condition {
      age = 90
    }
  }

  lifecycle {
    prevent_destroy = false
    ignore_changes  = [labels]
  }
}

output "bucket_url" {
  value = google_storage_bucket.data.url
}
