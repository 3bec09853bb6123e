resource "google_storage_bucket" "data" {
  public_access_prevention = "enforced"
  # tollgate:ignore TG-GCS-002 reason="archive tier set by the override"
  labels = { team = "platform-override" }

  lifecycle_rule {
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
    condition {
      age = 365
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}
