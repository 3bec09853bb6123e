# Cloud Storage: sessions (interview recordings, code snapshots) and artifacts (test
# results, terminal logs). Uniform bucket-level access, public access prevention
# enforced, object versioning, and the seed's lifecycle: Standard -> Nearline at 30 days
# -> Coldline at 90 days -> Archive at 365 days.

locals {
  buckets = {
    sessions = {
      purpose = "Interview recordings and code snapshots"
    }
    artifacts = {
      purpose = "Test results and terminal logs"
    }
  }
}

resource "google_storage_bucket" "bucket" {
  for_each = local.buckets

  project                     = var.project_id
  name                        = "${var.project_id}-${each.key}"
  location                    = var.location
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.force_destroy
  labels                      = merge(var.labels, { purpose = each.key })

  versioning {
    enabled = true
  }

  soft_delete_policy {
    retention_duration_seconds = 604800
  }

  # Standard -> Nearline after 30 days.
  lifecycle_rule {
    condition {
      age                   = 30
      matches_storage_class = ["STANDARD"]
      with_state            = "ANY"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }

  # Nearline -> Coldline after 90 days.
  lifecycle_rule {
    condition {
      age                   = 90
      matches_storage_class = ["NEARLINE"]
      with_state            = "ANY"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
  }

  # Coldline -> Archive after 365 days.
  lifecycle_rule {
    condition {
      age                   = 365
      matches_storage_class = ["COLDLINE"]
      with_state            = "ANY"
    }
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }
  }

  # Noncurrent versions (kept for recovery, RPO 0) are deleted after a year.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.noncurrent_version_retention_days
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}

# Resource-scoped grants: the seed's storage.objectAdmin (Cloud Run SA) and
# storage.admin (CI/CD SA) apply to these two buckets only, never the whole project.
resource "google_storage_bucket_iam_member" "run_object_admin" {
  for_each = local.buckets

  bucket = google_storage_bucket.bucket[each.key].name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${var.run_service_account_email}"
}

resource "google_storage_bucket_iam_member" "cicd_admin" {
  for_each = local.buckets

  bucket = google_storage_bucket.bucket[each.key].name
  role   = "roles/storage.admin"
  member = "serviceAccount:${var.cicd_service_account_email}"
}
