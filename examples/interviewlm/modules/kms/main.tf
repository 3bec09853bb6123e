# Customer-managed encryption keys (CMEK) for data at rest: one key for Cloud SQL and one
# for Artifact Registry, rotated every 90 days. Each service agent may use only its own
# key. The service agents must exist before the grants (bootstrap runs
# `gcloud beta services identity create --service=sqladmin.googleapis.com` and the same
# for artifactregistry.googleapis.com; google_project_service_identity is beta-only).

locals {
  key_ring_name = "interviewlm-${var.environment}"

  keys = {
    cloudsql = {
      purpose_label = "cloudsql"
      agent         = "service-${var.project_number}@gcp-sa-cloud-sql.iam.gserviceaccount.com"
    }
    artifact-registry = {
      purpose_label = "artifact-registry"
      agent         = "service-${var.project_number}@gcp-sa-artifactregistry.iam.gserviceaccount.com"
    }
  }
}

resource "google_kms_key_ring" "ring" {
  project  = var.project_id
  name     = local.key_ring_name
  location = var.region
}

resource "google_kms_crypto_key" "key" {
  for_each = local.keys

  name            = each.key
  key_ring        = google_kms_key_ring.ring.id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = var.rotation_period
  labels          = merge(var.labels, { purpose = each.value.purpose_label })

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key_iam_member" "service_agent" {
  for_each = local.keys

  crypto_key_id = google_kms_crypto_key.key[each.key].id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${each.value.agent}"
}
