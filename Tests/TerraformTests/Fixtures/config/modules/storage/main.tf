variable "project" {
  type = string
}

variable "env" {
  type = string
}

variable "buckets" {
  type = map(object({
    versioning = optional(bool, false)
    labels     = optional(map(string), {})
  }))
}

variable "delete_after_days" {
  type    = list(number)
  default = [30]
}

resource "google_storage_bucket" "this" {
  for_each                    = var.buckets
  name                        = "${var.project}-${var.env}-${each.key}"
  location                    = "EU"
  uniform_bucket_level_access = var.env == "prod"
  # tollgate:ignore TG-GCS-001 reason="fixture" expires=2027-01-01
  labels = merge({ env = var.env }, each.value.labels)

  versioning {
    enabled = each.value.versioning
  }

  lifecycle_rule {
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
    condition {
      age = 7
    }
  }

  dynamic "lifecycle_rule" {
    for_each = var.delete_after_days
    iterator = days
    content {
      action {
        type = "Delete"
      }
      condition {
        age = days.value
      }
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_service_account" "sa" {
  account_id = "storage-${var.env}"
}

data "google_iam_policy" "readers" {
  binding {
    role    = "roles/storage.objectViewer"
    members = ["serviceAccount:${google_service_account.sa.email}", "group:b@example.com"]
  }
}

output "bucket_urls" {
  value = { for k, b in google_storage_bucket.this : k => b.url }
}

output "sa_email" {
  value = google_service_account.sa.email
}

output "policy" {
  value = data.google_iam_policy.readers.policy_data
}
